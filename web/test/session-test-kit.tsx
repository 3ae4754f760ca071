// Helpers to render the app's session layer with a fake Auth0 state.
import type { Auth0ContextInterface, User } from "@auth0/auth0-react";
import { vi, type Mock } from "vitest";

import type { SignOutChannel } from "../src/auth/sign-out-channel";

export type FakeAuth = Auth0ContextInterface & {
  logout: Mock<Auth0ContextInterface["logout"]>;
  loginWithRedirect: Mock<Auth0ContextInterface["loginWithRedirect"]>;
};

/** Builds an Auth0 context with only the members the app uses. */
export function fakeAuth(user: User | null, overrides: Partial<Auth0ContextInterface> = {}): FakeAuth {
  return {
    isLoading: false,
    isAuthenticated: user !== null,
    user: user ?? undefined,
    error: undefined,
    getAccessTokenSilently: vi.fn().mockResolvedValue(`token-for-${user?.sub ?? "nobody"}`),
    loginWithRedirect: vi.fn().mockResolvedValue(undefined),
    logout: vi.fn().mockResolvedValue(undefined),
    ...overrides,
  } as unknown as FakeAuth;
}

export interface FakeChannel extends SignOutChannel {
  announce: Mock<() => void>;
  /** Delivers a sign-out message as if another tab had sent it. */
  receive(): void;
}

export function fakeChannel(): FakeChannel {
  const listeners = new Set<() => void>();
  return {
    announce: vi.fn<() => void>(),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: vi.fn(),
    receive: () => listeners.forEach((listener) => listener()),
  };
}
