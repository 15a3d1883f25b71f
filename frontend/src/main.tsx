import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter } from "react-router";
import { createQueryClient } from "./api/queryClient";
import { App } from "./app/App";
import "./styles.css";

const root = document.getElementById("root");
if (!root) throw new Error("#root is missing from index.html");

const queryClient = createQueryClient();

createRoot(root).render(
  <StrictMode>
    <App queryClient={queryClient} router={(children) => <BrowserRouter>{children}</BrowserRouter>} />
  </StrictMode>,
);
