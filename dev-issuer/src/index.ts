export { startDevIssuer, type DevIssuer, type DevIssuerOptions } from "./server.js";
export {
  BROKEN_TOKEN_KINDS,
  type BrokenTokenKind,
  type MintAccessTokenOptions,
  type MintIdTokenOptions,
} from "./test-tokens.js";
export { SEEDED_USERS, type DevUser } from "./users.js";
export { loadEnvironmentSettings, ConfigError, type EnvironmentSettings } from "./config.js";
