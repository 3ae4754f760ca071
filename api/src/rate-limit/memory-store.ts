import type { RateLimitStore, WindowCount } from "./rate-limit-store.js";

interface Window {
  count: number;
  readonly endsAt: number;
}

/**
 * Creates a store that counts in this process's memory. Each API instance
 * counts on its own, so with several instances a caller gets the limit once
 * per instance; set REDIS_URL to share the counts.
 *
 * @param sweepIntervalMs How often windows that ended are dropped, so keys
 *   of callers that went away do not pile up.
 */
export function createMemoryStore(sweepIntervalMs = 60_000): RateLimitStore {
  const windows = new Map<string, Window>();

  const sweep = setInterval(() => {
    const now = Date.now();
    for (const [key, window] of windows) {
      if (window.endsAt <= now) windows.delete(key);
    }
  }, sweepIntervalMs);
  sweep.unref();

  return {
    increment(key: string, windowMs: number): Promise<WindowCount> {
      const now = Date.now();
      let window = windows.get(key);
      if (window === undefined || window.endsAt <= now) {
        window = { count: 0, endsAt: now + windowMs };
        windows.set(key, window);
      }
      window.count += 1;
      return Promise.resolve({ count: window.count, resetInMs: window.endsAt - now });
    },

    close(): Promise<void> {
      clearInterval(sweep);
      windows.clear();
      return Promise.resolve();
    },
  };
}
