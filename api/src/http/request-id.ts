import { randomUUID } from "node:crypto";
import type { RequestHandler } from "express";
import type { Logger } from "../logger.js";

// A caller's request id is kept only when it cannot forge log structure.
const acceptableRequestId = /^[A-Za-z0-9._-]{1,64}$/;

/** Gives each request an id (the caller's X-Request-Id when sane) and a child logger carrying it. */
export function requestIdMiddleware(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const incoming = req.get("x-request-id");
    const requestId = incoming !== undefined && acceptableRequestId.test(incoming) ? incoming : randomUUID();
    res.setHeader("x-request-id", requestId);
    res.locals["requestId"] = requestId;
    res.locals["logger"] = logger.child({ reqId: requestId });
    next();
  };
}
