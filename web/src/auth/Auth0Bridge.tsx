import { Auth0Provider, useAuth0, type AppState, type Auth0ContextInterface } from "@auth0/auth0-react";
import { useLayoutEffect } from "react";
import { useNavigate } from "react-router";

import type { RuntimeConfig } from "../config/runtime-config";

export const AUTH_SCOPE = "openid profile email offline_access";

interface Auth0BridgeProps {
  settings: RuntimeConfig["auth0"];
  onChange(context: Auth0ContextInterface): void;
}

/**
 * Runs the Auth0 SDK and reports its state to AuthProvider, which hands it to
 * the rest of the app. This module is loaded on its own (see AuthProvider)
 * because the SDK is the largest dependency of the app.
 *
 * `useRefreshTokens` with `cacheLocation: "localstorage"`: a reload keeps the
 * session without the hidden-iframe fallback, which needs third-party cookies
 * that browsers now block unless the tenant has a custom domain on the app's
 * site. The cost is that script running in the page could read the tokens.
 * To limit that risk, the static server sends a strict Content-Security-Policy
 * (scripts from the app's origin only) and the app never renders user input
 * as HTML. Refresh token rotation in the tenant also makes a stolen refresh
 * token stop working once either copy is used twice.
 */
export default function Auth0Bridge({ settings, onChange }: Auth0BridgeProps) {
  const navigate = useNavigate();

  const onRedirectCallback = (appState?: AppState) => {
    const returnTo = typeof appState?.returnTo === "string" && appState.returnTo.startsWith("/") ? appState.returnTo : "/";
    navigate(returnTo, { replace: true });
  };

  return (
    <Auth0Provider
      domain={settings.domain}
      clientId={settings.clientId}
      authorizationParams={{
        audience: settings.audience,
        redirect_uri: window.location.origin,
        scope: AUTH_SCOPE,
      }}
      useRefreshTokens
      cacheLocation="localstorage"
      onRedirectCallback={onRedirectCallback}
    >
      <Relay onChange={onChange} />
    </Auth0Provider>
  );
}

function Relay({ onChange }: { onChange(context: Auth0ContextInterface): void }) {
  const context = useAuth0();
  useLayoutEffect(() => {
    onChange(context);
  }, [context, onChange]);
  return null;
}
