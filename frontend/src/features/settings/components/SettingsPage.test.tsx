import { screen, waitFor } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { apiError, session } from "../../../test/fixtures";
import { renderApp } from "../../../test/render";
import { api, server } from "../../../test/server";

describe("the settings page", () => {
  it("keeps Save disabled until something changed, and shows every field error at once", async () => {
    const s = session("owner");
    let sent: unknown = null;
    server.use(
      http.patch(api("/auth/me"), async ({ request }) => {
        sent = await request.json();
        return HttpResponse.json({ ...s.user, full_name: "Ada King" });
      }),
    );
    const { user } = await renderApp("/settings", { session: s });
    await screen.findByRole("heading", { name: "Profile" });
    const [workspaceSave, profileSave] = screen.getAllByRole("button", { name: "Save changes" });
    expect(workspaceSave).toBeDisabled();
    expect(profileSave).toBeDisabled();

    const name = screen.getByLabelText("Full name");
    const email = screen.getByLabelText("Work e-mail");
    await user.clear(name);
    await user.clear(email);
    await user.type(email, "not-an-email");
    expect(profileSave).toBeEnabled();
    await user.click(profileSave!);
    expect(screen.getByText("Enter your name.")).toBeInTheDocument();
    expect(screen.getByLabelText("Work e-mail")).toHaveAttribute("aria-invalid", "true");
    expect(sent).toBeNull();

    await user.type(name, "Ada King");
    await user.clear(email);
    await user.type(email, s.user.email);
    await user.click(profileSave!);
    expect(await screen.findByText("Saved.")).toBeInTheDocument();
    expect(sent).toEqual({ full_name: "Ada King", email: s.user.email });
  });

  it("keeps the typed profile when the session expires on Save, and restores it after signing in again", async () => {
    const s = session("owner");
    let expired = true;
    let sent: unknown = null;
    server.use(
      http.patch(api("/auth/me"), async ({ request }) => {
        if (expired) return HttpResponse.json(apiError("token_expired", "the access token has expired"), { status: 401 });
        sent = await request.json();
        return HttpResponse.json({ ...s.user, full_name: "Ada King" });
      }),
      http.post(api("/auth/login"), () => HttpResponse.json(s)),
    );
    const { user } = await renderApp("/settings", { session: s });
    const name = await screen.findByLabelText("Full name");
    await user.clear(name);
    await user.type(name, "Ada King");
    await user.click(screen.getAllByRole("button", { name: "Save changes" })[1]!);

    expect(await screen.findByRole("heading", { name: "Sign in" })).toBeInTheDocument();
    expired = false;
    await user.type(screen.getByLabelText("E-mail"), s.user.email);
    await user.type(screen.getByLabelText("Password"), "correct horse battery");
    await user.click(screen.getByRole("button", { name: "Sign in" }));

    expect(await screen.findByLabelText("Full name")).toHaveValue("Ada King");
    await user.click(screen.getAllByRole("button", { name: "Save changes" })[1]!);
    expect(await screen.findByText("Saved.")).toBeInTheDocument();
    expect(sent).toEqual({ full_name: "Ada King", email: s.user.email });
    await waitFor(() => expect(window.sessionStorage.length).toBe(0));
  });

  it("links to the API documentation", async () => {
    await renderApp("/settings", { role: "agent" });
    expect(await screen.findByRole("link", { name: "Read the API documentation" })).toHaveAttribute("href", "/api/docs");
    expect(screen.getByLabelText("Workspace name")).toHaveAttribute("readonly");
  });
});
