import type { ApolloServerPlugin } from "@apollo/server";
import { unwrapResolverError } from "@apollo/server/errors";
import { GraphQLError } from "graphql";
import type { RequestContext } from "../context.js";
import { isDatabaseUnavailable } from "./error-masking.js";

export interface OperationObserver {
  (operation: { name: string | null; durationMs: number; errorCodes: string[] }): void;
}

/**
 * Logs one line per operation (name, duration, caller, error codes), logs in
 * full every error that will be masked, and sets HTTP 503 when the database
 * was unreachable, so load balancers and clients can retry.
 */
export function operationLogPlugin(observe?: OperationObserver): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart({ contextValue }) {
      const startedAt = performance.now();
      const errorCodes: string[] = [];
      let databaseUnavailable = false;

      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            const code = error.extensions?.["code"];
            errorCodes.push(typeof code === "string" ? code : "INTERNAL_SERVER_ERROR");
            const original = unwrapResolverError(error);
            if (isDatabaseUnavailable(original)) {
              databaseUnavailable = true;
              contextValue.logger.error({ event: "database_unavailable", err: original }, "the database did not respond");
            } else if (!(original instanceof GraphQLError) || code === "INTERNAL_SERVER_ERROR") {
              contextValue.logger.error({ event: "unexpected_error", err: original, path: error.path }, "resolver failed");
            }
          }
        },

        async willSendResponse({ response, operationName }) {
          if (databaseUnavailable) response.http.status = 503;
          const durationMs = Math.round((performance.now() - startedAt) * 100) / 100;
          const principal = contextValue.principal;
          contextValue.logger.info(
            {
              event: "operation",
              operationName: operationName ?? null,
              durationMs,
              caller: principal.kind === "user" ? principal.sub : "anonymous",
              errorCodes,
            },
            "operation finished",
          );
          observe?.({ name: operationName ?? null, durationMs, errorCodes });
        },
      };
    },
  };
}
