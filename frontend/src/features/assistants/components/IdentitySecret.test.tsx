import { screen, within } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { assistant } from "../../../test/fixtures";
import { renderApp } from "../../../test/render";
import { api, server } from "../../../test/server";

const SECRET = `kis_${"a1".repeat(32)}`;
const NEXT = `kis_${"b2".repeat(32)}`;

describe("identity verification on the assistant's page", () => {
  it("generates, reveals and rotates the secret, with the hashing snippets", async () => {
    let current: string | null = null;
    const base = assistant();
    server.use(
      http.get(api("/assistants/:id"), () => HttpResponse.json({ ...base, identity_verification: current !== null })),
      http.get(api("/assistants/:id/identity-secret"), () => HttpResponse.json({ secret: current })),
      http.post(api("/assistants/:id/identity-secret/rotate"), () => {
        current = current === null ? SECRET : NEXT;
        return HttpResponse.json({ secret: current });
      }),
    );
    const { user } = await renderApp(`/assistants/${base.id}`);
    const card = await screen.findByRole("region", { name: /Identity verification/ });
    expect(within(card).getByText("Off")).toBeInTheDocument();
    expect(within(card).getByRole("region", { name: "Node.js example" })).toHaveTextContent('createHmac("sha256"');
    expect(within(card).getByRole("region", { name: "Python example" })).toHaveTextContent("hashlib.sha256");

    await user.click(within(card).getByRole("button", { name: "Generate secret" }));
    expect(await within(card).findByTestId("identity-secret")).toHaveTextContent(SECRET);
    expect(within(card).getByText("On")).toBeInTheDocument();
    expect(within(card).getByRole("button", { name: "Copy secret" })).toBeInTheDocument();

    await user.click(within(card).getByRole("button", { name: "Hide" }));
    expect(within(card).queryByTestId("identity-secret")).not.toBeInTheDocument();
    await user.click(within(card).getByRole("button", { name: "Reveal secret" }));
    expect(await within(card).findByTestId("identity-secret")).toHaveTextContent(SECRET);

    await user.click(within(card).getByRole("button", { name: "Rotate secret" }));
    const dialog = await screen.findByRole("dialog", { name: "Rotate the identity secret?" });
    await user.click(within(dialog).getByRole("button", { name: "Rotate secret" }));
    expect(await within(card).findByText(NEXT)).toBeInTheDocument();
  });

  it("is not shown to agents (the secret is for admins)", async () => {
    const base = assistant();
    server.use(http.get(api("/assistants/:id"), () => HttpResponse.json(base)));
    await renderApp(`/assistants/${base.id}`, { role: "agent" });
    await screen.findByRole("heading", { name: "Embed on your website" });
    expect(screen.queryByRole("region", { name: /Identity verification/ })).not.toBeInTheDocument();
  });
});
