import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { chmod, cp, mkdir, stat } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { Stage } from "./dockerfile.js";

const execFileAsync = promisify(execFile);

/** The repository root, which is the build context of both images. */
export const repositoryRoot = fileURLToPath(new URL("../../../", import.meta.url));

interface IgnoreRule {
  readonly pattern: RegExp;
  readonly exception: boolean;
}

/**
 * Reads .dockerignore the way Docker applies it: patterns are relative to the
 * context root, `*` and `?` stay within one path segment, `**` spans any
 * number of segments, the last matching rule wins, and a `!` rule re-includes.
 * A path is also excluded when one of its parent folders is.
 */
export function readDockerignore(file = path.join(repositoryRoot, ".dockerignore")): (relativePath: string) => boolean {
  const rules: IgnoreRule[] = [];
  for (const rawLine of readFileSync(file, "utf8").split("\n")) {
    const line = rawLine.trim();
    if (line === "" || line.startsWith("#")) continue;
    const exception = line.startsWith("!");
    const glob = path.posix.normalize(exception ? line.slice(1) : line).replace(/^\/+/, "");
    rules.push({ pattern: globToRegExp(glob), exception });
  }

  return (relativePath) => {
    const segments = relativePath.split("/").filter(Boolean);
    for (let length = 1; length <= segments.length; length += 1) {
      const candidate = segments.slice(0, length).join("/");
      let ignored = false;
      for (const rule of rules) {
        if (rule.pattern.test(candidate)) ignored = !rule.exception;
      }
      if (ignored) return true;
    }
    return false;
  };
}

function globToRegExp(glob: string): RegExp {
  let source = "";
  for (let index = 0; index < glob.length; index += 1) {
    const character = glob[index]!;
    if (character === "*" && glob[index + 1] === "*") {
      // `**/` matches zero or more folders; a trailing `**` matches the rest.
      const followedBySlash = glob[index + 2] === "/";
      source += followedBySlash ? "(?:.*/)?" : ".*";
      index += followedBySlash ? 2 : 1;
    } else if (character === "*") {
      source += "[^/]*";
    } else if (character === "?") {
      source += "[^/]";
    } else {
      source += character.replace(/[.+^${}()|[\]\\]/g, "\\$&");
    }
  }
  return new RegExp(`^${source}$`);
}

/**
 * Where each stage's file system is laid out: `/app` of stage `runtime`
 * becomes `<root>/runtime/app`.
 */
export class StageFileSystems {
  constructor(readonly root: string) {}

  pathIn(stageName: string, imagePath: string): string {
    return path.join(this.root, stageName, imagePath);
  }
}

/** What `assembleStage` did with the RUN instructions of a stage. */
export interface AssembledStage {
  readonly ran: readonly string[];
  readonly skipped: readonly string[];
}

/**
 * Lays out the files of one stage as its COPY instructions describe them,
 * taking sources from the build context (with .dockerignore applied) or from
 * stages assembled before. RUN commands that `shouldRun` accepts run with
 * `sh -c` in the stage's WORKDIR, with the stage's ENV over PATH and HOME;
 * the others are returned as skipped, because they would change this machine
 * (apt-get, chown) rather than a folder.
 *
 * @throws when a COPY source is missing or excluded by .dockerignore, or a command fails.
 */
export async function assembleStage(
  stage: Stage,
  fileSystems: StageFileSystems,
  shouldRun: (command: string) => boolean = () => false,
): Promise<AssembledStage> {
  const ignored = readDockerignore();
  const workdir = stage.workdir ?? "/";
  const ran: string[] = [];
  const skipped: string[] = [];

  // A RUN works on the files copied before it, so COPY and RUN steps are
  // replayed in the Dockerfile's order.
  for (const step of stage.steps) {
    if (step.kind === "run") {
      if (!shouldRun(step.command)) {
        skipped.push(step.command);
        continue;
      }
      const cwd = fileSystems.pathIn(stage.name, workdir);
      await mkdir(cwd, { recursive: true });
      await execFileAsync("sh", ["-c", step.command], {
        cwd,
        env: { PATH: process.env["PATH"], HOME: process.env["HOME"], ...stage.env },
        maxBuffer: 64 * 1024 * 1024,
      });
      ran.push(step.command);
      continue;
    }

    const copy = step.copy;
    const destinationInImage = path.posix.resolve(workdir, copy.destination);
    const destination = fileSystems.pathIn(stage.name, destinationInImage);
    const intoFolder = copy.destination.endsWith("/") || copy.sources.length > 1;
    for (const source of copy.sources) {
      let sourcePath: string;
      if (copy.from === undefined) {
        const relative = path.posix.normalize(source).replace(/^\.?\/+/, "");
        if (ignored(relative)) throw new Error(`COPY ${source}: .dockerignore excludes it from the build context`);
        sourcePath = path.join(repositoryRoot, relative);
      } else {
        sourcePath = fileSystems.pathIn(copy.from, path.posix.resolve(workdir, source));
      }
      const sourceInfo = await stat(sourcePath).catch(() => {
        throw new Error(`COPY ${copy.from === undefined ? "" : `--from=${copy.from} `}${source}: not found at ${sourcePath}`);
      });
      const target = sourceInfo.isFile() && intoFolder ? path.join(destination, path.basename(source)) : destination;
      await mkdir(path.dirname(target), { recursive: true });
      await cp(sourcePath, target, {
        recursive: true,
        // Docker copies symbolic links as links; cp would follow none either.
        verbatimSymlinks: true,
        filter: (from) => {
          if (copy.from !== undefined) return true;
          const relative = path.relative(repositoryRoot, from).split(path.sep).join("/");
          return !ignored(relative);
        },
      });
      const mode = copy.flags["chmod"];
      if (mode !== undefined) await chmod(target, Number.parseInt(mode, 8));
    }
  }
  return { ran, skipped };
}
