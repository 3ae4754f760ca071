import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream } from "node:fs";
import { fileURLToPath } from "node:url";

const repositoryRoot = fileURLToPath(new URL("../../", import.meta.url));
const tsxCli = fileURLToPath(new URL("../../node_modules/tsx/dist/cli.mjs", import.meta.url));

const READY_TIMEOUT_MS = 90_000;
const READY_POLL_MS = 250;
const STOP_GRACE_MS = 5_000;

export interface ApiProcess {
  url: string;
  graphqlUrl: string;
  stop(): Promise<void>;
}

export interface ApiProcessOptions {
  port: number;
  issuer: string;
  audience: string;
  webOrigin: string;
  pgliteDir: string;
  /** Postgres URL; PGlite in `pgliteDir` when absent. */
  databaseUrl?: string;
  /** File that receives the API's JSON log lines, for diagnosing failures. */
  logFile: string;
}

/**
 * Runs the API as `tsx api/src/main.ts` and resolves once GET /readyz
 * returns 200. Uses Postgres at `databaseUrl` when given, else PGlite in
 * `pgliteDir`.
 */
export async function startApiProcess(options: ApiProcessOptions): Promise<ApiProcess> {
  const url = `http://127.0.0.1:${options.port}`;
  const log = createWriteStream(options.logFile);

  const child = spawn(process.execPath, [tsxCli, "api/src/main.ts"], {
    cwd: repositoryRoot,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      PATH: process.env["PATH"] ?? "",
      HOME: process.env["HOME"] ?? "",
      NODE_ENV: "test",
      HOST: "127.0.0.1",
      PORT: String(options.port),
      LOG_LEVEL: "info",
      AUTH0_ISSUER: options.issuer,
      // Blank values keep a developer's .env file from adding a second issuer or a database.
      AUTH0_DOMAIN: "",
      AUTH0_AUDIENCE: options.audience,
      CORS_ORIGINS: options.webOrigin,
      PGLITE_DIR: options.pgliteDir,
      DATABASE_URL: options.databaseUrl ?? "",
    },
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);

  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

  try {
    await waitUntilReady(`${url}/readyz`, exited, options.logFile);
  } catch (error) {
    await stopChild(child, exited);
    throw error;
  }

  return {
    url,
    graphqlUrl: `${url}/graphql`,
    stop: () => stopChild(child, exited),
  };
}

async function waitUntilReady(readyUrl: string, exited: Promise<number | null>, logFile: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let exitCode: number | null | undefined;
  void exited.then((code) => {
    exitCode = code;
  });

  while (Date.now() < deadline) {
    if (exitCode !== undefined) {
      throw new Error(`The API exited with code ${String(exitCode)} before it was ready; see ${logFile}.`);
    }
    try {
      const response = await fetch(readyUrl, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) {
        return;
      }
    } catch {
      // Not listening yet; poll again.
    }
    await new Promise((resolve) => setTimeout(resolve, READY_POLL_MS));
  }
  throw new Error(`The API did not answer ${readyUrl} with 200 within ${READY_TIMEOUT_MS} ms; see ${logFile}.`);
}

async function stopChild(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return;
  }
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), STOP_GRACE_MS);
  await exited;
  clearTimeout(timer);
}
