import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const apiFolder = fileURLToPath(new URL("../../", import.meta.url));

// Settings a developer's .env could supply; an empty value blocks the file
// (dotenv never overrides a variable that exists) and reads as unset.
const blockedFromDotenv = ["DATABASE_URL", "PGLITE_DIR", "METRICS_PORT", "CORS_ORIGINS", "SANDBOX_TOKEN_URL", "REDIS_URL"];

/** The API running as a child process, as in production: real signals, its own event loop. */
export interface ApiProcess {
  readonly pid: number;
  /** GraphQL endpoint, such as http://127.0.0.1:41234/graphql. */
  readonly graphqlUrl: string;
  /** Base URL, such as http://127.0.0.1:41234. */
  readonly url: string;
  /** Every JSON log line written so far; only those up to `api_started` without `retainLogs`. */
  readonly logs: ReadonlyArray<Record<string, unknown>>;
  /** Resolves with the exit code (null when a signal ended it) once the process has exited. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Sends SIGTERM and waits for the exit. */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface ApiProcessOptions {
  /** Time to wait for `api_started`; default 60000 ms. */
  readonly startTimeoutMs?: number;
  /** Keep parsing and storing log lines after the start; default true. A benchmark turns it off to save its own CPU and memory. */
  readonly retainLogs?: boolean;
}

/**
 * Starts `node --import tsx src/main.ts` with `env` over the parent's
 * environment and waits for its `api_started` log line.
 *
 * @throws when the process exits or stays silent for `startTimeoutMs` before it listens.
 */
export async function startApiProcess(env: Record<string, string>, options: ApiProcessOptions = {}): Promise<ApiProcess> {
  const startTimeoutMs = options.startTimeoutMs ?? 60_000;
  const blocked = Object.fromEntries(blockedFromDotenv.map((name) => [name, ""]));
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: apiFolder,
    env: { ...process.env, ...blocked, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const logs: Array<Record<string, unknown>> = [];
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });

  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    // "close" comes after stdout has been read to its end, unlike "exit", so the logs are complete.
    child.once("close", (code, signal) => resolve({ code, signal }));
  });

  const lines = createInterface({ input: child.stdout! });
  const graphqlUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`the API did not log api_started within ${startTimeoutMs} ms; stderr: ${stderr}`));
    }, startTimeoutMs);
    void exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`the API exited with code ${code} before it started; stderr: ${stderr}; logs: ${JSON.stringify(logs.slice(-3))}`));
    });
    lines.on("line", (line) => {
      let event: Record<string, unknown>;
      try {
        event = JSON.parse(line) as Record<string, unknown>;
      } catch {
        stderr += `${line}\n`;
        return;
      }
      logs.push(event);
      if (event["event"] === "api_started" && typeof event["url"] === "string") {
        clearTimeout(timer);
        resolve(event["url"]);
      }
    });
  });
  if (options.retainLogs === false) {
    lines.removeAllListeners("line");
    lines.close();
    // Keep reading, so a full pipe never blocks the API's writes.
    child.stdout!.resume();
  }

  return {
    pid: child.pid!,
    graphqlUrl,
    url: graphqlUrl.replace(/\/graphql$/, ""),
    logs,
    exited,
    stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      return exited;
    },
  };
}
