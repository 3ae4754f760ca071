import type { Auth0ContextInterface } from "@auth0/auth0-react";
import { lazy, Suspense, useCallback, useState, type ReactNode } from "react";

import type { RuntimeConfig } from "../config/runtime-config";
import { AuthContext, createLoadingAuthContext } from "./auth-context";

// The Auth0 SDK is the largest dependency (62 KiB gzipped with
// @auth0/auth0-react 2.27, measured by bench/bench.ts), so it loads in its
// own chunk, in parallel with the first render. Until it has loaded, components get `isLoading: true`
// and the Apollo auth gate keeps every request waiting.
const loadAuth0Bridge = () => import("./Auth0Bridge");
const Auth0Bridge = lazy(loadAuth0Bridge);

/** Starts downloading the SDK chunk early, for example while /config.json is on its way. */
export function preloadAuth(): void {
  void loadAuth0Bridge();
}

interface AuthProviderProps {
  settings: RuntimeConfig["auth0"];
  children: ReactNode;
}

export function AuthProvider({ settings, children }: AuthProviderProps) {
  const [{ loadingContext, resolveSdk }] = useState(() => {
    let resolve: (context: Auth0ContextInterface) => void = () => undefined;
    const sdkReady = new Promise<Auth0ContextInterface>((settle) => {
      resolve = settle;
    });
    return { loadingContext: createLoadingAuthContext(sdkReady), resolveSdk: resolve };
  });
  const [sdkContext, setSdkContext] = useState<Auth0ContextInterface | null>(null);

  const onChange = useCallback(
    (context: Auth0ContextInterface) => {
      resolveSdk(context);
      setSdkContext(context);
    },
    [resolveSdk],
  );

  return (
    <AuthContext.Provider value={sdkContext ?? loadingContext}>
      <Suspense fallback={null}>
        <Auth0Bridge settings={settings} onChange={onChange} />
      </Suspense>
      {children}
    </AuthContext.Provider>
  );
}
