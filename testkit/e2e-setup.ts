/**
 * The set-up end-to-end tests share: a fake Discord, a content folder (a scratch copy of the seed content,
 * plus files a test adds), and the compiled bot started against both; one `stop()` undoes it all. Made for
 * vitest's `beforeAll`/`afterAll`:
 *
 * ```ts
 * let e2e: E2eSetup & { bot: BotProcess };
 * beforeAll(async () => { e2e = await startBotOnFake({ discord: { heartbeatIntervalMs: 1000 } }); });
 * afterAll(() => e2e?.stop());
 * ```
 */
import { chmod, cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { startBot, type BotProcess, type StartOptions } from "./bot-process.js";
import { FakeDiscord, type FakeDiscordOptions } from "./fake-discord.js";

const SEED_CONTENT = path.resolve(import.meta.dirname, "../content");

export interface E2eOptions extends StartOptions {
  /** The fake Discord's options. */
  readonly discord?: FakeDiscordOptions;
  /**
   * The bot's content folder. "copy" (default): a scratch copy of the seed content, readable by any user,
   * removed by `stop()`. "seed": the repository's content/ folder, read in place (a test must not change it).
   */
  readonly content?: "copy" | "seed";
  /** Files to write into the scratch copy, by name (e.g. `{ "extra.md": "…" }`). */
  readonly files?: Readonly<Record<string, string>>;
  /** Register the commands in the fake's guild (DISCORD_GUILD_ID), as on a test server. Default true. */
  readonly guildCommands?: boolean;
  // From StartOptions: `env`, `nodeArgs`, `readyMessage` and `user` are the defaults of every bot started here.
}

export interface E2eSetup {
  readonly fake: FakeDiscord;
  readonly contentDir: string;
  /**
   * Starts the compiled bot against the fake: DISCORD_API_URL, CONTENT_DIR and DISCORD_GUILD_ID set, then
   * the set-up's options, then `options` (its `env` merged over the others). `stop()` stops it too.
   */
  startBot: (options?: StartOptions) => Promise<BotProcess>;
  /** Stops every bot started here (in start order), closes the fake and removes the scratch content. */
  stop(): Promise<void>;
}

/** The fake Discord and the content folder, no bot yet: for tests that start their bots themselves. */
export async function setUpFake(options: E2eOptions = {}): Promise<E2eSetup> {
  const { discord, content = "copy", files = {}, guildCommands = true, ...defaults } = options;
  if (content === "seed" && Object.keys(files).length > 0)
    throw new Error("e2e-setup: files are written into a copy of the content, not into the seed");
  const scratch = content === "copy" ? await mkdtemp(path.join(tmpdir(), "verbatim-e2e-content-")) : undefined;
  const contentDir = scratch ?? SEED_CONTENT;
  const bots: BotProcess[] = [];
  let fake: FakeDiscord | undefined;
  const stop = async (): Promise<void> => {
    for (const bot of bots) await bot.stop();
    await fake?.close();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  };
  try {
    if (scratch) {
      // mkdtemp makes it private; a bot running as another user (`user`) must be able to read it.
      await chmod(scratch, 0o755);
      await cp(SEED_CONTENT, scratch, { recursive: true });
      for (const [name, text] of Object.entries(files)) await writeFile(path.join(scratch, name), text);
    }
    fake = await FakeDiscord.start(discord);
  } catch (error) {
    await stop();
    throw error;
  }
  const started = fake;
  const baseEnv = {
    DISCORD_API_URL: started.apiUrl,
    DISCORD_CDN_URL: started.cdnUrl,
    CONTENT_DIR: contentDir,
    ...(guildCommands ? { DISCORD_GUILD_ID: started.ids.guild } : {}),
  };
  return {
    fake: started,
    contentDir,
    async startBot(more: StartOptions = {}) {
      const bot = await startBot({ ...defaults, ...more, env: { ...baseEnv, ...defaults.env, ...more.env } });
      bots.push(bot);
      return bot;
    },
    stop,
  };
}

/** The fake Discord, the content folder and one bot started against them (ready unless `readyMessage` says otherwise). */
export async function startBotOnFake(options: E2eOptions = {}): Promise<E2eSetup & { readonly bot: BotProcess }> {
  const setup = await setUpFake(options);
  try {
    return { ...setup, bot: await setup.startBot() };
  } catch (error) {
    await setup.stop();
    throw error;
  }
}
