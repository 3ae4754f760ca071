// Bridges the Auth0 React state into the Apollo link chain. Links run outside
// React, so they ask the gate for the current sign-in state; while the SDK is
// still loading (handling a redirect, restoring a session) the gate holds
// every request back instead of sending it without a token.

export interface TokenOptions {
  /** Skip the SDK's token cache and use the refresh token for a new access token. */
  forceRefresh?: boolean;
}

export interface AuthSnapshot {
  isAuthenticated: boolean;
  getAccessToken(options?: TokenOptions): Promise<string>;
}

export interface AuthState extends AuthSnapshot {
  isLoading: boolean;
}

export interface AuthGate {
  /** Resolves with the sign-in state once the SDK has finished loading. */
  ready(): Promise<AuthSnapshot>;
  update(state: AuthState): void;
}

export function createAuthGate(): AuthGate {
  let resolveReady: ((snapshot: AuthSnapshot) => void) | null = null;
  let readyPromise = new Promise<AuthSnapshot>((resolve) => {
    resolveReady = resolve;
  });

  return {
    ready: () => readyPromise,
    update(state) {
      if (state.isLoading) {
        // The SDK can go back to loading (for example during a popup sign-in),
        // so later requests wait again.
        if (!resolveReady) {
          readyPromise = new Promise<AuthSnapshot>((resolve) => {
            resolveReady = resolve;
          });
        }
        return;
      }

      const snapshot: AuthSnapshot = {
        isAuthenticated: state.isAuthenticated,
        getAccessToken: state.getAccessToken,
      };
      if (resolveReady) {
        const resolve = resolveReady;
        resolveReady = null;
        resolve(snapshot);
      } else {
        readyPromise = Promise.resolve(snapshot);
      }
    },
  };
}
