/** Permission that unlocks the reported-posts view and editing any post. */
export const MODERATE_POSTS = "moderate:posts";

// OpenID Connect scopes that the sign-in itself requests. The API merges the
// token's `scope` claim into the permissions it reports, so these arrive too.
const signInScopes = new Set(["openid", "profile", "email", "offline_access"]);

/** Splits what the token grants into API permissions and the scopes of the sign-in. */
export function splitPermissions(granted: readonly string[]): { permissions: string[]; signInScopes: string[] } {
  return {
    permissions: granted.filter((name) => !signInScopes.has(name)),
    signInScopes: granted.filter((name) => signInScopes.has(name)),
  };
}
