import { badUserInputError } from "../errors.js";

/** Character limits of user-written text; the schema descriptions and SQL checks state the same. */
export const textLimits = {
  title: { min: 1, max: 120 },
  body: { min: 1, max: 5000 },
  reason: { min: 1, max: 500 },
  displayName: { min: 1, max: 60 },
} as const;

/**
 * Trims `value` and checks its length in characters (code points, as
 * Postgres' char_length counts them).
 *
 * @param argument the argument's path in the operation, such as `input.title`.
 * @throws BAD_USER_INPUT naming the argument and its limits.
 */
export function checkText(value: string, argument: string, limits: { min: number; max: number }): string {
  const trimmed = value.trim();
  const length = [...trimmed].length;
  if (length < limits.min) {
    throw badUserInputError(argument, `${argument} must not be empty.`);
  }
  if (length > limits.max) {
    throw badUserInputError(argument, `${argument} must be at most ${limits.max} characters (got ${length}).`);
  }
  if (trimmed.includes("\u0000")) {
    throw badUserInputError(argument, `${argument} must not contain NUL characters.`);
  }
  return trimmed;
}
