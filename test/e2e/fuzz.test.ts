/**
 * The running bot under random interactions, through the gateway and in HTTP interactions mode, with
 * the fake Discord: random Unicode and huge option values, missing and extra options, unknown commands,
 * forged button ids, autocomplete from empty to 6,000 characters, DMs and members without permissions.
 * Every one gets a reply Discord accepts within 3 s, nothing pings, nothing fails inside the bot, and
 * its memory stays flat.
 *
 * FUZZ_INTERACTIONS sets how many per transport (default 300; the full run is 5,000); FUZZ_SEED replays.
 */
import { readFile } from "node:fs/promises";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadContentDir } from "../../src/content/load.js";
import { envCount, fuzzInteraction, vocabularyOf, type FuzzInteraction } from "../fuzz/arbitraries.js";
import { InteractionSigner, post } from "../../testkit/signer.js";
import type { BotProcess } from "../../testkit/bot-process.js";
import { setUpFake, type E2eSetup } from "../../testkit/e2e-setup.js";
import {
  hasPings,
  pingsOf,
  type FakeDiscord,
  type InteractionCallback,
  type InteractionPayload,
  type InteractionSpec,
} from "../../testkit/fake-discord.js";

const COUNT = envCount("FUZZ_INTERACTIONS", 300);
const SEED = Number.isSafeInteger(Number(process.env.FUZZ_SEED))
  ? Number(process.env.FUZZ_SEED)
  : Math.floor(Math.random() * 2 ** 31);
/** Interactions in flight at once, as when several members use the bot together. */
const CONCURRENCY = 4;
/** Discord's deadline for the first answer. */
const DEADLINE_MS = 3000;
/**
 * Resident memory may grow this much after the warm-up: the heap settles 10–60 MB higher whether 300 or
 * 12,000 interactions follow (measured on both transports), it does not grow with every interaction.
 */
const RSS_GROWTH_LIMIT_MB = 100;
/** Interactions before the first reading of memory. */
const WARM_UP = 100;

async function residentMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const kb = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1]);
  return kb / 1024;
}

/** How interactions reach the bot, and how its first answer comes back. */
interface Transport {
  readonly bot: BotProcess;
  /** Resolves with the reply Discord accepted, or rejects saying why there is none within the deadline. */
  deliver(payload: InteractionPayload): Promise<InteractionCallback>;
}

/** The gateway: the fake dispatches INTERACTION_CREATE and waits for the callback POST. */
async function gateway({ fake, startBot }: E2eSetup, env: Record<string, string>): Promise<Transport> {
  const bot = await startBot({ env, readyMessage: null });
  await fake.waitForShardReady(0, 15_000);
  return { bot, deliver: (payload) => fake.sendInteraction(payload, { timeoutMs: DEADLINE_MS }) };
}

/** HTTP interactions: a signed POST, answered in the response, which the fake then judges as Discord would. */
async function http({ fake, startBot }: E2eSetup, env: Record<string, string>): Promise<Transport> {
  const signer = new InteractionSigner();
  // At info level, to read the port it listens on.
  const bot = await startBot({
    env: { ...env, LOG_LEVEL: "info", MODE: "http", PORT: "0", DISCORD_PUBLIC_KEY: signer.publicKeyHex },
    readyMessage: null,
  });
  const { port } = await bot.waitForLog((line) => line.msg === "listening for interactions", 15_000);
  return {
    bot,
    async deliver(payload) {
      const body = JSON.stringify(payload);
      const started = Date.now();
      const answer = await post(`http://127.0.0.1:${String(port)}/interactions`, body, {
        headers: signer.headers(body),
      });
      const elapsed = Date.now() - started;
      if (answer.status !== 200 || elapsed > DEADLINE_MS)
        throw new Error(`HTTP ${answer.status} after ${elapsed} ms: ${JSON.stringify(answer.body).slice(0, 300)}`);
      const refused = fake.recordHttpCallback(payload, answer.body);
      if (refused.length > 0) throw new Error(`Discord would refuse the reply: ${refused.join("; ")}`);
      return answer.body as InteractionCallback;
    },
  };
}

describe.each([
  ["the gateway", gateway],
  ["HTTP interactions", http],
])(`the bot under ${COUNT} random interactions through %s (seed ${SEED})`, (_name, connect) => {
  let e2e: E2eSetup;
  let fake: FakeDiscord;
  let bot: BotProcess;
  let transport: Transport;
  let interactions: FuzzInteraction[];

  beforeAll(async () => {
    console.log(
      `e2e fuzz: ${COUNT} interactions, seed ${SEED} — replay with FUZZ_SEED=${SEED} FUZZ_INTERACTIONS=${COUNT}`,
    );
    e2e = await setUpFake({ discord: { heartbeatIntervalMs: 1000, callbackDeadlineMs: DEADLINE_MS } });
    fake = e2e.fake;
    const { library } = await loadContentDir(e2e.contentDir);
    interactions = fc.sample(fuzzInteraction(vocabularyOf(library)), { seed: SEED, numRuns: COUNT });
    transport = await connect(e2e, { MODERATOR_ROLE_IDS: fake.ids.role("Moderator"), LOG_LEVEL: "warn" });
    bot = transport.bot;
  });

  afterAll(() => e2e?.stop());

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
          ? {
              kind: "autocomplete",
              name: fuzz.name,
              focused: fuzz.focused,
              value: fuzz.typed,
              options: fuzz.options,
              ...common,
            }
          : { kind: "button", customId: fuzz.customId, ...common };
    const payload = fake.interactionPayload(spec);
    if (fuzz.ephemeral && payload.message) payload.message.flags = 64;
    return payload;
  }

  /** Sends one interaction; when its reply has buttons, presses one of them as a follow-up. */
  async function exercise(fuzz: FuzzInteraction, index: number): Promise<void> {
    const where = `interaction #${index} (seed ${SEED}) ${JSON.stringify(fuzz).slice(0, 400)}`;
    const payload = payloadOf(fuzz);
    const reply = await transport.deliver(payload).catch((error: unknown) => {
      throw new Error(`${where}: ${error instanceof Error ? error.message : String(error)}`);
    });
    const expected = fuzz.kind === "autocomplete" ? [8] : fuzz.kind === "button" ? [4, 7] : [4, 5];
    expect(expected, where).toContain(reply.type);
    // In HTTP mode the first answer never reaches the fake as a request: look at it here.
    expect(pingsOf(reply.data), where).toEqual({ users: [], roles: [], everyone: false });
    if (reply.type === 5) await fake.waitForOriginalEdit(payload.id, 10_000);
    const message = fake.originalMessage(payload.id);
    const buttons = (message?.components ?? []).flatMap(
      (row) => (row as { components?: { custom_id?: string; disabled?: boolean }[] }).components ?? [],
    );
    const button = buttons.filter((candidate) => candidate.disabled !== true)[index % Math.max(1, buttons.length)];
    if (message && button?.custom_id) {
      await transport
        .deliver(fake.interactionPayload({ kind: "button", customId: button.custom_id, message, locale: fuzz.locale }))
        .catch((error: unknown) => {
          throw new Error(
            `pressing "${button.custom_id}" after ${where}: ${error instanceof Error ? error.message : String(error)}`,
          );
        });
    }
  }

  it(
    "answers every one within 3 s with a reply Discord accepts, pings no one, logs no failure, and keeps its memory flat",
    async () => {
      const pid = bot.child.pid ?? 0;
      const warmUp = Math.min(WARM_UP, interactions.length);
      for (let index = 0; index < warmUp; index++) await exercise(interactions[index]!, index);
      const before = await residentMb(pid);

      let next = warmUp;
      const worker = async (): Promise<void> => {
        while (next < interactions.length) {
          const index = next++;
          await exercise(interactions[index]!, index);
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));

      const after = await residentMb(pid);
      console.log(
        `e2e fuzz: bot resident memory ${before.toFixed(1)} MB after warm-up, ${after.toFixed(1)} MB after ${COUNT} interactions`,
      );
      const refused = fake.requests.filter((request) => request.errors !== undefined);
      expect(
        refused.map((request) => `${request.method} ${request.path}: ${request.errors?.join("; ")}`),
        `seed ${SEED}`,
      ).toEqual([]);
      expect(
        fake.requests.filter((request) => hasPings(request.pings)).map((request) => request.path),
        `seed ${SEED}`,
      ).toEqual([]);
      const failures = bot.logs.filter((line) => (line.level ?? 0) >= 50);
      expect(
        failures.map((line) => JSON.stringify(line).slice(0, 500)),
        `seed ${SEED}`,
      ).toEqual([]);
      expect(after - before, `resident memory grew from ${before.toFixed(1)} to ${after.toFixed(1)} MB`).toBeLessThan(
        RSS_GROWTH_LIMIT_MB,
      );
    },
    60_000 + COUNT * 200,
  );
});
