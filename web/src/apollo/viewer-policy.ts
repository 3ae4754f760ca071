import type { TypePolicies } from "@apollo/client";

/**
 * `Viewer` has no id: there is one per signed-in session. Merging keeps the
 * fields that different screens select (permissions, user) instead of one
 * query's result replacing another's. The cache is cleared whenever the user
 * changes, so two users' viewers are never merged.
 */
export const viewerPolicies: TypePolicies = {
  Viewer: { merge: true },
};
