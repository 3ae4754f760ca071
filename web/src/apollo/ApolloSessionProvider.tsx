import type { ApolloClient } from "@apollo/client";
import { ApolloProvider } from "@apollo/client/react";
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { useLocation, useNavigate } from "react-router";

import { useAuth } from "../auth/auth-context";
import { SessionContext, type Session } from "../auth/session-context";
import { openSignOutChannel, type SignOutChannel } from "../auth/sign-out-channel";
import { StatusScreen } from "../ui/StatusScreen";
import { createAuthGate } from "./auth-gate";
import { createApolloClient, type ApolloClientOptions } from "./create-apollo-client";
import type { SessionProblem } from "./error-link";

/** Session problems, plus the notice that another tab signed the user out. */
export type SessionNotice = SessionProblem | "signed-out-elsewhere";

interface ApolloSessionProviderProps {
  apiUrl: string;
  children: ReactNode;
  /** Replaces createApolloClient, for tests. */
  createClient?: (options: ApolloClientOptions) => ApolloClient;
  /** Replaces the cross-tab channel, for tests. */
  signOutChannel?: SignOutChannel;
}

/**
 * Owns the Apollo Client and ties its cache to the signed-in identity: no
 * screen renders while the cache may still hold another identity's data.
 * Signing out (here or in another tab) unmounts every screen first, then
 * clears the cache, and only then lets the next identity render.
 */
export function ApolloSessionProvider({ apiUrl, children, createClient, signOutChannel }: ApolloSessionProviderProps) {
  const auth = useAuth();
  const authRef = useRef(auth);
  authRef.current = auth;

  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [problem, setProblem] = useState<SessionNotice | null>(null);
  const [signingOut, setSigningOut] = useState(false);
  // After another tab signs out, screens stay hidden until both the SDK and
  // the router have caught up. React Router applies navigations as
  // transitions, so without this a page for signed-in users could render
  // once with the old path and the new signed-out state, and redirect this
  // tab to the sign-in page.
  const [leavingAfterSignOutElsewhere, setLeavingAfterSignOutElsewhere] = useState(false);
  const settledAfterSignOutElsewhere = !auth.isLoading && !auth.isAuthenticated && pathname === "/";

  const [{ gate, client, channel }] = useState(() => {
    const authGate = createAuthGate();
    const build = createClient ?? createApolloClient;
    return {
      gate: authGate,
      channel: signOutChannel ?? openSignOutChannel(),
      client: build({
        apiUrl,
        authGate,
        refreshAccessToken: async () => {
          await authRef.current.getAccessTokenSilently({ cacheMode: "off" });
          return true;
        },
        reportSessionProblem: setProblem,
      }),
    };
  });

  useLayoutEffect(() => {
    gate.update({
      isLoading: auth.isLoading,
      isAuthenticated: auth.isAuthenticated,
      getAccessToken: async (options) => {
        const token = await auth.getAccessTokenSilently(options?.forceRefresh ? { cacheMode: "off" } : {});
        if (!token) {
          throw new Error("The Auth0 SDK returned no access token.");
        }
        return token;
      },
    });
  }, [gate, auth.isLoading, auth.isAuthenticated, auth.getAccessTokenSilently]);

  // The identity whose data the cache may contain, or null while the SDK loads.
  let identity: string | null = null;
  if (!auth.isLoading) {
    identity = auth.isAuthenticated ? (auth.user?.sub ?? "signed-in") : "anonymous";
  }
  const [cacheOwner, setCacheOwner] = useState<string | null>(null);
  const switching = identity !== null && cacheOwner !== null && identity !== cacheOwner;

  useEffect(() => {
    if (identity === null || identity === cacheOwner) {
      return;
    }
    if (cacheOwner === null) {
      // Nothing was fetched yet: the auth gate held every request back.
      setCacheOwner(identity);
      return;
    }
    let cancelled = false;
    setProblem((current) => (current === "signed-out-elsewhere" ? current : null));
    void client.clearStore().then(() => {
      if (!cancelled) {
        setCacheOwner(identity);
      }
    });
    return () => {
      cancelled = true;
    };
  }, [identity, cacheOwner, client]);

  useEffect(() => {
    const unsubscribe = channel.subscribe(() => {
      setSigningOut(true);
      setLeavingAfterSignOutElsewhere(true);
      void client
        .clearStore()
        .then(() => {
          // Leave any page for signed-in users, which would otherwise send
          // this tab straight to the sign-in page.
          navigate("/", { replace: true });
          return authRef.current.logout({ openUrl: false });
        })
        .finally(() => {
          setProblem("signed-out-elsewhere");
          setSigningOut(false);
        });
    });
    return unsubscribe;
  }, [channel, client, navigate]);

  useEffect(() => {
    if (leavingAfterSignOutElsewhere && !signingOut && settledAfterSignOutElsewhere) {
      setLeavingAfterSignOutElsewhere(false);
    }
  }, [leavingAfterSignOutElsewhere, signingOut, settledAfterSignOutElsewhere]);

  useEffect(() => () => channel.close(), [channel]);

  const signOut = useCallback(async () => {
    setSigningOut(true);
    await client.clearStore();
    try {
      channel.announce();
    } catch {
      // Other tabs then keep their view until they next talk to the API,
      // which is no reason to keep this tab signed in.
    }
    await authRef.current.logout({ logoutParams: { returnTo: window.location.origin } });
  }, [client, channel]);

  const signIn = useCallback(async (returnTo?: string) => {
    setProblem(null);
    const target = returnTo ?? `${window.location.pathname}${window.location.search}`;
    await authRef.current.loginWithRedirect({ appState: { returnTo: target } });
  }, []);

  const dismissProblem = useCallback(() => setProblem(null), []);

  const session = useMemo<Session>(
    () => ({ problem, dismissProblem, signIn, signOut }),
    [problem, dismissProblem, signIn, signOut],
  );

  let content: ReactNode = children;
  if (signingOut || (leavingAfterSignOutElsewhere && !settledAfterSignOutElsewhere)) {
    content = <StatusScreen title="Signing out…" />;
  } else if (switching) {
    content = <StatusScreen title="Switching account…" />;
  }

  return (
    <ApolloProvider client={client}>
      <SessionContext.Provider value={session}>{content}</SessionContext.Provider>
    </ApolloProvider>
  );
}
