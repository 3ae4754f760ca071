import type { TypePolicies } from "@apollo/client";

/**
 * Lets `post(id)` read a post already in the cache (from the feed, say), so
 * opening a post from the list renders at once. When some field the detail
 * view needs is missing, Apollo still fetches it.
 */
export const postLookupPolicies: TypePolicies = {
  Query: {
    fields: {
      post: {
        read(existing, { args, toReference }) {
          if (existing !== undefined) {
            return existing;
          }
          const id = args?.["id"];
          return typeof id === "string" ? toReference({ __typename: "Post", id }) : undefined;
        },
      },
    },
  },
};
