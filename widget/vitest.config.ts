import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    environment: "happy-dom",
    environmentOptions: {
      // injected <script src> tags never load in tests; the test plays the bundle's part
      happyDOM: { settings: { handleDisabledFileLoadingAsSuccess: true } },
    },
    include: ["test/**/*.test.ts"],
  },
});
