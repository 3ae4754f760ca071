import { pino, type Logger } from "pino";

export type { Logger };

/**
 * Creates the process logger. Every line is one JSON event. The
 * `authorization` header is redacted wherever a request is logged, so a
 * token never reaches the logs.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: "noticeboard-api" },
      redact: {
        paths: ["req.headers.authorization", "headers.authorization", "authorization"],
        censor: "[redacted]",
      },
    },
    destination,
  );
}
