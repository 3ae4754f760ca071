import { createServer } from "node:net";

/**
 * Asks the OS for a free loopback port. Another process could take it before
 * the caller binds it; the window is milliseconds on a test machine.
 */
export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
