// Runs what docker/web.Dockerfile does, without a Docker engine. The build
// stage's `npm run build -w web` runs in a temporary copy of its COPY sources.
// The runtime stage's files are laid out under a stand-in root folder, and its
// ENTRYPOINT starts Debian's nginx (installed by `npm run test:prepare`). When
// the tests run as root, nginx runs as the image's non-root user.
// Three things differ from the image. The build stage links this checkout's
// node_modules instead of running its own `npm ci`. The apt-get step is
// skipped, because nginx comes from this machine. nginx listens on 127.0.0.1
// with a free port.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, mkdir, mkdtemp, readFile, rm, symlink } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readRuntimeConfig } from "../../web/server/runtime-config.mjs";
import { assembleStage, repositoryRoot, StageFileSystems, type AssembledStage } from "./support/build-context.js";
import { startWatchedProcess, type WatchedProcess } from "./support/child-process.js";
import { readDockerfile, stageNamed } from "./support/dockerfile.js";

const execFileAsync = promisify(execFile);
const nginxBinary = "/usr/sbin/nginx";
const stages = readDockerfile(path.join(repositoryRoot, "docker/web.Dockerfile"));
const runtimeStage = stageNamed(stages, "runtime");

const appSettings = {
  AUTH0_DOMAIN: "noticeboard-test.eu.auth0.com",
  AUTH0_CLIENT_ID: "client-id-from-auth0",
  AUTH0_AUDIENCE: "https://noticeboard.example/api",
  API_URL: "https://api.noticeboard.example/graphql",
};

/** Returns a port that was free a moment ago on 127.0.0.1. */
async function findFreePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("no port assigned");
  return address.port;
}

/** Returns the uid and gid of `user` on this machine, or undefined when it has no such user. */
async function lookUpUser(user: string): Promise<{ uid: number; gid: number } | undefined> {
  try {
    const uid = Number((await execFileAsync("id", ["-u", user])).stdout.trim());
    const gid = Number((await execFileAsync("id", ["-g", user])).stdout.trim());
    return { uid, gid };
  } catch {
    return undefined;
  }
}

describe.skipIf(!existsSync(nginxBinary))("web image running", () => {
  let workFolder: string;
  let rootFolder: (imagePath: string) => string;
  let runtimeAssembly: AssembledStage;
  let nginx: WatchedProcess;
  let baseUrl: string;
  let listen: string;
  let runAs: { uid: number; gid: number } | undefined;
  let builtIndexHtml: string;

  beforeAll(async () => {
    workFolder = await mkdtemp(path.join(tmpdir(), "noticeboard-web-image-"));
    // nginx runs as the image's unprivileged user, which must reach the files.
    await chmod(workFolder, 0o755);
    const fileSystems = new StageFileSystems(path.join(workFolder, "stages"));

    const build = stageNamed(stages, "build");
    const buildApp = fileSystems.pathIn("build", build.workdir!);
    await mkdir(path.join(buildApp, "web"), { recursive: true });
    await symlink(path.join(repositoryRoot, "node_modules"), path.join(buildApp, "node_modules"));
    if (existsSync(path.join(repositoryRoot, "web/node_modules"))) {
      await symlink(path.join(repositoryRoot, "web/node_modules"), path.join(buildApp, "web/node_modules"));
    }
    await assembleStage(build, fileSystems, (command) => command === "npm run build -w web");
    runtimeAssembly = await assembleStage(runtimeStage, fileSystems);

    rootFolder = (imagePath) => fileSystems.pathIn("runtime", imagePath);
    // The image's /tmp, writable by everyone and sticky as on Debian.
    await mkdir(rootFolder("/tmp"), { recursive: true });
    await chmod(rootFolder("/tmp"), 0o1777);
    await chmod(fileSystems.root, 0o755);
    await chmod(path.join(fileSystems.root, "runtime"), 0o755);
    builtIndexHtml = await readFile(path.join(rootFolder(runtimeStage.env["WEB_ROOT"]!), "index.html"), "utf8");

    runAs = process.getuid?.() === 0 ? await lookUpUser(runtimeStage.user!) : undefined;
    listen = `127.0.0.1:${await findFreePort()}`;
    baseUrl = `http://${listen}`;
    const entrypoint = rootFolder(runtimeStage.entrypoint![0]!);
    nginx = startWatchedProcess(entrypoint, [], {
      env: {
        PATH: `${path.dirname(nginxBinary)}:${process.env["PATH"]}`,
        ...runtimeStage.env,
        NGINX_LISTEN: listen,
        WEB_ROOT: rootFolder(runtimeStage.env["WEB_ROOT"]!),
        NGINX_RUNTIME_DIR: rootFolder(runtimeStage.env["NGINX_RUNTIME_DIR"]!),
        NGINX_TEMPLATE_DIR: rootFolder(runtimeStage.env["NGINX_TEMPLATE_DIR"]!),
        ...appSettings,
      },
      ...(runAs === undefined ? {} : { uid: runAs.uid, gid: runAs.gid }),
    });

    // Bounded wait: 100 tries, 100 ms apart.
    for (let attempt = 0; attempt < 100; attempt += 1) {
      const ready = await fetch(`${baseUrl}/config.json`).then(
        (response) => response.ok,
        () => false,
      );
      if (ready) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`nginx did not answer on ${baseUrl} within 10 s; output:\n${nginx.output.join("\n")}`);
  }, 240_000);

  afterAll(async () => {
    await nginx?.stop("SIGKILL", 5_000);
    if (workFolder !== undefined) await rm(workFolder, { recursive: true, force: true });
  });

  function expectSecurityHeaders(response: Response): void {
    const policy = response.headers.get("content-security-policy") ?? "";
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("script-src 'self';");
    expect(policy).toContain(`connect-src 'self' https://${appSettings.AUTH0_DOMAIN} https://api.noticeboard.example;`);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
  }

  function firstScriptAsset(): string {
    const match = builtIndexHtml.match(/src="(\/assets\/[^"]+\.js)"/);
    if (match === null) throw new Error(`index.html names no script under /assets/:\n${builtIndexHtml}`);
    return match[1]!;
  }

  it("skips only the package install", () => {
    expect(runtimeAssembly.skipped).toHaveLength(1);
    expect(runtimeAssembly.skipped[0]).toMatch(/^apt-get update && apt-get install/);
  });

  it("runs nginx as a non-root user", async () => {
    const status = await readFile(`/proc/${nginx.pid}/status`, "utf8");
    const uid = Number(status.match(/^Uid:\s+(\d+)/m)![1]);
    expect(uid).not.toBe(0);
  });

  it("serves index.html at /", async () => {
    const response = await fetch(`${baseUrl}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    expect(response.headers.get("cache-control")).toBe("no-cache");
    expect(await response.text()).toBe(builtIndexHtml);
    expectSecurityHeaders(response);
  });

  it("serves index.html for client routes", async () => {
    const response = await fetch(`${baseUrl}/posts/some-post-id/edit`);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-cache");
    expect(await response.text()).toBe(builtIndexHtml);
    expectSecurityHeaders(response);
  });

  it("serves config.json from the environment", async () => {
    const response = await fetch(`${baseUrl}/config.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(response.headers.get("cache-control")).toBe("no-cache");
    expect(await response.json()).toEqual(readRuntimeConfig(appSettings));
    expectSecurityHeaders(response);
  });

  it("caches hashed assets for a year", async () => {
    const response = await fetch(`${baseUrl}${firstScriptAsset()}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/javascript/);
    expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expectSecurityHeaders(response);
  });

  it("compresses scripts with gzip", async () => {
    const response = await fetch(`${baseUrl}${firstScriptAsset()}`, { headers: { "accept-encoding": "gzip" } });
    expect(response.headers.get("content-encoding")).toBe("gzip");
    await response.arrayBuffer();
  });

  it("missing asset is 404 and not cached", async () => {
    const response = await fetch(`${baseUrl}/assets/index-missing0.js`);
    expect(response.status).toBe(404);
    expect(response.headers.get("cache-control")).toBeNull();
    expectSecurityHeaders(response);
    await response.arrayBuffer();
  });

  it("missing file with an extension is 404", async () => {
    const response = await fetch(`${baseUrl}/robots-missing.txt`);
    expect(response.status).toBe(404);
    await response.arrayBuffer();
  });

  it("unhashed files get short caching", async () => {
    const response = await fetch(`${baseUrl}/favicon.svg`);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("public, max-age=3600");
    await response.arrayBuffer();
  });

  it("rejects POST", async () => {
    const response = await fetch(`${baseUrl}/`, { method: "POST", body: "x" });
    expect(response.status).toBe(405);
    await response.arrayBuffer();
  });

  it("hides the nginx version", async () => {
    const response = await fetch(`${baseUrl}/`);
    expect(response.headers.get("server")).toBe("nginx");
    await response.arrayBuffer();
  });

  it("health check command succeeds", async () => {
    const [command, ...args] = runtimeStage.healthcheck!.command;
    await expect(execFileAsync(command!, args, { env: { PATH: process.env["PATH"], NGINX_LISTEN: listen }, timeout: 10_000 })).resolves.toBeDefined();
  });

  it("health check fails without nginx", async () => {
    const [command, ...args] = runtimeStage.healthcheck!.command;
    await expect(execFileAsync(command!, args, { env: { PATH: process.env["PATH"], NGINX_LISTEN: "127.0.0.1:1" }, timeout: 10_000 })).rejects.toMatchObject({
      code: 1,
    });
  });

  it("stop signal ends nginx with code 0", async () => {
    const result = await nginx.stop(runtimeStage.stopSignal as NodeJS.Signals, 15_000);
    expect(result, nginx.output.slice(-5).join("\n")).toEqual({ code: 0, signal: null });
  });
});
