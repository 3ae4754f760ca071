import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

// Component tests in jsdom. The browser tests in e2e/ have their own config.
export default defineConfig({
  plugins: [react()],
  test: {
    environment: "jsdom",
    include: ["test/**/*.test.{ts,tsx}", "server/**/*.test.ts"],
    setupFiles: ["test/setup.ts"],
    restoreMocks: true,
  },
});
