import { getIntrospectionQuery, parse, specifiedRules, validate, type GraphQLError } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryLimitsRule, type QueryLimits } from "../src/graphql/query-limits.js";
import { buildApiSchema } from "../src/graphql/schema.js";
import { startTestApi, type TestApi } from "./support/api.js";
import { testDatabaseKinds } from "./support/database.js";
import { startTestIssuer, type TestIssuer } from "./support/jwks-server.js";

const limits: QueryLimits = { maxDepth: 12, maxAliases: 30, maxRootFields: 15, maxCost: 5000 };
const schema = buildApiSchema();

function check(query: string, overrides: Partial<QueryLimits> = {}): readonly GraphQLError[] {
  return validate(schema, parse(query), [...specifiedRules, queryLimitsRule({ ...limits, ...overrides })]);
}

function limitErrors(query: string, overrides: Partial<QueryLimits> = {}) {
  return check(query, overrides)
    .filter((error) => error.extensions["code"] === "QUERY_TOO_COMPLEX")
    .map((error) => ({ limit: error.extensions["limit"], max: error.extensions["max"], measured: error.extensions["measured"] }));
}

/** Builds a query `levels` fields deep: posts, edges, node, author, posts, ... ending on a leaf. */
function nestedQuery(levels: number): string {
  const cycle = ["posts", "edges", "node", "author"];
  const names = Array.from({ length: levels - 1 }, (_, index) => cycle[index % 4]!);
  // Every cycle position above can end in a scalar: PostConnection and
  // PostEdge take __typename, Post and User take id.
  const leaf = names.length % 4 === 1 || names.length % 4 === 2 ? "__typename" : "id";
  return `{ ${names.map((name) => `${name} {`).join(" ")} ${leaf} ${"}".repeat(names.length)} }`;
}

describe("query limits rule", () => {
  it("passes the full introspection query", () => {
    const query = getIntrospectionQuery({
      descriptions: true,
      specifiedByUrl: true,
      directiveIsRepeatable: true,
      schemaDescription: true,
      inputValueDeprecation: true,
      oneOf: true,
    });
    expect(check(query)).toEqual([]);
  });

  it("passes the web app's feed and profile queries", () => {
    const feed = `query FeedQuery($first: Int!, $after: String) {
      posts(first: $first, after: $after) {
        edges { cursor node { id ...PostCard_post } }
        pageInfo { hasNextPage endCursor }
      }
    }
    fragment PostCard_post on Post { id title body createdAt author { id displayName } }`;
    const profile = `query ProfileQuery {
      viewer { permissions user { id displayName posts(first: 5) { edges { node { id title body createdAt author { id displayName } } } } } }
    }`;
    expect(check(feed)).toEqual([]);
    expect(check(profile)).toEqual([]);
  });

  it("counts depth in fields", () => {
    expect(limitErrors(nestedQuery(12), { maxCost: Number.MAX_SAFE_INTEGER })).toEqual([]);
    expect(limitErrors(nestedQuery(13), { maxCost: Number.MAX_SAFE_INTEGER })).toEqual([{ limit: "depth", max: 12, measured: 13 }]);
  });

  it("counts depth through fragments", () => {
    const query = `{ posts { ...Deep } } fragment Deep on PostConnection { edges { node { author { posts { edges { node { author { posts { edges { node { author { id } } } } } } } } } } } }`;
    expect(limitErrors(query, { maxCost: Number.MAX_SAFE_INTEGER })).toEqual([{ limit: "depth", max: 12, measured: 13 }]);
  });

  it("counts aliases", () => {
    const aliases = (count: number) => `{ ${Array.from({ length: count }, (_, index) => `a${index}: __typename`).join(" ")} }`;
    expect(limitErrors(aliases(15))).toEqual([]);
    expect(limitErrors(`{ post(id: "1") { ${Array.from({ length: 31 }, (_, index) => `t${index}: title`).join(" ")} } }`)).toEqual([
      { limit: "aliases", max: 30, measured: 31 },
    ]);
  });

  it("counts root fields through fragments", () => {
    const fields = Array.from({ length: 16 }, (_, index) => `p${index}: post(id: "${index}") { id }`);
    const query = `{ ...Half ... on Query { ${fields.slice(8).join(" ")} } } fragment Half on Query { ${fields.slice(0, 8).join(" ")} }`;
    expect(limitErrors(query, { maxAliases: 100 })).toEqual([{ limit: "rootFields", max: 15, measured: 16 }]);
  });

  it("multiplies cost by first", () => {
    // posts(first: 100): 1 + 100 x (edges 1 + node 1 + id 1) = 301
    expect(limitErrors(`{ posts(first: 100) { edges { node { id } } } }`, { maxCost: 301 })).toEqual([]);
    expect(limitErrors(`{ posts(first: 100) { edges { node { id } } } }`, { maxCost: 300 })).toEqual([{ limit: "cost", max: 300, measured: 301 }]);
  });

  it("uses the schema default of first", () => {
    // posts(first = 20): 1 + 20 x 3 = 61
    expect(limitErrors(`{ posts { edges { node { id } } } }`, { maxCost: 60 })).toEqual([{ limit: "cost", max: 60, measured: 61 }]);
  });

  it("counts a variable first as the largest page", () => {
    const query = `query($n: Int!) { posts(first: $n) { edges { node { id } } } }`;
    expect(limitErrors(query, { maxCost: 300 })).toEqual([{ limit: "cost", max: 300, measured: 301 }]);
  });

  it("refuses nested lists by cost", () => {
    const query = `{ posts(first: 100) { edges { node { author { posts(first: 100) { edges { node { id } } } } } } } }`;
    const [error] = check(query).filter((candidate) => candidate.extensions["code"] === "QUERY_TOO_COMPLEX");
    // Inner posts 1 + 100 x 3 = 301; author, node and edges add 3; outer 1 + 100 x 304.
    expect(error?.extensions).toMatchObject({ limit: "cost", max: 5000, measured: 30_401 });
    expect(error?.message).toBe(
      "The operation's estimated cost is 30401, above the maximum of 5000. Lower `first` on lists or nest fewer lists; each list multiplies the cost of its fields by `first` (20 when omitted).",
    );
  });

  it("survives a fragment cycle", () => {
    const query = `{ posts { edges { node { ...A } } } } fragment A on Post { author { posts { edges { node { ...A } } } } }`;
    const errors = check(query);
    expect(errors.some((error) => /Cannot spread fragment "A" within itself/.test(error.message))).toBe(true);
  });

  it("measures doubling fragments quickly", () => {
    // F0 spreads F1 twice under two aliases, and so on: 2^40 aliases if expanded naively.
    const fragments = Array.from({ length: 40 }, (_, index) => `fragment F${index} on Post { a: author { posts { edges { node { ...F${index + 1} } } } } b: author { posts { edges { node { ...F${index + 1} } } } } }`);
    const query = `{ post(id: "1") { ...F0 } } ${fragments.join(" ")} fragment F40 on Post { id }`;
    const startedAt = performance.now();
    const errors = limitErrors(query);
    expect(performance.now() - startedAt).toBeLessThan(1000);
    expect(errors.map((error) => error.limit)).toEqual(["depth", "aliases", "cost"]);
  });

  it("refuses 10,000 aliases quickly", () => {
    const query = `{ ${Array.from({ length: 10_000 }, (_, index) => `a${index}: __typename`).join(" ")} }`;
    const startedAt = performance.now();
    const errors = limitErrors(query);
    expect(performance.now() - startedAt).toBeLessThan(2000);
    expect(errors).toContainEqual({ limit: "aliases", max: 30, measured: 10_000 });
  });
});

describe.each(testDatabaseKinds)("query limits over HTTP (%s)", (database) => {
  let issuer: TestIssuer;
  let api: TestApi;
  const statements: string[] = [];

  beforeAll(async () => {
    issuer = await startTestIssuer();
    api = await startTestApi({ issuer, database });
    api.db.onStatement((sql) => statements.push(sql));
  });

  afterAll(async () => {
    await api?.close();
    await issuer?.close();
  });

  it("refuses 10,000 aliases without the database", async () => {
    // 100 aliased posts, each spreading 100 aliased fields: 10,100 aliases,
    // small enough to pass the 100 kB body limit.
    const fields = Array.from({ length: 100 }, (_, index) => `f${index}: id`).join(" ");
    const posts = Array.from({ length: 100 }, (_, index) => `p${index}: post(id: "${index}") { ...Many }`).join(" ");
    statements.length = 0;
    const startedAt = performance.now();
    const response = await api.graphql(`{ ${posts} } fragment Many on Post { ${fields} }`);

    expect(performance.now() - startedAt).toBeLessThan(2000);
    expect(response.status).toBe(400);
    const aliasError = response.body.errors?.find((error) => error.extensions?.["limit"] === "aliases");
    expect(aliasError?.extensions).toMatchObject({ code: "QUERY_TOO_COMPLEX", limit: "aliases", max: 30, measured: 10_100 });
    expect(aliasError?.message).toMatch(/^The operation's number of aliases is 10100, above the maximum of 30\./);
    expect(statements).toEqual([]);
  });

  it("refuses a 100-deep query without the database", async () => {
    statements.length = 0;
    const startedAt = performance.now();
    const response = await api.graphql(nestedQuery(100));

    expect(performance.now() - startedAt).toBeLessThan(2000);
    expect(response.status).toBe(400);
    const depthError = response.body.errors?.find((error) => error.extensions?.["limit"] === "depth");
    expect(depthError?.extensions).toMatchObject({ code: "QUERY_TOO_COMPLEX", limit: "depth", max: 12, measured: 100 });
    expect(statements).toEqual([]);
  });

  it("refuses a 3,000-deep query with 400", async () => {
    // graphql-js's recursive parser gives up before our rule runs; Apollo
    // reports that as a parse failure, not a server error.
    const response = await api.graphql(`{ ${"posts { ".repeat(3000)}id${" }".repeat(3000)} }`);
    expect(response.status).toBe(400);
    expect(response.body.errors?.[0]?.extensions?.["code"]).toBe("GRAPHQL_PARSE_FAILED");
    expect(statements).toEqual([]);
  });

  it("answers the introspection query", async () => {
    const response = await api.graphql(getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, inputValueDeprecation: true }));
    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
  });

  it("applies limits from the environment", async () => {
    const strict = await startTestApi({ issuer, database, env: { QUERY_MAX_ROOT_FIELDS: "1" } });
    try {
      const response = await strict.graphql(`{ a: __typename b: __typename }`);
      expect(response.status).toBe(400);
      expect(response.body.errors?.[0]?.extensions).toMatchObject({ code: "QUERY_TOO_COMPLEX", limit: "rootFields", max: 1, measured: 2 });
      expect(response.body.errors?.[0]?.message).toBe(
        "The operation's number of top-level fields is 2, above the maximum of 1. Select fewer top-level fields, and send the rest in another operation.",
      );
    } finally {
      await strict.close();
    }
  });
});
