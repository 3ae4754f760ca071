import http from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterEach, describe, expect, it } from "vitest";
import { createShutdownGate, type ShutdownGate } from "../src/http/shutdown-gate.js";

interface Harness {
  readonly url: string;
  readonly gate: ShutdownGate;
  /** Lets the request waiting at /slow finish. */
  release(): void;
  /** Resolves when a request has reached the /slow handler. */
  readonly slowStarted: Promise<void>;
  close(): Promise<void>;
}

async function startHarness(): Promise<Harness> {
  const gate = createShutdownGate();
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let markStarted = () => {};
  const slowStarted = new Promise<void>((resolve) => {
    markStarted = resolve;
  });

  const app = express();
  app.use(gate.middleware);
  app.get("/slow", async (_req, res) => {
    markStarted();
    await released;
    res.json({ done: true });
  });
  app.post("/graphql", (_req, res) => {
    res.json({ data: { ok: true } });
  });
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    gate,
    release,
    slowStarted,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe("shutdown gate", () => {
  let harness: Harness | undefined;

  afterEach(async () => {
    harness?.release();
    await harness?.close();
    harness = undefined;
  });

  it("passes requests while open", async () => {
    harness = await startHarness();
    const response = await fetch(`${harness.url}/graphql`, { method: "POST" });
    expect(response.status).toBe(200);
    expect(response.headers.get("connection")).not.toBe("close");
  });

  it("refuses GraphQL requests once closed", async () => {
    harness = await startHarness();
    harness.gate.close();

    const response = await fetch(`${harness.url}/graphql`, { method: "POST" });
    expect(response.status).toBe(503);
    expect(response.headers.get("connection")).toBe("close");
    expect(response.headers.get("retry-after")).toBe("1");
    const body = (await response.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0]!.extensions.code).toBe("SHUTTING_DOWN");
    expect(body.errors[0]!.message).toMatch(/did not run this request\. Retry it/);
  });

  it("refuses other paths with a status", async () => {
    harness = await startHarness();
    harness.gate.close();

    const response = await fetch(`${harness.url}/readyz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: "stopping" });
  });

  it("closes connections of requests in flight", async () => {
    harness = await startHarness();
    const pending = fetch(`${harness.url}/slow`);
    await harness.slowStarted;

    harness.gate.close();
    harness.release();

    const response = await pending;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ done: true });
    expect(response.headers.get("connection")).toBe("close");
  });
});
