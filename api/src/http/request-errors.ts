import type { ErrorRequestHandler } from "express";
import { badRequestError, internalServerError, type BadRequestStatus } from "../errors.js";
import type { Logger } from "../logger.js";

// The `type` values body-parser (used by express.json) sets on the errors it raises.
const bodyErrors: Record<string, { status: BadRequestStatus; message: (limit: number | undefined) => string }> = {
  "entity.too.large": {
    status: 413,
    message: (limit) =>
      `The request body is larger than the limit of ${limit === undefined ? "the server" : `${limit} bytes`}. Send a smaller operation, and pass large values in several requests.`,
  },
  "entity.parse.failed": {
    status: 400,
    message: () => "The request body is not valid JSON. Send a JSON object with a `query` string.",
  },
  "encoding.unsupported": {
    status: 415,
    message: () => "The request body uses an unsupported Content-Encoding. Send it uncompressed, or as gzip, deflate or br.",
  },
  "request.aborted": {
    status: 400,
    message: () => "The request body ended before its declared length. Send the request again.",
  },
  "charset.unsupported": {
    status: 415,
    message: () => "The request body uses an unsupported charset. Send it as UTF-8.",
  },
};

/**
 * Responds to errors that reach Express, not Apollo, with GraphQL-style
 * JSON. body-parser's rejections get their 4xx status and a message saying
 * what to change. Anything else is unexpected, so it is logged in full and the
 * caller gets the fixed masked message with status 500.
 */
export function requestErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const requestLogger: Logger = res.locals["logger"] ?? logger;

    const type = (error as { type?: unknown }).type;
    const known = typeof type === "string" ? bodyErrors[type] : undefined;
    if (known !== undefined) {
      const limit = (error as { limit?: unknown }).limit;
      const rejection = badRequestError(known.status, known.message(typeof limit === "number" ? limit : undefined));
      requestLogger.info({ event: "request_rejected", status: known.status, reason: type, path: req.path }, "rejected the request body");
      res.status(known.status).json({ errors: [{ message: rejection.message, extensions: { code: rejection.extensions["code"] } }] });
      return;
    }

    requestLogger.error({ event: "unexpected_error", err: error, path: req.path }, "request failed outside GraphQL");
    const masked = internalServerError();
    res.status(500).json({ errors: [{ message: masked.message, extensions: { code: masked.extensions["code"] } }] });
  };
}
