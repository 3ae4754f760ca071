import { Writable } from "node:stream";
import type { GraphQLSchema } from "graphql";
import { loadConfig } from "../../src/config.js";
import { openDatabase, type Database } from "../../src/data/database.js";
import { createLogger } from "../../src/logger.js";
import { startApi, type RunningApi } from "../../src/server.js";
import { openTestDatabase, type TestDatabase, type TestDatabaseKind } from "./database.js";
import type { TestIssuer } from "./jwks-server.js";

export interface GraphQLResponse<Data = Record<string, unknown>> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: {
    data?: Data | null;
    errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }>;
  };
}

export interface TestApi {
  readonly api: RunningApi;
  readonly db: Database;
  /** Every log line the API wrote, parsed. */
  readonly logs: Array<Record<string, unknown>>;
  /** Sends one GraphQL operation; `token` becomes a Bearer header, `headers` are sent as given. */
  graphql<Data = Record<string, unknown>>(
    query: string,
    options?: { variables?: Record<string, unknown>; token?: string; headers?: Record<string, string> },
  ): Promise<GraphQLResponse<Data>>;
  close(): Promise<void>;
}

export interface TestApiOptions {
  readonly issuer: TestIssuer;
  /** A fresh database of that kind, or an existing Postgres database (opened with the config's timeouts). */
  readonly database: TestDatabaseKind | { readonly postgresUrl: string };
  readonly env?: Record<string, string>;
  readonly schema?: GraphQLSchema;
}

/** Starts the real API on 127.0.0.1 with an ephemeral port, a fresh database and captured logs. */
export async function startTestApi(options: TestApiOptions): Promise<TestApi> {
  const logs: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString("utf8").split("\n")) {
        if (line.trim() !== "") logs.push(JSON.parse(line) as Record<string, unknown>);
      }
      done();
    },
  });

  const config = loadConfig({
    ...options.issuer.apiEnvironment(),
    LOG_LEVEL: "debug",
    JWKS_TIMEOUT_MS: "500",
    JWKS_COOLDOWN_MS: "0",
    CORS_ORIGINS: "http://localhost:5173",
    // Tests send bursts from one address far above any production limit;
    // the rate-limit tests turn it on with small limits of their own.
    RATE_LIMIT: "off",
    ...(typeof options.database === "string" ? {} : { DATABASE_URL: options.database.postgresUrl }),
    ...options.env,
  });
  const logger = createLogger(config.logLevel, sink);
  const database: TestDatabase =
    typeof options.database === "string"
      ? await openTestDatabase(options.database)
      : { db: await openDatabase(config.database), dispose: async () => {} };
  const api = await startApi({ config, logger, db: database.db, ...(options.schema ? { schema: options.schema } : {}) });

  return {
    api,
    db: database.db,
    logs,
    async graphql(query, request = {}) {
      const headers: Record<string, string> = { "content-type": "application/json", ...request.headers };
      if (request.token !== undefined) headers["authorization"] = `Bearer ${request.token}`;
      const response = await fetch(`${api.url}/graphql`, {
        method: "POST",
        headers,
        body: JSON.stringify({ query, variables: request.variables ?? {} }),
        signal: AbortSignal.timeout(10_000),
      });
      return { status: response.status, headers: response.headers, body: (await response.json()) as GraphQLResponse["body"] } as never;
    },
    async close() {
      await api.close();
      await database.dispose();
    },
  };
}
