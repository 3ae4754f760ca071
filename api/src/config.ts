import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

const repositoryRoot = fileURLToPath(new URL("../../", import.meta.url));

/** Settings of the API, parsed once at start-up from the environment. */
export interface ApiConfig {
  readonly env: "development" | "production" | "test";
  readonly host: string;
  readonly port: number;
  readonly logLevel: string;
  readonly auth: {
    /** The expected `iss`, always ending in exactly one `/`, as Auth0 writes it. */
    readonly issuer: string;
    readonly audience: string;
    readonly jwksUrl: URL;
    /** Claim that carries the display name in access tokens. */
    readonly nameClaim: string;
    readonly clockToleranceSeconds: number;
    readonly jwksTimeoutMs: number;
    /** Minimum time between two JWKS fetches caused by unknown `kid`s. */
    readonly jwksCooldownMs: number;
    /** How often the key set is refreshed in the background. */
    readonly jwksRefreshMs: number;
    /** Maximum number of verified tokens kept; 0 turns the cache off. */
    readonly tokenCacheSize: number;
  };
  readonly database:
    | {
        readonly kind: "postgres";
        readonly url: string;
        /** Time to wait for a new connection before a query fails as unavailable. */
        readonly connectTimeoutMs: number;
        /** Time a statement may run; the client gives up a second later when the server does not respond. */
        readonly queryTimeoutMs: number;
      }
    | { readonly kind: "pglite"; readonly dataDir: string };
  readonly corsOrigins: readonly string[];
  readonly introspection: boolean;
  readonly landingPage: boolean;
  /** Development token endpoint that Sandbox's Authorization header is filled from; never in production. */
  readonly sandboxTokenUrl: URL | undefined;
  /** Limits checked while validating each operation, before any resolver runs. */
  readonly queryLimits: {
    /** Maximum nesting of fields; `ofType` inside introspection does not count. */
    readonly maxDepth: number;
    readonly maxAliases: number;
    /** Maximum fields selected at the top level of an operation. */
    readonly maxRootFields: number;
    /** Maximum estimated cost: one per field, with lists multiplying their fields by `first`. */
    readonly maxCost: number;
  };
  readonly rateLimit: {
    readonly enabled: boolean;
    readonly windowMs: number;
    /** Requests per window for each signed-in caller, keyed by the verified `sub`. */
    readonly perPrincipal: number;
    /** Requests per window for each client address without a verified token. */
    readonly perIp: number;
    /** Redis shared by every API instance; null counts in this process's memory. */
    readonly redisUrl: string | null;
    readonly keyPrefix: string;
  };
  /** Number of reverse proxies in front of the API whose X-Forwarded-For is trusted; 0 trusts none. */
  readonly trustProxyHops: number;
  readonly metrics: {
    readonly enabled: boolean;
    /** Port of a separate listener for /metrics; null serves it on the main port. */
    readonly port: number | null;
  };
}

const booleanSetting = z
  .enum(["true", "false", "1", "0"], { error: "must be true or false" })
  .transform((value) => value === "true" || value === "1");

const integerSetting = (min: number, max: number) =>
  z.coerce
    .number({ error: "must be a whole number" })
    .int({ error: "must be a whole number" })
    .min(min, { error: `must be at least ${min}` })
    .max(max, { error: `must be at most ${max}` });

const environmentSchema = z.object({
  NODE_ENV: z
    .enum(["development", "production", "test"], {
      error: "must be development, production or test",
    })
    .default("development"),
  HOST: z.string().min(1).default("127.0.0.1"),
  PORT: integerSetting(0, 65535).default(4000),
  LOG_LEVEL: z
    .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], {
      error: "must be one of fatal, error, warn, info, debug, trace, silent",
    })
    .default("info"),
  AUTH0_DOMAIN: z.string().optional(),
  AUTH0_ISSUER: z.string().optional(),
  AUTH0_AUDIENCE: z.string({ error: "is required: set it to the identifier of your Auth0 API" }).min(1, {
    error: "is required: set it to the identifier of your Auth0 API",
  }),
  AUTH0_NAME_CLAIM: z.string().min(1).default("https://noticeboard.example/name"),
  AUTH0_CLOCK_TOLERANCE_SECONDS: integerSetting(0, 300).default(5),
  JWKS_TIMEOUT_MS: integerSetting(100, 60_000).default(5000),
  JWKS_COOLDOWN_MS: integerSetting(0, 3_600_000).default(30_000),
  JWKS_REFRESH_MS: integerSetting(1000, 86_400_000).default(600_000),
  TOKEN_CACHE_SIZE: integerSetting(0, 1_000_000).default(10_000),
  DATABASE_URL: z.string().optional(),
  DATABASE_CONNECT_TIMEOUT_MS: integerSetting(100, 60_000).default(5000),
  DATABASE_QUERY_TIMEOUT_MS: integerSetting(100, 600_000).default(10_000),
  PGLITE_DIR: z.string().min(1).default(path.join(repositoryRoot, ".data", "pglite")),
  CORS_ORIGINS: z.string().default(""),
  INTROSPECTION: booleanSetting.optional(),
  LANDING_PAGE: booleanSetting.optional(),
  METRICS: z.enum(["on", "off"], { error: "must be on or off" }).default("on"),
  METRICS_PORT: integerSetting(0, 65535).optional(),
  QUERY_MAX_DEPTH: integerSetting(1, 1000).default(12),
  QUERY_MAX_ALIASES: integerSetting(0, 100_000).default(30),
  QUERY_MAX_ROOT_FIELDS: integerSetting(1, 10_000).default(15),
  QUERY_MAX_COST: integerSetting(1, 100_000_000).default(5000),
  RATE_LIMIT: z.enum(["on", "off"], { error: "must be on or off" }).default("on"),
  RATE_LIMIT_WINDOW_MS: integerSetting(1000, 86_400_000).default(60_000),
  RATE_LIMIT_PER_PRINCIPAL: integerSetting(1, 10_000_000).default(600),
  RATE_LIMIT_PER_IP: integerSetting(1, 10_000_000).default(300),
  RATE_LIMIT_KEY_PREFIX: z.string().min(1).default("noticeboard:rate-limit:"),
  REDIS_URL: z.string().optional(),
  TRUST_PROXY_HOPS: integerSetting(0, 10).default(0),
  SANDBOX_TOKEN_URL: z.url({ error: "must be an absolute http:// or https:// URL" }).optional(),
});

/** Raised when the environment does not describe a usable configuration. */
export class ConfigError extends Error {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
    this.name = "ConfigError";
    this.problems = problems;
  }
}

/**
 * Parses and checks every setting at once, so one start reports all problems.
 *
 * @throws ConfigError listing each invalid or missing variable and its fix.
 */
export function loadConfig(environment: NodeJS.ProcessEnv = process.env): ApiConfig {
  const raw = blankToUndefined(environment);
  const parsed = environmentSchema.safeParse(raw);
  const problems: string[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      problems.push(`${issue.path.join(".")} ${issue.message}`);
    }
    // The issuer checks read plain strings, so they still run and the one
    // start reports their problems too.
    resolveIssuer(raw["AUTH0_DOMAIN"], raw["AUTH0_ISSUER"], raw["NODE_ENV"] === "production", problems);
    throw new ConfigError(problems);
  }
  const settings = parsed.data;
  const production = settings.NODE_ENV === "production";

  const issuer = resolveIssuer(settings.AUTH0_DOMAIN, settings.AUTH0_ISSUER, production, problems);
  const corsOrigins = parseOrigins(settings.CORS_ORIGINS, problems);

  if (settings.DATABASE_URL !== undefined && !/^postgres(ql)?:\/\//.test(settings.DATABASE_URL)) {
    problems.push("DATABASE_URL must be a postgres:// or postgresql:// URL, or unset to use embedded PGlite");
  }
  if (settings.METRICS === "off" && settings.METRICS_PORT !== undefined) {
    problems.push("METRICS_PORT is set but METRICS=off: unset METRICS_PORT, or set METRICS=on to serve /metrics on that port");
  }
  if (settings.METRICS_PORT !== undefined && settings.METRICS_PORT !== 0 && settings.METRICS_PORT === settings.PORT) {
    problems.push(`METRICS_PORT must differ from PORT (both are ${settings.PORT}); unset METRICS_PORT to serve /metrics on the main port`);
  }
  if (settings.REDIS_URL !== undefined && !/^rediss?:\/\//.test(settings.REDIS_URL)) {
    problems.push("REDIS_URL must be a redis:// or rediss:// URL, or unset to count rate limits in memory");
  }
  if (production && settings.SANDBOX_TOKEN_URL !== undefined) {
    problems.push("SANDBOX_TOKEN_URL must be unset when NODE_ENV=production: development tokens are for local use only");
  }
  if (problems.length > 0 || issuer === undefined) {
    throw new ConfigError(problems);
  }

  const config: ApiConfig = {
    env: settings.NODE_ENV,
    host: settings.HOST,
    port: settings.PORT,
    logLevel: settings.LOG_LEVEL,
    auth: {
      issuer,
      audience: settings.AUTH0_AUDIENCE,
      jwksUrl: new URL(".well-known/jwks.json", issuer),
      nameClaim: settings.AUTH0_NAME_CLAIM,
      clockToleranceSeconds: settings.AUTH0_CLOCK_TOLERANCE_SECONDS,
      jwksTimeoutMs: settings.JWKS_TIMEOUT_MS,
      jwksCooldownMs: settings.JWKS_COOLDOWN_MS,
      jwksRefreshMs: settings.JWKS_REFRESH_MS,
      tokenCacheSize: settings.TOKEN_CACHE_SIZE,
    },
    database:
      settings.DATABASE_URL === undefined
        ? { kind: "pglite", dataDir: path.resolve(settings.PGLITE_DIR) }
        : {
            kind: "postgres",
            url: settings.DATABASE_URL,
            connectTimeoutMs: settings.DATABASE_CONNECT_TIMEOUT_MS,
            queryTimeoutMs: settings.DATABASE_QUERY_TIMEOUT_MS,
          },
    corsOrigins,
    introspection: settings.INTROSPECTION ?? !production,
    landingPage: settings.LANDING_PAGE ?? !production,
    queryLimits: {
      maxDepth: settings.QUERY_MAX_DEPTH,
      maxAliases: settings.QUERY_MAX_ALIASES,
      maxRootFields: settings.QUERY_MAX_ROOT_FIELDS,
      maxCost: settings.QUERY_MAX_COST,
    },
    rateLimit: {
      enabled: settings.RATE_LIMIT === "on",
      windowMs: settings.RATE_LIMIT_WINDOW_MS,
      perPrincipal: settings.RATE_LIMIT_PER_PRINCIPAL,
      perIp: settings.RATE_LIMIT_PER_IP,
      redisUrl: settings.REDIS_URL ?? null,
      keyPrefix: settings.RATE_LIMIT_KEY_PREFIX,
    },
    trustProxyHops: settings.TRUST_PROXY_HOPS,
    sandboxTokenUrl: settings.SANDBOX_TOKEN_URL === undefined ? undefined : new URL(settings.SANDBOX_TOKEN_URL),
    metrics: { enabled: settings.METRICS === "on", port: settings.METRICS_PORT ?? null },
  };
  return deepFreeze(config);
}

/**
 * Derives the issuer from AUTH0_DOMAIN or AUTH0_ISSUER. Auth0 writes `iss` as
 * `https://DOMAIN/`, so the issuer is normalized to end in exactly one slash:
 * a setting written with or without it accepts the same tokens.
 */
function resolveIssuer(
  domain: string | undefined,
  issuerSetting: string | undefined,
  production: boolean,
  problems: string[],
): string | undefined {
  if (domain !== undefined && issuerSetting !== undefined) {
    problems.push("AUTH0_DOMAIN and AUTH0_ISSUER are both set: keep one (AUTH0_DOMAIN for a tenant domain, AUTH0_ISSUER for a full issuer URL)");
    return undefined;
  }
  if (domain !== undefined) {
    if (!/^[a-z0-9.-]+(:\d+)?$/i.test(domain)) {
      problems.push(`AUTH0_DOMAIN must be a host name such as your-tenant.eu.auth0.com, without scheme or path (got "${domain}")`);
      return undefined;
    }
    return `https://${domain.toLowerCase()}/`;
  }
  if (issuerSetting === undefined) {
    problems.push("AUTH0_DOMAIN or AUTH0_ISSUER is required: set AUTH0_DOMAIN to your tenant domain, or AUTH0_ISSUER to the issuer URL");
    return undefined;
  }

  let url: URL;
  try {
    url = new URL(issuerSetting);
  } catch {
    problems.push(`AUTH0_ISSUER must be an absolute URL such as https://login.example.com/ (got "${issuerSetting}")`);
    return undefined;
  }
  if (url.search !== "" || url.hash !== "" || url.username !== "" || url.password !== "") {
    problems.push("AUTH0_ISSUER must not contain credentials, a query or a fragment");
    return undefined;
  }
  if (url.protocol === "http:") {
    if (production) {
      problems.push("AUTH0_ISSUER must use https:// when NODE_ENV=production; http:// is allowed only for the local development issuer");
      return undefined;
    }
    if (url.hostname !== "localhost") {
      problems.push(`AUTH0_ISSUER may use http:// only with the host localhost (got "${url.hostname}"); use https:// for any other issuer`);
      return undefined;
    }
  } else if (url.protocol !== "https:") {
    problems.push(`AUTH0_ISSUER must use https:// (got "${url.protocol}")`);
    return undefined;
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}/`;
}

function parseOrigins(value: string, problems: string[]): string[] {
  const origins: string[] = [];
  for (const entry of value.split(",").map((part) => part.trim()).filter(Boolean)) {
    let url: URL;
    try {
      url = new URL(entry);
    } catch {
      problems.push(`CORS_ORIGINS entry "${entry}" is not an origin such as https://app.example.com`);
      continue;
    }
    if (url.origin !== entry.replace(/\/$/, "")) {
      problems.push(`CORS_ORIGINS entry "${entry}" must be an origin only (scheme, host and port), such as ${url.origin}`);
      continue;
    }
    origins.push(url.origin);
  }
  return origins;
}

/** Treats `VAR=` in an env file like an unset variable, so defaults apply. */
function blankToUndefined(environment: NodeJS.ProcessEnv): Record<string, string | undefined> {
  const result: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(environment)) {
    result[key] = value === undefined || value.trim() === "" ? undefined : value.trim();
  }
  return result;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !(value instanceof URL)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
