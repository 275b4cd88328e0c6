/**
 * Runs the bot as `npm start` runs it (the compiled `dist/src/main.js`, built by `buildBot()`, which the
 * test run's global set-up and the benchmarks call first), as a separate process pointed at a fake Discord
 * through DISCORD_API_URL, and reads its JSON logs.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";

const ROOT = path.resolve(import.meta.dirname, "..");
export const MAIN = path.join(ROOT, "dist/src/main.js");

/** Compiles the bot into dist/ as `npm run build` does (tsc -p tsconfig.build.json). */
export function buildBot(): void {
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  execFileSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], { cwd: ROOT, stdio: "inherit" });
}
/**
 * The node flags `npm start` runs the bot with (package.json's start script), so tests and benchmarks run
 * it exactly as operators do. (`--max-semi-space-size=4` caps V8's young generation: ~30 MB less RSS
 * under load for a few more, very short, scavenges.)
 */
export const START_NODE_FLAGS: readonly string[] = (() => {
  const start = (JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: { start: string } })
    .scripts.start;
  const command = /\bnode((?:\s+--\S+)*)\s+dist\/src\/main\.js/.exec(start);
  if (!command) throw new Error(`package.json's start script no longer runs node dist/src/main.js: ${start}`);
  return command[1]?.trim().split(/\s+/).filter(Boolean) ?? [];
})();

export const TEST_TOKEN = "fake-token.for-tests.0123456789abcdef";

export type LogLine = Record<string, unknown> & { msg?: string; level?: number };

export interface BotProcess {
  readonly child: ChildProcess;
  readonly logs: LogLine[];
  readonly stderr: string[];
  waitForLog(predicate: (line: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
  exited: Promise<number | null>;
}

export interface StartOptions {
  readonly env?: Record<string, string | undefined>;
  /** Extra node flags, e.g. `--import` of a fault injector. */
  readonly nodeArgs?: readonly string[];
  /** Wait for this log message before resolving (default: "commands synced"); null to not wait. */
  readonly readyMessage?: string | null;
  /** Run the bot as this user (the tests run as root, whom file permissions do not stop). */
  readonly user?: { readonly uid: number; readonly gid: number };
  /**
   * Another way to start it, as [file, ...args] (e.g. `["npm", "start"]`), run in `cwd`. Default: node with
   * `npm start`'s flags on this checkout's `dist/src/main.js`, in a scratch folder.
   */
  readonly command?: readonly [string, ...string[]];
  /** The working directory (default: a scratch folder, so a developer's own .env never leaks into the tests). */
  readonly cwd?: string;
}

export async function startBot(options: StartOptions = {}): Promise<BotProcess> {
  const cwd = options.cwd ?? (await mkdtemp(path.join(tmpdir(), "verbatim-bot-")));
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    LOG_LEVEL: "info",
    CONTENT_DIR: path.join(ROOT, "content"),
    DISCORD_TOKEN: TEST_TOKEN,
  };
  for (const [key, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  const [file, ...args] = options.command ?? [process.execPath, ...START_NODE_FLAGS, ...(options.nodeArgs ?? []), MAIN];
  const child = spawn(file, args, {
    cwd,
    env,
    stdio: ["ignore", "pipe", "pipe"],
    ...options.user,
  });
  const logs: LogLine[] = [];
  const stderr: string[] = [];
  const waiters = new Set<{ predicate: (line: LogLine) => boolean; resolve: (line: LogLine) => void }>();
  createInterface({ input: child.stdout }).on("line", (text) => {
    let line: LogLine;
    try {
      line = JSON.parse(text) as LogLine;
    } catch {
      line = { msg: text };
    }
    logs.push(line);
    for (const waiter of waiters) {
      if (waiter.predicate(line)) {
        waiters.delete(waiter);
        waiter.resolve(line);
      }
    }
  });
  createInterface({ input: child.stderr }).on("line", (text) => stderr.push(text));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

  const waitForLog = (predicate: (line: LogLine) => boolean, timeoutMs = 10_000): Promise<LogLine> => {
    const seen = logs.find(predicate);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const waiter = {
        predicate,
        resolve: (line: LogLine) => {
          clearTimeout(timer);
          resolve(line);
        },
      };
      const timer = setTimeout(() => {
        waiters.delete(waiter);
        reject(
          new Error(
            `bot did not log the expected line within ${timeoutMs} ms; stderr:\n${stderr.join("\n")}\nlast logs:\n${logs
              .slice(-10)
              .map((l) => JSON.stringify(l))
              .join("\n")}`,
          ),
        );
      }, timeoutMs);
      waiters.add(waiter);
      void exited.then(() => {
        if (waiters.delete(waiter)) {
          clearTimeout(timer);
          reject(new Error(`bot exited before logging the expected line; stderr:\n${stderr.join("\n")}`));
        }
      });
    });
  };

  const bot: BotProcess = {
    child,
    logs,
    stderr,
    exited,
    waitForLog,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      return exited;
    },
  };
  const readyMessage = options.readyMessage === undefined ? "commands synced" : options.readyMessage;
  if (readyMessage !== null) {
    try {
      await waitForLog((line) => line.msg === readyMessage, 15_000);
    } catch (error) {
      // The caller never gets the process to stop: stop it here rather than leave it running.
      await bot.stop();
      throw error;
    }
  }
  return bot;
}
