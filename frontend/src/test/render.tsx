import { render } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { createMemoryRouter } from "react-router";
import { createQueryClient } from "../api/queryClient";
import type { MemberRole, Session } from "../api/types";
import { App } from "../app/App";
import { routes } from "../app/routes";
import { sessionStore } from "../lib/session";
import { session as makeSession } from "./fixtures";
import { api, server } from "./server";

interface Options {
  /** Signed in with this role, or signed out with `null`. */
  role?: MemberRole | null;
  session?: Session;
}

/** Where the app's router is now (for asserting redirects). */
export const location = { current: "" };

/** Renders the whole app at `path`, with the real routes, query layer and API client. */
export function renderApp(path: string, { role = "owner", session }: Options = {}) {
  const signedIn = session ?? (role ? makeSession(role) : null);
  if (signedIn) {
    sessionStore.start(signedIn);
    const { user, tenant, workspaces } = signedIn;
    server.use(http.get(api("/auth/me"), () => HttpResponse.json({ user, tenant, workspaces })));
  }
  const queryClient = createQueryClient({ retry: false });
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const track = () => {
    const { pathname, search } = router.state.location;
    location.current = `${pathname}${search}`;
  };
  track();
  router.subscribe(track);
  const user = userEvent.setup();
  const view = render(<App queryClient={queryClient} router={router} />);
  return { ...view, user, queryClient, router };
}
