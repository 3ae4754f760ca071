/** Label for operations sent without a name, such as `{ posts { ... } }`. */
export const anonymousOperationLabel = "__anonymous__";

/** Label that every operation name past the limit shares. */
export const otherOperationLabel = "__other__";

/** Number of distinct operation names that get a label of their own. */
export const defaultOperationLabelLimit = 50;

// Operation names come from the client, so each one becomes a new time series
// in Prometheus. Long names are folded too, because a GraphQL name can be as
// long as the client likes.
const maxNameLength = 64;

/**
 * Creates a mapping from operation names to metric labels with bounded
 * cardinality. The first `limit` distinct names keep their own label, and
 * every later one folds into `__other__`. So a client that invents names
 * cannot grow memory in the API or in Prometheus without bound.
 */
export function createOperationLabels(limit: number = defaultOperationLabelLimit): (name: string | null) => string {
  const known = new Set<string>();

  return (name) => {
    if (name === null || name === "") return anonymousOperationLabel;
    if (known.has(name)) return name;
    if (known.size >= limit || name.length > maxNameLength) return otherOperationLabel;

    known.add(name);
    return name;
  };
}
