/**
 * Runs scripts/dev.mjs in a throwaway copy of the repository layout whose
 * workspaces are small stand-ins: each prints the settings it received and
 * its PID, then waits to be stopped. The real API and web app are not started.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { copyFile, mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";

const repositoryRoot = fileURLToPath(new URL("../../", import.meta.url));
const REPORTED = ["AUTH0_ISSUER", "AUTH0_AUDIENCE", "AUTH0_CLIENT_ID", "AUTH0_DOMAIN", "CORS_ORIGINS", "API_URL", "WEB_PORT", "PORT", "DEV_ISSUER_PORT"];

/** A workspace stand-in: reports its environment and PID as one JSON line, then runs until SIGTERM. */
const STAND_IN = `
const settings = Object.fromEntries(${JSON.stringify(REPORTED)}.map((name) => [name, process.env[name] ?? null]));
console.log("REPORT " + JSON.stringify({ name: process.argv[2], pid: process.pid, settings }));
if (process.argv[3] === "fail") process.exit(3);
if (process.argv[2] === "issuer") {
  const server = require("node:http").createServer((request, response) => response.end("{}"));
  server.listen(Number(process.env.DEV_ISSUER_PORT), "127.0.0.1");
}
setInterval(() => {}, 1000);
process.on("SIGTERM", () => process.exit(0));
`;

interface Layout {
  root: string;
  webEntry?: boolean;
  apiMode?: "run" | "fail";
}

async function createLayout(options: Omit<Layout, "root"> = {}): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), "dev-script-"));
  await writeFile(
    path.join(root, "package.json"),
    JSON.stringify({ name: "layout", private: true, workspaces: ["api", "dev-issuer", "web"] }),
  );
  // The script imports dotenv, which resolves from the real repository's node_modules.
  await symlink(path.join(repositoryRoot, "node_modules"), path.join(root, "node_modules"), "dir");
  await mkdir(path.join(root, "scripts"));
  await copyFile(path.join(repositoryRoot, "scripts", "dev.mjs"), path.join(root, "scripts", "dev.mjs"));
  await writeFile(path.join(root, "stand-in.cjs"), STAND_IN);

  const workspaces: [string, string, string, string][] = [
    ["dev-issuer", "start", "src/main.ts", "node ../stand-in.cjs issuer"],
    ["api", "dev", "src/main.ts", `node ../stand-in.cjs api ${options.apiMode === "fail" ? "fail" : "run"}`],
    ["web", "dev", "index.html", "node ../stand-in.cjs web"],
  ];
  for (const [workspace, script, entry, command] of workspaces) {
    await mkdir(path.join(root, workspace, "src"), { recursive: true });
    await writeFile(
      path.join(root, workspace, "package.json"),
      JSON.stringify({ name: `@layout/${workspace}`, private: true, scripts: { [script]: command } }),
    );
    if (workspace !== "web" || options.webEntry !== false) {
      await writeFile(path.join(root, workspace, entry), "");
    }
  }
  return root;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

interface Run {
  child: ChildProcess;
  output: () => string;
  reports: () => Map<string, { pid: number; settings: Record<string, string | null> }>;
  exited: Promise<number | null>;
}

function runDevScript(root: string, environment: Record<string, string>): Run {
  // The outer environment must not leak Auth0 settings or an npm workspace into the run.
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !REPORTED.includes(name) && name !== "npm_config_workspace"),
  );
  const child = spawn(process.execPath, ["scripts/dev.mjs"], {
    cwd: root,
    env: { ...inherited, ...environment },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return {
    child,
    output: () => output,
    reports: () => {
      const found = new Map<string, { pid: number; settings: Record<string, string | null> }>();
      for (const match of output.matchAll(/REPORT (\{.*\})/g)) {
        const report = JSON.parse(match[1] ?? "{}") as { name: string; pid: number; settings: Record<string, string | null> };
        found.set(report.name, report);
      }
      return found;
    },
    exited,
  };
}

/** Polls `condition` every 100 ms for at most `timeoutMs`. */
async function waitFor(condition: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) {
    await cleanup();
  }
});

async function start(layout: Omit<Layout, "root">, environment: Record<string, string> = {}) {
  const root = await createLayout(layout);
  const ports = { PORT: await freePort(), DEV_ISSUER_PORT: await freePort(), WEB_PORT: await freePort() };
  const run = runDevScript(root, {
    PORT: String(ports.PORT),
    DEV_ISSUER_PORT: String(ports.DEV_ISSUER_PORT),
    WEB_PORT: String(ports.WEB_PORT),
    ...environment,
  });
  cleanups.push(async () => {
    if (run.child.exitCode === null) {
      run.child.kill("SIGTERM");
      await run.exited;
    }
    await rm(root, { recursive: true, force: true });
  });
  return { root, ports, run };
}

describe("npm run dev script", () => {
  it("wires the local issuer into the API and web app", async () => {
    const { ports, run } = await start({});
    await waitFor(() => run.reports().has("api") && run.reports().has("web"));
    const reports = run.reports();
    const api = reports.get("api")?.settings ?? {};
    const web = reports.get("web")?.settings ?? {};

    expect(reports.has("issuer")).toBe(true);
    expect(api.AUTH0_ISSUER).toBe(`http://localhost:${ports.DEV_ISSUER_PORT}/`);
    expect(api.AUTH0_AUDIENCE).toBe("https://noticeboard.example/api");
    expect(api.CORS_ORIGINS).toBe(`http://localhost:${ports.WEB_PORT}`);
    expect(web.AUTH0_ISSUER).toBe(`http://localhost:${ports.DEV_ISSUER_PORT}/`);
    expect(web.AUTH0_CLIENT_ID).toBe("noticeboard-dev");
    expect(web.API_URL).toBe(`http://localhost:${ports.PORT}/graphql`);
    expect(web.WEB_PORT).toBe(String(ports.WEB_PORT));
    expect(run.output()).toMatch(/^\[api\]\s+REPORT /m);
    expect(run.output()).toContain("dev|maya");
  });

  it("stops every child on SIGTERM", async () => {
    const { run } = await start({});
    await waitFor(() => run.reports().size === 3);
    const pids = [...run.reports().values()].map((report) => report.pid);
    run.child.kill("SIGTERM");
    const code = await run.exited;
    await waitFor(() => pids.every((pid) => !isRunning(pid)), 5000);

    expect(code).toBe(0);
    for (const pid of pids) {
      expect(isRunning(pid), `child ${pid}`).toBe(false);
    }
  });

  it("stops everything when one child exits", async () => {
    const { run } = await start({ apiMode: "fail" });
    const code = await run.exited;
    const pids = [...run.reports().values()].map((report) => report.pid);
    await waitFor(() => pids.every((pid) => !isRunning(pid)), 5000);

    expect(code).not.toBe(0);
    expect(run.output()).toContain("exited with code 3");
  });

  it("skips a workspace without its entry file", async () => {
    const { run } = await start({ webEntry: false });
    await waitFor(() => run.reports().has("api"));

    expect(run.output()).toContain("skipping web: web/index.html does not exist");
    expect(run.reports().has("web")).toBe(false);
  });

  it("reads settings from .env", async () => {
    const root = await createLayout();
    await writeFile(path.join(root, ".env"), "AUTH0_AUDIENCE=https://from-env-file.example/api\n");
    const issuerPort = await freePort();
    const run = runDevScript(root, {
      PORT: String(await freePort()),
      DEV_ISSUER_PORT: String(issuerPort),
      WEB_PORT: String(await freePort()),
    });
    cleanups.push(async () => {
      run.child.kill("SIGTERM");
      await run.exited;
      await rm(root, { recursive: true, force: true });
    });
    await waitFor(() => run.reports().has("api"));

    expect(run.reports().get("api")?.settings.AUTH0_AUDIENCE).toBe("https://from-env-file.example/api");
  });

  it("passes a real tenant through unchanged", async () => {
    const { run } = await start({}, { AUTH0_DOMAIN: "tenant.example", AUTH0_AUDIENCE: "https://real.example/api", AUTH0_CLIENT_ID: "real-client" });
    await waitFor(() => run.reports().has("api") && run.reports().has("web"));
    const api = run.reports().get("api")?.settings ?? {};

    expect(run.reports().has("issuer")).toBe(false);
    expect(api.AUTH0_DOMAIN).toBe("tenant.example");
    expect(api.AUTH0_AUDIENCE).toBe("https://real.example/api");
    expect(api.AUTH0_CLIENT_ID).toBe("real-client");
    expect(api.AUTH0_ISSUER).toBeNull();
  });
});
