import { Navigate, type RouteObject } from "react-router";
import { NotFound } from "../components/States";
import { AnalyticsPage } from "../features/analytics/components/AnalyticsPage";
import { AssistantPage } from "../features/assistants/components/AssistantPage";
import { AssistantsPage } from "../features/assistants/components/AssistantsPage";
import { NewAssistantPage } from "../features/assistants/components/NewAssistantPage";
import { LoginPage } from "../features/auth/components/LoginPage";
import { RegisterPage } from "../features/auth/components/RegisterPage";
import { RedirectIfSignedIn, RequireAuth } from "../features/auth/components/RequireAuth";
import { ChatPage } from "../features/chats/components/ChatPage";
import { ChatsPage } from "../features/chats/components/ChatsPage";
import { Layout } from "./Layout";
import { Root } from "./Root";

/**
 * Every page. A data router serves them (createBrowserRouter / createMemoryRouter),
 * which is what lets a form with unsaved changes hold navigation (useBlocker).
 * Later pages (settings, inbox, API keys) go next to the others under Layout.
 */
export const routes: RouteObject[] = [
  {
    element: <Root />,
    children: [
      {
        path: "/login",
        element: (
          <RedirectIfSignedIn>
            <LoginPage />
          </RedirectIfSignedIn>
        ),
      },
      {
        path: "/register",
        element: (
          <RedirectIfSignedIn>
            <RegisterPage />
          </RedirectIfSignedIn>
        ),
      },
      {
        element: (
          <RequireAuth>
            <Layout />
          </RequireAuth>
        ),
        children: [
          { index: true, element: <Navigate to="/analytics" replace /> },
          { path: "analytics", element: <AnalyticsPage /> },
          { path: "assistants", element: <AssistantsPage /> },
          { path: "assistants/new", element: <NewAssistantPage /> },
          { path: "assistants/:id", element: <AssistantPage /> },
          { path: "chats", element: <ChatsPage /> },
          { path: "chats/:id", element: <ChatPage /> },
          { path: "*", element: <NotFound /> },
        ],
      },
    ],
  },
];
