/**
 * Graceful at the edges of a run: a gateway bot that cannot reach Discord at start retries with backoff
 * (naming the cause, /healthz 503 meanwhile) until Discord comes up, but gives up at once on a refused
 * token; an HTTP replica or a gateway bot told to stop answers what it has started before exiting 0; settings a mode
 * ignores are named at start.
 */
import { once } from "node:events";
import { request } from "node:http";
import { connect } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { textShown } from "../helpers.js";
import { startBot, type BotProcess } from "../../testkit/bot-process.js";
import { setUpFake, type E2eSetup } from "../../testkit/e2e-setup.js";
import { FakeDiscord, PERMISSIONS } from "../../testkit/fake-discord.js";
import { freePort } from "../../testkit/ports.js";
import { InteractionSigner, post } from "../../testkit/signer.js";

const RETRYING = /^could not connect to Discord \((.+)\); trying again in \d+\.\d s$/;

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function health(port: number): Promise<{ status: number; body: { status?: string; reason?: string } }> {
  const response = await fetch(`http://127.0.0.1:${port}/healthz`);
  return { status: response.status, body: (await response.json()) as { status?: string; reason?: string } };
}

describe("gateway mode: Discord unreachable at start", () => {
  it("retries with backoff, naming the cause, /healthz 503 meanwhile; connects and answers once Discord is up", async () => {
    const discordPort = await freePort();
    const opsPort = await freePort();
    const bot = await startBot({
      env: { DISCORD_API_URL: `http://127.0.0.1:${discordPort}/api`, HTTP_PORT: String(opsPort) },
      readyMessage: null,
    });
    cleanups.push(() => bot.stop());
    const first = await bot.waitForLog((line) => RETRYING.test(line.msg ?? ""));
    expect(first).toMatchObject({ level: 40, attempt: 1, cause: `connect ECONNREFUSED 127.0.0.1:${discordPort}` });
    expect(first.retryInMs).toBeGreaterThanOrEqual(800);
    expect(first.retryInMs).toBeLessThanOrEqual(1200);
    expect(await health(opsPort)).toMatchObject({
      status: 503,
      body: { status: "unavailable", reason: `gateway not connected (connect ECONNREFUSED 127.0.0.1:${discordPort})` },
    });
    // Still trying, the wait doubled, and still running.
    const second = await bot.waitForLog((line) => RETRYING.test(line.msg ?? "") && line.attempt === 2);
    expect(second.retryInMs).toBeGreaterThanOrEqual(1600);
    expect(bot.child.exitCode).toBeNull();

    const fake = await FakeDiscord.start({ port: discordPort });
    cleanups.push(() => fake.close());
    await bot.waitForLog((line) => line.msg === "commands synced", 15_000);
    const reply = await fake.sendInteraction(
      fake.interactionPayload({ kind: "command", name: "summary", options: { question: "1" } }),
    );
    expect((reply.data as { embeds?: { title?: string }[] }).embeds?.[0]?.title).toBe(
      "Question 1: Sam Altman的早期经历和投资",
    );
    expect(await health(opsPort)).toMatchObject({ status: 200, body: { status: "ok" } });
    expect(await bot.stop()).toBe(0);
  });

  it("with SHARD_COUNT, the manager retries too, then spawns its shards once Discord is up", async () => {
    const discordPort = await freePort();
    const bot = await startBot({
      env: { DISCORD_API_URL: `http://127.0.0.1:${discordPort}/api`, SHARD_COUNT: "2" },
      readyMessage: null,
    });
    cleanups.push(() => bot.stop());
    expect(await bot.waitForLog((line) => RETRYING.test(line.msg ?? ""))).toMatchObject({
      cause: `connect ECONNREFUSED 127.0.0.1:${discordPort}`,
    });
    const fake = await FakeDiscord.start({ port: discordPort, shards: 2, maxConcurrency: 2 });
    cleanups.push(() => fake.close());
    await bot.waitForLog((line) => line.msg === "all shards ready", 20_000);
    expect(fake.identifies.map((identify) => identify.shard).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(await bot.stop()).toBe(0);
  });

  it("names a failed DNS look-up, warns of settings gateway mode ignores, and stops on SIGTERM while waiting", async () => {
    const bot = await startBot({
      env: {
        DISCORD_API_URL: "http://verbatim-nowhere.invalid/api",
        PORT: "8080",
        DISCORD_PUBLIC_KEY: "ab".repeat(32),
      },
      readyMessage: null,
    });
    cleanups.push(() => bot.stop());
    const retrying = await bot.waitForLog((line) => RETRYING.test(line.msg ?? ""));
    expect(retrying.cause).toMatch(/^getaddrinfo (ENOTFOUND|EAI_AGAIN) verbatim-nowhere\.invalid$/);
    expect(bot.logs.filter((line) => line.level === 40 && line.msg?.includes(" is ignored "))).toMatchObject([
      {
        msg: "PORT is ignored in gateway mode: it is MODE=http's port; in gateway mode HTTP_PORT serves /healthz, /metrics and the web pages",
      },
      { msg: "DISCORD_PUBLIC_KEY is ignored in gateway mode: it checks the signed requests of MODE=http" },
    ]);
    expect(await bot.stop()).toBe(0);
  });

  it("a token Discord refuses still exits 1 at once, with the clear message", async () => {
    const fake = await FakeDiscord.start({ token: "the-real-token.0123456789abcdefghij" });
    cleanups.push(() => fake.close());
    const bot = await startBot({ env: { DISCORD_API_URL: fake.apiUrl }, readyMessage: null });
    expect(await bot.exited).toBe(1);
    expect(bot.stderr.join("\n")).toBe(
      "Verbatim cannot start: Discord refused DISCORD_TOKEN: check the token in .env.",
    );
    expect(bot.logs.some((line) => RETRYING.test(line.msg ?? ""))).toBe(false);
  });
});

describe("HTTP mode: SIGTERM", () => {
  it("stops accepting, answers the request in progress and sends the deferred edit, then exits 0", async () => {
    const signer = new InteractionSigner();
    const e2e: E2eSetup = await setUpFake({
      env: { MODE: "http", PORT: "0", DISCORD_PUBLIC_KEY: signer.publicKeyHex, HTTP_PORT: "9" },
    });
    cleanups.push(() => e2e.stop());
    const { fake } = e2e;
    const bot: BotProcess = await e2e.startBot({ readyMessage: "listening for interactions" });
    expect(bot.logs.find((line) => line.msg?.startsWith("HTTP_PORT is ignored"))?.msg).toBe(
      "HTTP_PORT is ignored in http mode: with MODE=http, /healthz, /metrics and the web pages are on PORT",
    );
    const port = Number(bot.logs.find((line) => line.msg === "listening for interactions")?.port);
    const url = `http://127.0.0.1:${port}/interactions`;

    // A /reload answered "thinking…" whose edit Discord is slow to take (2 s): work in progress.
    fake.queueFault({ kind: "delay", delayMs: 2000, match: { method: "PATCH", path: /\/messages\/@original$/ } });
    const reload = fake.interactionPayload({ kind: "command", name: "reload", permissions: PERMISSIONS.manageGuild });
    const reloadBody = JSON.stringify(reload);
    const deferred = await post(url, reloadBody, { headers: signer.headers(reloadBody) });
    expect(deferred).toEqual({ status: 200, body: { type: 5, data: { flags: 64 } } });
    expect(fake.recordHttpCallback(reload, deferred.body)).toEqual([]);

    // A request whose body is half sent when the signal comes.
    const summary = fake.interactionPayload({ kind: "command", name: "summary", options: { question: "2" } });
    const body = Buffer.from(JSON.stringify(summary));
    const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(url, {
        method: "POST",
        headers: { "content-type": "application/json", "content-length": body.length, ...signer.headers(body) },
      });
      req.on("response", (res) => {
        let text = "";
        res.on("data", (chunk: Buffer) => (text += chunk.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
      });
      req.on("error", reject);
      req.write(body.subarray(0, 100));
      setTimeout(() => {
        bot.child.kill("SIGTERM");
        void bot.waitForLog((line) => line.msg === "shutting down").then(() => req.end(body.subarray(100)));
      }, 300);
    });

    const reply = await answer;
    expect(reply.status).toBe(200);
    expect((JSON.parse(reply.body) as { data: { embeds: { title: string }[] } }).data.embeds[0]?.title).toBe(
      "Question 2: OpenAI的回报率和Sam Altman的职位变动",
    );
    // No new connection is taken once stopping.
    const connecting = connect(port, "127.0.0.1");
    await expect(once(connecting, "connect")).rejects.toMatchObject({ code: "ECONNREFUSED" });
    expect(await bot.exited).toBe(0);
    // The deferred edit went out before the exit.
    expect(fake.interaction(reload.id)?.original).toBeDefined();
    expect(bot.logs.find((line) => line.msg === "stopped serving interactions")).toMatchObject({ inProgress: 2 });
  });
});

describe("gateway mode: SIGTERM", () => {
  it("finishes the interaction in progress, sending its deferred edit, then disconnects and exits 0", async () => {
    const e2e: E2eSetup = await setUpFake();
    cleanups.push(() => e2e.stop());
    const { fake } = e2e;
    const bot: BotProcess = await e2e.startBot();

    // A /reload whose "thinking…" Discord is slow to acknowledge (1.5 s): the report is still to be sent when the
    // signal comes.
    fake.queueFault({ kind: "delay", delayMs: 1500, match: { method: "POST", path: /\/callback$/ } });
    const reload = fake.interactionPayload({ kind: "command", name: "reload", permissions: PERMISSIONS.manageGuild });
    expect(await fake.sendInteraction(reload)).toMatchObject({ type: 5 });
    bot.child.kill("SIGTERM");

    expect(await bot.exited).toBe(0);
    // The deferred edit went out before the exit: the moderator gets the report, not an endless "thinking…".
    expect(textShown(fake.originalMessage(reload.id)).split("\n")).toContain("Content reloaded");
    expect(bot.logs.find((line) => line.msg === "stopped serving interactions")).toMatchObject({ inProgress: 1 });
  });
});
