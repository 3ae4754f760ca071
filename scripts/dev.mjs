#!/usr/bin/env node
/**
 * `npm run dev`: starts the local development issuer, the API and the web app
 * with settings that fit together, prefixes each one's output with its name,
 * and stops all of them when one exits or on Ctrl-C / SIGTERM.
 *
 * With AUTH0_DOMAIN set (environment or .env) a real Auth0 tenant is used:
 * the local issuer is not started and the AUTH0_* settings pass through unchanged.
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import dotenv from "dotenv";

const root = fileURLToPath(new URL("../", import.meta.url));

// Values already in the environment win over .env, so a one-off override on the command line works.
dotenv.config({ path: path.join(root, ".env"), quiet: true });

const DEFAULT_AUDIENCE = "https://noticeboard.example/api";
const DEFAULT_CLIENT_ID = "noticeboard-dev";
const ISSUER_READY_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 5_000;

// Mirrors SEEDED_USERS in dev-issuer/src/users.ts, which this plain script cannot import.
const SEEDED_USERS = [
  ["dev|alice", "Alice Example", ""],
  ["dev|bob", "Bob Example", ""],
  ["dev|maya", "Maya Moderator", "moderate:posts"],
];

const colors = process.stdout.isTTY ? { issuer: 35, api: 36, web: 32, dev: 33 } : undefined;

/** Writes `line` with a `[name]` prefix, coloured when the output is a terminal. */
function printLine(name, line, stream = process.stdout) {
  const label = `[${name}]`.padEnd(8);
  const code = colors?.[name];
  stream.write(`${code === undefined ? label : `\u001b[${code}m${label}\u001b[0m`} ${line}\n`);
}

function log(message) {
  printLine("dev", message);
}

function fail(message) {
  printLine("dev", message, process.stderr);
  process.exit(1);
}

function readPort(name, fallback) {
  const raw = process.env[name]?.trim();
  if (raw === undefined || raw === "") {
    return fallback;
  }
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    fail(`${name} is not a port number ("${raw}"): use a whole number from 1 to 65535`);
  }
  return port;
}

const apiPort = readPort("PORT", 4000);
const issuerPort = readPort("DEV_ISSUER_PORT", 4001);
const webPort = readPort("WEB_PORT", 5173);
const webOrigin = `http://localhost:${webPort}`;
const apiUrl = `http://localhost:${apiPort}/graphql`;
const useRealTenant = (process.env.AUTH0_DOMAIN ?? "").trim() !== "";

/** Environment of every child. In local mode the Auth0 settings point at the local issuer. */
function childEnvironment() {
  const shared = { ...process.env, PORT: String(apiPort), WEB_PORT: String(webPort), DEV_ISSUER_PORT: String(issuerPort) };
  // An empty value counts as unset, as it does for the API's own settings.
  shared.API_URL ||= apiUrl;
  shared.CORS_ORIGINS ||= webOrigin;
  if (useRealTenant) {
    return shared;
  }
  return {
    ...shared,
    AUTH0_ISSUER: `http://localhost:${issuerPort}/`,
    // Apollo Sandbox on the API's landing page opens with a token from here.
    SANDBOX_TOKEN_URL: process.env.SANDBOX_TOKEN_URL || `http://localhost:${issuerPort}/dev/token`,
    AUTH0_AUDIENCE: process.env.AUTH0_AUDIENCE || DEFAULT_AUDIENCE,
    AUTH0_CLIENT_ID: process.env.AUTH0_CLIENT_ID || DEFAULT_CLIENT_ID,
  };
}

/**
 * Checks that a workspace can be started: it has the npm script and its entry
 * file exists. The API and web app are written alongside this script, so either may be missing.
 */
function canStart(workspace, script, entry) {
  const manifestPath = path.join(root, workspace, "package.json");
  if (!existsSync(manifestPath)) {
    return `${workspace}/package.json does not exist`;
  }
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
  if (typeof manifest.scripts?.[script] !== "string") {
    return `${workspace}/package.json has no "${script}" script`;
  }
  if (!existsSync(path.join(root, workspace, entry))) {
    return `${workspace}/${entry} does not exist`;
  }
  return undefined;
}

/** Children by name. Each one leads its own process group. */
const children = new Map();
let stopping = false;

/**
 * Runs `npm run <script> -w <workspace>` in a new process group, so that
 * stopping it also stops what npm started (tsx, node, vite) and nothing else.
 */
function startChild(name, workspace, script, environment) {
  // npm_execpath is set when this script runs under `npm run`. Running it with node avoids a shell and npm.cmd on Windows.
  const npmCli = process.env.npm_execpath;
  const [command, args] = npmCli
    ? [process.execPath, [npmCli, "run", script, "-w", workspace]]
    : ["npm", ["run", script, "-w", workspace]];
  const child = spawn(command, args, {
    cwd: root,
    env: environment,
    stdio: ["ignore", "pipe", "pipe"],
    detached: process.platform !== "win32",
  });
  children.set(name, child);

  createInterface({ input: child.stdout }).on("line", (line) => printLine(name, line));
  createInterface({ input: child.stderr }).on("line", (line) => printLine(name, line, process.stderr));

  child.on("error", (error) => {
    printLine(name, `failed to start: ${error.message}`, process.stderr);
    stopAll(1);
  });
  child.on("exit", (code, signal) => {
    children.delete(name);
    if (stopping) {
      return;
    }
    const reason = signal === null ? `with code ${code}` : `on ${signal}`;
    printLine(name, `exited ${reason}, so the other servers are stopping too`, process.stderr);
    stopAll(code === 0 ? 1 : (code ?? 1));
  });
  return child;
}

function signalChild(child, signal) {
  try {
    if (process.platform === "win32") {
      child.kill(signal);
    } else {
      // A negative PID addresses the process group that this script created for the child.
      process.kill(-child.pid, signal);
    }
  } catch (error) {
    // ESRCH: the group already exited between the check and the signal.
    if (error.code !== "ESRCH") {
      throw error;
    }
  }
}

/** Sends SIGTERM to every child's process group, SIGKILL after a grace period, then exits with `exitCode`. */
function stopAll(exitCode) {
  if (stopping) {
    return;
  }
  stopping = true;
  for (const child of children.values()) {
    signalChild(child, "SIGTERM");
  }
  const deadline = setTimeout(() => {
    for (const [name, child] of children) {
      printLine(name, `did not stop within ${STOP_GRACE_MS / 1000} s, so it is killed`, process.stderr);
      signalChild(child, "SIGKILL");
    }
    process.exit(exitCode);
  }, STOP_GRACE_MS);
  const poll = setInterval(() => {
    if (children.size === 0) {
      clearInterval(poll);
      clearTimeout(deadline);
      process.exit(exitCode);
    }
  }, 50);
}

process.on("SIGINT", () => stopAll(0));
process.on("SIGTERM", () => stopAll(0));

/** Polls the issuer's discovery document until it responds, the issuer exits, or the timeout passes. */
async function waitForIssuer(issuer) {
  const url = `http://localhost:${issuerPort}/.well-known/openid-configuration`;
  const deadline = Date.now() + ISSUER_READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (issuer.exitCode !== null || stopping) {
      return false;
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (response.ok) {
        return true;
      }
    } catch {
      // Not listening yet. The deadline bounds the loop.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  printLine("dev", `timed out after ${ISSUER_READY_TIMEOUT_MS / 1000} s waiting for the issuer at ${url}: see the [issuer] lines above`, process.stderr);
  return false;
}

function printSummary(started) {
  const lines = ["", "Noticeboard development servers:"];
  if (started.has("web")) lines.push(`  web app  ${webOrigin}/`);
  if (started.has("api")) lines.push(`  API      ${apiUrl}`);
  if (useRealTenant) {
    lines.push(`  sign-in  Auth0 tenant ${process.env.AUTH0_DOMAIN} (AUTH0_DOMAIN is set, so the local issuer is off)`);
  } else {
    lines.push(`  issuer   http://localhost:${issuerPort}/  (local development issuer, no passwords)`);
    lines.push("  development users:");
    for (const [sub, name, permissions] of SEEDED_USERS) {
      lines.push(`    ${sub.padEnd(10)} ${name}${permissions === "" ? "" : ` (${permissions})`}`);
    }
  }
  lines.push("Press Ctrl-C to stop.", "");
  for (const line of lines) {
    log(line);
  }
}

async function main() {
  const environment = childEnvironment();
  const started = new Set();

  if (!useRealTenant) {
    const problem = canStart("dev-issuer", "start", "src/main.ts");
    if (problem !== undefined) {
      fail(`cannot start the development issuer: ${problem}`);
    }
    const issuer = startChild("issuer", "dev-issuer", "start", environment);
    if (!(await waitForIssuer(issuer))) {
      stopAll(1);
      return;
    }
    started.add("issuer");
  }

  for (const [name, workspace, entry] of [["api", "api", "src/main.ts"], ["web", "web", "index.html"]]) {
    const problem = canStart(workspace, "dev", entry);
    if (problem !== undefined) {
      log(`skipping ${name}: ${problem}`);
      continue;
    }
    if (stopping) {
      return;
    }
    startChild(name, workspace, "dev", environment);
    started.add(name);
  }

  if (children.size === 0) {
    fail("nothing to start: see the messages above");
  }
  printSummary(started);
}

main().catch((error) => {
  printLine("dev", `failed: ${error instanceof Error ? error.message : String(error)}`, process.stderr);
  stopAll(1);
});
