import type { RequestHandler } from "express";
import helmet from "helmet";

/**
 * Sets helmet's security headers on every response. Routes other than
 * GraphQL respond with JSON or plain text only, so they also get a Content
 * Security Policy that allows nothing and forbids framing.
 *
 * `/graphql` gets the same headers without a policy and without
 * Cross-Origin-Opener-Policy: Apollo's landing page (Sandbox) sets its own
 * policy with a nonce in a meta tag and loads Sandbox from Apollo's CDN,
 * which a blanket policy would block.
 */
export function securityHeaders(graphqlPath: string): RequestHandler {
  const dataRoutes = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
  });
  const graphqlRoute = helmet({ contentSecurityPolicy: false, crossOriginOpenerPolicy: false });

  return (req, res, next) => {
    const onGraphql = req.path === graphqlPath || req.path.startsWith(`${graphqlPath}/`);
    return onGraphql ? graphqlRoute(req, res, next) : dataRoutes(req, res, next);
  };
}
