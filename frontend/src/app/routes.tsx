import type { ComponentType } from "react";
import { Navigate, type RouteObject } from "react-router";
import { NotFound } from "../components/States";
import { RedirectIfSignedIn, RequireAuth } from "../features/auth/components/RequireAuth";
import { Layout } from "./Layout";
import { Root } from "./Root";

// Each page is its own chunk, fetched when its route is first visited (the
// router waits for it, keeping the previous page on screen meanwhile). The
// frame (layout, sign-in guard, 404) stays in the main bundle.
const page = <T,>(load: () => Promise<T>, pick: (module: T) => ComponentType) => async () => ({
  Component: pick(await load()),
});

/**
 * Every page. A data router serves them (createBrowserRouter / createMemoryRouter),
 * which is what lets a form with unsaved changes hold navigation (useBlocker).
 * Later pages (settings, inbox, API keys) go next to the others under Layout,
 * with an entry in navigation.ts.
 */
export const routes: RouteObject[] = [
  {
    element: <Root />,
    children: [
      {
        path: "/login",
        element: <RedirectIfSignedIn />,
        children: [{ index: true, lazy: page(() => import("../features/auth/components/LoginPage"), (m) => m.LoginPage) }],
      },
      {
        path: "/register",
        element: <RedirectIfSignedIn />,
        children: [{ index: true, lazy: page(() => import("../features/auth/components/RegisterPage"), (m) => m.RegisterPage) }],
      },
      {
        path: "/invite/:token",
        lazy: page(() => import("../features/team/components/InvitePage"), (m) => m.InvitePage),
      },
      {
        element: (
          <RequireAuth>
            <Layout />
          </RequireAuth>
        ),
        children: [
          { index: true, element: <Navigate to="/analytics" replace /> },
          { path: "analytics", lazy: page(() => import("../features/analytics/components/AnalyticsPage"), (m) => m.AnalyticsPage) },
          { path: "assistants", lazy: page(() => import("../features/assistants/components/AssistantsPage"), (m) => m.AssistantsPage) },
          { path: "assistants/new", lazy: page(() => import("../features/assistants/components/NewAssistantPage"), (m) => m.NewAssistantPage) },
          { path: "assistants/:id", lazy: page(() => import("../features/assistants/components/AssistantPage"), (m) => m.AssistantPage) },
          { path: "knowledge", lazy: page(() => import("../features/knowledge/components/KnowledgePage"), (m) => m.KnowledgePage) },
          { path: "chats", lazy: page(() => import("../features/chats/components/ChatsPage"), (m) => m.ChatsPage) },
          { path: "chats/:id", lazy: page(() => import("../features/chats/components/ChatPage"), (m) => m.ChatPage) },
          { path: "settings/api-keys", lazy: page(() => import("../features/api-keys/components/ApiKeysPage"), (m) => m.ApiKeysPage) },
          { path: "settings/webhooks", lazy: page(() => import("../features/webhooks/components/WebhooksPage"), (m) => m.WebhooksPage) },
          { path: "team", lazy: page(() => import("../features/team/components/TeamPage"), (m) => m.TeamPage) },
          { path: "settings", lazy: page(() => import("../features/settings/components/SettingsPage"), (m) => m.SettingsPage) },
          { path: "*", element: <NotFound /> },
        ],
      },
    ],
  },
];
