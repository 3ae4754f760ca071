import { InMemoryCache, type TypePolicies } from "@apollo/client";

import { postLookupPolicies } from "./post-lookup";
import { postPaginationPolicies } from "./post-pagination";
import { viewerPolicies } from "./viewer-policy";

export function createCache(): InMemoryCache {
  return new InMemoryCache({
    typePolicies: mergeQueryFields(postPaginationPolicies, postLookupPolicies, viewerPolicies),
  });
}

// Each policy file owns some Query fields; a shallow spread would keep only
// the last file's Query entry.
function mergeQueryFields(...policies: TypePolicies[]): TypePolicies {
  const merged: TypePolicies = {};
  for (const policy of policies) {
    for (const [typeName, typePolicy] of Object.entries(policy)) {
      const existing = merged[typeName];
      merged[typeName] = existing
        ? { ...existing, ...typePolicy, fields: { ...existing.fields, ...typePolicy.fields } }
        : typePolicy;
    }
  }
  return merged;
}
