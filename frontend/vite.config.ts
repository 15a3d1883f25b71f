import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

// The API serves `dist/` at `/` (falling back to index.html for client routes)
// and itself at `/api/v1`, so the dashboard uses base `/` and relative API URLs.
const apiTarget = process.env.KREMNA_API_URL ?? "http://127.0.0.1:3100";

export default defineConfig({
  plugins: [react()],
  base: "/",
  server: {
    proxy: {
      "/api": { target: apiTarget, changeOrigin: false },
      "/widget": { target: apiTarget, changeOrigin: false },
    },
  },
  build: {
    outDir: "dist",
    sourcemap: false,
  },
  test: {
    environment: "happy-dom",
    environmentOptions: { happyDOM: { url: "http://localhost:3000/" } },
    setupFiles: ["./src/test/setup.ts"],
    include: ["src/**/*.test.{ts,tsx}"],
    restoreMocks: true,
    // Form tests type whole sentences through user-event; on a busy 2-core CI machine
    // that can pass the default 5 s without anything being wrong.
    testTimeout: 20_000,
  },
});
