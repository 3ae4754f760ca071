import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, loadEnvironmentSettings, startDevIssuer } from "../src/index.js";
import { startTestIssuer } from "./support/oauth-client.js";

const packageRoot = fileURLToPath(new URL("../", import.meta.url));
let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), "dev-issuer-startup-"));
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** Runs the CLI entry with `environment` added and returns its exit code and stderr. The process is killed after 15 s. */
function runCli(environment: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      cwd: packageRoot,
      env: { ...process.env, ...environment },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
    child.on("error", reject);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

describe("production guard", () => {
  it("rejects startDevIssuer with NODE_ENV=production", async () => {
    await expect(
      startDevIssuer({ port: 0, dataDir: scratch, environment: { NODE_ENV: "production" } }),
    ).rejects.toThrow(/NODE_ENV=production/);
  });

  it("exits non-zero from the CLI with NODE_ENV=production", async () => {
    const { code, stderr } = await runCli({ NODE_ENV: "production", DEV_ISSUER_PORT: "0", DEV_ISSUER_DATA_DIR: scratch });

    expect(code).toBe(1);
    expect(stderr).toContain("cannot run with NODE_ENV=production");
  });
});

describe("configuration", () => {
  it("uses the documented defaults", () => {
    const settings = loadEnvironmentSettings({});

    expect(settings.port).toBe(4001);
    expect(settings.clientId).toBe("noticeboard-dev");
    expect(settings.audience).toBe("https://noticeboard.example/api");
    expect(settings.tokenTtlSeconds).toBe(3600);
    expect(settings.webOrigins).toEqual(["http://localhost:5173"]);
    expect(settings.redirectUris).toEqual(["http://localhost:5173", "http://localhost:5173/"]);
    expect(settings.logoutUrls).toEqual(["http://localhost:5173", "http://localhost:5173/"]);
    expect(settings.dataDir.endsWith(path.join(".data", "dev-issuer"))).toBe(true);
  });

  it("derives the allowlists from WEB_PORT", () => {
    const settings = loadEnvironmentSettings({ WEB_PORT: "5999" });

    expect(settings.webOrigins).toEqual(["http://localhost:5999"]);
    expect(settings.redirectUris).toContain("http://localhost:5999/");
  });

  it("names every invalid variable", () => {
    let caught: unknown;
    try {
      loadEnvironmentSettings({
        DEV_ISSUER_PORT: "70000",
        DEV_ISSUER_TOKEN_TTL_SECONDS: "60",
        DEV_ISSUER_WEB_ORIGINS: "http://localhost:5173/",
        DEV_ISSUER_REDIRECT_URIS: "not a url",
      });
    } catch (error) {
      caught = error;
    }

    expect(caught).toBeInstanceOf(ConfigError);
    const problems = (caught as ConfigError).problems.join("\n");
    expect(problems).toContain("DEV_ISSUER_PORT");
    expect(problems).toContain("DEV_ISSUER_TOKEN_TTL_SECONDS");
    expect(problems).toContain("DEV_ISSUER_WEB_ORIGINS");
    expect(problems).toContain("DEV_ISSUER_REDIRECT_URIS");
  });

  it("exits non-zero from the CLI on invalid settings", async () => {
    const { code, stderr } = await runCli({ DEV_ISSUER_PORT: "abc", DEV_ISSUER_DATA_DIR: scratch });

    expect(code).toBe(1);
    expect(stderr).toContain("DEV_ISSUER_PORT");
  });
});

describe("startup", () => {
  it("reports the real port when started on port 0", async () => {
    const running = await startTestIssuer();
    try {
      expect(running.issuer.port).toBeGreaterThan(0);
      expect(running.issuer.url).toBe(`http://localhost:${running.issuer.port}`);
      expect(running.issuer.issuer).toBe(`http://localhost:${running.issuer.port}/`);
      const response = await fetch(`${running.issuer.url}/.well-known/openid-configuration`);
      expect(response.status).toBe(200);
    } finally {
      await running.stop();
    }
  });

  it("keeps the signing key across restarts", async () => {
    const dataDir = await mkdtemp(path.join(scratch, "key-"));
    const first = await startDevIssuer({ port: 0, dataDir });
    const firstKeys = await (await fetch(first.jwksUrl)).json();
    await first.close();
    const second = await startDevIssuer({ port: 0, dataDir });
    const secondKeys = await (await fetch(second.jwksUrl)).json();
    await second.close();

    expect(secondKeys).toEqual(firstKeys);
    const mode = (await stat(path.join(dataDir, "signing-key.json"))).mode & 0o777;
    expect(mode).toBe(0o600);
  });

  it("shares one key between simultaneous starts", async () => {
    const dataDir = await mkdtemp(path.join(scratch, "race-"));
    const issuers = await Promise.all([0, 1, 2].map(() => startDevIssuer({ port: 0, dataDir })));
    const kids = await Promise.all(
      issuers.map(async (issuer) => ((await (await fetch(issuer.jwksUrl)).json()) as { keys: { kid: string }[] }).keys[0]?.kid),
    );
    await Promise.all(issuers.map((issuer) => issuer.close()));
    const stored = JSON.parse(await readFile(path.join(dataDir, "signing-key.json"), "utf8")) as { kid: string };

    expect(new Set(kids).size).toBe(1);
    expect(kids[0]).toBe(stored.kid);
  });

  it("explains a corrupt key file", async () => {
    const dataDir = await mkdtemp(path.join(scratch, "corrupt-"));
    await writeFile(path.join(dataDir, "signing-key.json"), "{ not json");

    await expect(startDevIssuer({ port: 0, dataDir })).rejects.toThrow(/is not a valid key: delete it/);
  });

  it("explains a port that is in use", async () => {
    const running = await startTestIssuer();
    try {
      await expect(startDevIssuer({ port: running.issuer.port, dataDir: running.dataDir })).rejects.toThrow(
        /already in use.*DEV_ISSUER_PORT/,
      );
    } finally {
      await running.stop();
    }
  });

  it("rejects an origin with a path in the options", async () => {
    await expect(startDevIssuer({ port: 0, dataDir: scratch, webOrigins: ["http://localhost:5173/app"] })).rejects.toThrow(
      /webOrigins contains "http:\/\/localhost:5173\/app", which is not an origin/,
    );
  });
});
