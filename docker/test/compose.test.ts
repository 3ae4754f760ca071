import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../api/src/config.js";
import { readRuntimeConfig } from "../../web/server/runtime-config.mjs";
import { readDockerignore, repositoryRoot } from "./support/build-context.js";
import {
  compileComposeSchema,
  composeFile,
  findVariableReferences,
  interpolate,
  readComposeFile,
} from "./support/compose-file.js";
import { readConfigurationTable, readEnvExampleNames } from "./support/configuration-table.js";
import { readDockerfile, stageNamed } from "./support/dockerfile.js";

interface Service {
  image?: string;
  build?: { context: string; dockerfile: string };
  env_file?: string | string[];
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  read_only?: boolean;
  cap_drop?: string[];
}

const compose = readComposeFile() as { services: Record<string, Service>; volumes?: Record<string, unknown> };
const services = compose.services;
const composeFolder = path.dirname(composeFile);
const documented = readConfigurationTable();
const envExampleNames = readEnvExampleNames();

// What a filled-in .env for a real tenant holds; the values only need to pass the API's checks.
const sampleEnvFile: Record<string, string> = {
  AUTH0_DOMAIN: "noticeboard-test.eu.auth0.com",
  AUTH0_AUDIENCE: "https://noticeboard.example/api",
  AUTH0_CLIENT_ID: "client-id-from-auth0",
  POSTGRES_PASSWORD: "0123456789abcdef",
};

function interpolateAll(record: Record<string, string> | undefined, variables: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record ?? {}).map(([key, value]) => [key, interpolate(String(value), variables)]));
}

describe("compose.yaml schema", () => {
  const validate = compileComposeSchema();

  it("matches the Compose Specification", () => {
    const result = validate(compose);
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("schema rejects an unknown service key", () => {
    const broken = structuredClone(compose);
    (broken.services["api"] as Record<string, unknown>)["restart_policy"] = "always";
    expect(validate(broken).valid).toBe(false);
  });

  it("schema rejects a malformed duration", () => {
    const broken = structuredClone(compose);
    broken.services["postgres"]!.healthcheck = { ...broken.services["postgres"]!.healthcheck!, interval: "five seconds" } as Service["healthcheck"];
    expect(validate(broken).valid).toBe(false);
  });
});

describe("compose.yaml services", () => {
  it("runs postgres, api and web", () => {
    expect(Object.keys(services).sort()).toEqual(["api", "postgres", "web"]);
  });

  it("builds each app from its Dockerfile", () => {
    for (const [name, dockerfile] of [["api", "docker/api.Dockerfile"], ["web", "docker/web.Dockerfile"]] as const) {
      const build = services[name]!.build!;
      expect(path.resolve(composeFolder, build.context)).toBe(path.resolve(repositoryRoot));
      expect(build.dockerfile).toBe(dockerfile);
      expect(existsSync(path.join(repositoryRoot, dockerfile))).toBe(true);
    }
  });

  it("postgres uses version 16 or 17 with pg_isready", () => {
    const postgres = services["postgres"]!;
    expect(postgres.image).toMatch(/^postgres:1[67](\b|-)/);
    expect(postgres.healthcheck!.test).toContain("pg_isready");
    expect(postgres.ports).toBeUndefined();
  });

  it("api waits for a healthy postgres", () => {
    expect(services["api"]!.depends_on).toEqual({ postgres: { condition: "service_healthy" } });
  });

  it("depends_on names existing services", () => {
    for (const service of Object.values(services)) {
      for (const dependency of Object.keys(service.depends_on ?? {})) {
        expect(Object.keys(services)).toContain(dependency);
      }
    }
  });

  it("apps run read-only without capabilities", () => {
    for (const name of ["api", "web"]) {
      expect(services[name]!.read_only).toBe(true);
      expect(services[name]!.cap_drop).toEqual(["ALL"]);
    }
  });
});

describe("compose.yaml volumes", () => {
  const declared = Object.keys(compose.volumes ?? {});
  const used = Object.values(services)
    .flatMap((service) => service.volumes ?? [])
    .map((volume) => volume.split(":")[0]!)
    .filter((source) => !source.startsWith(".") && !source.startsWith("/"));

  it("declares every named volume it mounts", () => {
    for (const volume of used) expect(declared).toContain(volume);
  });

  it("mounts every volume it declares", () => {
    for (const volume of declared) expect(used).toContain(volume);
  });

  it("keeps Postgres data in a named volume", () => {
    expect(services["postgres"]!.volumes).toEqual(["postgres-data:/var/lib/postgresql/data"]);
  });
});

describe("compose.yaml ports", () => {
  const api = stageNamed(readDockerfile(path.join(repositoryRoot, "docker/api.Dockerfile")), "runtime");
  const web = stageNamed(readDockerfile(path.join(repositoryRoot, "docker/web.Dockerfile")), "runtime");

  const cases = [
    { service: "api", variable: "PORT", containerPort: api.env["PORT"], exposed: api.exposedPorts },
    { service: "web", variable: "WEB_PORT", containerPort: web.env["NGINX_LISTEN"], exposed: web.exposedPorts },
  ];

  it.each(cases)("$service publishes its image port", ({ service, variable, containerPort, exposed }) => {
    const ports = services[service]!.ports!;
    expect(ports).toHaveLength(1);
    const [published, target] = ports[0]!.split(/:(?=\d+$)/);
    expect(target).toBe(containerPort);
    expect(exposed).toEqual([containerPort]);
    expect(published).toMatch(new RegExp(`^\\$\\{${variable}:-\\d+\\}$`));
  });

  it.each(cases)("$service published port default matches README", ({ service, variable }) => {
    const [, defaultPort] = services[service]!.ports![0]!.match(/:-(\d+)\}/)!;
    expect(documented.get(variable)!.defaultCell).toBe(`\`${defaultPort}\``);
  });

  it("api listens on its image port", () => {
    expect(services["api"]!.environment!["PORT"]).toBe(api.env["PORT"]);
  });
});

describe("compose.yaml variables", () => {
  const references = findVariableReferences();

  it("references only documented variables", () => {
    expect(references.length).toBeGreaterThan(0);
    for (const { name } of references) {
      expect(documented.has(name), `${name} in README.md's configuration table`).toBe(true);
      expect(envExampleNames.has(name), `${name} in .env.example`).toBe(true);
    }
  });

  it("defaults appear in README's default column", () => {
    for (const { name, operator, argument } of references) {
      if ((operator !== ":-" && operator !== "-") || argument === "") continue;
      expect(documented.get(name)!.defaultCell, name).toContain(`\`${argument}\``);
    }
  });

  it("sets only documented API settings", () => {
    for (const name of Object.keys(services["api"]!.environment!)) {
      expect(documented.has(name), name).toBe(true);
    }
  });

  it("web gets only the settings of config.json", () => {
    const webNames = Object.keys(services["web"]!.environment!).sort();
    expect(webNames).toEqual(["API_URL", "AUTH0_AUDIENCE", "AUTH0_CLIENT_ID", "AUTH0_DOMAIN", "AUTH0_ISSUER"]);
    const entrypoint = readFileSync(path.join(repositoryRoot, "docker/web/entrypoint.sh"), "utf8");
    for (const name of webNames) {
      expect(entrypoint).toContain(`\${${name}:-}`);
      expect(documented.has(name), name).toBe(true);
    }
  });

  it("web config.json is complete with a filled-in .env", () => {
    const environment = interpolateAll(services["web"]!.environment, sampleEnvFile);
    const body = readRuntimeConfig(environment);
    expect(body.problems).toEqual([]);
    expect(body.auth0).toEqual({
      domain: sampleEnvFile["AUTH0_DOMAIN"],
      clientId: sampleEnvFile["AUTH0_CLIENT_ID"],
      audience: sampleEnvFile["AUTH0_AUDIENCE"],
    });
    expect(body.apiUrl).toBe("http://localhost:4000/graphql");
  });

  it("POSTGRES_PASSWORD is required", () => {
    const { POSTGRES_PASSWORD: _omitted, ...withoutPassword } = sampleEnvFile;
    expect(() => interpolateAll(services["api"]!.environment, withoutPassword)).toThrow(/POSTGRES_PASSWORD/);
    expect(() => interpolateAll(services["postgres"]!.environment, withoutPassword)).toThrow(/POSTGRES_PASSWORD/);
  });

  it("api settings pass the API's production checks", () => {
    const environment = { ...sampleEnvFile, ...interpolateAll(services["api"]!.environment, sampleEnvFile) };
    const config = loadConfig(environment);
    expect(config.env).toBe("production");
    expect(config.host).toBe("0.0.0.0");
    expect(config.port).toBe(4000);
    expect(config.database).toMatchObject({
      kind: "postgres",
      url: `postgres://noticeboard:${sampleEnvFile["POSTGRES_PASSWORD"]}@postgres:5432/noticeboard`,
    });
    expect(config.corsOrigins).toEqual([`http://localhost:${documented.get("WEB_PORT")!.defaultCell.replaceAll("`", "")}`]);
    expect(config.metrics.port).not.toBeNull();
    expect(config.metrics.port).not.toBe(config.port);
  });

  it("api settings accept METRICS=off with an empty METRICS_PORT", () => {
    const envFile = { ...sampleEnvFile, METRICS: "off", METRICS_PORT: "" };
    const config = loadConfig({ ...envFile, ...interpolateAll(services["api"]!.environment, envFile) });
    expect(config.metrics.enabled).toBe(false);
  });

  it("metrics port is not published", () => {
    const metricsPort = interpolate(services["api"]!.environment!["METRICS_PORT"]!, sampleEnvFile);
    expect(services["api"]!.ports!.some((port) => port.endsWith(`:${metricsPort}`))).toBe(false);
  });

  it("DATABASE_URL names the postgres service's database", () => {
    const url = new URL(interpolate(services["api"]!.environment!["DATABASE_URL"]!, sampleEnvFile));
    const postgres = interpolateAll(services["postgres"]!.environment, sampleEnvFile);
    expect(url.hostname).toBe("postgres");
    expect(url.username).toBe(postgres["POSTGRES_USER"]);
    expect(url.pathname).toBe(`/${postgres["POSTGRES_DB"]}`);
    expect(decodeURIComponent(url.password)).toBe(postgres["POSTGRES_PASSWORD"]);
  });
});

describe("compose.yaml env file", () => {
  it("api reads the root .env", () => {
    expect(path.resolve(composeFolder, services["api"]!.env_file as string)).toBe(path.join(repositoryRoot, ".env"));
  });

  it(".env stays out of git and images", () => {
    const gitignore = readFileSync(path.join(repositoryRoot, ".gitignore"), "utf8").split("\n");
    expect(gitignore).toContain(".env");
    expect(readDockerignore()(".env")).toBe(true);
  });

  it("README gives the command that starts the stack", () => {
    const command = "docker compose --project-name noticeboard --env-file .env -f docker/compose.yaml up --build";
    expect(readFileSync(path.join(repositoryRoot, "README.md"), "utf8")).toContain(command);
    expect(readFileSync(composeFile, "utf8")).toContain(command);
  });
});
