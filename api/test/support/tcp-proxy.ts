import net from "node:net";
import type { AddressInfo } from "node:net";

/**
 * How the proxy treats traffic: `forward` passes it, `refuse` drops every
 * connection (open ones and new ones, as a stopped database does), and
 * `stall` keeps connections open but passes nothing (as a dropped network
 * does, where no reset ever arrives).
 */
export type ProxyMode = "forward" | "refuse" | "stall";

/** A TCP proxy on 127.0.0.1 that a test can cut and restore. */
export interface TcpProxy {
  readonly port: number;
  setMode(mode: ProxyMode): void;
  /** Connections accepted so far, for asserting that the client reconnected. */
  connectionCount(): number;
  close(): Promise<void>;
}

/** Starts a proxy on 127.0.0.1 with an ephemeral port that forwards to `target`, which must be on loopback. */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  if (target.host !== "127.0.0.1" && target.host !== "localhost") {
    throw new Error(`The proxy forwards only to loopback, got host ${target.host}`);
  }
  let mode: ProxyMode = "forward";
  let connections = 0;
  const pairs = new Set<{ client: net.Socket; upstream: net.Socket }>();

  const destroyAll = () => {
    for (const pair of pairs) {
      pair.client.destroy();
      pair.upstream.destroy();
    }
    pairs.clear();
  };

  const server = net.createServer((client) => {
    connections += 1;
    if (mode === "refuse") {
      client.destroy();
      return;
    }
    const upstream = net.connect(target.port, target.host);
    const pair = { client, upstream };
    pairs.add(pair);
    // Data is passed by hand, not piped, so `stall` can hold it back.
    client.on("data", (chunk: Buffer) => {
      if (mode === "forward") upstream.write(chunk);
    });
    upstream.on("data", (chunk: Buffer) => {
      if (mode === "forward") client.write(chunk);
    });
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on("close", end);
    upstream.on("close", end);
    client.on("error", end);
    upstream.on("error", end);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));

  return {
    port: (server.address() as AddressInfo).port,
    setMode(next) {
      // Leaving `stall` drops its connections too, because bytes were lost in them.
      if (next === "refuse" || mode === "stall") destroyAll();
      mode = next;
    },
    connectionCount: () => connections,
    async close() {
      destroyAll();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
