import type { ServerResponse } from "node:http";
import type { Plugin } from "vite";

import { LOCAL_DEV_DEFAULTS, readRuntimeConfig } from "./runtime-config.mjs";

/**
 * Serves /config.json from the environment during `vite` and `vite preview`,
 * as the production static server does. Unset settings fall back to the local
 * dev issuer and API, so `npm run dev` works without an .env file.
 */
export function runtimeConfigPlugin(env: Record<string, string | undefined>): Plugin {
  const body = JSON.stringify(readRuntimeConfig(env, LOCAL_DEV_DEFAULTS));

  const handler = (_request: unknown, response: ServerResponse) => {
    response.setHeader("content-type", "application/json; charset=utf-8");
    response.setHeader("cache-control", "no-store");
    response.end(body);
  };

  return {
    name: "noticeboard-runtime-config",
    configureServer(server) {
      server.middlewares.use("/config.json", handler);
    },
    configurePreviewServer(server) {
      server.middlewares.use("/config.json", handler);
    },
  };
}
