import { buildSubgraphSchema } from "@apollo/subgraph";
import { parse } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyAccessRules } from "../src/auth/auth-directive.js";
import { startTestApi, type TestApi } from "./support/api.js";
import { startTestIssuer, type TestIssuer } from "./support/jwks-server.js";

const failingSchema = applyAccessRules(
  buildSubgraphSchema({
    typeDefs: parse(`
      directive @auth(requires: [String!]) on OBJECT | INTERFACE | FIELD_DEFINITION
      directive @public on OBJECT | FIELD_DEFINITION
      type Query @public { broken: String sqlFailure: String fine: String }
    `),
    resolvers: {
      Query: {
        broken: () => {
          throw new Error("secret internal detail at /srv/app.js:12");
        },
        sqlFailure: () => {
          throw Object.assign(new Error('relation "posts" does not exist'), { code: "42P01" });
        },
        fine: () => "ok",
      },
    },
  }),
);

describe.each(["production", "development"] as const)("error masking in %s", (environment) => {
  let issuer: TestIssuer;
  let api: TestApi;

  beforeAll(async () => {
    issuer = await startTestIssuer();
    // Production refuses http:// issuers. These requests carry no token, so
    // the https:// issuer below is never contacted.
    const env: Record<string, string> =
      environment === "production"
        ? { NODE_ENV: "production", AUTH0_ISSUER: "https://localhost:1/" }
        : { NODE_ENV: "development" };
    api = await startTestApi({ issuer, database: "pglite", schema: failingSchema, env });
  });

  afterAll(async () => {
    await api?.close();
    await issuer?.close();
  });

  it("replaces unexpected errors with a fixed message and keeps partial data", async () => {
    const response = await api.graphql(`{ broken sqlFailure fine }`);
    expect(response.body.data).toEqual({ broken: null, sqlFailure: null, fine: "ok" });
    expect(response.body.errors).toHaveLength(2);
    for (const error of response.body.errors ?? []) {
      expect(error.message).toBe("Internal server error. The failure was logged; try again, and report it if it persists.");
      expect(error.extensions?.["code"]).toBe("INTERNAL_SERVER_ERROR");
    }
    const logged = api.logs.filter((line) => line["event"] === "unexpected_error");
    expect(logged).toHaveLength(2);
    expect(JSON.stringify(logged)).toContain("secret internal detail");
  });

  it(environment === "production" ? "sends no stack or internal message" : "sends the stack trace for debugging", async () => {
    const response = await api.graphql(`{ broken sqlFailure }`);
    const serialized = JSON.stringify(response.body.errors);
    if (environment === "production") {
      expect(serialized).not.toContain("secret internal detail");
      expect(serialized).not.toContain("relation");
      expect(serialized).not.toContain("stacktrace");
    } else {
      expect(response.body.errors?.[0]?.extensions?.["stacktrace"]).toEqual(
        expect.arrayContaining([expect.stringContaining("secret internal detail")]),
      );
    }
  });

  it("keeps the messages of caller errors", async () => {
    const response = await api.graphql(`{ missingField }`);
    expect(response.status).toBe(400);
    expect(response.body.errors?.[0]?.extensions?.["code"]).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(response.body.errors?.[0]?.message).toContain("missingField");
  });
});
