import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readDockerignore, repositoryRoot } from "./support/build-context.js";
import { readDockerfile, stageNamed, type Stage } from "./support/dockerfile.js";

const apiStages = readDockerfile(path.join(repositoryRoot, "docker/api.Dockerfile"));
const webStages = readDockerfile(path.join(repositoryRoot, "docker/web.Dockerfile"));
const ignored = readDockerignore();

/** Reads the `new URL("…", import.meta.url)` literal that a source file resolves at run time. */
function runtimeUrlLiteral(sourceFile: string): string {
  const text = readFileSync(path.join(repositoryRoot, sourceFile), "utf8");
  const match = text.match(/new URL\("([^"]+)", import\.meta\.url\)/);
  if (match === null) throw new Error(`${sourceFile} no longer resolves a file with new URL(…, import.meta.url)`);
  return match[1]!;
}

function contextSources(stage: Stage): string[] {
  return stage.copies.filter((copy) => copy.from === undefined).flatMap((copy) => copy.sources);
}

describe(".dockerignore", () => {
  it.each([
    "node_modules/jose/package.json",
    "api/node_modules/.bin/tsc",
    "web/dist/index.html",
    "api/dist/main.js",
    ".data/pglite/base",
    "api/test-output/report.xml",
    "web/test-output/screenshot.png",
    "coverage/index.html",
    ".env",
    ".env.production",
    "docker/.env",
    ".git/HEAD",
  ])("excludes %s", (file) => {
    expect(ignored(file)).toBe(true);
  });

  it.each([".env.example", "api/src/main.ts", "api/migrations/001_create_noticeboard.sql", "schema.graphql", "web/index.html", "docker/web/entrypoint.sh"])(
    "keeps %s",
    (file) => {
      expect(ignored(file)).toBe(false);
    },
  );
});

describe.each([
  { image: "api", stages: apiStages },
  { image: "web", stages: webStages },
])("$image Dockerfile", ({ stages }) => {
  it("copies sources that exist in the context", () => {
    for (const stage of stages) {
      for (const source of contextSources(stage)) {
        expect(existsSync(path.join(repositoryRoot, source)), source).toBe(true);
        expect(ignored(source), `${source} is excluded by .dockerignore`).toBe(false);
      }
    }
  });

  it("copies from stages defined earlier", () => {
    const names = stages.map((stage) => stage.name);
    stages.forEach((stage, index) => {
      for (const copy of stage.copies.filter((candidate) => candidate.from !== undefined)) {
        expect(names.slice(0, index), `${stage.name} copies --from=${copy.from}`).toContain(copy.from);
      }
    });
  });

  it("builds on Node 20 bookworm-slim", () => {
    expect(stages[0]!.baseImage).toBe("node:20-bookworm-slim");
  });

  it("runtime runs as a non-root user", () => {
    const runtime = stageNamed(stages, "runtime");
    expect(runtime.user).toBeDefined();
    expect(["root", "0"]).not.toContain(runtime.user);
  });

  it("runtime has a health check", () => {
    expect(stageNamed(stages, "runtime").healthcheck?.command.length).toBeGreaterThan(0);
  });
});

describe("api Dockerfile", () => {
  const build = stageNamed(apiStages, "build");
  const dependencies = stageNamed(apiStages, "production-dependencies");
  const runtime = stageNamed(apiStages, "runtime");

  it("builds with npm run build -w api", () => {
    expect(build.runs).toContain("npm run build -w api");
    expect(build.runs.some((command) => command.startsWith("npm ci "))).toBe(true);
  });

  it("installs production dependencies only", () => {
    expect(dependencies.runs).toHaveLength(1);
    expect(dependencies.runs[0]).toMatch(/^npm ci --omit=dev --workspace api\b/);
  });

  it("runtime starts from the node base image", () => {
    expect(runtime.baseImage).toBe("node:20-bookworm-slim");
    expect(runtime.user).toBe("node");
  });

  it("runtime is set for production in a container", () => {
    expect(runtime.env).toMatchObject({ NODE_ENV: "production", HOST: "0.0.0.0", PORT: "4000" });
  });

  it("runtime starts the compiled API", () => {
    expect(runtime.cmd).toEqual(["node", "api/dist/main.js"]);
    expect(runtime.workdir).toBe("/app");
  });

  it("health check calls /readyz with node", () => {
    const command = runtime.healthcheck!.command;
    expect(command.slice(0, 2)).toEqual(["node", "-e"]);
    expect(command[2]).toContain("/readyz");
  });

  it("places schema.graphql where schema.ts reads it", () => {
    // Compiled modules sit in api/dist with the same folders as api/src.
    const moduleFolder = path.posix.join(runtime.workdir!, "api/dist/graphql/");
    const expected = path.posix.resolve(moduleFolder, runtimeUrlLiteral("api/src/graphql/schema.ts"));
    const copy = runtime.copies.find((candidate) => candidate.sources.includes("schema.graphql"));
    expect(copy).toBeDefined();
    expect(path.posix.resolve(runtime.workdir!, copy!.destination, "schema.graphql")).toBe(expected);
  });

  it("places migrations where migrate.ts reads them", () => {
    const moduleFolder = path.posix.join(runtime.workdir!, "api/dist/data/");
    const expected = path.posix.resolve(moduleFolder, runtimeUrlLiteral("api/src/data/migrate.ts"));
    const copy = runtime.copies.find((candidate) => candidate.sources.includes("api/migrations"));
    expect(copy).toBeDefined();
    expect(path.posix.resolve(runtime.workdir!, copy!.destination)).toBe(expected);
  });

  it("copies the compiled API from the build stage", () => {
    expect(runtime.copies).toContainEqual(expect.objectContaining({ from: "build", sources: ["/app/api/dist"], destination: "api/dist" }));
  });

  it("leaves dev-issuer and the helper scripts out", () => {
    // Only the build stage copies dev-issuer/package.json, because npm ci
    // checks every workspace of the lockfile. No stage copies its code.
    for (const stage of apiStages) {
      for (const source of contextSources(stage)) {
        expect(source.startsWith("scripts"), source).toBe(false);
        if (source.startsWith("dev-issuer")) {
          expect(stage.name).toBe("build");
          expect(source).toBe("dev-issuer/package.json");
        }
      }
    }
    expect(contextSources(dependencies).some((source) => source.startsWith("dev-issuer") || source.startsWith("web"))).toBe(false);
    expect(contextSources(runtime).some((source) => source.startsWith("dev-issuer") || source.startsWith("web"))).toBe(false);
  });

  it("runtime copies no build stage node_modules", () => {
    const fromBuild = runtime.copies.filter((copy) => copy.from === "build").flatMap((copy) => copy.sources);
    expect(fromBuild).toEqual(["/app/api/dist"]);
  });
});

describe("web Dockerfile", () => {
  const build = stageNamed(webStages, "build");
  const runtime = stageNamed(webStages, "runtime");

  it("builds with npm run build -w web", () => {
    expect(build.runs).toContain("npm run build -w web");
  });

  it("serves with Debian's nginx", () => {
    expect(runtime.baseImage).toBe("debian:bookworm-slim");
    expect(runtime.runs.join(" ")).toContain("apt-get install -y --no-install-recommends nginx");
  });

  it("runs nginx as www-data on 8080", () => {
    expect(runtime.user).toBe("www-data");
    expect(runtime.env["NGINX_LISTEN"]).toBe("8080");
    expect(runtime.exposedPorts).toEqual(["8080"]);
  });

  it("copies the build to WEB_ROOT", () => {
    expect(runtime.copies).toContainEqual(expect.objectContaining({ from: "build", sources: ["/app/web/dist"], destination: runtime.env["WEB_ROOT"] }));
  });

  it("copies the templates to NGINX_TEMPLATE_DIR", () => {
    const copy = runtime.copies.find((candidate) => candidate.sources.includes("docker/web/nginx.conf.template"));
    expect(copy?.sources).toContain("docker/web/security-headers.conf.template");
    expect(copy?.destination.replace(/\/$/, "")).toBe(runtime.env["NGINX_TEMPLATE_DIR"]);
  });

  it("starts through the entrypoint", () => {
    const copy = runtime.copies.find((candidate) => candidate.sources.includes("docker/web/entrypoint.sh"));
    expect(copy?.flags["chmod"]).toBe("755");
    expect(runtime.entrypoint).toEqual([copy!.destination]);
    expect(runtime.cmd).toBeUndefined();
  });

  it("stops nginx gracefully", () => {
    expect(runtime.stopSignal).toBe("SIGQUIT");
  });

  it("keeps runtime files under /tmp", () => {
    expect(runtime.env["NGINX_RUNTIME_DIR"]).toMatch(/^\/tmp\//);
  });
});
