import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { buildSubgraphSchema } from "@apollo/subgraph";
import { parse } from "graphql";

/**
 * A second subgraph for composition tests: it adds `reactions` to the
 * noticeboard's Post entity, as a team that owns reactions would.
 */
export const reactionsTypeDefs = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])

  type Post @key(fields: "id") {
    id: ID!
    "Number of reactions; derived from the id so tests can predict it."
    reactions: Int!
  }
`;

export async function startReactionsSubgraph(): Promise<{ url: string; stop: () => Promise<void> }> {
  const server = new ApolloServer({
    schema: buildSubgraphSchema({
      typeDefs: parse(reactionsTypeDefs),
      resolvers: {
        Post: {
          __resolveReference: (reference: { id: string }) => ({ id: reference.id }),
          reactions: (post: { id: string }) => post.id.length,
        },
      },
    }),
    logger: { debug() {}, info() {}, warn() {}, error() {} },
  });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: "127.0.0.1" } });
  return { url, stop: () => server.stop() };
}
