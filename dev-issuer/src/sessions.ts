import type { Request, Response } from "express";
import { createExpiringStore } from "./expiring-store.js";
import type { DevUser } from "./users.js";

/** A signed-in browser at the issuer, which lets prompt=none and later sign-ins skip the login page. */
export interface Session {
  readonly user: DevUser;
  /** Sign-in time in seconds since the epoch, sent as `auth_time`. */
  readonly authTime: number;
}

export interface SessionStore {
  /** Returns the session named by the request's cookie, if it exists and has not expired. */
  find(request: Request): { id: string; session: Session } | undefined;
  /** Creates a session and sets its cookie on `response`. */
  start(response: Response, session: Session): void;
  /** Deletes the request's session, if any, and expires its cookie. */
  end(request: Request, response: Response): void;
}

const SESSION_LIFETIME_MS = 24 * 60 * 60_000;

/**
 * Creates the session store. Browsers share cookies between all ports of
 * `localhost`, so the cookie name includes the port. Two issuers on different
 * ports, such as a developer's and a browser test's, then never overwrite each other's session.
 */
export function createSessionStore(port: number, now: () => number): SessionStore {
  const sessions = createExpiringStore<Session>(SESSION_LIFETIME_MS, now);
  const cookieName = `dev_issuer_session_${port}`;

  const readCookie = (request: Request): string | undefined => {
    for (const part of (request.headers.cookie ?? "").split(";")) {
      const separator = part.indexOf("=");
      if (separator !== -1 && part.slice(0, separator).trim() === cookieName) {
        return part.slice(separator + 1).trim();
      }
    }
    return undefined;
  };

  return {
    find(request) {
      const id = readCookie(request);
      const session = id === undefined ? undefined : sessions.get(id);
      return id === undefined || session === undefined ? undefined : { id, session };
    },
    start(response, session) {
      const id = sessions.add(session);
      // HttpOnly keeps page scripts from reading the session. SameSite=Lax still
      // sends it to the silent-authentication iframe, because every port of
      // localhost is the same site. Secure is left off because this is plain http.
      response.append(
        "Set-Cookie",
        `${cookieName}=${id}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${SESSION_LIFETIME_MS / 1000}`,
      );
    },
    end(request, response) {
      const id = readCookie(request);
      if (id !== undefined) {
        sessions.delete(id);
      }
      response.append("Set-Cookie", `${cookieName}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`);
    },
  };
}
