import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Checks of the Docker images and the Compose file, run without a Docker
// engine: see the "Production with Docker" section of README.md.
export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  test: {
    environment: "node",
    include: ["test/**/*.test.ts"],
    // The API tests' guard: console errors and warnings fail the test that caused them.
    setupFiles: ["../api/test/support/console-guard.ts"],
    testTimeout: 30_000,
    // The smoke tests install packages from the registry and build the apps.
    hookTimeout: 240_000,
  },
});
