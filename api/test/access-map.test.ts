import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { describeRule, listFieldAccess, renderAccessMap } from "../src/auth/access-map.js";
import { buildApiSchema } from "../src/graphql/schema.js";

describe("access map", () => {
  const rows = listFieldAccess(buildApiSchema());
  const ruleOf = (type: string, field: string) => describeRule(rows.find((row) => row.type === type && row.field === field)?.rule);

  it("lists public, signed-in and permission rules", () => {
    expect(ruleOf("Query", "posts")).toBe("public");
    expect(ruleOf("Query", "viewer")).toBe("signed-in");
    expect(ruleOf("Query", "reportedPosts")).toBe("signed-in + `moderate:posts`");
    expect(ruleOf("Mutation", "createPost")).toBe("signed-in");
    expect(ruleOf("Post", "reportCount")).toBe("signed-in + `moderate:posts`");
    expect(ruleOf("Viewer", "permissions")).toBe("signed-in");
  });

  it("puts Query and Mutation first", () => {
    expect(rows[0]?.type).toBe("Query");
    const firstOther = rows.findIndex((row) => row.type !== "Query" && row.type !== "Mutation");
    expect(rows.slice(0, firstOther).every((row) => row.type === "Query" || row.type === "Mutation")).toBe(true);
    expect(rows.slice(firstOther).some((row) => row.type === "Query" || row.type === "Mutation")).toBe(false);
  });

  it("gives every field a rule", () => {
    expect(rows.filter((row) => row.rule === undefined)).toEqual([]);
  });

  it("matches docs/access-map.md", async () => {
    const stored = await readFile(new URL("../../docs/access-map.md", import.meta.url), "utf8");
    expect(stored, "docs/access-map.md is stale: run npm run auth:report -- --write").toBe(renderAccessMap(rows));
  });
});
