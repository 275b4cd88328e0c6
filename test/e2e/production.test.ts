/**
 * The production path, as the Dockerfile lays it out, without a container engine: its build stage's COPY
 * and RUN steps in a scratch folder (the lockfile's `npm ci` replaced by hard links to this checkout's
 * node_modules, which the lockfile made), then its runtime stage's copies, with only production
 * dependencies, outside this checkout so nothing resolves from it. Then the image's CMD starts against the
 * fake Discord, answers and stops on SIGTERM; the built CLI tools and the HEALTHCHECK run there too.
 */
import { execFile } from "node:child_process";
import { chmod, chown, cp, mkdir, mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shown } from "../helpers.js";
import type { BotProcess } from "../../testkit/bot-process.js";
import { setUpFake, type E2eSetup } from "../../testkit/e2e-setup.js";
import { freePort } from "../../testkit/ports.js";
import { PERMISSIONS, type FakeDiscord } from "../../testkit/fake-discord.js";
import {
  ROOT,
  RUNTIME_COMMAND,
  execForm,
  parseCopy,
  parseDockerfile,
  readRepoFile,
  type Stage,
} from "../deploy-files.js";

const run = promisify(execFile);
const [BUILD, RUNTIME] = parseDockerfile(readRepoFile("Dockerfile")) as [Stage, Stage];
const WORKDIR = "/app";
/** The image runs as a user who owns none of its files; as root, the test does the same. */
const OTHER_USER = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : undefined;

interface Embed {
  title?: string;
  description?: string;
}
// A public quote is a card (Components V2), read as the embed it replaces.
const embedOf = (body: unknown): Embed => (body as { embeds?: Embed[] }).embeds?.[0] ?? (shown(body) as Embed) ?? {};

/** `COPY` into `stageDir` (the stage's /app): from the build context, or from another stage's folder. */
async function copyStep(args: string, stageDir: string, stages: ReadonlyMap<string, string>): Promise<void> {
  const copy = parseCopy(args);
  const fromDir = copy.from === undefined ? ROOT : stages.get(copy.from);
  if (fromDir === undefined) throw new Error(`COPY --from=${copy.from}: no such stage`);
  for (const source of copy.sources) {
    const from = path.join(fromDir, source.startsWith(`${WORKDIR}/`) ? source.slice(WORKDIR.length + 1) : source);
    const into = path.join(stageDir, copy.destination);
    const to = copy.destination.endsWith("/") ? path.join(into, path.basename(source)) : into;
    await cp(from, to, { recursive: true, verbatimSymlinks: true });
  }
}

/** What `npm ci` would install from the lockfile: this checkout's node_modules, which it installed, as hard links. */
async function npmCi(stageDir: string): Promise<void> {
  const modules = path.join(stageDir, "node_modules");
  // Hard links are instant; across file systems they cannot be made, and a plain copy does the same.
  await run("cp", ["-al", path.join(ROOT, "node_modules"), modules]).catch(async () => {
    await rm(modules, { recursive: true, force: true });
    await run("cp", ["-a", path.join(ROOT, "node_modules"), modules]);
  });
  // npm rewrites its hidden lockfile when pruning: give the copy a file of its own, not a link to ours.
  const hidden = path.join(modules, ".package-lock.json");
  await rm(hidden);
  await cp(path.join(ROOT, "node_modules/.package-lock.json"), hidden);
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

describe("the production path: the Dockerfile's steps, then node on the built files", () => {
  let e2e: E2eSetup;
  let fake: FakeDiscord;
  let scratch: string;
  let buildDir: string;
  let runtimeDir: string;
  /** The build stage's RUN commands, one `&&` step at a time, in order. */
  const buildCommands: string[] = [];

  beforeAll(async () => {
    e2e = await setUpFake({ content: "seed" });
    fake = e2e.fake;
    scratch = await mkdtemp(path.join(tmpdir(), "verbatim-production-"));
    await chmod(scratch, 0o755);
    buildDir = path.join(scratch, "build");
    runtimeDir = path.join(scratch, "runtime");
  });

  afterAll(async () => {
    await e2e?.stop();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  it("the build stage copies the sources and builds them with the compiler", { timeout: 180_000 }, async () => {
    expect(BUILD.name).toBe("build");
    for (const { keyword, args } of BUILD.instructions) {
      if (keyword === "WORKDIR") expect(args).toBe(WORKDIR);
      else if (keyword === "COPY") await copyStep(args, buildDir, new Map());
      else if (keyword === "RUN" && /^npm ci\b/.test(args)) await npmCi(buildDir);
      else if (keyword === "RUN") buildCommands.push(...args.split(/\s*&&\s*/));
      else throw new Error(`the build stage's ${keyword} is new to this test`);
    }
    expect(buildCommands).toEqual(["npm run build", "npm prune --omit=dev"]);
    await run("sh", ["-c", buildCommands[0] ?? ""], { cwd: buildDir });
    expect(await exists(path.join(buildDir, "dist/src/main.js"))).toBe(true);
    expect(await exists(path.join(buildDir, "dist/src/serving/snapshot-worker.js"))).toBe(true);
  });

  it(
    "`npm start` is one command for a newcomer; SIGTERM to npm reaches node, which exits 0",
    { timeout: 120_000 },
    async () => {
      // A newcomer's clone also holds the generated lexicon, which the build stage does not need.
      await cp(path.join(ROOT, "data"), path.join(buildDir, "data"), { recursive: true });
      const bot = await e2e.startBot({ command: ["npm", "start"], cwd: buildDir, readyMessage: null });
      await bot.waitForLog((line) => line.msg === "commands synced", 90_000);
      const reply = await fake.sendInteraction(
        fake.interactionPayload({ kind: "command", name: "summary", options: { question: "1" } }),
      );
      expect(embedOf(reply.data).title).toBe("Question 1: Sam Altman的早期经历和投资");
      // npm forwards the signal to its script, which exec'd node: node shuts down cleanly and npm waits for it.
      expect(await bot.stop()).toBe(0);
      expect(bot.logs.some((line) => line.msg === "shutting down" && line.reason === "SIGTERM")).toBe(true);
    },
  );

  it(
    "the build stage then prunes the dev dependencies: no compiler, no tsx, no test runner",
    { timeout: 120_000 },
    async () => {
      await run("sh", ["-c", buildCommands[1] ?? ""], { cwd: buildDir });
      const installed = async (name: string) => exists(path.join(buildDir, "node_modules", name, "package.json"));
      // pinyin-pro only builds the lexicon's pinyin table (data/lexicon/pinyin.bin).
      for (const dev of ["typescript", "tsx", "vitest", "dependency-cruiser", "eslint", "pinyin-pro"])
        expect(await installed(dev), dev).toBe(false);
      for (const production of ["discord.js", "pino", "@node-rs/jieba", "dotenv"])
        expect(await installed(production), production).toBe(true);
    },
  );

  describe("the runtime stage", () => {
    let bot: BotProcess;
    let opsPort: number;

    beforeAll(async () => {
      const stages = new Map([["build", buildDir]]);
      // The image's own folders outside /app (its volume), made inside the scratch folder instead.
      const imageFolders = new Map<string, string>();
      const imageEnv: Record<string, string> = {};
      for (const { keyword, args } of RUNTIME.instructions) {
        if (keyword === "COPY") await copyStep(args, runtimeDir, stages);
        else if (keyword === "ENV") {
          const [, name = "", value = ""] = /^(\w+)=(\S+)$/.exec(args) ?? [];
          imageEnv[name] = value;
        } else if (keyword === "RUN" && args.startsWith("mkdir")) {
          // The statistics' folder, which only the image's user may write: made here for the test's user.
          const [, folder = ""] = /^mkdir -p (\S+) && chown node:node \1$/.exec(args) ?? [];
          expect(folder).toMatch(/^\//);
          const made = path.join(scratch, "image", folder);
          await mkdir(made, { recursive: true });
          if (OTHER_USER !== undefined) await chown(made, OTHER_USER.uid, OTHER_USER.gid);
          imageFolders.set(folder, made);
        }
        // Installing tini is the image's business; everything else the runtime has comes from a COPY.
        else if (keyword === "RUN") expect(args).toMatch(/^apt-get update && apt-get install .*\btini\b/);
      }
      for (const [name, value] of Object.entries(imageEnv)) imageEnv[name] = imageFolders.get(value) ?? value;
      expect(imageEnv.DATA_DIR).toBeDefined();
      opsPort = await freePort();
      const [node, ...args] = execForm(RUNTIME.instructions.findLast((i) => i.keyword === "CMD")?.args ?? "[]");
      expect(node).toBe("node");
      bot = await e2e.startBot({
        // The same node as this test: the image's is Node 20 too.
        command: [process.execPath, ...args],
        cwd: runtimeDir,
        user: OTHER_USER,
        // The image's own content/ (CONTENT_DIR unset), and the health endpoint for the HEALTHCHECK.
        env: { ...imageEnv, CONTENT_DIR: undefined, HTTP_PORT: String(opsPort) },
      });
    }, 60_000);

    it("runs the command every deployment runs, the one the end-to-end tests start", () => {
      expect(execForm(RUNTIME.instructions.findLast((i) => i.keyword === "CMD")?.args ?? "[]")).toEqual(
        RUNTIME_COMMAND,
      );
    });

    it("registers the commands and answers from the image's own content, searching with the shipped lexicon", async () => {
      expect(fake.commands(fake.ids.guild).map((command) => command.name)).toContain("quote");
      const reply = await fake.sendInteraction(
        fake.interactionPayload({ kind: "command", name: "quote", options: { keyword: "dongshihui" } }),
      );
      expect(embedOf(reply.data).description).toContain("**董事会**");
    });

    it("/reload runs in the reload worker (the worker needs nothing that was pruned)", async () => {
      const payload = fake.interactionPayload({
        kind: "command",
        name: "reload",
        permissions: PERMISSIONS.manageGuild,
      });
      await fake.sendInteraction(payload);
      expect(embedOf((await fake.waitForOriginalEdit(payload.id, 10_000)).body).title).toMatch(/^Content/);
      expect(bot.logs.filter((line) => (line.level ?? 0) >= 40).map((line) => line.msg)).toEqual([]);
    });

    it("the HEALTHCHECK command reports healthy", async () => {
      const healthcheck = RUNTIME.instructions.find((i) => i.keyword === "HEALTHCHECK")?.args ?? "";
      const [node, ...args] = execForm(healthcheck.slice(healthcheck.indexOf("CMD ") + 4));
      expect(node).toBe("node");
      const env = {
        PATH: process.env.PATH,
        DISCORD_TOKEN: "fake-token.for-tests.0123456789abcdef",
        HTTP_PORT: String(opsPort),
      };
      const { stdout } = await run(process.execPath, args, { cwd: runtimeDir, env });
      expect(JSON.parse(stdout)).toMatchObject({ status: "ok", gateway: "ready" });
      const down = await run(process.execPath, args, {
        cwd: runtimeDir,
        env: { ...env, HTTP_PORT: String(await freePort()) },
      }).catch((error: { code: number; stderr: string }) => error);
      expect(down).toMatchObject({
        code: 1,
        stderr: expect.stringMatching(/^unhealthy: no answer from port \d+ \(ECONNREFUSED\)/) as unknown,
      });
    });

    it("check-content and the CLI run from the built files", async () => {
      const check = await run(process.execPath, ["dist/src/cli/check-content.js", "--strict"], { cwd: runtimeDir });
      expect(check.stdout).toMatch(/^content: 1 interview, 11 questions, .* — all valid\.\n/);
      const cli = await run(process.execPath, ["dist/src/cli/verbatim.js", "summary", "question:1"], {
        cwd: runtimeDir,
      });
      expect(cli.stdout).toContain("Sam Altman的早期经历和投资");
    });

    it("SIGTERM to node exits 0", async () => {
      expect(await bot.stop()).toBe(0);
    });
  });
});
