import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { createRemoteJWKSet, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestIssuer, type TestIssuer } from "./support/oauth-client.js";

const run = promisify(execFile);
const repositoryRoot = fileURLToPath(new URL("../../", import.meta.url));
const audience = "https://noticeboard.example/api";

describe("development tokens", () => {
  let running: TestIssuer;

  beforeAll(async () => {
    running = await startTestIssuer();
  });

  afterAll(async () => {
    await running.stop();
  });

  async function verify(token: string, issuer = running.issuer.issuer) {
    const jwks = createRemoteJWKSet(new URL(running.issuer.jwksUrl));
    const { payload } = await jwtVerify(token, jwks, { issuer, audience, algorithms: ["RS256"] });
    return payload;
  }

  it("mints a moderator token by default", async () => {
    const response = await fetch(`${running.issuer.url}/dev/token`, { method: "POST" });
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = (await response.json()) as { access_token: string; sub: string; token_type: string };
    expect(body.sub).toBe("dev|maya");
    expect(body.token_type).toBe("Bearer");
    const claims = await verify(body.access_token);
    expect(claims.sub).toBe("dev|maya");
    expect(claims["permissions"]).toEqual(["moderate:posts"]);
  });

  it("mints for a chosen user and permissions", async () => {
    const response = await fetch(`${running.issuer.url}/dev/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ sub: "dev|carol", permissions: "read:drafts, moderate:posts" }),
    });
    const claims = await verify(((await response.json()) as { access_token: string }).access_token);
    expect(claims.sub).toBe("dev|carol");
    expect(claims["permissions"]).toEqual(["read:drafts", "moderate:posts"]);
  });

  it.each([
    ["bad sub", { sub: "carol smith" }, "sub \"carol smith\" is invalid"],
    ["bad permissions", { permissions: ["ok", 3] }, "permissions must be a list of names"],
  ])("rejects %s", async (_case, body, message) => {
    const response = await fetch(`${running.issuer.url}/dev/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(400);
    const error = (await response.json()) as { error: string; error_description: string };
    expect(error.error).toBe("invalid_request");
    expect(error.error_description).toContain(message);
  });
});

describe("npm run token", () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "token-command-"));
  });

  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  const command = (env: Record<string, string>, args: string[]) =>
    run(process.execPath, ["--import", "tsx", "dev-issuer/src/token-command.ts", ...args], {
      cwd: repositoryRoot,
      env: { PATH: process.env["PATH"] ?? "", DEV_ISSUER_DATA_DIR: dataDir, DEV_ISSUER_PORT: "4999", ...env },
      timeout: 30_000,
    });

  it("prints a token the issuer's key verifies", async () => {
    const { stdout } = await command({}, ["--sub", "dev|bob", "--permissions", "moderate:posts", "--expires-in", "120"]);
    const token = stdout.trim();
    const issuer = await startTestIssuer({ dataDir });
    try {
      const jwks = createRemoteJWKSet(new URL(issuer.issuer.jwksUrl));
      const { payload } = await jwtVerify(token, jwks, { issuer: "http://localhost:4999/", audience, algorithms: ["RS256"] });
      expect(payload.sub).toBe("dev|bob");
      expect(payload["permissions"]).toEqual(["moderate:posts"]);
      expect(payload.exp! - payload.iat!).toBe(120);
    } finally {
      await issuer.issuer.close();
    }
  });

  it("refuses a production configuration", async () => {
    await expect(command({ NODE_ENV: "production" }, [])).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining("refuses to run with NODE_ENV=production"),
    });
  });

  it("refuses while a real tenant is configured", async () => {
    await expect(command({ AUTH0_DOMAIN: "tenant.eu.auth0.com" }, [])).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining("refuses to run while AUTH0_DOMAIN is set"),
    });
  });
});
