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
    const channel = new BroadcastChannel(CHANNEL_NAME);
    return {
      announce: () => channel.postMessage({ type: "signed-out" }),
      subscribe(listener) {
        const onMessage = (event: MessageEvent<unknown>) => {
          if ((event.data as { type?: unknown } | null)?.type === "signed-out") {
            listener();
          }
        };
        channel.addEventListener("message", onMessage);
        return () => channel.removeEventListener("message", onMessage);
      },
      close: () => channel.close(),
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
