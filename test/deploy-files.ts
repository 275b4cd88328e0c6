/**
 * Reads the deployment files (Dockerfile, systemd unit) the way their tools do, enough for the tests to
 * check them and to run the Dockerfile's steps without a container engine.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { START_NODE_FLAGS } from "../testkit/bot-process.js";

export const ROOT = path.resolve(import.meta.dirname, "..");

export function readRepoFile(file: string): string {
  return readFileSync(path.join(ROOT, file), "utf8");
}

/** Every name src/config.ts reads from the environment (its quoted upper-case names). */
export const CONFIG_SETTINGS: ReadonlySet<string> = new Set(
  [...readRepoFile("src/config.ts").matchAll(/"([A-Z][A-Z0-9_]+)"/g)].map((match) => match[1] ?? ""),
);

/** The command every deployment runs, the same the end-to-end tests start: `npm start`'s, without the build. */
export const RUNTIME_COMMAND: readonly string[] = ["node", ...START_NODE_FLAGS, "dist/src/main.js"];

export interface Instruction {
  /** Upper case: FROM, COPY, RUN, … */
  readonly keyword: string;
  /** What follows the keyword, continuation lines joined. */
  readonly args: string;
}

export interface Stage {
  readonly image: string;
  readonly name: string | undefined;
  readonly instructions: readonly Instruction[];
}

/** A Dockerfile's stages and their instructions (comments and `\` line continuations as Docker reads them). */
export function parseDockerfile(text: string): Stage[] {
  const logical: string[] = [];
  let pending = "";
  for (const raw of text.split("\n")) {
    if (/^\s*#/.test(raw)) continue;
    const line = raw.trimEnd();
    if (line.endsWith("\\")) {
      pending += line.slice(0, -1) + " ";
      continue;
    }
    const whole = (pending + line).trim();
    pending = "";
    if (whole !== "") logical.push(whole);
  }
  const stages: { image: string; name: string | undefined; instructions: Instruction[] }[] = [];
  for (const line of logical) {
    const [, keyword = "", args = ""] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    const instruction = { keyword: keyword.toUpperCase(), args };
    if (instruction.keyword === "FROM") {
      const [, image = "", name] = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args) ?? [];
      stages.push({ image, name, instructions: [] });
    } else {
      const stage = stages.at(-1);
      if (stage === undefined) throw new Error(`Dockerfile: ${keyword} before FROM`);
      stage.instructions.push(instruction);
    }
  }
  return stages;
}

/** An exec-form (JSON array) argument, as CMD, ENTRYPOINT and HEALTHCHECK … CMD take it. */
export function execForm(args: string): string[] {
  const parsed: unknown = JSON.parse(args);
  if (!Array.isArray(parsed) || !parsed.every((item) => typeof item === "string"))
    throw new Error(`not an exec-form command: ${args}`);
  return parsed;
}

export interface Copy {
  readonly from: string | undefined;
  readonly sources: readonly string[];
  readonly destination: string;
}

export function parseCopy(args: string): Copy {
  const words = args.split(/\s+/);
  const from = words.find((word) => word.startsWith("--from="))?.slice("--from=".length);
  const paths = words.filter((word) => !word.startsWith("--"));
  const destination = paths.pop();
  if (destination === undefined || paths.length === 0)
    throw new Error(`COPY needs a source and a destination: ${args}`);
  return { from, sources: paths, destination };
}

/** `[Section]` → `Key` → values (a key may repeat), as systemd reads a unit file. */
export function parseUnitFile(text: string): Map<string, Map<string, string[]>> {
  const sections = new Map<string, Map<string, string[]>>();
  let section: Map<string, string[]> | undefined;
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#") || line.startsWith(";")) continue;
    const header = /^\[(.+)\]$/.exec(line);
    if (header) {
      section = new Map();
      sections.set(header[1] ?? "", section);
      continue;
    }
    const [, key = "", value = ""] = /^([^=]+?)\s*=\s*(.*)$/.exec(line) ?? [];
    if (section === undefined || key === "") throw new Error(`unit file: cannot read "${line}"`);
    section.set(key, [...(section.get(key) ?? []), value]);
  }
  return sections;
}
