import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { createBrowserRouter } from "react-router";
import { createQueryClient } from "./api/queryClient";
import { App } from "./app/App";
import { routes } from "./app/routes";
import { initI18n } from "./i18n";
import { startTheme } from "./theme/theme";
import "./styles.css";

const root = document.getElementById("root");
if (!root) throw new Error("#root is missing from index.html");

startTheme();
const queryClient = createQueryClient();
const router = createBrowserRouter(routes);

// The visitor's catalogue is loaded before the first render: no flash of keys or of another language.
initI18n().then(
  () => {
    createRoot(root).render(
      <StrictMode>
        <App queryClient={queryClient} router={router} />
      </StrictMode>,
    );
  },
  () => {
    // Without a catalogue there are no words to show but these (in both languages).
    root.textContent = "Kremna could not load. Check your connection and reload the page. · Kremna yüklenemedi. Bağlantınızı kontrol edip sayfayı yenileyin.";
  },
);
