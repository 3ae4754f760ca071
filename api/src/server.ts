import http from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { expressMiddleware } from "@as-integrations/express5";
import cors from "cors";
import express from "express";
import type { GraphQLSchema } from "graphql";
import { createKeySet, type JwksFetchOutcome, type KeySet } from "./auth/key-set.js";
import { createTokenVerifier } from "./auth/token-verifier.js";
import type { ApiConfig } from "./config.js";
import { createContextFunction, type RequestContext } from "./context.js";
import type { Database } from "./data/database.js";
import { migrate } from "./data/migrate.js";
import { formatError } from "./graphql/error-masking.js";
import { landingPagePlugin } from "./graphql/landing-page.js";
import { operationLogPlugin } from "./graphql/operation-log-plugin.js";
import { buildApiSchema } from "./graphql/schema.js";
import { healthRouter } from "./http/health.js";
import { requestIdMiddleware } from "./http/request-id.js";
import type { Logger } from "./logger.js";

export interface ApiDependencies {
  readonly config: ApiConfig;
  readonly logger: Logger;
  readonly db: Database;
  /** Replaces the schema read from schema.graphql, for tests of start-up checks. */
  readonly schema?: GraphQLSchema;
  readonly onJwksFetch?: (outcome: JwksFetchOutcome) => void;
}

export interface RunningApi {
  /** Base URL, such as http://127.0.0.1:4000; GraphQL is at `${url}/graphql`. */
  readonly url: string;
  readonly port: number;
  readonly keySet: KeySet;
  /** Stops accepting, finishes in-flight operations, then closes the database. */
  close(): Promise<void>;
}

/** Maximum size of a request body; larger ones get 413 before any parsing. */
const bodyLimit = "100kb";

/**
 * Starts the API: migrates the database, builds the schema (refusing to start
 * on missing access rules), and serves GraphQL at /graphql with health checks.
 */
export async function startApi(dependencies: ApiDependencies): Promise<RunningApi> {
  const { config, logger, db } = dependencies;

  const applied = await migrate(db);
  logger.info({ event: "migrations_applied", applied, database: db.kind }, "database schema is current");

  const schema = dependencies.schema ?? buildApiSchema();
  const keySet = createKeySet({
    url: config.auth.jwksUrl,
    timeoutMs: config.auth.jwksTimeoutMs,
    cooldownMs: config.auth.jwksCooldownMs,
    refreshMs: config.auth.jwksRefreshMs,
    logger,
    ...(dependencies.onJwksFetch ? { onFetch: dependencies.onJwksFetch } : {}),
  });
  const verifyToken = createTokenVerifier({
    issuer: config.auth.issuer,
    audience: config.auth.audience,
    nameClaim: config.auth.nameClaim,
    clockToleranceSeconds: config.auth.clockToleranceSeconds,
    tokenCacheSize: config.auth.tokenCacheSize,
    keySet,
  });

  const app = express();
  app.disable("x-powered-by");
  const httpServer = http.createServer(app);
  const includeStack = config.env !== "production";

  const apollo = new ApolloServer<RequestContext>({
    schema,
    logger: logger.child({ component: "apollo" }),
    introspection: config.introspection,
    includeStacktraceInErrorResponses: includeStack,
    formatError: (formatted, error) => formatError(formatted, error, includeStack),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      operationLogPlugin(),
      landingPagePlugin(config, logger),
    ],
  });
  await apollo.start();

  app.use(requestIdMiddleware(logger));
  app.use(healthRouter(db, keySet));
  app.use(
    "/graphql",
    cors<cors.CorsRequest>({
      origin: [...config.corsOrigins],
      allowedHeaders: ["authorization", "content-type", "apollo-require-preflight", "x-apollo-operation-name", "x-request-id"],
      exposedHeaders: ["www-authenticate", "retry-after", "x-request-id"],
      maxAge: 600,
    }),
    express.json({ limit: bodyLimit }),
    expressMiddleware(apollo, {
      context: createContextFunction({
        verifyToken,
        db,
        jwksRetryAfterSeconds: Math.max(1, Math.ceil(config.auth.jwksTimeoutMs / 1000)),
      }),
    }),
  );

  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(config.port, config.host, () => resolve());
  });
  const { port } = httpServer.address() as AddressInfo;
  const host = config.host.includes(":") ? `[${config.host}]` : config.host;
  const url = `http://${host}:${port}`;
  logger.info({ event: "api_started", url: `${url}/graphql`, issuer: config.auth.issuer, audience: config.auth.audience }, "API is listening");

  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    keySet,
    close() {
      closing ??= (async () => {
        await apollo.stop();
        keySet.close();
        await db.close();
        logger.info({ event: "api_stopped" }, "API stopped");
      })();
      return closing;
    },
  };
}
