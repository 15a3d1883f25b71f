import { screen } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { apiError, session } from "../../../test/fixtures";
import { location, renderApp } from "../../../test/render";
import { api, server } from "../../../test/server";

async function fillForm(user: Awaited<ReturnType<typeof renderApp>>["user"]) {
  await user.type(screen.getByLabelText("Full name"), "Ada Lovelace");
  await user.type(screen.getByLabelText("Work e-mail"), "ada@acme.test");
  await user.type(screen.getByLabelText("Password"), "analytical engine");
  await user.type(screen.getByLabelText(/Workspace name/), "Acme");
  await user.click(screen.getByRole("button", { name: "Create account" }));
}

describe("register", () => {
  it("shows every problem at once, before calling the API", async () => {
    const { user } = await renderApp("/register", { role: null });
    await user.type(screen.getByLabelText("Work e-mail"), "ada@localhost");
    await user.type(screen.getByLabelText("Password"), "short");
    await user.type(screen.getByLabelText(/Workspace name/), "x".repeat(100));
    await user.click(screen.getByRole("button", { name: "Create account" }));

    expect(screen.getByLabelText("Full name")).toHaveAccessibleDescription("Enter your name.");
    expect(screen.getByLabelText("Work e-mail")).toHaveAccessibleDescription("Enter an e-mail address like name@example.com.");
    expect(screen.getByLabelText("Password")).toHaveAccessibleDescription(/^Use at least 8 characters\./);
    expect(screen.getByLabelText(/Workspace name/)).not.toHaveAttribute("aria-invalid");
    for (const label of ["Full name", "Work e-mail", "Password"]) {
      expect(screen.getByLabelText(label)).toHaveAttribute("aria-invalid", "true");
    }
    // Focus goes to the first field to fix.
    expect(screen.getByLabelText("Full name")).toHaveFocus();
  });

  it("shows a 422 next to the field named by details.field", async () => {
    server.use(
      http.post(api("/auth/register"), () =>
        HttpResponse.json(apiError("validation_failed", "`email` must be an e-mail address like name@example.com", { field: "email" }), {
          status: 422,
        }),
      ),
    );
    const { user } = await renderApp("/register", { role: null });
    await fillForm(user);

    const email = screen.getByLabelText("Work e-mail");
    const shown = "Enter an e-mail address like name@example.com, at most 254 characters.";
    expect(await screen.findByText(shown)).toBeInTheDocument();
    // The API's own wording never reaches the page.
    expect(screen.queryByText(/must be an e-mail address/i)).not.toBeInTheDocument();
    expect(email).toHaveAttribute("aria-invalid", "true");
    expect(email).toHaveAccessibleDescription(shown);
    expect(email).toHaveFocus();
    expect(screen.getByLabelText("Full name")).not.toHaveAttribute("aria-invalid");
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();

    // Editing the field clears its message.
    await user.type(email, "x");
    expect(email).not.toHaveAttribute("aria-invalid");
  });

  it("puts a taken e-mail on the e-mail field", async () => {
    server.use(
      http.post(api("/auth/register"), () =>
        HttpResponse.json(apiError("email_taken", "an account with this e-mail already exists; sign in instead"), { status: 409 }),
      ),
    );
    const { user } = await renderApp("/register", { role: null });
    await fillForm(user);
    expect(await screen.findByText(/An account with this e-mail already exists/)).toBeInTheDocument();
  });

  it("creates the account and signs in", async () => {
    let sent: unknown;
    server.use(
      http.post(api("/auth/register"), async ({ request }) => {
        sent = await request.json();
        return HttpResponse.json(session("owner"), { status: 201 });
      }),
      http.get(api("/auth/me"), () => HttpResponse.json(session("owner"))),
      http.get(api("/assistants"), () => HttpResponse.json({ data: [] })),
    );
    const { user } = await renderApp("/register", { role: null });
    await fillForm(user);

    expect(await screen.findByRole("heading", { name: "No assistants yet" })).toBeInTheDocument();
    expect(location.current).toBe("/assistants");
    expect(sent).toEqual({ full_name: "Ada Lovelace", email: "ada@acme.test", password: "analytical engine", workspace_name: "Acme" });
  });
});
