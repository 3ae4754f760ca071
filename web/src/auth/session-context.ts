import { createContext, useContext } from "react";

import type { SessionNotice } from "../apollo/ApolloSessionProvider";

export interface Session {
  /** A problem with the sign-in as a whole, shown in a banner on every screen. */
  problem: SessionNotice | null;
  dismissProblem(): void;
  /** Starts an interactive sign-in that comes back to `returnTo` (default: the current page). */
  signIn(returnTo?: string): Promise<void>;
  /** Clears the Apollo cache, signs out the other tabs, then signs out at the issuer. */
  signOut(): Promise<void>;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) {
    throw new Error("useSession must be called inside <ApolloSessionProvider>.");
  }
  return session;
}
