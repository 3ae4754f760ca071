import { composeServices } from "@apollo/composition";
import { ApolloGateway, RemoteGraphQLDataSource } from "@apollo/gateway";
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { parse } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "./support/api.js";
import { startTestIssuer, type TestIssuer } from "./support/jwks-server.js";
import { reactionsTypeDefs, startReactionsSubgraph } from "./support/reactions-subgraph.js";

interface GatewayContext {
  authorization?: string;
}

describe("federation", () => {
  let issuer: TestIssuer;
  let api: TestApi;
  let reactions: { url: string; stop: () => Promise<void> };
  let gateway: ApolloServer<GatewayContext>;
  let gatewayUrl: string;
  let hints: Array<{ code: string; message: string }>;
  let postId: string;
  let author: string;
  let moderator: string;

  beforeAll(async () => {
    issuer = await startTestIssuer();
    api = await startTestApi({ issuer, database: "pglite" });
    reactions = await startReactionsSubgraph();
    author = await issuer.sign({ sub: "auth0|alice" });
    moderator = await issuer.sign({ sub: "auth0|maya", permissions: ["moderate:posts"] });

    const created = await api.graphql<{ createPost: { id: string } }>(
      `mutation { createPost(input: { title: "Federated", body: "Hello from a subgraph" }) { id } }`,
      { token: author },
    );
    postId = created.body.data!.createPost.id;

    const sdl = await api.graphql<{ _service: { sdl: string } }>(`{ _service { sdl } }`);
    const composition = composeServices([
      { name: "noticeboard", typeDefs: parse(sdl.body.data!._service.sdl), url: `${api.api.url}/graphql` },
      { name: "reactions", typeDefs: parse(reactionsTypeDefs), url: reactions.url },
    ]);
    if (composition.errors) throw new Error(composition.errors.map((error) => error.message).join("\n"));
    hints = composition.hints.map((hint) => ({ code: hint.definition.code, message: hint.message }));

    gateway = new ApolloServer<GatewayContext>({
      gateway: new ApolloGateway({
        supergraphSdl: composition.supergraphSdl,
        // The subgraph enforces access itself, so the gateway only forwards the caller's token.
        buildService: ({ url }) =>
          new RemoteGraphQLDataSource<GatewayContext>({
            ...(url ? { url } : {}),
            willSendRequest({ request, context }) {
              if (context.authorization) request.http?.headers.set("authorization", context.authorization);
            },
          }),
      }),
      logger: { debug() {}, info() {}, warn() {}, error() {} },
    });
    ({ url: gatewayUrl } = await startStandaloneServer(gateway, {
      listen: { port: 0, host: "127.0.0.1" },
      context: async ({ req }) => (req.headers.authorization ? { authorization: req.headers.authorization } : {}),
    }));
  });

  afterAll(async () => {
    await gateway?.stop();
    await reactions?.stop();
    await api?.close();
    await issuer?.close();
  });

  async function throughGateway(query: string, token?: string) {
    const response = await fetch(gatewayUrl, {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query }),
    });
    return (await response.json()) as { data?: Record<string, unknown> | null; errors?: Array<{ message: string; path?: unknown[]; extensions?: Record<string, unknown> }> };
  }

  it("composes without hints", () => {
    expect(hints).toEqual([]);
  });

  it("serves public data anonymously through the gateway", async () => {
    const body = await throughGateway(`{ post(id: "${postId}") { title author { id } reactions } }`);
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({ post: { title: "Federated", author: { id: "auth0|alice" }, reactions: postId.length } });
  });

  it("refuses guarded fields without a token through the gateway", async () => {
    const body = await throughGateway(`{ post(id: "${postId}") { title reportCount } }`);
    expect(body.data).toEqual({ post: { title: "Federated", reportCount: null } });
    expect(body.errors?.[0]?.extensions?.["code"]).toBe("UNAUTHENTICATED");
    expect(body.errors?.[0]?.path).toEqual(["post", "reportCount"]);
  });

  it("serves guarded fields with a token through the gateway", async () => {
    const body = await throughGateway(`{ post(id: "${postId}") { reportCount reactions } viewer { user { id } } }`, moderator);
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({ post: { reportCount: 0, reactions: postId.length }, viewer: { user: { id: "auth0|maya" } } });
  });

  it("refuses guarded fields reached through _entities", async () => {
    const query = `query($representations: [_Any!]!) {
      _entities(representations: $representations) { ... on Post { title reportCount } }
    }`;
    const variables = { representations: [{ __typename: "Post", id: postId }] };
    const send = (token?: string) =>
      api.graphql(query, { variables, ...(token ? { token } : {}) });

    const anonymous = await send();
    expect(anonymous.body.data).toEqual({ _entities: [{ title: "Federated", reportCount: null }] });
    expect(anonymous.body.errors?.[0]).toMatchObject({ path: ["_entities", 0, "reportCount"], extensions: { code: "UNAUTHENTICATED" } });

    const plain = await send(author);
    expect(plain.body.data).toEqual({ _entities: [{ title: "Federated", reportCount: null }] });
    expect(plain.body.errors?.[0]?.extensions?.["code"]).toBe("FORBIDDEN");

    const moderated = await send(moderator);
    expect(moderated.body.errors).toBeUndefined();
    expect(moderated.body.data).toEqual({ _entities: [{ title: "Federated", reportCount: 0 }] });
  });

  it("resolves User entities through the loaders", async () => {
    const response = await api.graphql(
      `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on User { id displayName } } }`,
      { variables: { representations: [{ __typename: "User", id: "auth0|alice" }, { __typename: "User", id: "auth0|nobody" }] } },
    );
    expect(response.body.data).toEqual({ _entities: [{ id: "auth0|alice", displayName: "auth0|alice" }, null] });
  });
});
