import { randomBytes } from "node:crypto";

/** An in-memory map whose entries disappear after a fixed lifetime. */
export interface ExpiringStore<T> {
  /** Stores `value` under a new random key of 256 bits and returns the key. */
  add(value: T): string;
  /** Stores `value` under a key the caller chose. */
  set(key: string, value: T): void;
  get(key: string): T | undefined;
  /** Removes the entry and returns it, so that only the first of two concurrent callers gets it. */
  take(key: string): T | undefined;
  delete(key: string): void;
  readonly size: number;
}

const SWEEP_INTERVAL_MS = 60_000;

/**
 * Creates a store whose entries expire `lifetimeMs` after they were added.
 * Each write sweeps expired entries if the last sweep was a minute ago or more,
 * so the store keeps only entries written within about one lifetime plus a minute.
 */
export function createExpiringStore<T>(lifetimeMs: number, now: () => number): ExpiringStore<T> {
  const entries = new Map<string, { value: T; expiresAt: number }>();
  let lastSweep = now();

  const sweep = (): void => {
    const time = now();
    if (time - lastSweep < SWEEP_INTERVAL_MS) {
      return;
    }
    lastSweep = time;
    for (const [key, entry] of entries) {
      if (entry.expiresAt <= time) {
        entries.delete(key);
      }
    }
  };

  const get = (key: string): T | undefined => {
    const entry = entries.get(key);
    if (entry === undefined) {
      return undefined;
    }
    if (entry.expiresAt <= now()) {
      entries.delete(key);
      return undefined;
    }
    return entry.value;
  };

  const set = (key: string, value: T): void => {
    sweep();
    entries.set(key, { value, expiresAt: now() + lifetimeMs });
  };

  return {
    add(value) {
      const key = randomBytes(32).toString("base64url");
      set(key, value);
      return key;
    },
    set,
    get,
    take(key) {
      const value = get(key);
      entries.delete(key);
      return value;
    },
    delete(key) {
      entries.delete(key);
    },
    get size() {
      return entries.size;
    },
  };
}
