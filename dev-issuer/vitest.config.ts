import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    environment: "node",
    // The browser tests start Chromium and the CLI tests start tsx, which can take seconds on a loaded machine.
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
