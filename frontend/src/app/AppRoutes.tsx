import { Navigate, Route, Routes } from "react-router";
import { AnalyticsPage } from "../features/analytics/components/AnalyticsPage";
import { AssistantPage } from "../features/assistants/components/AssistantPage";
import { AssistantsPage } from "../features/assistants/components/AssistantsPage";
import { NewAssistantPage } from "../features/assistants/components/NewAssistantPage";
import { LoginPage } from "../features/auth/components/LoginPage";
import { RegisterPage } from "../features/auth/components/RegisterPage";
import { RedirectIfSignedIn, RequireAuth } from "../features/auth/components/RequireAuth";
import { ChatPage } from "../features/chats/components/ChatPage";
import { ChatsPage } from "../features/chats/components/ChatsPage";
import { NotFound } from "../components/States";
import { Layout } from "./Layout";
import { TitleAndFocus } from "./TitleAndFocus";

export function AppRoutes() {
  return (
    <>
      <TitleAndFocus />
      <Routes>
        <Route
          path="/login"
          element={
            <RedirectIfSignedIn>
              <LoginPage />
            </RedirectIfSignedIn>
          }
        />
        <Route
          path="/register"
          element={
            <RedirectIfSignedIn>
              <RegisterPage />
            </RedirectIfSignedIn>
          }
        />
        <Route
          element={
            <RequireAuth>
              <Layout />
            </RequireAuth>
          }
        >
          <Route index element={<Navigate to="/analytics" replace />} />
          <Route path="analytics" element={<AnalyticsPage />} />
          <Route path="assistants" element={<AssistantsPage />} />
          <Route path="assistants/new" element={<NewAssistantPage />} />
          <Route path="assistants/:id" element={<AssistantPage />} />
          <Route path="chats" element={<ChatsPage />} />
          <Route path="chats/:id" element={<ChatPage />} />
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </>
  );
}
