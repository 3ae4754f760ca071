import type { RequestHandler, Response } from "express";
import { shuttingDownError } from "../errors.js";

/**
 * Closes the API to new work when shutdown begins, so every request either
 * runs to its response or is refused before it starts.
 *
 * Without it, a keep-alive client may send its next request just as the
 * server ends the socket. The server can still read and run that request, so
 * a post gets written, but the response cannot be sent. The client then sees
 * a reset connection for work that was done.
 */
export interface ShutdownGate {
  /** Middleware for the front of the chain; it responds with 503 once the gate is closed. */
  readonly middleware: RequestHandler;
  /** Refuses requests from now on, and marks responses in flight with `Connection: close`. */
  close(): void;
}

export function createShutdownGate(): ShutdownGate {
  const inFlight = new Set<Response>();
  let closed = false;

  const middleware: RequestHandler = (req, res, next) => {
    if (closed) {
      refuse(req.path, res);
      return;
    }
    inFlight.add(res);
    res.once("close", () => inFlight.delete(res));
    next();
  };

  return {
    middleware,
    close() {
      closed = true;
      // With `Connection: close` on its response, a keep-alive client opens a
      // new connection for its next request, which the closed listener refuses.
      for (const res of inFlight) {
        if (!res.headersSent) res.setHeader("connection", "close");
      }
    },
  };
}

function refuse(path: string, res: Response): void {
  res.status(503).setHeader("connection", "close");
  res.setHeader("retry-after", "1");
  if (!path.startsWith("/graphql")) {
    res.json({ status: "stopping" });
    return;
  }
  const error = shuttingDownError();
  res.json({ errors: [{ message: error.message, extensions: { code: error.extensions["code"] } }] });
}
