/**
 * The running bot under random interactions through the fake Discord: random Unicode and huge option
 * values, missing and extra options, unknown commands, forged button ids, autocomplete from empty to
 * 6,000 characters, DMs and members without permissions. Every one gets a reply Discord accepts within
 * 3 s, nothing pings, nothing fails inside the bot, and its memory stays flat.
 *
 * FUZZ_INTERACTIONS sets how many (default 300; the full run is 5,000); FUZZ_SEED replays a run.
 */
import { cp, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadContentDir } from "../../src/content/load.js";
import { envCount, fuzzInteraction, vocabularyOf, type FuzzInteraction } from "../fuzz/arbitraries.js";
import { startBot, type BotProcess } from "./bot-process.js";
import { FakeDiscord, hasPings, type InteractionPayload, type InteractionSpec } from "./fake-discord.js";

const COUNT = envCount("FUZZ_INTERACTIONS", 300);
const SEED = Number.isSafeInteger(Number(process.env.FUZZ_SEED)) ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);
/** Interactions in flight at once, as when several members use the bot together. */
const CONCURRENCY = 4;
/** Discord's deadline for the first answer. */
const DEADLINE_MS = 3000;
/** Resident memory may grow this much over the run (caches warming up, heap slack), not with every interaction. */
const RSS_GROWTH_LIMIT_MB = 80;

async function residentMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const kb = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1]);
  return kb / 1024;
}

describe(`the bot under ${COUNT} random interactions (seed ${SEED})`, () => {
  let fake: FakeDiscord;
  let bot: BotProcess;
  let contentDir: string;
  let interactions: FuzzInteraction[];

  beforeAll(async () => {
    console.log(`e2e fuzz: ${COUNT} interactions, seed ${SEED} — replay with FUZZ_SEED=${SEED} FUZZ_INTERACTIONS=${COUNT}`);
    contentDir = await mkdtemp(path.join(tmpdir(), "verbatim-fuzz-content-"));
    await cp("content", contentDir, { recursive: true });
    const { library } = await loadContentDir(contentDir);
    interactions = fc.sample(fuzzInteraction(vocabularyOf(library)), { seed: SEED, numRuns: COUNT });
    fake = await FakeDiscord.start({ heartbeatIntervalMs: 1000, callbackDeadlineMs: DEADLINE_MS });
    bot = await startBot({
      env: { DISCORD_API_URL: fake.apiUrl, CONTENT_DIR: contentDir, DISCORD_GUILD_ID: fake.ids.guild, MODERATOR_ROLE_IDS: fake.ids.role("Moderator"), LOG_LEVEL: "warn" },
      readyMessage: null,
    });
    await fake.waitForShardReady(0, 15_000);
  });

  afterAll(async () => {
    await bot?.stop();
    await fake?.close();
    if (contentDir) await rm(contentDir, { recursive: true, force: true });
  });

  /** The raw interaction Discord would send for a generated one. */
  function payloadOf(fuzz: FuzzInteraction): InteractionPayload {
    const member = {
      everyone: {},
      moderatorRole: { roles: [fake.ids.role("Moderator")] },
      manageGuild: { roles: [fake.ids.role("Manager")] },
      administrator: { roles: [fake.ids.role("Admin")] },
      none: { permissions: "0" },
    }[fuzz.member];
    const common = { locale: fuzz.locale, dm: fuzz.dm, ...member };
    const spec: InteractionSpec =
      fuzz.kind === "command"
        ? { kind: "command", name: fuzz.name, options: fuzz.options, ...common }
        : fuzz.kind === "autocomplete"
          ? { kind: "autocomplete", name: fuzz.name, focused: fuzz.focused, value: fuzz.typed, options: fuzz.options, ...common }
          : { kind: "button", customId: fuzz.customId, ...common };
    const payload = fake.interactionPayload(spec);
    if (fuzz.ephemeral && payload.message) payload.message.flags = 64;
    return payload;
  }

  /** Sends one interaction; when its reply has buttons, presses one of them as a follow-up. */
  async function exercise(fuzz: FuzzInteraction, index: number): Promise<void> {
    const where = `interaction #${index} (seed ${SEED}) ${JSON.stringify(fuzz).slice(0, 400)}`;
    const payload = payloadOf(fuzz);
    const reply = await fake.sendInteraction(payload, { timeoutMs: DEADLINE_MS }).catch((error: unknown) => {
      throw new Error(`${where}: ${error instanceof Error ? error.message : String(error)}`);
    });
    const expected = fuzz.kind === "autocomplete" ? [8] : fuzz.kind === "button" ? [4, 7] : [4, 5];
    expect(expected, where).toContain(reply.type);
    if (reply.type === 5) await fake.waitForOriginalEdit(payload.id, 10_000);
    const message = fake.originalMessage(payload.id);
    const buttons = (message?.components ?? []).flatMap((row) => (row as { components?: { custom_id?: string; disabled?: boolean }[] }).components ?? []);
    const button = buttons.filter((candidate) => candidate.disabled !== true)[index % Math.max(1, buttons.length)];
    if (message && button?.custom_id) {
      await fake.sendInteraction(fake.interactionPayload({ kind: "button", customId: button.custom_id, message, locale: fuzz.locale }), { timeoutMs: DEADLINE_MS }).catch((error: unknown) => {
        throw new Error(`pressing "${button.custom_id}" after ${where}: ${error instanceof Error ? error.message : String(error)}`);
      });
    }
  }

  it(
    "answers every one within 3 s with a reply Discord accepts, pings no one, logs no failure, and keeps its memory flat",
    async () => {
      const pid = bot.child.pid ?? 0;
      const warmUp = Math.min(50, interactions.length);
      for (let index = 0; index < warmUp; index++) await exercise(interactions[index] as FuzzInteraction, index);
      const before = await residentMb(pid);

      let next = warmUp;
      const worker = async (): Promise<void> => {
        while (next < interactions.length) {
          const index = next++;
          await exercise(interactions[index] as FuzzInteraction, index);
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));

      const after = await residentMb(pid);
      console.log(`e2e fuzz: bot resident memory ${before.toFixed(1)} MB after warm-up, ${after.toFixed(1)} MB after ${COUNT} interactions`);
      const refused = fake.requests.filter((request) => request.errors !== undefined);
      expect(refused.map((request) => `${request.method} ${request.path}: ${request.errors?.join("; ")}`), `seed ${SEED}`).toEqual([]);
      expect(fake.requests.filter((request) => hasPings(request.pings)).map((request) => request.path), `seed ${SEED}`).toEqual([]);
      const failures = bot.logs.filter((line) => (line.level ?? 0) >= 50);
      expect(failures.map((line) => JSON.stringify(line).slice(0, 500)), `seed ${SEED}`).toEqual([]);
      expect(after - before, `resident memory grew from ${before.toFixed(1)} to ${after.toFixed(1)} MB`).toBeLessThan(RSS_GROWTH_LIMIT_MB);
    },
    60_000 + COUNT * 200,
  );
});
