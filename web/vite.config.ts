import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

import { runtimeConfigPlugin } from "./server/dev-config-plugin.js";

const port = Number(process.env.WEB_PORT ?? 5173);

export default defineConfig({
  plugins: [react(), runtimeConfigPlugin(process.env)],
  server: { host: "localhost", port, strictPort: true },
  preview: { host: "localhost", port, strictPort: true },
  build: { sourcemap: true },
});
