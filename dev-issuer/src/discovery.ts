import express, { type Router } from "express";
import type { SigningKey } from "./keys.js";
import { SIGNING_ALGORITHM } from "./keys.js";

/** Routes for the JWKS and the OpenID Connect discovery document. */
export function createDiscoveryRouter(key: SigningKey, issuer: string): Router {
  const router = express.Router();
  const base = issuer.slice(0, -1);

  router.get("/.well-known/jwks.json", (_request, response) => {
    // Only the public JWK built in keys.ts is listed, never the private key object.
    response.set("Cache-Control", "public, max-age=300").json({ keys: [key.publicJwk] });
  });

  router.get("/.well-known/openid-configuration", (_request, response) => {
    response.set("Cache-Control", "public, max-age=300").json({
      issuer,
      authorization_endpoint: `${base}/authorize`,
      token_endpoint: `${base}/oauth/token`,
      userinfo_endpoint: `${base}/userinfo`,
      jwks_uri: `${base}/.well-known/jwks.json`,
      revocation_endpoint: `${base}/oauth/revoke`,
      response_types_supported: ["code"],
      response_modes_supported: ["query", "web_message"],
      grant_types_supported: ["authorization_code", "refresh_token"],
      subject_types_supported: ["public"],
      id_token_signing_alg_values_supported: [SIGNING_ALGORITHM],
      token_endpoint_auth_methods_supported: ["none"],
      code_challenge_methods_supported: ["S256"],
      scopes_supported: ["openid", "profile", "email", "offline_access"],
      claims_supported: ["sub", "iss", "aud", "exp", "iat", "auth_time", "nonce", "name", "nickname", "picture", "email", "email_verified"],
      request_parameter_supported: false,
    });
  });

  return router;
}
