import type { JWTPayload } from "jose";

/** The caller, as proven by the access token, or anonymous when no token was sent. */
export type Principal =
  | { readonly kind: "anonymous" }
  | {
      readonly kind: "user";
      /** The token's `sub`: the user's id everywhere in this API. */
      readonly sub: string;
      /** The union of the `permissions` array and the space-separated `scope` claim, sorted. */
      readonly permissions: ReadonlySet<string>;
      /** The display name from the configured claim, when the token carries one. */
      readonly name: string | undefined;
      readonly claims: Readonly<JWTPayload>;
    };

export const anonymousPrincipal: Principal = Object.freeze({ kind: "anonymous" });

/** Builds the principal from claims that passed full verification. */
export function principalFromClaims(claims: JWTPayload, nameClaim: string): Principal {
  const permissions = new Set<string>();
  const permissionClaim: unknown = claims["permissions"];
  if (Array.isArray(permissionClaim)) {
    for (const permission of permissionClaim) {
      if (typeof permission === "string" && permission !== "") permissions.add(permission);
    }
  }
  const scope: unknown = claims["scope"];
  if (typeof scope === "string") {
    for (const permission of scope.split(" ")) {
      if (permission !== "") permissions.add(permission);
    }
  }

  const nameValue: unknown = claims[nameClaim];
  const name = typeof nameValue === "string" && nameValue.trim() !== "" ? nameValue.trim().slice(0, 60) : undefined;

  return Object.freeze({
    kind: "user",
    // jwtVerify ran with requiredClaims ["sub"], so `sub` is a string here.
    sub: claims.sub as string,
    permissions: new Set([...permissions].sort()),
    name,
    claims: Object.freeze({ ...claims }),
  });
}

/** Returns the permissions in `required` that the principal lacks. */
export function missingPermissions(principal: Principal, required: readonly string[]): string[] {
  if (principal.kind === "anonymous") return [...required];
  return required.filter((permission) => !principal.permissions.has(permission));
}
