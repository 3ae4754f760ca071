// Builds the body of /config.json from environment variables. The Vite dev
// plugin and the production static server both use it, so one build of the
// app serves every environment and both servers agree on the variable names.
// The browser validates the values and names any missing or invalid setting,
// so this module only collects them.

/**
 * @typedef {object} RuntimeConfigBody
 * @property {{ domain: string | null, clientId: string | null, audience: string | null }} auth0
 * @property {string | null} apiUrl
 * @property {{ setting: string, message: string }[]} problems  Settings the server could not combine, for the error page.
 */

/**
 * @typedef {object} RuntimeConfigDefaults
 * @property {string} [issuer]
 * @property {string} [clientId]
 * @property {string} [audience]
 * @property {string} [apiUrl]
 */

export const DEFAULT_API_URL = "http://localhost:4000/graphql";

/** Settings for the local dev issuer, used only by `vite` in development. */
export const LOCAL_DEV_DEFAULTS = Object.freeze({
  issuer: "http://localhost:4001/",
  clientId: "noticeboard-dev",
  audience: "https://noticeboard.example/api",
  apiUrl: DEFAULT_API_URL,
});

/**
 * Collects the runtime settings from `env`, falling back to `defaults`.
 *
 * AUTH0_DOMAIN names a real tenant (`tenant.eu.auth0.com`). AUTH0_ISSUER names
 * an issuer by URL (`http://localhost:4001/`). The Auth0 SDK accepts a domain
 * with a scheme, so the issuer is passed on without its trailing slash.
 * Setting both is reported as a problem, as the API does, because they may
 * name different issuers.
 *
 * @param {Record<string, string | undefined>} env
 * @param {RuntimeConfigDefaults} [defaults]
 * @returns {RuntimeConfigBody}
 */
export function readRuntimeConfig(env, defaults = { apiUrl: DEFAULT_API_URL }) {
  const issuer = nonEmpty(env.AUTH0_ISSUER);
  const domain = nonEmpty(env.AUTH0_DOMAIN);

  /** @type {{ setting: string, message: string }[]} */
  const problems = [];
  let auth0Domain = null;
  if (issuer && domain) {
    problems.push({ setting: "AUTH0_DOMAIN and AUTH0_ISSUER", message: "are both set: keep only one" });
  } else if (issuer) {
    auth0Domain = issuer.replace(/\/+$/, "");
  } else if (domain) {
    auth0Domain = domain;
  } else if (defaults.issuer) {
    auth0Domain = defaults.issuer.replace(/\/+$/, "");
  }

  return {
    auth0: {
      domain: auth0Domain,
      clientId: nonEmpty(env.AUTH0_CLIENT_ID) ?? defaults.clientId ?? null,
      audience: nonEmpty(env.AUTH0_AUDIENCE) ?? defaults.audience ?? null,
    },
    apiUrl: nonEmpty(env.API_URL) ?? defaults.apiUrl ?? null,
    problems,
  };
}

/**
 * Returns the origins the app calls besides its own, for the
 * Content-Security-Policy of the static server. Invalid values are skipped
 * because the browser shows its own page for them.
 *
 * @param {RuntimeConfigBody} config
 * @returns {string[]}
 */
export function externalOrigins(config) {
  const origins = new Set();
  const domain = config.auth0.domain;
  if (domain) {
    const url = /^https?:\/\//.test(domain) ? domain : `https://${domain}`;
    addOrigin(origins, url);
  }
  if (config.apiUrl) {
    addOrigin(origins, config.apiUrl);
  }
  return [...origins];
}

/**
 * @param {Set<string>} origins
 * @param {string} url
 */
function addOrigin(origins, url) {
  try {
    origins.add(new URL(url).origin);
  } catch {
    // An invalid URL gets no CSP entry; the app reports it by name.
  }
}

/**
 * @param {string | undefined} value
 * @returns {string | null}
 */
function nonEmpty(value) {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}
