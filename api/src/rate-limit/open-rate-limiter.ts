import type { ApiConfig } from "../config.js";
import type { Logger } from "../logger.js";
import { createMemoryStore } from "./memory-store.js";
import { createRateLimiter, type RateLimiter } from "./rate-limiter.js";
import { createRedisStore } from "./redis-store.js";

/**
 * Opens the rate limiter the settings describe: counts in Redis when
 * REDIS_URL is set, so every API instance shares them, else in memory.
 * Returns undefined with RATE_LIMIT=off.
 */
export async function openRateLimiter(settings: ApiConfig["rateLimit"], logger: Logger): Promise<RateLimiter | undefined> {
  const limits = { windowMs: settings.windowMs, perPrincipal: settings.perPrincipal, perAddress: settings.perIp };
  if (!settings.enabled) {
    logger.info({ event: "rate_limit_configured", store: "off" }, "rate limits are off (RATE_LIMIT=off)");
    return undefined;
  }

  const store = settings.redisUrl === null
    ? createMemoryStore()
    : await createRedisStore({ url: settings.redisUrl, keyPrefix: settings.keyPrefix, logger });
  const storeName = settings.redisUrl === null ? "memory" : "redis";
  logger.info({ event: "rate_limit_configured", store: storeName, ...limits }, `counting rate limits in ${storeName}`);
  return createRateLimiter({ store, logger, ...limits });
}
