/** The outcome of reading one request parameter. */
export type ParameterValue = { ok: true; value: string | undefined } | { ok: false; problem: string; value?: undefined };

const MAX_PARAMETER_LENGTH = 4096;

/**
 * Reads one parameter from a parsed query string or request body. RFC 6749
 * section 3.1 forbids repeating a parameter, and a JSON body could carry a
 * number or object, so anything but one string is rejected. An empty string
 * counts as absent, as RFC 6749 section 3.1 requires.
 */
export function readParameter(source: unknown, name: string): ParameterValue {
  const value = typeof source === "object" && source !== null ? (source as Record<string, unknown>)[name] : undefined;
  if (value === undefined || value === "") {
    return { ok: true, value: undefined };
  }
  if (Array.isArray(value)) {
    return { ok: false, problem: `The parameter ${name} was sent more than once: send it once` };
  }
  if (typeof value !== "string") {
    return { ok: false, problem: `The parameter ${name} must be a string, but it was ${typeof value}` };
  }
  if (value.length > MAX_PARAMETER_LENGTH) {
    return { ok: false, problem: `The parameter ${name} is ${value.length} characters long: send at most ${MAX_PARAMETER_LENGTH}` };
  }
  return { ok: true, value };
}
