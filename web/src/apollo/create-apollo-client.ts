import { ApolloClient, ApolloLink, HttpLink } from "@apollo/client";

import type { AuthGate } from "./auth-gate";
import { createAuthLink } from "./auth-link";
import { createCache } from "./create-cache";
import { createErrorLink, type ErrorLinkOptions } from "./error-link";

export interface ApolloClientOptions extends ErrorLinkOptions {
  apiUrl: string;
  authGate: AuthGate;
  /** Replaces the HTTP link, for tests. */
  terminatingLink?: ApolloLink;
}

/**
 * Creates the client, the one place that composes the link chain: errors
 * first, so that a retry goes through the auth link again and picks up the
 * refreshed token, then the auth header, then HTTP.
 */
export function createApolloClient(options: ApolloClientOptions): ApolloClient {
  const link = ApolloLink.from([
    createErrorLink(options),
    createAuthLink(options.authGate),
    options.terminatingLink ?? new HttpLink({ uri: options.apiUrl }),
  ]);

  return new ApolloClient({
    link,
    cache: createCache(),
    dataMasking: true,
  });
}
