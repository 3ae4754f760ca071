// The only module that reads runtime settings: /config.json, handed out by
// the server that serves the app, and `import.meta.env` for the base path.
// One build therefore runs against any tenant and API.

export interface RuntimeConfig {
  auth0: {
    /** A tenant host such as `tenant.eu.auth0.com`, or an issuer URL without its trailing slash. */
    domain: string;
    clientId: string;
    audience: string;
  };
  apiUrl: string;
}

export interface ConfigProblem {
  /** The environment variable the server reads the setting from. */
  setting: string;
  message: string;
}

export type ConfigLoadResult =
  | { ok: true; config: RuntimeConfig }
  | { ok: false; source: string; problems: ConfigProblem[] };

const CONFIG_PATH = `${import.meta.env.BASE_URL}config.json`;

/** Fetches and validates /config.json. Never throws: failures come back as problems. */
export async function loadRuntimeConfig(fetchImpl: typeof fetch = fetch): Promise<ConfigLoadResult> {
  let response: Response;
  try {
    response = await fetchImpl(CONFIG_PATH, { cache: "no-store", headers: { accept: "application/json" } });
  } catch (error) {
    return failure([{ setting: "config.json", message: `could not be fetched: ${String(error)}` }]);
  }
  if (!response.ok) {
    return failure([{ setting: "config.json", message: `returned HTTP ${response.status}` }]);
  }

  let body: unknown;
  try {
    body = await response.json();
  } catch {
    return failure([{ setting: "config.json", message: "is not valid JSON" }]);
  }
  return validateRuntimeConfig(body);
}

/** Checks each setting and names every missing or invalid one, not only the first. */
export function validateRuntimeConfig(body: unknown): ConfigLoadResult {
  const root = asRecord(body);
  const auth0 = asRecord(root?.["auth0"]);
  const problems: ConfigProblem[] = [];

  const serverProblems = Array.isArray(root?.["problems"]) ? (root["problems"] as unknown[]) : [];
  for (const problem of serverProblems) {
    const entry = asRecord(problem);
    const setting = readString(entry?.["setting"]);
    const message = readString(entry?.["message"]);
    if (setting && message) {
      problems.push({ setting, message });
    }
  }

  const domain = readString(auth0?.["domain"]);
  if (!domain && serverProblems.length === 0) {
    problems.push({ setting: "AUTH0_DOMAIN or AUTH0_ISSUER", message: "is missing" });
  } else if (domain && !isValidAuth0Domain(domain)) {
    problems.push({
      setting: "AUTH0_DOMAIN or AUTH0_ISSUER",
      message: `"${domain}" is neither a host name (tenant.eu.auth0.com) nor an https URL (http only on localhost)`,
    });
  }

  const clientId = readString(auth0?.["clientId"]);
  if (!clientId) {
    problems.push({ setting: "AUTH0_CLIENT_ID", message: "is missing" });
  }

  const audience = readString(auth0?.["audience"]);
  if (!audience) {
    problems.push({ setting: "AUTH0_AUDIENCE", message: "is missing" });
  }

  const apiUrl = readString(root?.["apiUrl"]);
  if (!apiUrl) {
    problems.push({ setting: "API_URL", message: "is missing" });
  } else if (!isHttpUrl(apiUrl)) {
    problems.push({ setting: "API_URL", message: `"${apiUrl}" is not an absolute http or https URL` });
  }

  if (problems.length > 0 || !domain || !clientId || !audience || !apiUrl) {
    return failure(problems);
  }
  return { ok: true, config: { auth0: { domain, clientId, audience }, apiUrl } };
}

function failure(problems: ConfigProblem[]): ConfigLoadResult {
  return { ok: false, source: CONFIG_PATH, problems };
}

function isValidAuth0Domain(value: string): boolean {
  if (/^https?:\/\//.test(value)) {
    try {
      const url = new URL(value);
      const local = url.hostname === "localhost" || url.hostname === "127.0.0.1";
      return (url.protocol === "https:" || local) && (url.pathname === "/" || url.pathname === "");
    } catch {
      return false;
    }
  }
  return /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+(:\d+)?$/i.test(value);
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : null;
}

function readString(value: unknown): string | null {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : null;
}
