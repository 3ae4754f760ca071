import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { externalOrigins, readRuntimeConfig } from "../../web/server/runtime-config.mjs";
import { repositoryRoot } from "./support/build-context.js";

const execFileAsync = promisify(execFile);
const entrypoint = path.join(repositoryRoot, "docker/web/entrypoint.sh");
const templateDir = path.join(repositoryRoot, "docker/web");

let workFolder: string;
let webRoot: string;
let runCount = 0;

beforeAll(async () => {
  workFolder = await mkdtemp(path.join(tmpdir(), "noticeboard-web-entrypoint-"));
  webRoot = path.join(workFolder, "web");
  await mkdir(webRoot);
  await writeFile(path.join(webRoot, "index.html"), "<!doctype html><div id=root></div>\n");
});

afterAll(async () => {
  await rm(workFolder, { recursive: true, force: true });
});

interface EntrypointRun {
  readonly configJson: unknown;
  readonly contentSecurityPolicy: string;
  readonly nginxConf: string;
  readonly stderr: string;
}

/** Runs entrypoint.sh with `settings` as the container environment and `true` in place of nginx. */
async function runEntrypoint(settings: Record<string, string>, webRootOverride = webRoot): Promise<EntrypointRun> {
  runCount += 1;
  const runtimeDir = path.join(workFolder, `runtime-${runCount}`);
  const { stderr } = await execFileAsync("sh", [entrypoint, "true"], {
    timeout: 10_000,
    env: {
      PATH: process.env["PATH"],
      NGINX_LISTEN: "127.0.0.1:8080",
      WEB_ROOT: webRootOverride,
      NGINX_RUNTIME_DIR: runtimeDir,
      NGINX_TEMPLATE_DIR: templateDir,
      ...settings,
    },
  });
  const headers = await readFile(path.join(runtimeDir, "security-headers.conf"), "utf8");
  const policy = headers.match(/add_header Content-Security-Policy "([^"]*)" always;/);
  if (policy === null) throw new Error(`no Content-Security-Policy header in the rendered headers:\n${headers}`);
  return {
    configJson: JSON.parse(await readFile(path.join(runtimeDir, "config.json"), "utf8")),
    contentSecurityPolicy: policy[1]!,
    nginxConf: await readFile(path.join(runtimeDir, "nginx.conf"), "utf8"),
    stderr,
  };
}

function directive(policy: string, name: string): string[] {
  const found = policy.split(";").map((part) => part.trim().split(/\s+/)).find(([directiveName]) => directiveName === name);
  if (found === undefined) throw new Error(`no ${name} in ${policy}`);
  return found.slice(1);
}

// Each row is a container environment; the Node server's readRuntimeConfig is
// the reference for config.json and externalOrigins for the CSP.
const settingsCases: Array<{ title: string; settings: Record<string, string> }> = [
  {
    title: "tenant domain",
    settings: {
      AUTH0_DOMAIN: "tenant.eu.auth0.com",
      AUTH0_CLIENT_ID: "abc123",
      AUTH0_AUDIENCE: "https://noticeboard.example/api",
      API_URL: "https://api.noticeboard.example/graphql",
    },
  },
  {
    title: "issuer URL with slashes",
    settings: {
      AUTH0_ISSUER: "https://login.noticeboard.example//",
      AUTH0_CLIENT_ID: "abc123",
      AUTH0_AUDIENCE: "https://noticeboard.example/api",
    },
  },
  {
    title: "local issuer and API",
    settings: { AUTH0_ISSUER: "http://localhost:4001/", AUTH0_CLIENT_ID: "noticeboard-dev", AUTH0_AUDIENCE: "aud", API_URL: "http://localhost:4000/graphql" },
  },
  { title: "same origin for both", settings: { AUTH0_ISSUER: "https://example.com/", API_URL: "https://example.com/graphql" } },
  { title: "both issuer settings", settings: { AUTH0_DOMAIN: "tenant.auth0.com", AUTH0_ISSUER: "https://login.example.com/" } },
  { title: "nothing set", settings: {} },
  { title: "blank values", settings: { AUTH0_DOMAIN: "   ", AUTH0_CLIENT_ID: "", API_URL: " " } },
  { title: "values with blanks", settings: { AUTH0_DOMAIN: " tenant.auth0.com ", AUTH0_CLIENT_ID: " id ", AUTH0_AUDIENCE: "a b" } },
  { title: "quotes and backslashes", settings: { AUTH0_DOMAIN: "tenant.auth0.com", AUTH0_CLIENT_ID: 'a"b\\c', AUTH0_AUDIENCE: "x" } },
  { title: "upper-case host and default port", settings: { AUTH0_ISSUER: "https://Login.Example.COM:443/", API_URL: "http://API.example.com:80/graphql" } },
  { title: "credentials in a URL", settings: { AUTH0_ISSUER: "https://login.example.com/", API_URL: "https://user:secret@api.example.com:8443/graphql" } },
  { title: "invalid API_URL", settings: { AUTH0_DOMAIN: "tenant.auth0.com", API_URL: "not a url" } },
];

describe("web entrypoint config.json", () => {
  it.each(settingsCases)("matches the Node server: $title", async ({ settings }) => {
    const run = await runEntrypoint(settings);
    expect(run.configJson).toEqual(readRuntimeConfig(settings));
  });

  it("rejects a newline in a setting", async () => {
    await expect(runEntrypoint({ AUTH0_CLIENT_ID: "abc\ndef" })).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining("AUTH0_CLIENT_ID contains a control character"),
    });
  });

  it("names missing settings on stderr", async () => {
    const run = await runEntrypoint({ AUTH0_DOMAIN: "tenant.auth0.com" });
    expect(run.stderr).toContain("AUTH0_CLIENT_ID is not set");
    expect(run.stderr).toContain("AUTH0_AUDIENCE is not set");
  });

  it("fails without a built app", async () => {
    await expect(runEntrypoint({}, path.join(workFolder, "missing"))).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining("index.html is missing"),
    });
  });
});

describe("web entrypoint CSP", () => {
  it.each(settingsCases)("allows the Node server's origins: $title", async ({ settings }) => {
    const run = await runEntrypoint(settings);
    const origins = externalOrigins(readRuntimeConfig(settings));
    expect(directive(run.contentSecurityPolicy, "connect-src").sort()).toEqual(["'self'", ...origins].sort());
    expect(directive(run.contentSecurityPolicy, "frame-src").sort()).toEqual(origins.length > 0 ? [...origins].sort() : ["'none'"]);
  });

  it("keeps scripts and framing locked down", async () => {
    const run = await runEntrypoint(settingsCases[0]!.settings);
    expect(directive(run.contentSecurityPolicy, "script-src")).toEqual(["'self'"]);
    expect(directive(run.contentSecurityPolicy, "frame-ancestors")).toEqual(["'none'"]);
    expect(directive(run.contentSecurityPolicy, "object-src")).toEqual(["'none'"]);
    expect(directive(run.contentSecurityPolicy, "default-src")).toEqual(["'self'"]);
  });
});

describe("web entrypoint nginx.conf", () => {
  it("fills every placeholder", async () => {
    const run = await runEntrypoint(settingsCases[0]!.settings);
    expect(run.nginxConf).not.toMatch(/@[A-Z_]+@/);
    expect(run.nginxConf).toContain("listen 127.0.0.1:8080;");
    expect(run.nginxConf).toContain(`root ${webRoot};`);
  });
});
