import type { Principal } from "../auth/principal.js";
import type { Queryable } from "./database.js";
import type { UserRow } from "./rows.js";

const userColumns = `id, display_name as "displayName", token_name as "tokenName"`;

export function selectUsersByIds(db: Queryable, ids: readonly string[]): Promise<UserRow[]> {
  return db.query<UserRow>(`select ${userColumns} from users where id = any($1::text[])`, [ids]);
}

type SignedIn = Extract<Principal, { kind: "user" }>;

/**
 * Creates or refreshes the caller's user row before a write. The name claim of
 * the current token replaces the stored one; a name the user chose is kept.
 */
export async function upsertUser(db: Queryable, principal: SignedIn): Promise<UserRow> {
  const rows = await db.query<UserRow>(
    `insert into users (id, token_name) values ($1, $2)
     on conflict (id) do update set token_name = coalesce(excluded.token_name, users.token_name)
     returning ${userColumns}`,
    [principal.sub, principal.name ?? null],
  );
  return rows[0]!;
}

/** Sets or, with null, clears the name the user chose. */
export async function setChosenDisplayName(db: Queryable, principal: SignedIn, displayName: string | null): Promise<UserRow> {
  const rows = await db.query<UserRow>(
    `insert into users (id, token_name, display_name) values ($1, $2, $3)
     on conflict (id) do update set
       token_name = coalesce(excluded.token_name, users.token_name),
       display_name = excluded.display_name
     returning ${userColumns}`,
    [principal.sub, principal.name ?? null, displayName],
  );
  return rows[0]!;
}

/** Builds the user of a signed-in caller who has no row yet (before their first write). */
export function userFromPrincipal(principal: SignedIn): UserRow {
  return { id: principal.sub, displayName: null, tokenName: principal.name ?? null };
}

export function displayNameOf(user: UserRow): string {
  return user.displayName ?? user.tokenName ?? user.id;
}
