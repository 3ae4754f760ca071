import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "./support/api.js";
import { testDatabaseKinds } from "./support/database.js";
import { startTestIssuer, type TestIssuer } from "./support/jwks-server.js";

const createPost = `mutation Create($input: CreatePostInput!) {
  createPost(input: $input) { id title body author { id displayName } viewerCanEdit }
}`;

describe.each(testDatabaseKinds)("posts on %s", (database) => {
  let issuer: TestIssuer;
  let api: TestApi;
  let alice: string;
  let bob: string;
  let moderator: string;

  beforeAll(async () => {
    issuer = await startTestIssuer();
    api = await startTestApi({ issuer, database });
    alice = await issuer.sign({ sub: "auth0|alice", "https://noticeboard.example/name": "Alice Example" });
    bob = await issuer.sign({ sub: "auth0|bob", "https://noticeboard.example/name": "Bob Example" });
    moderator = await issuer.sign({ sub: "auth0|maya", permissions: ["moderate:posts"] });
  });

  afterAll(async () => {
    await api?.close();
    await issuer?.close();
  });

  it("reads the feed anonymously", async () => {
    const response = await api.graphql(`{ posts(first: 5) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`);
    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data).toEqual({ posts: { edges: [], pageInfo: { hasNextPage: false, endCursor: null } } });
  });

  it("refuses createPost anonymously", async () => {
    const response = await api.graphql(createPost, { variables: { input: { title: "Hi", body: "There" } } });
    expect(response.status).toBe(200);
    expect(response.body.data).toBeNull();
    expect(response.body.errors?.[0]?.extensions?.["code"]).toBe("UNAUTHENTICATED");
    expect(response.body.errors?.[0]?.path).toEqual(["createPost"]);
  });

  it("creates a post as the token's subject", async () => {
    const response = await api.graphql(createPost, {
      token: alice,
      variables: { input: { title: "  Lost cat  ", body: "Grey, answers to Miso." } },
    });
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data).toMatchObject({
      createPost: {
        title: "Lost cat",
        body: "Grey, answers to Miso.",
        author: { id: "auth0|alice", displayName: "Alice Example" },
        viewerCanEdit: true,
      },
    });
  });

  it("rejects an input field naming an author", async () => {
    const response = await api.graphql(createPost, {
      token: alice,
      variables: { input: { title: "Spoof", body: "Body", authorId: "auth0|bob" } },
    });
    expect(response.status).toBe(400);
    expect(response.body.errors?.[0]?.extensions?.["code"]).toBe("BAD_USER_INPUT");
    expect(response.body.errors?.[0]?.message).toContain("authorId");
  });

  it.each([
    ["blank title", { title: "   ", body: "Body" }, "input.title", "input.title must not be empty."],
    ["empty body", { title: "Title", body: "" }, "input.body", "input.body must not be empty."],
    ["long title", { title: "x".repeat(121), body: "Body" }, "input.title", "input.title must be at most 120 characters (got 121)."],
    ["long body", { title: "Title", body: "y".repeat(5001) }, "input.body", "input.body must be at most 5000 characters (got 5001)."],
  ])("validates %s", async (_case, input, argument, message) => {
    const response = await api.graphql(createPost, { token: alice, variables: { input } });
    expect(response.body.data).toBeNull();
    expect(response.body.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", argument });
    expect(response.body.errors?.[0]?.message).toBe(message);
  });

  it("lets only the author or a moderator update and delete", async () => {
    const created = await api.graphql<{ createPost: { id: string } }>(createPost, {
      token: alice,
      variables: { input: { title: "Bike for sale", body: "Blue, 3 gears." } },
    });
    const id = created.body.data!.createPost.id;
    const update = `mutation($id: ID!, $title: String) { updatePost(id: $id, input: { title: $title }) { id title viewerCanEdit } }`;
    const remove = `mutation($id: ID!) { deletePost(id: $id) }`;

    const byBob = await api.graphql(update, { token: bob, variables: { id, title: "Mine now" } });
    expect(byBob.body.errors?.[0]?.extensions?.["code"]).toBe("FORBIDDEN");
    expect(byBob.body.errors?.[0]?.message).toBe(
      `Only the author of post ${id} or a caller with the permission moderate:posts may update it.`,
    );
    const bobDelete = await api.graphql(remove, { token: bob, variables: { id } });
    expect(bobDelete.body.errors?.[0]?.extensions?.["code"]).toBe("FORBIDDEN");

    const byAlice = await api.graphql(update, { token: alice, variables: { id, title: "Bike sold" } });
    expect(byAlice.body.data).toEqual({ updatePost: { id, title: "Bike sold", viewerCanEdit: true } });

    const byModerator = await api.graphql(update, { token: moderator, variables: { id, title: "Edited by moderator" } });
    expect(byModerator.body.data).toEqual({ updatePost: { id, title: "Edited by moderator", viewerCanEdit: true } });

    const deleted = await api.graphql(remove, { token: moderator, variables: { id } });
    expect(deleted.body.data).toEqual({ deletePost: id });

    const again = await api.graphql(remove, { token: alice, variables: { id } });
    expect(again.body.errors?.[0]?.extensions?.["code"]).toBe("NOT_FOUND");
    const missing = await api.graphql(`query($id: ID!) { post(id: $id) { id } }`, { variables: { id } });
    expect(missing.body.data).toEqual({ post: null });
  });

  it("returns NOT_FOUND for a malformed id", async () => {
    const response = await api.graphql(`mutation { deletePost(id: "not-a-uuid") }`, { token: alice });
    expect(response.body.errors?.[0]?.extensions?.["code"]).toBe("NOT_FOUND");
  });

  it("accepts one report per caller and shows counts to moderators only", async () => {
    const created = await api.graphql<{ createPost: { id: string } }>(createPost, {
      token: alice,
      variables: { input: { title: "Cheap watches", body: "Click here" } },
    });
    const id = created.body.data!.createPost.id;
    const report = `mutation($id: ID!) { reportPost(id: $id, reason: "Spam") { reason post { id } } }`;

    const first = await api.graphql(report, { token: bob, variables: { id } });
    expect(first.body.data).toEqual({ reportPost: { reason: "Spam", post: { id } } });
    const second = await api.graphql(report, { token: bob, variables: { id } });
    expect(second.body.errors?.[0]?.extensions?.["code"]).toBe("BAD_USER_INPUT");
    expect(second.body.errors?.[0]?.message).toBe(
      "You have already reported this post. Each caller may report a post once; moderators will review it.",
    );

    const query = `query($id: ID!) { post(id: $id) { title reportCount } }`;
    const anonymous = await api.graphql(query, { variables: { id } });
    expect(anonymous.body.data).toEqual({ post: { title: "Cheap watches", reportCount: null } });
    expect(anonymous.body.errors?.[0]).toMatchObject({ path: ["post", "reportCount"], extensions: { code: "UNAUTHENTICATED" } });

    const plain = await api.graphql(query, { token: bob, variables: { id } });
    expect(plain.body.data).toEqual({ post: { title: "Cheap watches", reportCount: null } });
    expect(plain.body.errors?.[0]).toMatchObject({ path: ["post", "reportCount"], extensions: { code: "FORBIDDEN" } });
    expect(plain.body.errors?.[0]?.message).toContain("moderate:posts");

    const moderated = await api.graphql(query, { token: moderator, variables: { id } });
    expect(moderated.body.errors).toBeUndefined();
    expect(moderated.body.data).toEqual({ post: { title: "Cheap watches", reportCount: 1 } });

    const reported = await api.graphql(`{ reportedPosts(first: 10) { edges { node { id reportCount } } } }`, { token: moderator });
    expect(reported.body.data).toEqual({ reportedPosts: { edges: [{ node: { id, reportCount: 1 } }] } });
    const refused = await api.graphql(`{ reportedPosts { edges { node { id } } } viewer { user { id } } }`, { token: bob });
    expect(refused.body.data).toEqual({ reportedPosts: null, viewer: { user: { id: "auth0|bob" } } });
    expect(refused.body.errors?.[0]?.extensions?.["code"]).toBe("FORBIDDEN");
  });

  it("shows reasons to moderators and dismisses reports", async () => {
    const created = await api.graphql<{ createPost: { id: string } }>(createPost, {
      token: alice,
      variables: { input: { title: "Free kittens", body: "Ask inside" } },
    });
    const id = created.body.data!.createPost.id;
    const hasReported = `query($id: ID!) { post(id: $id) { viewerHasReported } }`;
    expect((await api.graphql(hasReported, { token: bob, variables: { id } })).body.data).toEqual({ post: { viewerHasReported: false } });
    await api.graphql(`mutation($id: ID!) { reportPost(id: $id, reason: "Suspicious") { id } }`, { token: bob, variables: { id } });
    expect((await api.graphql(hasReported, { token: bob, variables: { id } })).body.data).toEqual({ post: { viewerHasReported: true } });
    expect((await api.graphql(hasReported, { token: alice, variables: { id } })).body.data).toEqual({ post: { viewerHasReported: false } });
    expect((await api.graphql(hasReported, { variables: { id } })).body.data).toEqual({ post: { viewerHasReported: false } });

    const reasons = `query($id: ID!) { post(id: $id) { reports { reason reporter { id displayName } } } }`;
    const moderated = await api.graphql(reasons, { token: moderator, variables: { id } });
    expect(moderated.body.errors).toBeUndefined();
    expect(moderated.body.data).toEqual({
      post: { reports: [{ reason: "Suspicious", reporter: { id: "auth0|bob", displayName: "Bob Example" } }] },
    });
    const plain = await api.graphql(reasons, { token: bob, variables: { id } });
    expect(plain.body.data).toEqual({ post: { reports: null } });
    expect(plain.body.errors?.[0]?.extensions?.["code"]).toBe("FORBIDDEN");

    const dismiss = `mutation($id: ID!) { dismissReports(id: $id) { id reportCount reports { reason } } }`;
    const refused = await api.graphql(dismiss, { token: alice, variables: { id } });
    expect(refused.body.data).toBeNull();
    expect(refused.body.errors?.[0]?.extensions?.["code"]).toBe("FORBIDDEN");
    const dismissed = await api.graphql(dismiss, { token: moderator, variables: { id } });
    expect(dismissed.body.errors).toBeUndefined();
    expect(dismissed.body.data).toEqual({ dismissReports: { id, reportCount: 0, reports: [] } });
    const missing = await api.graphql(dismiss, { token: moderator, variables: { id: "00000000-0000-4000-8000-000000000000" } });
    expect(missing.body.errors?.[0]?.extensions?.["code"]).toBe("NOT_FOUND");
  });

  it("answers viewer with the token's permissions", async () => {
    const query = `{ viewer { user { id displayName } permissions } }`;
    const signedIn = await api.graphql(query, { token: moderator });
    expect(signedIn.body.data).toEqual({
      viewer: { user: { id: "auth0|maya", displayName: "auth0|maya" }, permissions: ["email", "moderate:posts", "openid", "profile"] },
    });
    const anonymous = await api.graphql(query);
    expect(anonymous.body.data).toEqual({ viewer: null });
    expect(anonymous.body.errors?.[0]?.extensions?.["code"]).toBe("UNAUTHENTICATED");
  });

  it("prefers a chosen display name over the token claim", async () => {
    const set = await api.graphql(`mutation { setDisplayName(displayName: "  Ali  ") { id displayName } }`, { token: alice });
    expect(set.body.data).toEqual({ setDisplayName: { id: "auth0|alice", displayName: "Ali" } });
    const reset = await api.graphql(`mutation { setDisplayName(displayName: null) { displayName } }`, { token: alice });
    expect(reset.body.data).toEqual({ setDisplayName: { displayName: "Alice Example" } });
  });
});
