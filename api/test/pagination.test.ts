import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "./support/api.js";
import { testDatabaseKinds } from "./support/database.js";
import { startTestIssuer, type TestIssuer } from "./support/jwks-server.js";

interface Page {
  posts: { edges: Array<{ cursor: string; node: { title: string } }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

describe.each(testDatabaseKinds)("pagination and batching on %s", (database) => {
  let issuer: TestIssuer;
  let api: TestApi;

  beforeAll(async () => {
    issuer = await startTestIssuer();
    api = await startTestApi({ issuer, database });
    // Five authors with ten posts each, written oldest first.
    const authors = await Promise.all([1, 2, 3, 4, 5].map((n) => issuer.sign({ sub: `auth0|author${n}` })));
    for (let index = 0; index < 50; index += 1) {
      const response = await api.graphql(`mutation($input: CreatePostInput!) { createPost(input: $input) { id } }`, {
        token: authors[index % 5]!,
        variables: { input: { title: `Post ${index}`, body: "Body" } },
      });
      expect(response.body.errors).toBeUndefined();
    }
  });

  afterAll(async () => {
    await api?.close();
    await issuer?.close();
  });

  const pageQuery = `query($first: Int, $after: String) {
    posts(first: $first, after: $after) { edges { cursor node { title } } pageInfo { hasNextPage endCursor } }
  }`;

  it("walks every post newest first without gaps", async () => {
    const titles: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page += 1) {
      const response: Awaited<ReturnType<typeof api.graphql<Page>>> = await api.graphql<Page>(pageQuery, { variables: { first: 7, after } });
      const posts: Page["posts"] = response.body.data!.posts;
      titles.push(...posts.edges.map((edge) => edge.node.title));
      if (!posts.pageInfo.hasNextPage) break;
      after = posts.pageInfo.endCursor;
    }
    expect(titles).toEqual(Array.from({ length: 50 }, (_, index) => `Post ${49 - index}`));
  });

  it.each([0, 101, -1])("refuses first = %i", async (first) => {
    const response = await api.graphql(pageQuery, { variables: { first } });
    expect(response.body.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "first" });
    expect(response.body.errors?.[0]?.message).toBe(`first must be between 1 and 100 (got ${first}).`);
  });

  it("refuses a forged cursor", async () => {
    const response = await api.graphql(pageQuery, { variables: { after: "bm90LWEtY3Vyc29y" } });
    expect(response.body.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "after" });
  });

  it("runs a constant number of statements for nested lists", async () => {
    const nested = `{ posts(first: 50) { edges { node { title author { displayName posts(first: 5) { edges { node { title } } } } } } } }`;
    const statements: string[] = [];
    const stop = api.db.onStatement((sql) => statements.push(sql));
    const response = await api.graphql<{ posts: { edges: Array<{ node: { author: { posts: { edges: unknown[] } } } }> } }>(nested);
    stop();

    expect(response.body.errors).toBeUndefined();
    expect(response.body.data!.posts.edges).toHaveLength(50);
    expect(response.body.data!.posts.edges[0]!.node.author.posts.edges).toHaveLength(5);
    // One for the page, one for the authors, one for every author's latest posts.
    expect(statements).toHaveLength(3);
  });
});
