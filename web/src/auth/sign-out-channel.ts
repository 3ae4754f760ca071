// Tells the app's other open tabs that the user signed out, so they drop the
// user's data too. BroadcastChannel reaches every same-origin tab; where it
// is missing, a localStorage write fires a `storage` event in the others.

const CHANNEL_NAME = "noticeboard-session";
const STORAGE_KEY = "noticeboard-session:signed-out-at";

export interface SignOutChannel {
  /** Notifies every other tab; the calling tab gets no message. */
  announce(): void;
  /** Returns a function that removes the listener. */
  subscribe(listener: () => void): () => void;
  close(): void;
}

export function openSignOutChannel(): SignOutChannel {
  if (typeof BroadcastChannel === "function") {
    // The BroadcastChannel opens on first use and again after close(), because
    // React's StrictMode runs effect cleanups once more in development, and a
    // closed channel throws on postMessage.
    const listeners = new Set<() => void>();
    let channel: BroadcastChannel | undefined;
    const open = (): BroadcastChannel => {
      if (channel === undefined) {
        channel = new BroadcastChannel(CHANNEL_NAME);
        channel.addEventListener("message", (event: MessageEvent<unknown>) => {
          if ((event.data as { type?: unknown } | null)?.type !== "signed-out") return;
          for (const listener of listeners) listener();
        });
      }
      return channel;
    };
    return {
      announce: () => open().postMessage({ type: "signed-out" }),
      subscribe(listener) {
        listeners.add(listener);
        open();
        return () => listeners.delete(listener);
      },
      close: () => {
        channel?.close();
        channel = undefined;
      },
    };
  }

  return {
    announce: () => localStorage.setItem(STORAGE_KEY, String(Date.now())),
    subscribe(listener) {
      const onStorage = (event: StorageEvent) => {
        if (event.key === STORAGE_KEY && event.newValue) {
          listener();
        }
      };
      window.addEventListener("storage", onStorage);
      return () => window.removeEventListener("storage", onStorage);
    },
    close: () => undefined,
  };
}
