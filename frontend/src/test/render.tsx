import { render } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { createMemoryRouter, type RouteObject } from "react-router";
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

/**
 * The app's routes with every lazy page already loaded (through the routes' own
 * loaders), so a test sees a page in the same render as in the app after its
 * chunk arrived, without waiting on module loading at each step.
 */
async function loaded(list: RouteObject[]): Promise<RouteObject[]> {
  return Promise.all(
    list.map(async (route) => {
      const { lazy, children, ...rest } = route;
      const resolved = typeof lazy === "function" ? await lazy() : {};
      return { ...rest, ...resolved, ...(children ? { children: await loaded(children) } : {}) } as RouteObject;
    }),
  );
}

let eagerRoutes: Promise<RouteObject[]> | undefined;

/** Renders the whole app at `path`, with the real routes, query layer and API client. */
export async function renderApp(path: string, { role = "owner", session }: Options = {}) {
  const signedIn = session ?? (role ? makeSession(role) : null);
  if (signedIn) {
    sessionStore.start(signedIn);
    const { user, tenant, workspaces } = signedIn;
    server.use(http.get(api("/auth/me"), () => HttpResponse.json({ user, tenant, workspaces })));
  }
  const queryClient = createQueryClient({ retry: false });
  eagerRoutes ??= loaded(routes);
  const router = createMemoryRouter(await eagerRoutes, { initialEntries: [path] });
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
