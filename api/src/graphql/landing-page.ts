import type { ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import {
  ApolloServerPluginLandingPageLocalDefault,
  ApolloServerPluginLandingPageProductionDefault,
} from "@apollo/server/plugin/landingPage/default";
import type { ApiConfig } from "../config.js";
import type { Logger } from "../logger.js";

/**
 * Chooses what `GET /graphql` shows a browser. Outside production: Apollo
 * Sandbox, embedded. When `SANDBOX_TOKEN_URL` names a development token
 * endpoint (the local issuer's, set by `npm run dev`), each page load requests
 * a fresh access token from it and opens Sandbox with that Authorization header,
 * so protected operations work at once. In production: nothing, unless
 * LANDING_PAGE=true, which shows Apollo's production page.
 */
export function landingPagePlugin(config: ApiConfig, logger: Logger): ApolloServerPlugin {
  if (!config.landingPage) return ApolloServerPluginLandingPageDisabled();
  if (config.env === "production") return ApolloServerPluginLandingPageProductionDefault({ footer: false });

  const tokenUrl = config.sandboxTokenUrl;
  if (tokenUrl === undefined) return sandbox({});

  return {
    async serverWillStart(service) {
      return {
        async renderLandingPage() {
          return {
            html: async () => {
              const token = await fetchDevelopmentToken(tokenUrl, logger);
              const headers: Record<string, string> = token === undefined ? {} : { Authorization: `Bearer ${token}` };
              const listener = await sandbox(headers).serverWillStart!(service);
              const page = await listener!.renderLandingPage!();
              return typeof page.html === "string" ? page.html : page.html();
            },
          };
        },
      };
    },
  };
}

function sandbox(sharedHeaders: Record<string, string>): ApolloServerPlugin {
  return ApolloServerPluginLandingPageLocalDefault({
    footer: false,
    embed: { runTelemetry: false, initialState: { sharedHeaders, pollForSchemaUpdates: true } },
  });
}

/** Fetches a development access token; returns undefined, and logs why, when the request fails or times out. */
async function fetchDevelopmentToken(url: URL, logger: Logger): Promise<string | undefined> {
  try {
    const response = await fetch(url, { method: "POST", signal: AbortSignal.timeout(2000) });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const body = (await response.json()) as { access_token?: unknown };
    if (typeof body.access_token !== "string") throw new Error("the response has no access_token");
    return body.access_token;
  } catch (error) {
    logger.warn(
      { event: "sandbox_token_unavailable", url: url.href, err: error },
      "could not get a development token for Sandbox; it opens without an Authorization header",
    );
    return undefined;
  }
}
