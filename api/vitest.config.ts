import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    // graphql ships ESM and CommonJS builds; @apollo/subgraph requires the
    // CommonJS one, so the tests must load the same file or graphql rejects
    // types "from another realm". Node itself resolves both to CommonJS.
    alias: { graphql: "graphql/index.js" },
  },
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/support/global-setup.ts"],
    setupFiles: ["test/support/console-guard.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Each file starts its own servers and databases; two at a time fit two cores.
    maxWorkers: 2,
  },
});
