import path from "node:path";
import { fileURLToPath } from "node:url";

const repositoryRoot = fileURLToPath(new URL("../../", import.meta.url));

export const DEFAULT_PORT = 4001;
export const DEFAULT_WEB_PORT = 5173;
export const DEFAULT_CLIENT_ID = "noticeboard-dev";
export const DEFAULT_AUDIENCE = "https://noticeboard.example/api";
export const DEFAULT_NAME_CLAIM = "https://noticeboard.example/name";
export const DEFAULT_TOKEN_TTL_SECONDS = 3600;
export const DEFAULT_DATA_DIR = path.join(repositoryRoot, ".data", "dev-issuer");

/**
 * auth0-spa-js 2.28 fetches a new token when the cached one expires within 60
 * seconds, so a lifetime of 60 seconds or less would make it refresh on every call.
 */
export const MIN_TOKEN_TTL_SECONDS = 61;

/** Settings read from the environment by the command-line entry point. */
export interface EnvironmentSettings {
  port: number;
  dataDir: string;
  clientId: string;
  audience: string;
  nameClaim: string;
  tokenTtlSeconds: number;
  webOrigins: string[];
  redirectUris: string[];
  logoutUrls: string[];
}

/** Raised when one or more environment variables are invalid. `problems` has one line per variable. */
export class ConfigError extends Error {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`Invalid dev-issuer configuration:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
    this.name = "ConfigError";
    this.problems = problems;
  }
}

/**
 * Rejects a production environment. The issuer signs a token for anyone who
 * clicks a button, so running it where real data lives would hand out access.
 */
export function assertNotProduction(environment: NodeJS.ProcessEnv = process.env): void {
  if (environment.NODE_ENV === "production") {
    throw new Error(
      "The development issuer cannot run with NODE_ENV=production because it signs tokens without a password. " +
        "Use a real Auth0 tenant (AUTH0_DOMAIN) in production, or unset NODE_ENV for local development.",
    );
  }
}

/**
 * Parses every setting at once so that one start reports all problems.
 *
 * @throws ConfigError naming each invalid variable, its value and the expected form.
 */
export function loadEnvironmentSettings(environment: NodeJS.ProcessEnv = process.env): EnvironmentSettings {
  const problems: string[] = [];
  const read = (name: string): string | undefined => {
    const value = environment[name]?.trim();
    return value === undefined || value === "" ? undefined : value;
  };

  const port = parsePort("DEV_ISSUER_PORT", read("DEV_ISSUER_PORT"), DEFAULT_PORT, problems);
  const webPort = parsePort("WEB_PORT", read("WEB_PORT"), DEFAULT_WEB_PORT, problems);
  const tokenTtlSeconds = parseTokenTtl(read("DEV_ISSUER_TOKEN_TTL_SECONDS"), problems);

  const clientId = read("AUTH0_CLIENT_ID") ?? DEFAULT_CLIENT_ID;
  if (!/^[\w.-]{1,128}$/.test(clientId)) {
    problems.push(
      `AUTH0_CLIENT_ID is invalid ("${clientId}"): use 1 to 128 letters, digits, '.', '_' or '-'`,
    );
  }

  const audience = read("AUTH0_AUDIENCE") ?? DEFAULT_AUDIENCE;
  if (!URL.canParse(audience)) {
    problems.push(`AUTH0_AUDIENCE is not an absolute URI ("${audience}"): use an identifier such as ${DEFAULT_AUDIENCE}`);
  }

  const webOrigin = `http://localhost:${webPort}`;
  const webOrigins = parseList("DEV_ISSUER_WEB_ORIGINS", read("DEV_ISSUER_WEB_ORIGINS"), [webOrigin], checkOrigin, problems);
  const defaultUrls = [webOrigin, `${webOrigin}/`];
  const redirectUris = parseList("DEV_ISSUER_REDIRECT_URIS", read("DEV_ISSUER_REDIRECT_URIS"), defaultUrls, checkUrl, problems);
  const logoutUrls = parseList("DEV_ISSUER_LOGOUT_URLS", read("DEV_ISSUER_LOGOUT_URLS"), defaultUrls, checkUrl, problems);

  if (problems.length > 0) {
    throw new ConfigError(problems);
  }

  return {
    port,
    dataDir: path.resolve(read("DEV_ISSUER_DATA_DIR") ?? DEFAULT_DATA_DIR),
    clientId,
    audience,
    nameClaim: read("AUTH0_NAME_CLAIM") ?? DEFAULT_NAME_CLAIM,
    tokenTtlSeconds,
    webOrigins,
    redirectUris,
    logoutUrls,
  };
}

function parsePort(name: string, raw: string | undefined, fallback: number, problems: string[]): number {
  if (raw === undefined) {
    return fallback;
  }
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    problems.push(`${name} is not a port number ("${raw}"): use a whole number from 0 to 65535`);
    return fallback;
  }
  return port;
}

function parseTokenTtl(raw: string | undefined, problems: string[]): number {
  if (raw === undefined) {
    return DEFAULT_TOKEN_TTL_SECONDS;
  }
  const seconds = Number(raw);
  if (!Number.isInteger(seconds) || seconds < MIN_TOKEN_TTL_SECONDS || seconds > 86_400) {
    problems.push(
      `DEV_ISSUER_TOKEN_TTL_SECONDS is invalid ("${raw}"): use a whole number of seconds from ${MIN_TOKEN_TTL_SECONDS} to 86400`,
    );
    return DEFAULT_TOKEN_TTL_SECONDS;
  }
  return seconds;
}

function parseList(
  name: string,
  raw: string | undefined,
  fallback: string[],
  check: (value: string) => string | undefined,
  problems: string[],
): string[] {
  if (raw === undefined) {
    return fallback;
  }
  const values = raw.split(",").map((value) => value.trim()).filter((value) => value !== "");
  if (values.length === 0) {
    problems.push(`${name} is empty: list at least one value, separated by commas`);
    return fallback;
  }
  for (const value of values) {
    const problem = check(value);
    if (problem !== undefined) {
      problems.push(`${name} contains ${problem}`);
    }
  }
  return values;
}

/** Returns a description of the problem, or undefined when `value` is an http(s) origin. */
export function checkOrigin(value: string): string | undefined {
  if (!URL.canParse(value)) {
    return `"${value}", which is not a URL: use an origin such as http://localhost:5173`;
  }
  const url = new URL(value);
  if ((url.protocol !== "http:" && url.protocol !== "https:") || url.origin !== value) {
    return `"${value}", which is not an origin: use scheme, host and port only, without a path or trailing slash, such as http://localhost:5173`;
  }
  return undefined;
}

/** Returns a description of the problem, or undefined when `value` is an http(s) URL without a fragment. */
export function checkUrl(value: string): string | undefined {
  if (!URL.canParse(value)) {
    return `"${value}", which is not an absolute URL: use a URL such as http://localhost:5173/`;
  }
  const url = new URL(value);
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return `"${value}", which is not an http or https URL`;
  }
  // A fragment would be dropped by the redirect, so it can never match what the SDK sends.
  if (value.includes("#")) {
    return `"${value}", which has a fragment: remove the part from '#'`;
  }
  return undefined;
}
