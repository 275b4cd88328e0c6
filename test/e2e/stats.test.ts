/**
 * Usage statistics end to end on the default database, SQLite: the compiled bot on the fake Discord counts
 * what members do, a moderator's /stats lists it (a plain member is refused), and a restart keeps it.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setUpFake, type E2eSetup } from "../../testkit/e2e-setup.js";
import { PERMISSIONS, type FakeDiscord, type InteractionSpec } from "../../testkit/fake-discord.js";
import type { BotProcess } from "../../testkit/bot-process.js";
import { openSqlite } from "../../src/stats/sqlite.js";
import { USAGE_TABLES } from "../../src/stats/usage.js";

const SEED_ID = "altman-all-in-2024-05";

interface StatsEmbed {
  title: string;
  description?: string;
  fields?: { name: string; value: string }[];
}

describe("usage statistics on SQLite", () => {
  let e2e: E2eSetup;
  let fake: FakeDiscord;
  let dataDir: string;
  let bot: BotProcess;

  const startBot = () => e2e.startBot({ env: { DATA_DIR: dataDir, STATS_FLUSH_MS: "200" } });

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "verbatim-stats-data-"));
    e2e = await setUpFake();
    fake = e2e.fake;
    bot = await startBot();
  });
  afterAll(async () => {
    await e2e?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  const send = (spec: InteractionSpec) => fake.sendInteraction(fake.interactionPayload(spec));

  /** /stats by a member with Manage Server: the report its deferred reply is edited into. */
  async function moderatorStats(): Promise<{ embed: StatsEmbed; fields: Record<string, string>; flags: unknown }> {
    const payload = fake.interactionPayload({ kind: "command", name: "stats", permissions: PERMISSIONS.manageGuild });
    expect(await fake.sendInteraction(payload)).toEqual({ type: 5, data: { flags: 64 } });
    const edit = await fake.waitForOriginalEdit(payload.id);
    const embed = (edit.body as { embeds: StatsEmbed[] }).embeds[0];
    if (embed === undefined) throw new Error(`no report in ${JSON.stringify(edit.body)}`);
    const fields = Object.fromEntries((embed.fields ?? []).map((field) => [field.name, field.value]));
    return { embed, fields, flags: fake.interaction(payload.id)?.original?.flags };
  }

  it("lists, for a moderator and privately, the questions viewed, the lines quoted and posted, and the search that found nothing", async () => {
    const found = await send({ kind: "command", name: "quote", options: { keyword: "短信" } });
    expect(found).toMatchObject({ type: 4 });
    const nothing = await send({ kind: "command", name: "quote", options: { keyword: "GPT-5 robots" } });
    expect(nothing).toMatchObject({ data: { content: expect.stringContaining("No line matches") } });
    await send({ kind: "command", name: "summary", options: { question: "3" } });
    await send({ kind: "command", name: "summary", options: { question: "3" } });
    // Found privately, then posted in the channel with the button under it.
    const privately = fake.interactionPayload({
      kind: "command",
      name: "quote",
      options: { keyword: "短信", private: true },
    });
    await fake.sendInteraction(privately);
    await send({
      kind: "button",
      customId: `quote:post:${SEED_ID}:7`,
      message: fake.originalMessage(privately.id),
    });

    const { embed, fields, flags } = await moderatorStats();
    expect(flags).toBe(64);
    expect(embed.title).toBe("Usage in the last 30 days");
    expect(embed.description).toContain("3 searches, 1 found nothing · 2 question views · 2 lines quoted, 1 posted");
    expect(fields["Most viewed questions"]).toMatch(/^1\. \*\*Question 3\*\* .* · 2 views$/);
    expect(fields["Most quoted lines"]).toMatch(/^1\. \*\*.*\*\*: “.*” — .*, line 7 · quoted 2 · posted 1$/);
    expect(fields["Searches that found nothing"]).toBe("1. “gpt-5 robots” × 1");
    expect(fields["Searches per day"]).toMatch(/^1\. \d{4}-\d\d-\d\d: 3 \(1 found nothing\)$/);
  });

  it("refuses a plain member", async () => {
    const refused = await send({ kind: "command", name: "stats", permissions: PERMISSIONS.member });
    expect(refused).toEqual({
      type: 4,
      data: expect.objectContaining({
        content: "Only moderators can see the usage statistics (Manage Server, Administrator, or a moderator role).",
        flags: 64,
      }),
    });
  });

  it("keeps the counts across a restart (the SQLite file in DATA_DIR), which names no member", async () => {
    expect(await bot.stop()).toBe(0);
    const db = openSqlite(path.join(dataDir, "verbatim.sqlite"));
    const stored = JSON.stringify(
      await Promise.all(Object.keys(USAGE_TABLES).map((table) => db.query(`SELECT * FROM ${table}`))),
    );
    await db.close();
    expect(stored).toContain(fake.ids.guild);
    expect(stored).not.toContain(fake.ids.user);
    bot = await startBot();
    const { fields, embed } = await moderatorStats();
    expect(embed.description).toContain("3 searches, 1 found nothing");
    expect(fields["Searches that found nothing"]).toBe("1. “gpt-5 robots” × 1");
    expect(fields["Most viewed questions"]).toContain("2 views");
  });
});
