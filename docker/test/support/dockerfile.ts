import { readFileSync } from "node:fs";
import { DockerfileParser, ModifiableInstruction, type Env, type Instruction } from "dockerfile-ast";

/** One COPY instruction: sources and destination as written, and its `--from` stage, if any. */
export interface CopyInstruction {
  readonly sources: readonly string[];
  readonly destination: string;
  readonly from: string | undefined;
  readonly flags: Readonly<Record<string, string>>;
}

/** A COPY or RUN instruction, in the order the Dockerfile gives them. */
export type Step = { readonly kind: "copy"; readonly copy: CopyInstruction } | { readonly kind: "run"; readonly command: string };

/** A build stage of a Dockerfile with the instructions that the tests read. */
export interface Stage {
  readonly name: string;
  /** The base image with build arguments replaced by their defaults. */
  readonly baseImage: string;
  readonly workdir: string | undefined;
  readonly env: Readonly<Record<string, string>>;
  readonly copies: readonly CopyInstruction[];
  readonly steps: readonly Step[];
  /** Shell-form RUN commands, joined into one line each. */
  readonly runs: readonly string[];
  readonly user: string | undefined;
  readonly exposedPorts: readonly string[];
  /** Exec-form argument lists. */
  readonly cmd: readonly string[] | undefined;
  readonly entrypoint: readonly string[] | undefined;
  readonly healthcheck: { readonly flags: Readonly<Record<string, string>>; readonly command: readonly string[] } | undefined;
  readonly stopSignal: string | undefined;
}

/**
 * Parses a Dockerfile with dockerfile-ast into its stages. Only the forms used
 * in docker/ are supported: CMD, ENTRYPOINT and HEALTHCHECK in exec (JSON)
 * form, and `ARG NAME=default` before the first FROM.
 *
 * @throws when an instruction uses a form this reader does not handle.
 */
export function readDockerfile(path: string): Stage[] {
  const dockerfile = DockerfileParser.parse(readFileSync(path, "utf8"));
  const buildArguments = new Map<string, string>();
  for (const argument of dockerfile.getInitialARGs()) {
    const property = argument.getProperty();
    if (property !== null) buildArguments.set(property.getName(), property.getValue() ?? "");
  }
  const expand = (text: string) => text.replace(/\$\{(\w+)\}/g, (_match, name: string) => buildArguments.get(name) ?? "");

  const stages: Array<{ -readonly [K in keyof Stage]: Stage[K] } & { env: Record<string, string> }> = [];
  for (const instruction of dockerfile.getInstructions()) {
    const keyword = instruction.getKeyword();
    if (keyword === "ARG" && stages.length === 0) continue;
    if (keyword === "FROM") {
      const [image, as, name] = instruction.getArguments().map((argument) => argument.getValue());
      if (as?.toUpperCase() !== "AS" || name === undefined) {
        throw new Error(`FROM ${image} has no stage name; name every stage with AS`);
      }
      stages.push({
        name,
        baseImage: expand(image!),
        workdir: undefined,
        env: {},
        copies: [],
        steps: [],
        runs: [],
        user: undefined,
        exposedPorts: [],
        cmd: undefined,
        entrypoint: undefined,
        healthcheck: undefined,
        stopSignal: undefined,
      });
      continue;
    }

    const stage = stages.at(-1);
    if (stage === undefined) throw new Error(`${keyword} comes before the first FROM`);
    switch (keyword) {
      case "WORKDIR":
        stage.workdir = instruction.getArgumentsContent()!;
        break;
      case "ENV":
        for (const property of (instruction as Env).getProperties()) {
          stage.env[property.getName()] = property.getValue() ?? "";
        }
        break;
      case "COPY": {
        const flags = readFlags(instruction);
        const paths = instruction.getArguments().map((argument) => argument.getValue());
        const destination = paths.pop();
        if (destination === undefined || paths.length === 0) throw new Error(`COPY needs a source and a destination: ${instruction.getTextContent()}`);
        const copy = { sources: paths, destination, from: flags["from"], flags };
        stage.copies = [...stage.copies, copy];
        stage.steps = [...stage.steps, { kind: "copy", copy }];
        break;
      }
      case "RUN": {
        const command = instruction.getArgumentsContent()!.replace(/\s+/g, " ");
        stage.runs = [...stage.runs, command];
        stage.steps = [...stage.steps, { kind: "run", command }];
        break;
      }
      case "USER":
        stage.user = instruction.getArgumentsContent()!;
        break;
      case "EXPOSE":
        stage.exposedPorts = instruction.getArguments().map((argument) => argument.getValue());
        break;
      case "CMD":
        stage.cmd = parseExecForm(instruction.getArgumentsContent()!, keyword);
        break;
      case "ENTRYPOINT":
        stage.entrypoint = parseExecForm(instruction.getArgumentsContent()!, keyword);
        break;
      case "HEALTHCHECK": {
        const content = instruction.getArgumentsContent()!;
        if (!content.startsWith("CMD ")) throw new Error(`HEALTHCHECK must use CMD in exec form: ${content}`);
        stage.healthcheck = { flags: readFlags(instruction), command: parseExecForm(content.slice(4), keyword) };
        break;
      }
      case "STOPSIGNAL":
        stage.stopSignal = instruction.getArgumentsContent()!;
        break;
      default:
        throw new Error(`${keyword} is not read by the Dockerfile tests; extend docker/test/support/dockerfile.ts`);
    }
  }
  return stages;
}

/** Returns the stage called `name`. */
export function stageNamed(stages: readonly Stage[], name: string): Stage {
  const stage = stages.find((candidate) => candidate.name === name);
  if (stage === undefined) throw new Error(`no stage named ${name}; stages: ${stages.map((candidate) => candidate.name).join(", ")}`);
  return stage;
}

function readFlags(instruction: Instruction): Record<string, string> {
  const flags: Record<string, string> = {};
  if (!(instruction instanceof ModifiableInstruction)) return flags;
  for (const flag of instruction.getFlags()) {
    flags[flag.getName()] = flag.getValue() ?? "";
  }
  return flags;
}

function parseExecForm(content: string, keyword: string): string[] {
  const parsed: unknown = JSON.parse(content);
  if (!Array.isArray(parsed) || !parsed.every((item) => typeof item === "string")) {
    throw new Error(`${keyword} must be a JSON array of strings (exec form): ${content}`);
  }
  return parsed;
}
