import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Request, Response } from "express";
import type { Registry } from "prom-client";
import type { Logger } from "../logger.js";

/** Serves the registry in the Prometheus text format, for `GET /metrics`. */
export function metricsHandler(registry: Registry, logger: Logger) {
  return async (_req: Request, res: Response): Promise<void> => {
    try {
      const body = await registry.metrics();
      res.type(registry.contentType).send(body);
    } catch (error) {
      logger.error({ event: "metrics_failed", err: error }, "collecting metrics failed");
      res.status(500).type("text/plain").send("Collecting metrics failed; the error was logged.\n");
    }
  };
}

export interface MetricsServer {
  /** Such as http://127.0.0.1:9464/metrics. */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Serves `GET /metrics` on a port of its own, so the main port (often public)
 * does not expose operation names and refusal counts. Every other path and
 * method gets 404.
 */
export async function startMetricsServer(options: {
  readonly host: string;
  readonly port: number;
  readonly registry: Registry;
  readonly logger: Logger;
}): Promise<MetricsServer> {
  const { registry, logger } = options;
  const server = http.createServer((req, res) => {
    if (req.method !== "GET" || req.url?.split("?")[0] !== "/metrics") {
      res.writeHead(404, { "content-type": "text/plain" }).end("Not found. Metrics are at GET /metrics.\n");
      return;
    }
    registry.metrics().then(
      (body) => res.writeHead(200, { "content-type": registry.contentType }).end(body),
      (error: unknown) => {
        logger.error({ event: "metrics_failed", err: error }, "collecting metrics failed");
        res.writeHead(500, { "content-type": "text/plain" }).end("Collecting metrics failed; the error was logged.\n");
      },
    );
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(":") ? `[${options.host}]` : options.host;

  return {
    url: `http://${host}:${port}/metrics`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // A scraper keeps connections alive, and none of them carries work worth finishing.
        server.closeAllConnections();
      }),
  };
}
