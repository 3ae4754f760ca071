#!/usr/bin/env node
// Serves the built app (web/dist) for production and for the browser tests.
//
//   PORT or WEB_PORT   TCP port (default 8080)
//   HOST               interface (default 127.0.0.1; use 0.0.0.0 in a container)
//   WEB_DIST           build directory (default: ../dist next to this file)
//   AUTH0_DOMAIN or AUTH0_ISSUER, AUTH0_CLIENT_ID, AUTH0_AUDIENCE, API_URL
//                      handed to the browser as /config.json
import { fileURLToPath } from "node:url";

import { startStaticServer } from "./static-server.mjs";

const distDir = process.env.WEB_DIST ?? fileURLToPath(new URL("../dist", import.meta.url));
const port = Number(process.env.PORT ?? process.env.WEB_PORT ?? 8080);
const host = process.env.HOST ?? "127.0.0.1";

if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`Invalid PORT ${JSON.stringify(process.env.PORT ?? process.env.WEB_PORT)}: expected 0 to 65535.`);
  process.exit(2);
}

let server;
try {
  server = await startStaticServer({ distDir, port, host, env: process.env });
} catch (error) {
  console.error(`Failed to start the static server for ${distDir}: ${String(error)}. Run \`npm run build -w web\` first.`);
  process.exit(1);
}

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, () => {
    void server.close().then(() => process.exit(0));
  });
}
