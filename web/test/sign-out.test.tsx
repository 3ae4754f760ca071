import { gql, type TypedDocumentNode } from "@apollo/client";
import { useQuery } from "@apollo/client/react";
import { act, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { StrictMode, useState } from "react";
import { MemoryRouter, useLocation } from "react-router";
import { describe, expect, it } from "vitest";

import { ApolloSessionProvider } from "../src/apollo/ApolloSessionProvider";
import { createApolloClient } from "../src/apollo/create-apollo-client";
import { AuthContext } from "../src/auth/auth-context";
import { useSession } from "../src/auth/session-context";
import { createFakeApi, type FakeApi } from "./fake-api";
import { openSignOutChannel, type SignOutChannel } from "../src/auth/sign-out-channel";
import { fakeAuth, fakeChannel, type FakeAuth, type FakeChannel } from "./session-test-kit";

interface ViewerData {
  viewer: { user: { id: string; displayName: string } } | null;
}

// Test-only operation, typed by hand because codegen reads only src/.
const VIEWER: TypedDocumentNode<ViewerData> = gql`
  query SignOutTestQuery {
    viewer {
      user {
        id
        displayName
      }
    }
  }
`;

function viewerResult(id: string, displayName: string) {
  return {
    status: 200,
    body: { data: { viewer: { __typename: "Viewer", user: { __typename: "User", id, displayName } } } },
  };
}

function ViewerName() {
  const { data } = useQuery(VIEWER);
  const { signOut } = useSession();
  return (
    <div>
      <p data-testid="viewer">{data?.viewer?.user.displayName ?? "nobody"}</p>
      <button type="button" onClick={() => void signOut()}>
        Sign out
      </button>
    </div>
  );
}

function CurrentPath() {
  return <p data-testid="path">{useLocation().pathname}</p>;
}

/** Renders the session layer with an Auth0 state the test can swap. */
function renderSession(initialAuth: FakeAuth, api: FakeApi, options: { strict?: boolean; channel?: SignOutChannel } = {}) {
  const channel = options.channel ?? fakeChannel();
  const clients: ReturnType<typeof createApolloClient>[] = [];
  let setAuth: (auth: FakeAuth) => void = () => undefined;

  function Harness() {
    const [auth, updateAuth] = useState(initialAuth);
    setAuth = updateAuth;
    return (
      <MemoryRouter initialEntries={["/profile"]}>
        <AuthContext.Provider value={auth}>
          <ApolloSessionProvider
            apiUrl="http://api.test/graphql"
            signOutChannel={channel}
            createClient={(options) => {
              const client = createApolloClient({ ...options, terminatingLink: api.link });
              clients.push(client);
              return client;
            }}
          >
            <ViewerName />
            <CurrentPath />
          </ApolloSessionProvider>
        </AuthContext.Provider>
      </MemoryRouter>
    );
  }

  render(options.strict ? <StrictMode><Harness /></StrictMode> : <Harness />);
  return {
    channel: channel as FakeChannel,
    client: () => {
      const client = clients[0];
      if (!client) {
        throw new Error("ApolloSessionProvider created no client.");
      }
      return client;
    },
    switchAuth: (auth: FakeAuth) => act(() => setAuth(auth)),
    /** For fakes that change the auth state from inside the app's own async work. */
    setAuthFromApp: (auth: FakeAuth) => setAuth(auth),
  };
}

describe("sign-out", () => {
  it("clears the cache before signing out at the issuer", async () => {
    const api = createFakeApi();
    api.respond(viewerResult("dev|alice", "Alice Example"));
    const alice = fakeAuth({ sub: "dev|alice", name: "Alice Example" });
    let cacheAtLogout: unknown = "logout not called";
    alice.logout.mockImplementation(async () => {
      cacheAtLogout = session.client().extract();
    });
    const session = renderSession(alice, api);

    expect(await screen.findByText("Alice Example")).toBeTruthy();
    expect(JSON.stringify(session.client().extract())).toContain("Alice Example");

    await userEvent.click(screen.getByRole("button", { name: "Sign out" }));

    await waitFor(() => expect(alice.logout).toHaveBeenCalledTimes(1));
    expect(cacheAtLogout).toEqual({});
    expect(alice.logout).toHaveBeenCalledWith({ logoutParams: { returnTo: window.location.origin } });
    expect(session.channel.announce).toHaveBeenCalledTimes(1);
    expect(screen.queryByText("Alice Example")).toBeNull();
    expect(screen.getByRole("status").textContent).toContain("Signing out");
  });

  it("signs out under StrictMode with the real channel", async () => {
    // StrictMode runs effect cleanups twice in development, which once closed
    // the channel and made sign-out throw before it reached the issuer.
    const api = createFakeApi();
    api.respond(viewerResult("dev|alice", "Alice Example"));
    const alice = fakeAuth({ sub: "dev|alice", name: "Alice Example" });
    const otherTab = openSignOutChannel();
    let otherTabNotified = false;
    otherTab.subscribe(() => {
      otherTabNotified = true;
    });
    renderSession(alice, api, { strict: true, channel: openSignOutChannel() });

    expect(await screen.findByText("Alice Example")).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: "Sign out" }));

    await waitFor(() => expect(alice.logout).toHaveBeenCalledTimes(1));
    await waitFor(() => expect(otherTabNotified).toBe(true));
    otherTab.close();
  });

  it("signs out when another tab signs out", async () => {
    const api = createFakeApi();
    api.respond(viewerResult("dev|alice", "Alice Example"));
    const alice = fakeAuth({ sub: "dev|alice", name: "Alice Example" });
    alice.logout.mockImplementation(async () => {
      session.setAuthFromApp(fakeAuth(null));
    });
    const session = renderSession(alice, api);
    expect(await screen.findByText("Alice Example")).toBeTruthy();

    act(() => session.channel.receive());

    await waitFor(() => expect(alice.logout).toHaveBeenCalledWith({ openUrl: false }));
    expect(session.client().extract()).toEqual({});
    expect(screen.queryByText("Alice Example")).toBeNull();
    expect(session.channel.announce).not.toHaveBeenCalled();
    await waitFor(() => expect(screen.getByTestId("path").textContent).toBe("/"));
    expect(screen.getByTestId("viewer").textContent).toBe("nobody");
  });

  it("never shows the previous user's data to the next one", async () => {
    const api = createFakeApi();
    api.respond(viewerResult("dev|alice", "Alice Example"), viewerResult("dev|bob", "Bob Example"));
    const session = renderSession(fakeAuth({ sub: "dev|alice", name: "Alice Example" }), api);
    expect(await screen.findByText("Alice Example")).toBeTruthy();

    const seenWhileSwitching: string[] = [];
    const observer = new MutationObserver(() => {
      const text = document.body.textContent ?? "";
      if (text.includes("Alice Example")) {
        seenWhileSwitching.push(text);
      }
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });

    session.switchAuth(fakeAuth({ sub: "dev|bob", name: "Bob Example" }));
    expect(await screen.findByText("Bob Example")).toBeTruthy();
    observer.disconnect();

    expect(seenWhileSwitching).toEqual([]);
    expect(JSON.stringify(session.client().extract())).not.toContain("Alice Example");
    expect(api.requests.map((request) => request.headers["authorization"])).toEqual([
      "Bearer token-for-dev|alice",
      "Bearer token-for-dev|bob",
    ]);
  });
});
