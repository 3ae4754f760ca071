import type { Auth0ContextInterface } from "@auth0/auth0-react";
import { createContext, useContext } from "react";

/**
 * The Auth0 SDK's state for the app's components. AuthProvider fills it from
 * the SDK once its chunk has loaded, and until then it contains the value of
 * `createLoadingAuthContext`. Only types come from @auth0/auth0-react here,
 * so importing this module does not pull the SDK into the entry chunk.
 */
export const AuthContext = createContext<Auth0ContextInterface>(createLoadingAuthContext(new Promise(() => undefined)));

export function useAuth(): Auth0ContextInterface {
  return useContext(AuthContext);
}

/**
 * Creates the stand-in for the SDK while it loads: signed out and loading.
 * Sign-in, sign-out and token calls wait for the SDK. Any other member
 * throws, because nothing in the app uses it before the SDK is ready.
 */
export function createLoadingAuthContext(sdkReady: Promise<Auth0ContextInterface>): Auth0ContextInterface {
  const available: Partial<Auth0ContextInterface> = {
    isLoading: true,
    isAuthenticated: false,
    user: undefined,
    error: undefined,
    loginWithRedirect: async (options) => (await sdkReady).loginWithRedirect(options),
    logout: async (options) => (await sdkReady).logout(options),
    getAccessTokenSilently: (async (options?: Parameters<Auth0ContextInterface["getAccessTokenSilently"]>[0]) =>
      (await sdkReady).getAccessTokenSilently(options)) as Auth0ContextInterface["getAccessTokenSilently"],
  };

  return new Proxy(available, {
    get(target, key, receiver) {
      if (typeof key === "symbol" || key in target) {
        return Reflect.get(target, key, receiver) as unknown;
      }
      throw new Error(`Auth0 "${key}" was used before the Auth0 SDK had loaded.`);
    },
  }) as Auth0ContextInterface;
}
