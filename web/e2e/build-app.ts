import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const webRoot = fileURLToPath(new URL("..", import.meta.url));
const viteCli = fileURLToPath(new URL("../../node_modules/vite/bin/vite.js", import.meta.url));

const BUILD_TIMEOUT_MS = 120_000;

/**
 * Runs `vite build` in a child process. Building in the test process would
 * inherit NODE_ENV=test from Vitest and bundle React's development build.
 */
export async function buildApp(outDir: string): Promise<void> {
  const child = spawn(process.execPath, [viteCli, "build", "--outDir", outDir, "--emptyOutDir", "--logLevel", "warn"], {
    cwd: webRoot,
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, NODE_ENV: "production" },
  });
  const timer = setTimeout(() => child.kill("SIGKILL"), BUILD_TIMEOUT_MS);
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  clearTimeout(timer);
  if (code !== 0) {
    throw new Error(`vite build exited with code ${String(code)}.`);
  }
}
