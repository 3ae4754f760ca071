import { ApolloProvider } from "@apollo/client/react";
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter } from "react-router";
import { describe, expect, it, vi } from "vitest";

import { createAuthGate } from "../src/apollo/auth-gate";
import { createApolloClient } from "../src/apollo/create-apollo-client";
import { AuthContext } from "../src/auth/auth-context";
import { SessionContext, type Session } from "../src/auth/session-context";
import { Feed, PAGE_SIZE } from "../src/feed/Feed";
import { createFakeApi, type FakeApi } from "./fake-api";
import { fakeAuth } from "./session-test-kit";

function post(number: number) {
  return {
    __typename: "PostEdge",
    cursor: `cursor-${number}`,
    node: {
      __typename: "Post",
      id: `post-${number}`,
      title: `Notice ${number}`,
      body: `Body of notice ${number}.`,
      createdAt: "2026-12-04T21:00:00.000Z",
      author: { __typename: "User", id: "dev|alice", displayName: "Alice Example" },
    },
  };
}

function page(numbers: number[], hasNextPage: boolean) {
  const edges = numbers.map(post);
  return {
    status: 200,
    body: {
      data: {
        posts: {
          __typename: "PostConnection",
          edges,
          pageInfo: { __typename: "PageInfo", hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
        },
      },
    },
  };
}

function renderFeed(api: FakeApi) {
  const gate = createAuthGate();
  gate.update({ isLoading: false, isAuthenticated: false, getAccessToken: vi.fn() });
  const client = createApolloClient({
    apiUrl: "http://api.test/graphql",
    authGate: gate,
    terminatingLink: api.link,
    refreshAccessToken: vi.fn(),
    reportSessionProblem: vi.fn(),
  });
  const session: Session = {
    problem: null,
    dismissProblem: vi.fn(),
    signIn: vi.fn().mockResolvedValue(undefined),
    signOut: vi.fn().mockResolvedValue(undefined),
  };

  render(
    <MemoryRouter>
      <AuthContext.Provider value={fakeAuth(null)}>
        <SessionContext.Provider value={session}>
          <ApolloProvider client={client}>
            <Feed />
          </ApolloProvider>
        </SessionContext.Provider>
      </AuthContext.Provider>
    </MemoryRouter>,
  );
}

const firstPage = Array.from({ length: PAGE_SIZE }, (_, index) => index + 1);

describe("Feed", () => {
  it("appends the next page on Load more", async () => {
    const api = createFakeApi();
    api.respond(page(firstPage, true), page([11, 12], false));
    renderFeed(api);

    expect(await screen.findByText("Notice 1")).toBeTruthy();
    expect(screen.getAllByRole("article")).toHaveLength(PAGE_SIZE);
    expect(screen.getAllByText("Alice Example")).toHaveLength(PAGE_SIZE);

    await userEvent.click(screen.getByRole("button", { name: "Load more" }));

    expect(await screen.findByText("Notice 12")).toBeTruthy();
    expect(screen.getAllByRole("article")).toHaveLength(PAGE_SIZE + 2);
    expect(api.requests[1]?.body.variables).toEqual({ first: PAGE_SIZE, after: `cursor-${PAGE_SIZE}` });
    expect(screen.queryByRole("button", { name: "Load more" })).toBeNull();
  });

  it("shows an empty state", async () => {
    const api = createFakeApi();
    api.respond(page([], false));
    renderFeed(api);

    expect(await screen.findByText("No posts yet.")).toBeTruthy();
    expect(screen.queryAllByRole("article")).toHaveLength(0);
  });

  it("retries after a network failure", async () => {
    const api = createFakeApi();
    api.respond({ networkError: new TypeError("Failed to fetch") }, page([1], false));
    renderFeed(api);

    expect((await screen.findByRole("alert")).textContent).toContain("Could not load the feed.");
    await userEvent.click(screen.getByRole("button", { name: "Try again" }));

    expect(await screen.findByText("Notice 1")).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole("alert")).toBeNull());
    expect(api.requests).toHaveLength(2);
  });
});
