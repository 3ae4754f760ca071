import { badUserInputError } from "../errors.js";

/** Position of a post in newest-first order. */
export interface PostPosition {
  readonly createdAt: Date;
  readonly id: string;
}

/** Position of a post in most-reported-first order. */
export interface ReportedPostPosition extends PostPosition {
  readonly reportCount: number;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return uuidPattern.test(value);
}

// Cursors are opaque to clients: base64url of a versioned, colon-separated
// position. The prefix keeps a cursor of one list from being used in another.
export function encodePostCursor(position: PostPosition): string {
  return Buffer.from(`p1:${position.createdAt.getTime()}:${position.id}`).toString("base64url");
}

export function encodeReportedPostCursor(position: ReportedPostPosition): string {
  return Buffer.from(`r1:${position.reportCount}:${position.createdAt.getTime()}:${position.id}`).toString("base64url");
}

/** @throws BAD_USER_INPUT naming `argument` when the cursor was not issued by this list. */
export function decodePostCursor(cursor: string, argument: string): PostPosition {
  const parts = decodeParts(cursor);
  if (parts.length !== 3 || parts[0] !== "p1") throw invalidCursor(argument);
  return { createdAt: parseTime(parts[1]!, argument), id: parseId(parts[2]!, argument) };
}

export function decodeReportedPostCursor(cursor: string, argument: string): ReportedPostPosition {
  const parts = decodeParts(cursor);
  if (parts.length !== 4 || parts[0] !== "r1" || !/^\d{1,9}$/.test(parts[1]!)) throw invalidCursor(argument);
  return {
    reportCount: Number(parts[1]),
    createdAt: parseTime(parts[2]!, argument),
    id: parseId(parts[3]!, argument),
  };
}

function decodeParts(cursor: string): string[] {
  if (cursor.length > 200 || !/^[A-Za-z0-9_-]*$/.test(cursor)) return [];
  return Buffer.from(cursor, "base64url").toString("utf8").split(":");
}

function parseTime(value: string, argument: string): Date {
  if (!/^\d{1,15}$/.test(value)) throw invalidCursor(argument);
  return new Date(Number(value));
}

function parseId(value: string, argument: string): string {
  if (!isUuid(value)) throw invalidCursor(argument);
  return value;
}

function invalidCursor(argument: string) {
  return badUserInputError(
    argument,
    `${argument} is not a cursor of this list. Pass the endCursor or an edge cursor from a previous page, or leave it out to start from the beginning.`,
  );
}

/** Page size bounds shared by every connection field. */
export const pageSize = { min: 1, max: 100 } as const;

/** @throws BAD_USER_INPUT when `first` is outside 1..100. */
export function checkPageSize(first: number | null | undefined, argument = "first"): number {
  const value = first ?? 20;
  if (!Number.isInteger(value) || value < pageSize.min || value > pageSize.max) {
    throw badUserInputError(argument, `${argument} must be between ${pageSize.min} and ${pageSize.max} (got ${value}).`);
  }
  return value;
}
