import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(__dirname, "src"),
      // `server-only` throws outside React Server Components; tests call services directly.
      "server-only": path.resolve(__dirname, "tests/helpers/empty-module.ts"),
    },
  },
  test: {
    include: ["src/**/*.test.ts", "tests/integration/**/*.test.ts", "scripts/**/*.test.ts"],
    globalSetup: ["tests/helpers/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: "forks",
    maxWorkers: 2,
    reporters: ["default"],
    // Services read the configuration; tests run them as the demo does, whichever database is under them.
    env: { LOG_LEVEL: "error", APP_MODE: "demo" },
  },
});
