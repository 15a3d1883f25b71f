import { screen, within } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { describe, expect, it, vi } from "vitest";
import { session } from "../../../test/fixtures";
import { renderApp } from "../../../test/render";
import { api, server } from "../../../test/server";

const me = session("admin");
const members = [
  { user_id: "0193a1b2-0000-7000-8000-0000000000b1", email: "owner@acme.test", full_name: "Olga Owner", role: "owner", joined_at: "2026-01-01T10:00:00Z" },
  { user_id: me.user.id, email: me.user.email, full_name: me.user.full_name, role: "admin", joined_at: "2026-01-02T10:00:00Z" },
  { user_id: "0193a1b2-0000-7000-8000-0000000000b3", email: "agent@acme.test", full_name: "Ali Agent", role: "agent", joined_at: "2026-01-03T10:00:00Z" },
];

describe("the team page", () => {
  it("lets an admin change agents but never owners, and shows a new link once", async () => {
    let changed: unknown = null;
    server.use(
      http.get(api("/members"), () => HttpResponse.json({ data: members })),
      http.get(api("/invitations"), () => HttpResponse.json({ data: [] })),
      http.patch(api("/members/:id"), async ({ request }) => {
        changed = await request.json();
        return HttpResponse.json({ ...members[2], role: "admin" });
      }),
      http.post(api("/invitations"), () =>
        HttpResponse.json(
          {
            invitation: { id: "0193a1b2-0000-7000-8000-0000000000c1", role: "agent", email: null, created_by: me.user.id, created_at: "2026-01-04T10:00:00Z", expires_at: "2026-01-11T10:00:00Z" },
            token: "tok",
            url: "http://kremna.test/invite/tok",
          },
          { status: 201 },
        ),
      ),
    );
    const { user } = await renderApp("/team", { session: me });
    const table = await screen.findByRole("table", { name: "Members" });
    expect(within(table).queryByRole("combobox", { name: "Role of Olga Owner" })).not.toBeInTheDocument();
    expect(within(table).queryByRole("button", { name: "Remove Olga Owner" })).not.toBeInTheDocument();
    const agentRole = within(table).getByRole("combobox", { name: "Role of Ali Agent" });
    // No "Owner" option for an admin.
    expect(within(agentRole).queryByRole("option", { name: "Owner" })).not.toBeInTheDocument();
    await user.selectOptions(agentRole, "admin");
    await vi.waitFor(() => expect(changed).toEqual({ role: "admin" }));

    await user.click(screen.getByRole("button", { name: "Create invitation link" }));
    expect(await screen.findByTestId("invite-url")).toHaveTextContent("http://kremna.test/invite/tok");
  });

  it("is read-only for agents", async () => {
    server.use(http.get(api("/members"), () => HttpResponse.json({ data: members })));
    await renderApp("/team", { role: "agent" });
    const table = await screen.findByRole("table", { name: "Members" });
    expect(within(table).queryAllByRole("combobox")).toHaveLength(0);
    expect(screen.queryByRole("button", { name: "Create invitation link" })).not.toBeInTheDocument();
  });
});
