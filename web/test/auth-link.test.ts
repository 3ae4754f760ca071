import { ApolloClient, gql, InMemoryCache } from "@apollo/client";
import { ApolloLink } from "@apollo/client/link";
import { describe, expect, it, vi } from "vitest";

import { createAuthGate } from "../src/apollo/auth-gate";
import { createAuthLink } from "../src/apollo/auth-link";
import { SessionExpiredError } from "../src/apollo/session-expired-error";
import { createFakeApi } from "./fake-api";

const PING = gql`
  query PingQuery {
    posts(first: 1) {
      pageInfo {
        hasNextPage
      }
    }
  }
`;

const PING_RESULT = { data: { posts: { __typename: "PostConnection", pageInfo: { __typename: "PageInfo", hasNextPage: false } } } };

function setup() {
  const gate = createAuthGate();
  const api = createFakeApi();
  const client = new ApolloClient({
    link: ApolloLink.from([createAuthLink(gate), api.link]),
    cache: new InMemoryCache(),
  });
  return { gate, api, client };
}

describe("auth link", () => {
  it("adds the bearer token when signed in", async () => {
    const { gate, api, client } = setup();
    const getAccessToken = vi.fn().mockResolvedValue("token-alice");
    gate.update({ isLoading: false, isAuthenticated: true, getAccessToken });
    api.respond({ status: 200, body: PING_RESULT });

    await client.query({ query: PING });

    expect(api.requests).toHaveLength(1);
    expect(api.requests[0]?.headers["authorization"]).toBe("Bearer token-alice");
    expect(getAccessToken).toHaveBeenCalledTimes(1);
  });

  it("sends no authorization header when signed out", async () => {
    const { gate, api, client } = setup();
    const getAccessToken = vi.fn().mockResolvedValue("must-not-be-used");
    gate.update({ isLoading: false, isAuthenticated: false, getAccessToken });
    api.respond({ status: 200, body: PING_RESULT });

    await client.query({ query: PING });

    expect(api.requests).toHaveLength(1);
    expect(Object.keys(api.requests[0]?.headers ?? {})).not.toContain("authorization");
    expect(getAccessToken).not.toHaveBeenCalled();
  });

  it("holds requests while the SDK is loading", async () => {
    const { gate, api, client } = setup();
    gate.update({ isLoading: true, isAuthenticated: false, getAccessToken: vi.fn() });
    api.respond({ status: 200, body: PING_RESULT });

    const pending = client.query({ query: PING });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(api.requests).toHaveLength(0);

    gate.update({ isLoading: false, isAuthenticated: true, getAccessToken: vi.fn().mockResolvedValue("token-late") });
    await pending;

    expect(api.requests).toHaveLength(1);
    expect(api.requests[0]?.headers["authorization"]).toBe("Bearer token-late");
  });

  it("holds requests again when the SDK goes back to loading", async () => {
    const { gate, api, client } = setup();
    gate.update({ isLoading: false, isAuthenticated: false, getAccessToken: vi.fn() });
    gate.update({ isLoading: true, isAuthenticated: false, getAccessToken: vi.fn() });
    api.respond({ status: 200, body: PING_RESULT });

    const pending = client.query({ query: PING });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(api.requests).toHaveLength(0);

    gate.update({ isLoading: false, isAuthenticated: false, getAccessToken: vi.fn() });
    await pending;
    expect(api.requests).toHaveLength(1);
  });

  it("fails with SessionExpiredError when no token can be had", async () => {
    const { gate, api, client } = setup();
    gate.update({
      isLoading: false,
      isAuthenticated: true,
      getAccessToken: vi.fn().mockRejectedValue(new Error("missing_refresh_token")),
    });

    await expect(client.query({ query: PING })).rejects.toBeInstanceOf(SessionExpiredError);
    expect(api.requests).toHaveLength(0);
  });
});
