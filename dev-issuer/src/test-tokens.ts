import { exportSPKI, generateKeyPair, importJWK, SignJWT, UnsecuredJWT, type CryptoKey, type JWTPayload } from "jose";
import { SIGNING_ALGORITHM } from "./keys.js";
import { nowInSeconds, signAccessToken, signIdToken, signJwt, userinfoAudience, type TokenContext } from "./tokens.js";
import { createUser, findSeededUser } from "./users.js";

/** Options for a valid access token minted for a test. Every field has a default. */
export interface MintAccessTokenOptions {
  /** Default `dev|alice`. */
  sub?: string;
  /** Default: the seeded user's permissions, or none. */
  permissions?: readonly string[];
  /** Default `openid profile email`. */
  scope?: string;
  /** Display-name claim. Default: the seeded user's name. `null` leaves the claim out. */
  name?: string | null;
  /** Lifetime in seconds from now, where a negative value mints an expired token. Default: the issuer's token lifetime. */
  expiresIn?: number;
  /** Seconds from now until the token becomes valid (`nbf`). Omitted by default. */
  notBefore?: number;
  /** Default: [API audience, <issuer>userinfo], as Auth0 issues it. */
  audience?: string | string[];
  /** Default: this issuer. */
  issuer?: string;
  /** Default: the configured client id. */
  clientId?: string;
}

/** Options for a valid ID token minted for a test. */
export interface MintIdTokenOptions {
  sub?: string;
  name?: string;
  nonce?: string;
  /** Default: the configured client id. */
  audience?: string;
  expiresIn?: number;
  issuer?: string;
  scope?: string;
}

/** Ways a token can be wrong. A correct verifier rejects each of them. */
export type BrokenTokenKind =
  | "expired"
  | "not-yet-valid"
  | "wrong-audience"
  | "wrong-issuer"
  /** Signed by a key whose `kid` is not in the JWKS. */
  | "unknown-key"
  /** Signed by a different key that claims the JWKS's `kid`. */
  | "foreign-key-known-kid"
  | "alg-none"
  /** HS256 with the public key's PEM text as the HMAC secret: the algorithm-confusion attack. */
  | "hs256-public-key"
  /** A validly signed token whose payload was then changed to add the moderate:posts permission. */
  | "tampered-payload"
  | "missing-sub"
  | "missing-exp"
  | "missing-iat";

export const BROKEN_TOKEN_KINDS: readonly BrokenTokenKind[] = [
  "expired",
  "not-yet-valid",
  "wrong-audience",
  "wrong-issuer",
  "unknown-key",
  "foreign-key-known-kid",
  "alg-none",
  "hs256-public-key",
  "tampered-payload",
  "missing-sub",
  "missing-exp",
  "missing-iat",
];

export interface TokenMinter {
  mintAccessToken(options?: MintAccessTokenOptions): Promise<string>;
  mintIdToken(options?: MintIdTokenOptions): Promise<string>;
  /** Mints a token that is wrong in the way `kind` names. `claims` override the otherwise valid access-token claims. */
  mintBrokenToken(kind: BrokenTokenKind, claims?: JWTPayload): Promise<string>;
}

export function createTokenMinter(context: TokenContext, defaults: { clientId: string; audience: string }): TokenMinter {
  let foreignKey: Promise<CryptoKey> | undefined;
  const getForeignKey = (): Promise<CryptoKey> => {
    foreignKey ??= generateKeyPair(SIGNING_ALGORITHM).then((pair) => pair.privateKey);
    return foreignKey;
  };

  const validClaims = (): JWTPayload => {
    const issuedAt = nowInSeconds(context);
    const alice = findSeededUser("dev|alice");
    return {
      iss: context.issuer,
      sub: "dev|alice",
      aud: [defaults.audience, userinfoAudience(context.issuer)],
      azp: defaults.clientId,
      scope: "openid profile email",
      permissions: [],
      [context.nameClaim]: alice?.name ?? "Alice Example",
      iat: issuedAt,
      exp: issuedAt + context.tokenTtlSeconds,
    };
  };

  const signWithForeignKey = async (payload: JWTPayload, kid: string): Promise<string> =>
    new SignJWT(payload).setProtectedHeader({ alg: SIGNING_ALGORITHM, typ: "JWT", kid }).sign(await getForeignKey());

  return {
    async mintAccessToken(options = {}) {
      const sub = options.sub ?? "dev|alice";
      const seeded = findSeededUser(sub);
      const issuedAt = nowInSeconds(context);
      const name = options.name === null ? undefined : (options.name ?? seeded?.name);
      return signAccessToken(
        context.key,
        {
          sub,
          audience: options.audience ?? [defaults.audience, userinfoAudience(context.issuer)],
          clientId: options.clientId ?? defaults.clientId,
          scope: options.scope ?? "openid profile email",
          permissions: options.permissions ?? seeded?.permissions ?? [],
          name,
          issuer: options.issuer ?? context.issuer,
          issuedAt,
          expiresAt: issuedAt + (options.expiresIn ?? context.tokenTtlSeconds),
          notBefore: options.notBefore === undefined ? undefined : issuedAt + options.notBefore,
        },
        context.nameClaim,
      );
    },

    async mintIdToken(options = {}) {
      const sub = options.sub ?? "dev|alice";
      const user = findSeededUser(sub) ?? createUser(sub, options.name, []);
      const issuedAt = nowInSeconds(context);
      return signIdToken(context.key, {
        user: options.name === undefined ? user : { ...user, name: options.name },
        clientId: options.audience ?? defaults.clientId,
        scope: options.scope ?? "openid profile email",
        nonce: options.nonce,
        authTime: issuedAt,
        issuer: options.issuer ?? context.issuer,
        issuedAt,
        expiresAt: issuedAt + (options.expiresIn ?? context.tokenTtlSeconds),
      });
    },

    async mintBrokenToken(kind, claims = {}) {
      const payload: JWTPayload = { ...validClaims(), ...claims };
      const issuedAt = nowInSeconds(context);
      switch (kind) {
        case "expired":
          // Ten minutes past expiry, well beyond any sensible clock tolerance.
          return signJwt(context.key, { ...payload, iat: issuedAt - 3600, exp: issuedAt - 600 });
        case "not-yet-valid":
          return signJwt(context.key, { ...payload, nbf: issuedAt + 600 });
        case "wrong-audience":
          return signJwt(context.key, { ...payload, aud: "https://other-api.example/" });
        case "wrong-issuer":
          return signJwt(context.key, { ...payload, iss: "https://other-issuer.example/" });
        case "unknown-key":
          return signWithForeignKey(payload, "unknown-key-id");
        case "foreign-key-known-kid":
          return signWithForeignKey(payload, context.key.kid);
        case "alg-none":
          return new UnsecuredJWT(payload).encode();
        case "hs256-public-key": {
          const publicKey = (await importJWK(context.key.publicJwk, SIGNING_ALGORITHM)) as CryptoKey;
          const pem = await exportSPKI(publicKey);
          return new SignJWT(payload)
            .setProtectedHeader({ alg: "HS256", typ: "JWT", kid: context.key.kid })
            .sign(new TextEncoder().encode(pem));
        }
        case "tampered-payload": {
          const [header, body, signature] = (await signJwt(context.key, payload)).split(".");
          const decoded = JSON.parse(Buffer.from(body ?? "", "base64url").toString("utf8")) as JWTPayload;
          const changed = Buffer.from(JSON.stringify({ ...decoded, permissions: ["moderate:posts"] })).toString("base64url");
          return `${header}.${changed}.${signature}`;
        }
        case "missing-sub":
        case "missing-exp":
        case "missing-iat": {
          const claim = kind.slice("missing-".length) as "sub" | "exp" | "iat";
          const { [claim]: _removed, ...rest } = payload;
          return signJwt(context.key, rest);
        }
      }
    },
  };
}
