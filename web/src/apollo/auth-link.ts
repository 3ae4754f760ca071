import { SetContextLink } from "@apollo/client/link/context";

import type { AuthGate } from "./auth-gate";
import { SessionExpiredError } from "./session-expired-error";

/**
 * Adds `Authorization: Bearer <access token>` when the user is signed in and
 * leaves the header out entirely when not. Requests wait until the Auth0 SDK
 * has finished loading, so none leaves anonymously by mistake.
 */
export function createAuthLink(gate: AuthGate): SetContextLink {
  return new SetContextLink(async (prevContext) => {
    const auth = await gate.ready();
    const { authorization: _dropped, ...otherHeaders } = (prevContext.headers ?? {}) as Record<string, string>;

    if (!auth.isAuthenticated) {
      return { headers: otherHeaders };
    }

    let token: string;
    try {
      token = await auth.getAccessToken();
    } catch (error) {
      throw new SessionExpiredError(error);
    }
    return { headers: { ...otherHeaders, authorization: `Bearer ${token}` } };
  });
}
