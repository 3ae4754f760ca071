// Runs what docker/api.Dockerfile does, without a Docker engine. Each stage is
// laid out in a temporary folder from its COPY instructions, and the build and
// the production-only `npm ci` run there as written. The API then starts from
// the runtime stage's CMD with its ENV, against Postgres on 127.0.0.1:5432 and
// an HTTPS issuer on loopback.
// Two things differ from the image. The build stage links this checkout's
// node_modules instead of running its own `npm ci`. The API listens on
// 127.0.0.1 with a free port instead of 0.0.0.0:4000.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assembleStage, repositoryRoot, StageFileSystems, type AssembledStage } from "./support/build-context.js";
import { startWatchedProcess, type WatchedProcess } from "./support/child-process.js";
import { readDockerfile, stageNamed } from "./support/dockerfile.js";
import { startHttpsIssuer, type HttpsIssuer } from "./support/https-issuer.js";

const execFileAsync = promisify(execFile);
const stages = readDockerfile(path.join(repositoryRoot, "docker/api.Dockerfile"));
const runtimeStage = stageNamed(stages, "runtime");
const audience = "https://noticeboard.example/api";
const adminDatabaseUrl = process.env["TEST_DATABASE_URL"] ?? "postgres://postgres@127.0.0.1:5432/test";
const databaseName = `noticeboard_docker_smoke_${randomBytes(5).toString("hex")}`;

let workFolder: string;
let fileSystems: StageFileSystems;
let appFolder: string;
let runtimeAssembly: AssembledStage;
let issuer: HttpsIssuer;
let api: WatchedProcess;
let apiUrl: string;
let databaseCreated = false;

async function withAdminClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminDatabaseUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function databaseUrl(): string {
  const url = new URL(adminDatabaseUrl);
  url.pathname = `/${databaseName}`;
  return url.toString();
}

async function graphql(query: string, options: { token?: string; variables?: Record<string, unknown> } = {}) {
  const response = await fetch(`${apiUrl}/graphql`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(options.token === undefined ? {} : { authorization: `Bearer ${options.token}` }),
    },
    body: JSON.stringify({ query, variables: options.variables ?? {} }),
    signal: AbortSignal.timeout(10_000),
  });
  const body = (await response.json()) as { data?: Record<string, unknown> | null; errors?: Array<{ message: string; extensions?: { code?: string } }> };
  return { status: response.status, body };
}

/**
 * Builds the stages in a temporary folder. The build stage gets symbolic links
 * to this checkout's node_modules in place of its `npm ci`, which would
 * download every dev dependency again. Its `npm run build -w api` runs.
 */
async function assembleImage(): Promise<void> {
  const build = stageNamed(stages, "build");
  const buildApp = fileSystems.pathIn("build", build.workdir!);
  await mkdir(path.join(buildApp, "api"), { recursive: true });
  await symlink(path.join(repositoryRoot, "node_modules"), path.join(buildApp, "node_modules"));
  if (existsSync(path.join(repositoryRoot, "api/node_modules"))) {
    await symlink(path.join(repositoryRoot, "api/node_modules"), path.join(buildApp, "api/node_modules"));
  }
  await assembleStage(build, fileSystems, (command) => command === "npm run build -w api");
  await assembleStage(stageNamed(stages, "production-dependencies"), fileSystems, (command) => command.startsWith("npm ci --omit=dev"));
  runtimeAssembly = await assembleStage(runtimeStage, fileSystems);
}

beforeAll(async () => {
  workFolder = await mkdtemp(path.join(tmpdir(), "noticeboard-api-image-"));
  fileSystems = new StageFileSystems(path.join(workFolder, "stages"));
  appFolder = fileSystems.pathIn("runtime", runtimeStage.workdir!);

  await assembleImage();
  issuer = await startHttpsIssuer(workFolder);
  await withAdminClient((client) => client.query(`create database ${databaseName}`));
  databaseCreated = true;

  const [command, ...args] = runtimeStage.cmd!;
  api = startWatchedProcess(command === "node" ? process.execPath : command!, args, {
    cwd: appFolder,
    // As in a container, the API gets only the image's ENV and the stack's
    // settings, and no variable of this shell.
    env: {
      PATH: process.env["PATH"],
      ...runtimeStage.env,
      HOST: "127.0.0.1",
      PORT: "0",
      AUTH0_ISSUER: issuer.issuer,
      AUTH0_AUDIENCE: audience,
      DATABASE_URL: databaseUrl(),
      NODE_EXTRA_CA_CERTS: issuer.certificateFile,
      LOG_LEVEL: "info",
    },
  });
  const started = await api.waitForJsonLine((line) => line["event"] === "api_started", 60_000);
  apiUrl = String(started["url"]).replace(/\/graphql$/, "");
}, 240_000);

afterAll(async () => {
  await api?.stop("SIGKILL", 5_000);
  await issuer?.close();
  if (databaseCreated) {
    await withAdminClient((client) => client.query(`drop database if exists ${databaseName} with (force)`));
  }
  if (workFolder !== undefined) await rm(workFolder, { recursive: true, force: true });
});

describe("api image contents", () => {
  it("has no dev-issuer package", () => {
    expect(existsSync(path.join(appFolder, "node_modules/@noticeboard/dev-issuer"))).toBe(false);
    expect(existsSync(path.join(appFolder, "dev-issuer"))).toBe(false);
  });

  it("has no web app", () => {
    expect(existsSync(path.join(appFolder, "node_modules/@noticeboard/web"))).toBe(false);
    expect(existsSync(path.join(appFolder, "web"))).toBe(false);
  });

  it.each(["typescript", "vitest", "tsx", "pino-pretty", "autocannon", "@apollo/gateway", "vite", "react"])("has no dev package %s", (name) => {
    expect(existsSync(path.join(appFolder, "node_modules", name))).toBe(false);
  });

  it.each(["jose", "pg", "@apollo/server", "express", "pino"])("has runtime package %s", (name) => {
    expect(existsSync(path.join(appFolder, "node_modules", name, "package.json"))).toBe(true);
  });

  it("has the files the API reads at run time", async () => {
    expect(existsSync(path.join(appFolder, "api/dist/main.js"))).toBe(true);
    expect(existsSync(path.join(appFolder, "schema.graphql"))).toBe(true);
    expect((await readdir(path.join(appFolder, "api/migrations"))).filter((name) => name.endsWith(".sql")).length).toBeGreaterThan(0);
  });

  it("has no source or tests", () => {
    expect(existsSync(path.join(appFolder, "api/src"))).toBe(false);
    expect(existsSync(path.join(appFolder, "api/test"))).toBe(false);
  });

  it("skips only the ownership step", () => {
    expect(runtimeAssembly.skipped).toEqual(["mkdir -p .data && chown node:node .data"]);
  });
});

describe("api image running", () => {
  it("starts in production mode", () => {
    const started = api.jsonLines.find((line) => line["event"] === "api_started");
    expect(started?.["issuer"]).toBe(issuer.issuer);
    expect(api.jsonLines.some((line) => line["event"] === "database_selected" && line["database"] === "postgres")).toBe(true);
  });

  it("/readyz reports ready", async () => {
    const response = await fetch(`${apiUrl}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok", checks: { database: "ok", keys: "ok" } });
  });

  it("health check command succeeds", async () => {
    const [command, ...args] = runtimeStage.healthcheck!.command;
    const port = new URL(apiUrl).port;
    await expect(
      execFileAsync(command === "node" ? process.execPath : command!, args, { env: { PATH: process.env["PATH"], PORT: port }, timeout: 10_000 }),
    ).resolves.toBeDefined();
  });

  it("health check fails without the API", async () => {
    const [command, ...args] = runtimeStage.healthcheck!.command;
    await expect(
      execFileAsync(command === "node" ? process.execPath : command!, args, { env: { PATH: process.env["PATH"], PORT: "1" }, timeout: 10_000 }),
    ).rejects.toMatchObject({ code: 1 });
  });

  it("applied the migrations", async () => {
    const client = new pg.Client({ connectionString: databaseUrl() });
    await client.connect();
    const { rows } = await client.query<{ name: string }>("select name from schema_migrations order by name");
    await client.end();
    const files = (await readdir(path.join(appFolder, "api/migrations"))).filter((name) => name.endsWith(".sql")).sort();
    expect(rows.map((row) => row.name)).toEqual(files);
  });

  it("public query works without a token", async () => {
    const { status, body } = await graphql("{ posts(first: 5) { edges { node { id } } pageInfo { hasNextPage } } }");
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({ posts: { edges: [], pageInfo: { hasNextPage: false } } });
  });

  it("guarded field without a token is UNAUTHENTICATED", async () => {
    const { body } = await graphql("{ viewer { permissions } }");
    expect(body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("signed token creates a post", async () => {
    const token = await issuer.sign(audience, { sub: "auth0|smoke-alice" });
    const { status, body } = await graphql(
      "mutation Create($input: CreatePostInput!) { createPost(input: $input) { title author { id } } }",
      { token, variables: { input: { title: "Smoke test", body: "Posted through the production build." } } },
    );
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({ createPost: { title: "Smoke test", author: { id: "auth0|smoke-alice" } } });
  });

  it("missing permission is FORBIDDEN", async () => {
    const token = await issuer.sign(audience);
    const { body } = await graphql("{ reportedPosts(first: 5) { edges { cursor } } }", { token });
    expect(body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("moderator token reads reported posts", async () => {
    const token = await issuer.sign(audience, { permissions: ["moderate:posts"] });
    const { body } = await graphql("{ reportedPosts(first: 5) { edges { cursor } } }", { token });
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({ reportedPosts: { edges: [] } });
  });

  it("token from another key is rejected with 401", async () => {
    const token = await issuer.signWithUnknownKey(audience);
    const { status, body } = await graphql("{ posts(first: 1) { edges { cursor } } }", { token });
    expect(status).toBe(401);
    expect(body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("token for another audience is rejected with 401", async () => {
    const token = await issuer.sign("https://another.example/api");
    const { status } = await graphql("{ posts(first: 1) { edges { cursor } } }", { token });
    expect(status).toBe(401);
  });

  it("introspection is off", async () => {
    const { body } = await graphql("{ __schema { queryType { name } } }");
    expect(body.data ?? null).toBeNull();
    expect(body.errors?.length).toBeGreaterThan(0);
  });

  it("SIGTERM stops it with code 0", async () => {
    const result = await api.stop("SIGTERM", 15_000);
    expect(result, api.output.slice(-5).join("\n")).toEqual({ code: 0, signal: null });
    expect(api.jsonLines.some((line) => line["event"] === "shutdown_requested")).toBe(true);
  });
});
