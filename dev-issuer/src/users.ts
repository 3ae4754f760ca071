/** A development user. Nothing here is secret: anyone who reaches the login page may sign in as anyone. */
export interface DevUser {
  readonly sub: string;
  readonly name: string;
  readonly nickname: string;
  readonly email: string;
  readonly picture: string;
  /** RBAC permissions, copied into the access token's `permissions` claim. */
  readonly permissions: readonly string[];
}

/**
 * A user id such as `dev|carol`: letters, digits and `| . _ @ -`, at most 64
 * characters. `|` and `-` are escaped so that the source also compiles with the
 * `v` flag, which browsers use for the HTML `pattern` attribute.
 */
// eslint-disable-next-line no-useless-escape -- the escapes are required where the source is reused with the v flag.
export const USER_ID_PATTERN = /^[A-Za-z0-9\|._@\-]{1,64}$/;

const MAX_NAME_LENGTH = 80;

export const SEEDED_USERS: readonly DevUser[] = [
  createUser("dev|alice", "Alice Example", []),
  createUser("dev|bob", "Bob Example", []),
  createUser("dev|maya", "Maya Moderator", ["moderate:posts"]),
];

export function findSeededUser(sub: string): DevUser | undefined {
  return SEEDED_USERS.find((user) => user.sub === sub);
}

/**
 * Builds a user from a typed id. The email is derived from the part after the
 * last `|`, so `dev|carol` becomes carol@example.com (a reserved domain).
 *
 * @throws Error when the id does not match USER_ID_PATTERN or the name is too long.
 */
export function createUser(sub: string, name: string | undefined, permissions: readonly string[]): DevUser {
  if (!USER_ID_PATTERN.test(sub)) {
    throw new Error(
      `The user id "${sub}" is invalid: use 1 to 64 letters, digits or the characters | . _ @ -, for example dev|carol`,
    );
  }
  const localPart = sub.slice(sub.lastIndexOf("|") + 1).toLowerCase().replace(/[^a-z0-9._-]/g, "") || "user";
  const displayName = name?.trim() || localPart;
  if (displayName.length > MAX_NAME_LENGTH) {
    throw new Error(`The display name is ${displayName.length} characters long: use at most ${MAX_NAME_LENGTH}`);
  }
  return {
    sub,
    name: displayName,
    nickname: localPart,
    email: `${localPart}@example.com`,
    picture: initialsAvatar(displayName),
    permissions: [...permissions],
  };
}

/** Draws the initials as an SVG data: URI so that no profile picture is ever fetched from the network. */
function initialsAvatar(name: string): string {
  const initials = name
    .split(/\s+/)
    .filter((word) => word !== "")
    .slice(0, 2)
    .map((word) => word[0]?.toUpperCase() ?? "")
    .join("")
    .replace(/[^A-Z0-9]/g, "");
  let hash = 0;
  for (const character of name) {
    hash = (hash * 31 + character.charCodeAt(0)) % 360;
  }
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64">` +
    `<rect width="64" height="64" rx="32" fill="hsl(${hash},45%,45%)"/>` +
    `<text x="32" y="40" font-family="sans-serif" font-size="24" fill="#fff" text-anchor="middle">${initials || "?"}</text>` +
    `</svg>`;
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`;
}
