import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { startDevIssuer, type DevIssuer } from "@noticeboard/dev-issuer";

import { startStaticServer } from "../server/static-server.mjs";
import { startApiProcess, type ApiProcess } from "./api-process";
import { buildApp } from "./build-app";
import { findFreePort } from "./ports";
import { createScratchDatabase } from "./scratch-database";

const webRoot = fileURLToPath(new URL("..", import.meta.url));
export const OUTPUT_DIR = join(webRoot, "test-output");

export interface Stack {
  /** The app's URL in the browser, `http://localhost:<port>`. */
  appUrl: string;
  issuer: DevIssuer;
  api: ApiProcess;
  stop(): Promise<void>;
}

/**
 * Builds the app (unless `distDir` contains a build) and starts the dev issuer,
 * the API and the static server on loopback ports. Everything started here is stopped by `stop()`, also when
 * a later step fails.
 */
export async function startStack(options: { distDir?: string } = {}): Promise<Stack> {
  await mkdir(OUTPUT_DIR, { recursive: true });
  const tempDir = await mkdtemp(join(tmpdir(), "noticeboard-e2e-"));
  const stops: Array<() => Promise<void>> = [() => rm(tempDir, { recursive: true, force: true })];
  const stopAll = async () => {
    for (const stop of stops.reverse()) {
      await stop().catch((error: unknown) => console.error(`Stopping a test server failed: ${String(error)}`));
    }
  };

  try {
    let distDir = options.distDir;
    if (!distDir) {
      distDir = join(tempDir, "dist");
      await buildApp(distDir);
    }

    const webPort = await findFreePort();
    const apiPort = await findFreePort();
    // localhost, not 127.0.0.1: the issuer's URLs use localhost, and both
    // count as secure contexts, which the Auth0 SDK needs for Web Crypto.
    const appUrl = `http://localhost:${webPort}`;

    const issuer = await startDevIssuer({
      port: 0,
      dataDir: join(tempDir, "issuer"),
      webOrigins: [appUrl],
      redirectUris: [appUrl, `${appUrl}/`],
      logoutUrls: [appUrl, `${appUrl}/`],
    });
    stops.push(() => issuer.close());

    const adminUrl = process.env["TEST_DATABASE_URL"];
    const database = adminUrl ? await createScratchDatabase(adminUrl) : undefined;
    if (database) stops.push(database.drop);

    const api = await startApiProcess({
      port: apiPort,
      issuer: issuer.issuer,
      audience: issuer.audience,
      webOrigin: appUrl,
      pgliteDir: join(tempDir, "pglite"),
      ...(database ? { databaseUrl: database.url } : {}),
      logFile: join(OUTPUT_DIR, "api.log"),
    });
    stops.push(() => api.stop());

    const web = await startStaticServer({
      distDir,
      port: webPort,
      host: "127.0.0.1",
      env: {
        AUTH0_ISSUER: issuer.issuer,
        AUTH0_CLIENT_ID: issuer.clientId,
        AUTH0_AUDIENCE: issuer.audience,
        API_URL: api.graphqlUrl,
      },
      log: () => undefined,
    });
    stops.push(() => web.close());

    return { appUrl, issuer, api, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
