/**
 * Usage statistics end to end on PostgreSQL (real, started by the test run or by this file): two bot
 * replicas (HTTP interactions mode) sharing one database report the sum of what each counted; and a
 * database killed mid-run loses only the counts of that window — every interaction is still answered —
 * and the bot writes again once the database is back.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { setUpFake, type E2eSetup } from "../../testkit/e2e-setup.js";
import { PERMISSIONS, type FakeDiscord, type InteractionSpec } from "../../testkit/fake-discord.js";
import type { BotProcess } from "../../testkit/bot-process.js";
import {
  createTestDatabase,
  startPostgresCluster,
  testPostgresUrl,
  type PostgresCluster,
  type TestDatabase,
} from "../../testkit/postgres.js";
import { InteractionSigner, post } from "../../testkit/signer.js";

const LISTENING = "listening for interactions";

interface Reply {
  type: number;
  data?: { content?: string; flags?: number; embeds?: unknown[] };
}

interface StatsEmbed {
  description?: string;
  fields?: { name: string; value: string }[];
}

interface Replica {
  readonly bot: BotProcess;
  readonly base: string;
}

/** HTTP replicas on one fake Discord, each asked with signed requests as Discord sends them. */
function replicas(signer: InteractionSigner, e2e: () => E2eSetup) {
  const fake = (): FakeDiscord => e2e().fake;
  return {
    start: async (env: Record<string, string>): Promise<Replica> => {
      const bot = await e2e().startBot({ env: { STATS_FLUSH_MS: "200", ...env }, readyMessage: LISTENING });
      const listening = await bot.waitForLog((line) => line.msg === LISTENING);
      return { bot, base: `http://127.0.0.1:${String(listening.port)}` };
    },
    ask: async (replica: Replica, spec: InteractionSpec): Promise<Reply & { id: string }> => {
      const payload = fake().interactionPayload(spec);
      const body = JSON.stringify(payload);
      const answer = await post(`${replica.base}/interactions`, body, { headers: signer.headers(body) });
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      expect(fake().recordHttpCallback(payload, answer.body), "the fake refused the reply").toEqual([]);
      return { ...(answer.body as Reply), id: payload.id };
    },
  };
}

/** A moderator's /stats on `replica`: the report embed, or the notice when the database is down. */
async function askStats(
  ask: (replica: Replica, spec: InteractionSpec) => Promise<Reply & { id: string }>,
  fake: FakeDiscord,
  replica: Replica,
): Promise<{ embed: StatsEmbed | undefined; content: string | undefined; unfound: string }> {
  const deferred = await ask(replica, { kind: "command", name: "stats", permissions: PERMISSIONS.manageGuild });
  expect(deferred.type).toBe(5);
  const edit = (await fake.waitForOriginalEdit(deferred.id, 10_000)).body as {
    content?: string;
    embeds?: StatsEmbed[];
  };
  const embed = edit.embeds?.[0];
  const unfound = embed?.fields?.find((field) => field.name === "Searches that found nothing")?.value ?? "";
  return { embed, content: edit.content, unfound };
}

/** Asks /stats until `done` holds (another replica writes its counts every 200 ms). */
async function statsUntil(
  read: () => Promise<{ unfound: string }>,
  done: (unfound: string) => boolean,
): Promise<string> {
  let unfound = "";
  for (let attempt = 0; attempt < 40; attempt++) {
    unfound = (await read()).unfound;
    if (done(unfound)) return unfound;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return unfound;
}

describe("two replicas on one PostgreSQL", () => {
  const signer = new InteractionSigner();
  let e2e: E2eSetup;
  let database: TestDatabase;
  const { start, ask } = replicas(signer, () => e2e);

  beforeAll(async () => {
    database = await createTestDatabase(testPostgresUrl(inject("postgresUrl"), inject("postgresProblem")));
    e2e = await setUpFake({
      env: { MODE: "http", PORT: "0", DISCORD_PUBLIC_KEY: signer.publicKeyHex, DATABASE_URL: database.url },
    });
  });
  afterAll(async () => {
    await e2e?.stop();
    await database?.drop();
  });

  it("report the sum of what each counted", async () => {
    const [a, b] = [await start({}), await start({})];
    if (a === undefined || b === undefined) throw new Error("replicas did not start");
    for (const replica of [a, b, b]) {
      const reply = await ask(replica, { kind: "command", name: "quote", options: { keyword: "quantum ferret" } });
      expect(reply.data?.content).toContain("No line matches");
    }
    await ask(a, { kind: "command", name: "summary", options: { question: "2" } });
    await ask(b, { kind: "command", name: "summary", options: { question: "2" } });
    const read = () => askStats(ask, e2e.fake, a);
    expect(await statsUntil(read, (unfound) => unfound.includes("× 3"))).toBe("1. “quantum ferret” × 3");
    const { embed } = await read();
    expect(embed?.description).toContain("3 searches, 3 found nothing · 2 question views");
    // B reads the same store.
    expect((await askStats(ask, e2e.fake, b)).unfound).toBe("1. “quantum ferret” × 3");
  });
});

describe("a PostgreSQL that dies mid-run", () => {
  const signer = new InteractionSigner();
  let e2e: E2eSetup;
  let cluster: PostgresCluster;
  let replica: Replica;
  const { start, ask } = replicas(signer, () => e2e);

  beforeAll(async () => {
    // A server of its own: killing the run's shared one would fail other files' tests.
    cluster = await startPostgresCluster();
    const database = await createTestDatabase(cluster.url);
    e2e = await setUpFake({
      env: { MODE: "http", PORT: "0", DISCORD_PUBLIC_KEY: signer.publicKeyHex, DATABASE_URL: database.url },
    });
    replica = await start({});
  });
  afterAll(async () => {
    await e2e?.stop();
    await cluster?.destroy();
  });

  const search = (keyword: string) => ask(replica, { kind: "command", name: "quote", options: { keyword } });

  it("loses only that window's counts, answers every interaction, and writes again when it is back", async () => {
    await search("before the outage");
    expect((await askStats(ask, e2e.fake, replica)).unfound).toContain("“before the outage” × 1");

    await cluster.kill();
    for (let i = 0; i < 5; i++) {
      const reply = await search("during the outage");
      expect(reply.data?.content).toContain("No line matches");
    }
    const summary = await ask(replica, { kind: "command", name: "summary", options: { question: "1" } });
    expect(summary.type).toBe(4);
    const lost = await replica.bot.waitForLog(
      (line) => typeof line.msg === "string" && line.msg.startsWith("usage statistics not written"),
    );
    expect(lost.lostEvents).toEqual(expect.any(Number));
    const down = await askStats(ask, e2e.fake, replica);
    expect(down.content).toBe(
      "The statistics database cannot be reached right now. Answers are not affected; try /stats again later.",
    );
    const metrics = await fetch(`${replica.base}/metrics`).then((response) => response.text());
    const counted = /verbatim_stats_lost_events_total\{reason="database"\} (\d+)/.exec(metrics);
    // 5 × (a command and a search), the summary's command and question view.
    expect(Number(counted?.[1])).toBeGreaterThanOrEqual(12);

    await cluster.start();
    await search("after the outage");
    const unfound = await statsUntil(
      () => askStats(ask, e2e.fake, replica),
      (text) => text.includes("after the outage"),
    );
    expect(unfound).toContain("“after the outage” × 1");
    expect(unfound).toContain("“before the outage” × 1");
    expect(unfound).not.toContain("during the outage");
    await replica.bot.waitForLog((line) => line.msg === "usage statistics: the database is back; writing again");
  });
});
