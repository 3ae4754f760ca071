import type { RequestHandler } from "express";
import { collectDefaultMetrics, Counter, Histogram, Registry } from "prom-client";
import type { JwksFetchOutcome } from "../auth/key-set.js";
import { ErrorCode } from "../errors.js";
import type { OperationObserver } from "../graphql/operation-log-plugin.js";
import { createOperationLabels, defaultOperationLabelLimit } from "./operation-labels.js";

/**
 * The API's Prometheus metrics, in a registry of their own, so several APIs
 * in one process (as in the tests) count separately.
 *
 * Every label value comes from a fixed set chosen by the API: operation names
 * are folded past a limit, and tokens, subjects and other claims are never
 * used as labels.
 */
export interface ApiMetrics {
  readonly registry: Registry;
  /** Counts one finished GraphQL operation; pass it to the operation log plugin. */
  readonly observeOperation: OperationObserver;
  /** Counts a request refused at the token check, by refusal reason. */
  readonly countTokenRefusal: (reason: string) => void;
  /** Counts one JWKS fetch attempt by outcome; pass it to the key set's `onFetch`. */
  readonly countJwksFetch: (outcome: JwksFetchOutcome) => void;
  /** Counts every HTTP response by path and status, including those refused before GraphQL runs. */
  readonly countResponses: RequestHandler;
}

export interface ApiMetricsOptions {
  /** Distinct operation names with a label of their own; later ones share `__other__`. Default 50. */
  readonly operationLabelLimit?: number;
}

// Field-level refusals that the @auth rules and resolvers raise. Request-level
// token refusals never reach the operation plugin and are counted by reason.
const accessRefusalCodes = new Set<string>([ErrorCode.Unauthenticated, ErrorCode.Forbidden]);

// The paths this API serves; anything else is one label, so scanners that
// probe random paths cannot add time series.
const knownPaths = new Set(["/graphql", "/healthz", "/readyz", "/metrics"]);

/** Creates the metrics and the default process metrics (memory, CPU, event loop, GC). */
export function createApiMetrics(options: ApiMetricsOptions = {}): ApiMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const operationLabel = createOperationLabels(options.operationLabelLimit ?? defaultOperationLabelLimit);

  const operations = new Counter({
    name: "noticeboard_graphql_operations_total",
    help: "GraphQL operations that reached execution, by operation name and result (ok, or error when the response lists errors).",
    labelNames: ["operation", "result"] as const,
    registers: [registry],
  });
  const durations = new Histogram({
    name: "noticeboard_graphql_operation_duration_seconds",
    help: "Time from the start of a GraphQL operation to its response, by operation name.",
    labelNames: ["operation"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const accessRefusals = new Counter({
    name: "noticeboard_access_refusals_total",
    help: "Fields rejected by the access rules, by error code (UNAUTHENTICATED or FORBIDDEN).",
    labelNames: ["code"] as const,
    registers: [registry],
  });
  const tokenRefusals = new Counter({
    name: "noticeboard_token_refusals_total",
    help: "Requests rejected because their bearer token could not be verified, by reason.",
    labelNames: ["reason"] as const,
    registers: [registry],
  });
  const jwksFetches = new Counter({
    name: "noticeboard_jwks_fetches_total",
    help: "Fetches of the issuer's JSON Web Key Set, by outcome.",
    labelNames: ["outcome"] as const,
    registers: [registry],
  });
  const responses = new Counter({
    name: "noticeboard_http_responses_total",
    help: "HTTP responses, by path (other for unknown paths) and status code.",
    labelNames: ["path", "status"] as const,
    registers: [registry],
  });

  return {
    registry,
    observeOperation({ name, durationMs, errorCodes }) {
      const operation = operationLabel(name);
      operations.inc({ operation, result: errorCodes.length === 0 ? "ok" : "error" });
      durations.observe({ operation }, durationMs / 1000);
      for (const code of errorCodes) {
        if (accessRefusalCodes.has(code)) accessRefusals.inc({ code });
      }
    },
    countTokenRefusal(reason) {
      tokenRefusals.inc({ reason });
    },
    countJwksFetch(outcome) {
      jwksFetches.inc({ outcome });
    },
    countResponses(req, res, next) {
      // Read now: routers mounted at a path rewrite req.url while they run.
      const path = knownPaths.has(req.path) ? req.path : "other";
      res.once("finish", () => {
        responses.inc({ path, status: String(res.statusCode) });
      });
      next();
    },
  };
}
