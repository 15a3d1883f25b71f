import { screen, within } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { apiError, assistant, session } from "../../../test/fixtures";
import { location, renderApp } from "../../../test/render";
import { api, server } from "../../../test/server";

describe("sign in", () => {
  it("shows the API's 401 as a message and stays on the form", async () => {
    let sent: unknown;
    server.use(
      http.post(api("/auth/login"), async ({ request }) => {
        sent = await request.json();
        return HttpResponse.json(apiError("invalid_credentials", "the e-mail or password is wrong"), { status: 401 });
      }),
    );
    const { user } = await renderApp("/login", { role: null });

    await user.type(screen.getByLabelText("E-mail"), "ada@acme.test");
    await user.type(screen.getByLabelText("Password"), "wrong password");
    await user.click(screen.getByRole("button", { name: "Sign in" }));

    expect(await screen.findByRole("alert")).toHaveTextContent("The e-mail or password is wrong.");
    expect(sent).toEqual({ email: "ada@acme.test", password: "wrong password" });
    expect(location.current).toBe("/login");
    expect(screen.getByRole("button", { name: "Sign in" })).toBeEnabled();
  });

  it("asks for both fields before calling the API", async () => {
    const { user } = await renderApp("/login", { role: null });
    await user.click(screen.getByRole("button", { name: "Sign in" }));
    expect(screen.getByLabelText("E-mail")).toHaveAccessibleDescription("Enter your e-mail address.");
    expect(screen.getByLabelText("Password")).toHaveAccessibleDescription("Enter your password.");
  });

  it("signs in and lands on the assistants, showing the workspace and role", async () => {
    server.use(
      http.post(api("/auth/login"), () => HttpResponse.json(session("admin"))),
      http.get(api("/auth/me"), () => HttpResponse.json({ ...session("admin"), access_token: undefined })),
      http.get(api("/assistants"), () => HttpResponse.json({ data: [assistant()] })),
    );
    const { user } = await renderApp("/login", { role: null });

    await user.type(screen.getByLabelText("E-mail"), "ada@acme.test");
    await user.type(screen.getByLabelText("Password"), "correct horse battery");
    await user.click(screen.getByRole("button", { name: "Sign in" }));

    expect(await screen.findByRole("heading", { name: "Assistants", level: 1 })).toBeInTheDocument();
    expect(location.current).toBe("/assistants");
    expect(within(screen.getByRole("group", { name: "Workspace" })).getByText("Acme Support")).toBeInTheDocument();
    expect(within(screen.getByRole("group", { name: "Workspace" })).getByText("Admin")).toBeInTheDocument();
    expect(window.localStorage.getItem("kremna.session")).toContain("test-token");
  });

  it("sends an expired token back to sign-in with a message", async () => {
    server.use(
      http.get(api("/assistants"), () => HttpResponse.json(apiError("token_expired", "the access token has expired"), { status: 401 })),
    );
    await renderApp("/assistants");

    expect(await screen.findByRole("heading", { name: "Sign in" })).toBeInTheDocument();
    expect(screen.getByText("Your session has expired. Sign in again to continue.").closest("[role=status]")).toBeInTheDocument();
    expect(location.current).toBe("/login");
    expect(window.localStorage.getItem("kremna.session")).toBeNull();
  });

  it("signs out from the layout, revoking the token on the server", async () => {
    const revoked: string[] = [];
    server.use(
      http.get(api("/assistants"), () => HttpResponse.json({ data: [] })),
      http.post(api("/auth/logout"), ({ request }) => {
        revoked.push(request.headers.get("authorization") ?? "");
        return new HttpResponse(null, { status: 204 });
      }),
    );
    const { user } = await renderApp("/assistants");
    await user.click(await screen.findByRole("button", { name: "Sign out" }));
    expect(await screen.findByRole("heading", { name: "Sign in" })).toBeInTheDocument();
    expect(window.localStorage.getItem("kremna.session")).toBeNull();
    expect(revoked).toHaveLength(1);
    expect(revoked[0]).toMatch(/^Bearer /);
  });

  it("signs out everywhere from the layout", async () => {
    let everywhere = 0;
    server.use(
      http.get(api("/assistants"), () => HttpResponse.json({ data: [] })),
      http.post(api("/auth/logout-all"), () => {
        everywhere += 1;
        return new HttpResponse(null, { status: 204 });
      }),
    );
    const { user } = await renderApp("/assistants");
    await user.click(await screen.findByRole("button", { name: "Sign out everywhere" }));
    expect(await screen.findByRole("heading", { name: "Sign in" })).toBeInTheDocument();
    expect(window.localStorage.getItem("kremna.session")).toBeNull();
    expect(everywhere).toBe(1);
  });

  it("signs out locally even when the server cannot be reached", async () => {
    server.use(
      http.get(api("/assistants"), () => HttpResponse.json({ data: [] })),
      http.post(api("/auth/logout"), () => HttpResponse.error()),
    );
    const { user } = await renderApp("/assistants");
    await user.click(await screen.findByRole("button", { name: "Sign out" }));
    expect(await screen.findByRole("heading", { name: "Sign in" })).toBeInTheDocument();
    expect(window.localStorage.getItem("kremna.session")).toBeNull();
  });
});
