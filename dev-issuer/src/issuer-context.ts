import type { Logger } from "pino";
import type { ResponseMode } from "./authorization-response.js";
import type { Client, ClientRegistry } from "./clients.js";
import type { CodeStore } from "./codes.js";
import type { ExpiringStore } from "./expiring-store.js";
import type { RefreshTokenStore } from "./refresh-tokens.js";
import type { SessionStore } from "./sessions.js";
import type { TokenContext } from "./tokens.js";
import type { DevUser } from "./users.js";

/** A validated /authorize request, kept while the login page is shown. */
export interface AuthorizationRequest {
  readonly client: Client;
  readonly redirectUri: string;
  readonly responseMode: ResponseMode;
  readonly state: string | undefined;
  readonly nonce: string | undefined;
  readonly codeChallenge: string;
  readonly audience: string;
  /** The requested scope. The granted scope also depends on the user's permissions. */
  readonly scope: string;
  readonly loginHint: string | undefined;
}

/** State and settings shared by all route handlers of one issuer instance. */
export interface IssuerContext {
  readonly tokens: TokenContext;
  readonly clients: ClientRegistry;
  /** API identifiers that access tokens may be issued for; the first is used when /authorize names none. */
  readonly audiences: readonly string[];
  readonly codes: CodeStore;
  readonly refreshTokens: RefreshTokenStore;
  readonly sessions: SessionStore;
  readonly loginTransactions: ExpiringStore<AuthorizationRequest>;
  /** Seeded users and users typed on the login page since the start, for /userinfo. */
  readonly users: Map<string, DevUser>;
  readonly logger: Logger;
}
