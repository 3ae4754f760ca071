import { Redis } from "ioredis";
import type { Logger } from "../logger.js";
import type { RateLimitStore, WindowCount } from "./rate-limit-store.js";

export interface RedisStoreOptions {
  /** redis:// or rediss:// URL; never logged, because it may carry a password. */
  readonly url: string;
  /** Prepended to every key, so several deployments can share one Redis. */
  readonly keyPrefix: string;
  readonly logger: Logger;
}

// INCR and PEXPIRE run as one script, so concurrent API instances never see
// a counter without its expiry. A key that lost its expiry (set by hand, or
// by an old version) gets one again instead of counting forever.
const incrementWindowScript = `
local count = redis.call("INCR", KEYS[1])
if count == 1 then
  redis.call("PEXPIRE", KEYS[1], ARGV[1])
end
local ttl = redis.call("PTTL", KEYS[1])
if ttl < 0 then
  redis.call("PEXPIRE", KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}
`;

// A rate-limit check sits in front of every request, so a slow or absent
// Redis must fail fast: the limiter then lets the request through.
const commandTimeoutMs = 500;
const connectTimeoutMs = 2000;

interface WindowCommands {
  incrementWindow(key: string, windowMs: number): Promise<[number, number]>;
}

/**
 * Creates a store that counts in Redis, shared by every API instance that
 * uses the same URL and prefix. Waits up to two seconds for the first
 * connection. When Redis does not respond, the API starts anyway and the
 * client keeps reconnecting in the background.
 */
export async function createRedisStore(options: RedisStoreOptions): Promise<RateLimitStore> {
  const { logger } = options;
  const redis = new Redis(options.url, {
    lazyConnect: true,
    // Without the offline queue, commands fail at once while disconnected
    // instead of piling up behind requests that wait for them.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: commandTimeoutMs,
    connectTimeout: connectTimeoutMs,
    retryStrategy: (attempt) => Math.min(attempt * 200, 5000),
  });
  redis.defineCommand("incrementWindow", { numberOfKeys: 1, lua: incrementWindowScript });
  // defineCommand adds the method at run time; this view gives it a type.
  const commands = redis as unknown as WindowCommands;

  let connected = false;
  // ioredis emits "error" on every failed reconnect; one line per outage is enough.
  redis.on("error", (error: Error) => {
    if (!connected) return;
    connected = false;
    logger.warn({ event: "rate_limit_store_unavailable", err: error }, "lost the connection to Redis; rate limits are not enforced until it is back");
  });
  redis.on("ready", () => {
    if (connected) return;
    connected = true;
    logger.info({ event: "rate_limit_store_connected" }, "connected to Redis for rate limits");
  });

  try {
    await redis.connect();
  } catch (error) {
    logger.error(
      { event: "rate_limit_store_unavailable", err: error },
      "could not connect to Redis at start-up; rate limits are not enforced until it answers, and the client keeps retrying",
    );
  }

  return {
    async increment(key: string, windowMs: number): Promise<WindowCount> {
      const [count, ttl] = await commands.incrementWindow(`${options.keyPrefix}${key}`, windowMs);
      return { count, resetInMs: ttl };
    },

    async close(): Promise<void> {
      try {
        await redis.quit();
      } catch {
        redis.disconnect();
      }
    },
  };
}
