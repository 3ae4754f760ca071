/** Requests counted in the current window of one key. */
export interface WindowCount {
  /** Requests in the window, including the one just counted. */
  readonly count: number;
  /** Milliseconds until the window ends and the count starts over. */
  readonly resetInMs: number;
}

/**
 * A fixed-window counter per key. A key's window starts with its first
 * request and lasts `windowMs`; a request after it starts a new one.
 */
export interface RateLimitStore {
  /** Counts one request for `key`; rejects when the store cannot be reached. */
  increment(key: string, windowMs: number): Promise<WindowCount>;
  close(): Promise<void>;
}
