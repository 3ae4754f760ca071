import { defineConfig } from "vitest/config";

// Browser tests: real Chromium against the dev issuer, the API and the built
// app, all started by stack.ts on loopback ports. Files run one at a time
// because they share nothing but would compete for CPU.
export default defineConfig({
  test: {
    root: new URL(".", import.meta.url).pathname,
    include: ["**/*.e2e.test.ts"],
    environment: "node",
    testTimeout: 60_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
