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
import { queryLimitsRule } from "./graphql/query-limits.js";
import { buildApiSchema } from "./graphql/schema.js";
import { healthRouter } from "./http/health.js";
import { metricsHandler, startMetricsServer, type MetricsServer } from "./http/metrics-endpoint.js";
import { createShutdownGate } from "./http/shutdown-gate.js";
import { respondToClientError } from "./http/client-errors.js";
import { requestErrorHandler } from "./http/request-errors.js";
import { requestIdMiddleware } from "./http/request-id.js";
import { securityHeaders } from "./http/security-headers.js";
import type { Logger } from "./logger.js";
import { createApiMetrics } from "./metrics/api-metrics.js";
import { openRateLimiter } from "./rate-limit/open-rate-limiter.js";

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
  /** URL of the Prometheus metrics endpoint, or null with METRICS=off. */
  readonly metricsUrl: string | null;
  /** Stops accepting, finishes in-flight operations, then closes the database. */
  close(): Promise<void>;
}

/** Maximum size of a request body; larger ones get 413 before any parsing. */
const bodyLimit = "100kb";

// Node's default, pinned so that NODE_OPTIONS cannot change it: a request
// whose header block is larger (such as a 100 KB bearer token) gets 431 from
// Node's parser before Express or the token verifier reads it.
const maxHeaderBytes = 16 * 1024;

/**
 * Starts the API: migrates the database, builds the schema (refusing to start
 * on missing access rules), and serves GraphQL at /graphql with health checks.
 */
export async function startApi(dependencies: ApiDependencies): Promise<RunningApi> {
  const { config, logger, db } = dependencies;

  const applied = await migrate(db);
  logger.info({ event: "migrations_applied", applied, database: db.kind }, "database schema is current");

  const schema = dependencies.schema ?? buildApiSchema();
  const metrics = config.metrics.enabled ? createApiMetrics() : undefined;
  const onJwksFetch = (outcome: JwksFetchOutcome) => {
    metrics?.countJwksFetch(outcome);
    dependencies.onJwksFetch?.(outcome);
  };
  const keySet = createKeySet({
    url: config.auth.jwksUrl,
    timeoutMs: config.auth.jwksTimeoutMs,
    cooldownMs: config.auth.jwksCooldownMs,
    refreshMs: config.auth.jwksRefreshMs,
    logger,
    onFetch: onJwksFetch,
  });
  const verifyToken = createTokenVerifier({
    issuer: config.auth.issuer,
    audience: config.auth.audience,
    nameClaim: config.auth.nameClaim,
    clockToleranceSeconds: config.auth.clockToleranceSeconds,
    tokenCacheSize: config.auth.tokenCacheSize,
    keySet,
  });

  const rateLimiter = await openRateLimiter(config.rateLimit, logger);

  const app = express();
  app.disable("x-powered-by");
  // req.ip, the rate-limit key of anonymous callers, is the socket address
  // unless proxies in front of the API are trusted to set X-Forwarded-For.
  app.set("trust proxy", config.trustProxyHops);
  const httpServer = http.createServer({ maxHeaderSize: maxHeaderBytes }, app);
  httpServer.on("clientError", respondToClientError);
  const includeStack = config.env !== "production";

  const apollo = new ApolloServer<RequestContext>({
    schema,
    // main.ts owns SIGTERM and SIGINT. Apollo's own handler (on whenever
    // NODE_ENV is not "test") re-raises the signal after stopping, which would
    // kill the process before the database is closed and exit with 143.
    stopOnTerminationSignals: false,
    logger: logger.child({ component: "apollo" }),
    introspection: config.introspection,
    validationRules: [queryLimitsRule(config.queryLimits)],
    includeStacktraceInErrorResponses: includeStack,
    formatError: (formatted, error) => formatError(formatted, error, includeStack),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      operationLogPlugin(metrics?.observeOperation),
      landingPagePlugin(config, logger),
    ],
  });
  await apollo.start();

  app.use(securityHeaders("/graphql"));
  if (metrics !== undefined) {
    app.use(metrics.countResponses);
    if (config.metrics.port === null) app.get("/metrics", metricsHandler(metrics.registry, logger));
  }
  const shutdownGate = createShutdownGate();
  app.use(shutdownGate.middleware);
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
        ...(metrics ? { onTokenRefused: metrics.countTokenRefusal } : {}),
        ...(rateLimiter ? { rateLimiter } : {}),
      }),
    }),
  );
  app.use(requestErrorHandler(logger));

  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(config.port, config.host, () => resolve());
  });
  const { port } = httpServer.address() as AddressInfo;
  const host = config.host.includes(":") ? `[${config.host}]` : config.host;
  const url = `http://${host}:${port}`;
  logger.info({ event: "api_started", url: `${url}/graphql`, issuer: config.auth.issuer, audience: config.auth.audience }, "API is listening");

  let metricsServer: MetricsServer | undefined;
  if (metrics !== undefined && config.metrics.port !== null) {
    try {
      metricsServer = await startMetricsServer({ host: config.host, port: config.metrics.port, registry: metrics.registry, logger });
    } catch (error) {
      // Close the main port too, or its open listener would keep a process alive that failed to start.
      await apollo.stop();
      await rateLimiter?.close();
      throw error;
    }
  }
  const metricsUrl = metrics === undefined ? null : (metricsServer?.url ?? `${url}/metrics`);
  logger.info({ event: "metrics_served", url: metricsUrl }, metricsUrl === null ? "metrics are off (METRICS=off)" : "serving Prometheus metrics");

  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    keySet,
    metricsUrl,
    close() {
      closing ??= (async () => {
        shutdownGate.close();
        await apollo.stop();
        await metricsServer?.close();
        keySet.close();
        await rateLimiter?.close();
        await db.close();
        logger.info({ event: "api_stopped" }, "API stopped");
      })();
      return closing;
    },
  };
}
