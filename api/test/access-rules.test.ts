import { buildSubgraphSchema } from "@apollo/subgraph";
import { graphql, parse } from "graphql";
import { describe, expect, it } from "vitest";
import { AccessRuleError } from "../src/auth/access-rule.js";
import { applyAccessRules } from "../src/auth/auth-directive.js";
import { anonymousPrincipal, principalFromClaims } from "../src/auth/principal.js";
import { buildApiSchema } from "../src/graphql/schema.js";

const directives = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  directive @auth(requires: [String!]) on OBJECT | INTERFACE | FIELD_DEFINITION
  directive @public on OBJECT | FIELD_DEFINITION
`;

const user = (permissions: string[] = []) => principalFromClaims({ sub: "auth0|u", permissions }, "name");

describe("access rules", () => {
  it("refuses a schema with an unguarded field, naming it", () => {
    const schema = buildSubgraphSchema({
      typeDefs: parse(`${directives}
        type Query { open: String @public forgotten: String }
        type Mutation { remove(id: ID!): Thing }
        type Thing @public { id: ID! }
      `),
    });
    expect(() => applyAccessRules(schema)).toThrow(AccessRuleError);
    try {
      applyAccessRules(schema);
    } catch (error) {
      expect((error as AccessRuleError).problems).toEqual([
        "Query.forgotten has no access rule. Add @auth or @public to the field or to type Query.",
        "Mutation.remove has no access rule. Add @auth or @public to the field or to type Mutation.",
      ]);
    }
  });

  it("refuses an entity without a type-level rule", () => {
    const schema = buildSubgraphSchema({
      typeDefs: parse(`${directives}
        type Query { thing: Thing @public }
        type Thing @key(fields: "id") { id: ID! @public }
      `),
    });
    expect(() => applyAccessRules(schema)).toThrow(/Entity type Thing needs a type-level @auth or @public/);
  });

  it("refuses @auth and @public on one field", () => {
    const schema = buildSubgraphSchema({ typeDefs: parse(`${directives} type Query { both: String @public @auth }`) });
    expect(() => applyAccessRules(schema)).toThrow(/Query.both has both @auth and @public/);
  });

  it("starts with the product schema", () => {
    expect(() => buildApiSchema()).not.toThrow();
  });

  describe("on interfaces", () => {
    const schema = applyAccessRules(
      buildSubgraphSchema({
        typeDefs: parse(`${directives}
          interface Secret @auth(requires: ["read:secrets"]) { code: String }
          interface Named { name: String @auth }
          type Vault implements Secret & Named @public { code: String name: String label: String }
          type Query @public { vault: Vault }
        `),
        resolvers: { Query: { vault: () => ({ code: "1234", name: "Main", label: "Vault" }) } },
      }),
    );
    const run = (contextValue: object) =>
      graphql({ schema, source: "{ vault { code name label } }", contextValue });

    it("lets an interface's type rule beat the implementing type's", async () => {
      const result = await run({ principal: user() });
      expect(result.data).toEqual({ vault: { code: null, name: "Main", label: "Vault" } });
      expect(result.errors?.[0]?.extensions["code"]).toBe("FORBIDDEN");
      expect(result.errors?.[0]?.path).toEqual(["vault", "code"]);
    });

    it("applies an interface field rule", async () => {
      const result = await run({ principal: anonymousPrincipal });
      expect(result.data).toEqual({ vault: { code: null, name: null, label: "Vault" } });
      expect(result.errors?.map((error) => error.extensions["code"])).toEqual(["UNAUTHENTICATED", "UNAUTHENTICATED"]);
    });

    it("opens guarded fields with the permission", async () => {
      const result = await run({ principal: user(["read:secrets"]) });
      expect(result.errors).toBeUndefined();
      expect(result.data).toEqual({ vault: { code: "1234", name: "Main", label: "Vault" } });
    });
  });
});
