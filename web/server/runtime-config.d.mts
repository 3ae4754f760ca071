// Types for runtime-config.mjs, which stays plain JavaScript so that the
// production server runs on Node without a build step.
export interface RuntimeConfigBody {
  auth0: { domain: string | null; clientId: string | null; audience: string | null };
  apiUrl: string | null;
  /** Settings the server could not combine, for the error page. */
  problems: { setting: string; message: string }[];
}

export interface RuntimeConfigDefaults {
  issuer?: string;
  clientId?: string;
  audience?: string;
  apiUrl?: string;
}

export declare const DEFAULT_API_URL: string;
export declare const LOCAL_DEV_DEFAULTS: Readonly<Required<RuntimeConfigDefaults>>;
export declare function readRuntimeConfig(
  env: Record<string, string | undefined>,
  defaults?: RuntimeConfigDefaults,
): RuntimeConfigBody;
export declare function externalOrigins(config: RuntimeConfigBody): string[];
