import { describe, expect, it } from "vitest";
import { anonymousPrincipal } from "../src/auth/principal.js";
import { createVerifiedTokenCache } from "../src/auth/verified-token-cache.js";

describe("verified token cache", () => {
  it("returns an entry until the token's exp", () => {
    const cache = createVerifiedTokenCache(10);
    cache.set("token", anonymousPrincipal, 1_000);
    expect(cache.get("token", 999_999)).toBe(anonymousPrincipal);
    expect(cache.get("token", 1_000_000)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it("evicts the least recently used entry", () => {
    const cache = createVerifiedTokenCache(2);
    cache.set("a", anonymousPrincipal, 10_000);
    cache.set("b", anonymousPrincipal, 10_000);
    cache.get("a", 0);
    cache.set("c", anonymousPrincipal, 10_000);
    expect(cache.get("b", 0)).toBeUndefined();
    expect(cache.get("a", 0)).toBe(anonymousPrincipal);
    expect(cache.get("c", 0)).toBe(anonymousPrincipal);
  });

  it("keeps nothing with size 0", () => {
    const cache = createVerifiedTokenCache(0);
    cache.set("a", anonymousPrincipal, 10_000);
    expect(cache.size).toBe(0);
  });

  it("empties on clear", () => {
    const cache = createVerifiedTokenCache(5);
    cache.set("a", anonymousPrincipal, 10_000);
    cache.clear();
    expect(cache.get("a", 0)).toBeUndefined();
  });
});
