/**
 * A registered public client (a single-page app). Every list is compared by
 * exact string equality, with no wildcards or prefixes, so that a look-alike
 * URL such as `http://localhost:5173.evil.example/` never matches.
 */
export interface Client {
  readonly clientId: string;
  readonly redirectUris: readonly string[];
  /** Origins allowed to call the token endpoint from a browser and to receive web_message responses. */
  readonly webOrigins: readonly string[];
  readonly logoutUrls: readonly string[];
}

/** Clients known to this issuer, keyed by client id. */
export type ClientRegistry = ReadonlyMap<string, Client>;

export function createClientRegistry(clients: readonly Client[]): ClientRegistry {
  return new Map(clients.map((client) => [client.clientId, client]));
}

export function isAllowedRedirectUri(client: Client, redirectUri: string): boolean {
  return client.redirectUris.includes(redirectUri);
}

export function isAllowedLogoutUrl(client: Client, returnTo: string): boolean {
  return client.logoutUrls.includes(returnTo);
}

/** Checks whether any registered client lists `origin` as a web origin, because a CORS preflight carries no client id. */
export function isAllowedWebOrigin(registry: ClientRegistry, origin: string): boolean {
  for (const client of registry.values()) {
    if (client.webOrigins.includes(origin)) {
      return true;
    }
  }
  return false;
}

/**
 * Returns the origin that a web_message response may be posted to: the origin
 * of the redirect URI, but only when the client also lists it as a web origin.
 * Undefined means the response must not be posted at all.
 */
export function webMessageTargetOrigin(client: Client, redirectUri: string): string | undefined {
  const origin = new URL(redirectUri).origin;
  return client.webOrigins.includes(origin) ? origin : undefined;
}
