/** The operations endpoints of a running bot: /healthz and /metrics on HTTP_PORT. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { healthReport } from "../../src/ops/server.js";
import { seedStore } from "../helpers.js";
import type { BotProcess } from "../../testkit/bot-process.js";
import { startBotOnFake, type E2eSetup } from "../../testkit/e2e-setup.js";
import type { FakeDiscord } from "../../testkit/fake-discord.js";

describe("operations endpoints", () => {
  let e2e: E2eSetup;
  let fake: FakeDiscord;
  let bot: BotProcess;
  let base: string;

  beforeAll(async () => {
    const started = await startBotOnFake({ content: "seed", guildCommands: false, env: { HTTP_PORT: "0" } });
    ({ fake, bot } = started);
    e2e = started;
    const listening = await bot.waitForLog((line) => line.msg === "operations server listening (/healthz, /metrics)");
    base = `http://127.0.0.1:${String(listening.port)}`;
  });

  afterAll(() => e2e?.stop());

  it("/healthz says ok with the content served and the gateway ready", async () => {
    const response = await fetch(`${base}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: "ok",
      content: { interviews: 1, questions: 11, lines: 39, version: expect.stringMatching(/^[0-9a-f]{16}$/) },
      gateway: "ready",
    });
  });

  it("/metrics counts interactions by command and outcome, times them and searches, and sizes the content", async () => {
    await fake.sendInteraction(
      fake.interactionPayload({ kind: "command", name: "quote", options: { keyword: "董事会" } }),
    );
    await fake.sendInteraction(
      fake.interactionPayload({ kind: "command", name: "quote", options: { keyword: "xyzzy" } }),
    );
    await fake.sendInteraction(fake.interactionPayload({ kind: "button", customId: "forged:1:2" }));
    await bot.waitForLog((line) => line.msg === "interaction" && line.command === "forged");
    const response = await fetch(`${base}/metrics`);
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toContain('verbatim_interactions_total{command="quote",kind="command",outcome="ok"} 1');
    expect(text).toContain('verbatim_interactions_total{command="quote",kind="command",outcome="rejected"} 1');
    expect(text).toContain('verbatim_interactions_total{command="unknown",kind="button",outcome="rejected"} 1');
    expect(text).toMatch(/verbatim_interaction_duration_seconds_count\{kind="command"\} 2/);
    expect(text).toMatch(/verbatim_search_duration_seconds_count 2/);
    expect(text).toContain('verbatim_content_items{kind="lines"} 39');
    expect(text).toContain("verbatim_process_resident_memory_bytes");
  });

  it("answers unknown paths with 404 and other methods with 405", async () => {
    expect((await fetch(`${base}/no-such-page`)).status).toBe(404);
    expect((await fetch(`${base}/healthz`, { method: "POST" })).status).toBe(405);
  });
});

describe("health report", () => {
  it("is unavailable, with the reason, while the gateway is not ready", async () => {
    const store = await seedStore();
    expect(healthReport(store, () => "reconnecting")).toMatchObject({
      status: "unavailable",
      reason: "gateway reconnecting",
      gateway: "reconnecting",
    });
    expect(healthReport(store, () => "ready").status).toBe("ok");
  });
});
