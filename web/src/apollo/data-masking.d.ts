// Tells Apollo Client that the operation types come from GraphQL Codegen
// (client preset with inlineFragmentTypes "mask"), so `FragmentType`,
// `MaybeMasked` and `Unmasked` follow the generated masked types.
import type { GraphQLCodegenDataMasking } from "@apollo/client/masking";

declare module "@apollo/client" {
  // Declaration merging needs an interface, even an empty one.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  export interface TypeOverrides extends GraphQLCodegenDataMasking.TypeOverrides {}
}
