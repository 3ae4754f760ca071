import { spawn, type SpawnOptions } from "node:child_process";
import { createInterface } from "node:readline";

/** A process started by a smoke test, with its output kept for assertions and failure messages. */
export interface WatchedProcess {
  readonly pid: number;
  /** stdout lines that parsed as JSON (pino logs), in order. */
  readonly jsonLines: ReadonlyArray<Record<string, unknown>>;
  /** Every stdout and stderr line. */
  readonly output: readonly string[];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves with the first JSON line that `match` accepts. */
  waitForJsonLine(match: (line: Record<string, unknown>) => boolean, timeoutMs: number): Promise<Record<string, unknown>>;
  /** Sends `signal` and waits up to `timeoutMs` for the exit, then kills the process. */
  stop(signal: NodeJS.Signals, timeoutMs: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `command` with piped output. */
export function startWatchedProcess(command: string, args: readonly string[], options: SpawnOptions): WatchedProcess {
  const child = spawn(command, args, { ...options, stdio: ["ignore", "pipe", "pipe"] });
  const jsonLines: Array<Record<string, unknown>> = [];
  const output: string[] = [];
  const listeners = new Set<() => void>();

  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once("exit", (code, signal) => resolve({ code, signal }));
  });
  createInterface({ input: child.stderr! }).on("line", (line) => output.push(line));
  createInterface({ input: child.stdout! }).on("line", (line) => {
    output.push(line);
    try {
      jsonLines.push(JSON.parse(line) as Record<string, unknown>);
    } catch {
      return;
    }
    for (const listener of listeners) listener();
  });

  const describeOutput = () => output.slice(-20).join("\n");

  return {
    pid: child.pid!,
    jsonLines,
    output,
    exited,
    waitForJsonLine(match, timeoutMs) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = jsonLines.find(match);
          if (found === undefined) return;
          cleanUp();
          resolve(found);
        };
        const timer = setTimeout(() => {
          cleanUp();
          reject(new Error(`${command} logged no matching line within ${timeoutMs} ms; last output:\n${describeOutput()}`));
        }, timeoutMs);
        const onExit = ({ code }: { code: number | null }) => {
          cleanUp();
          reject(new Error(`${command} exited with code ${code} first; last output:\n${describeOutput()}`));
        };
        const cleanUp = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        void exited.then(onExit);
        check();
      });
    },
    async stop(signal, timeoutMs) {
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      child.kill(signal);
      const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
      const result = await exited;
      clearTimeout(timer);
      return result;
    },
  };
}
