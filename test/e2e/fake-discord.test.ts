/**
 * Tests of the fake Discord itself, driven by a bare discord.js Client (not the bot): if these pass,
 * the fake is good enough for the real client, and failures in bot e2e tests are the bot's.
 * Over 300 lines because it covers the whole fake (REST, gateway, faults, body checks) against one client set-up.
 */
import { once } from "node:events";
import { afterEach, describe, expect, it } from "vitest";
import {
  Client,
  GatewayIntentBits,
  MessageFlags,
  REST,
  Routes,
  type ClientOptions,
  type Interaction,
} from "discord.js";
import { FakeDiscord, hasPings, pingsOf, type FakeDiscordOptions } from "../../testkit/fake-discord.js";

let fake: FakeDiscord | undefined;
let client: Client | undefined;

afterEach(async () => {
  await client?.destroy();
  client = undefined;
  await fake?.close();
  fake = undefined;
});

async function startFake(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  fake = await FakeDiscord.start({ heartbeatIntervalMs: 500, ...options });
  return fake;
}

/** Logs a bare client in against the fake and waits for `clientReady`. */
async function login(
  handler?: (interaction: Interaction) => Promise<unknown>,
  options: Partial<ClientOptions> = {},
): Promise<Client> {
  if (!fake) throw new Error("start the fake first");
  const c = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.apiUrl }, ...options });
  client = c;
  if (handler) {
    // Errors are swallowed so a failing reply shows up as a missing callback, not an unhandled rejection.
    c.on("interactionCreate", (interaction) => void handler(interaction).catch(() => undefined));
  }
  const ready = once(c, "clientReady");
  await c.login("test-token");
  await ready;
  return c;
}

const pong = async (interaction: Interaction): Promise<unknown> => {
  if (interaction.isChatInputCommand()) return interaction.reply({ content: "pong" });
  return undefined;
};

describe("fake Discord with a bare discord.js client", () => {
  it("serves login: /gateway/bot, HELLO, IDENTIFY → READY + GUILD_CREATE, heartbeats", async () => {
    const f = await startFake();
    expect(f.apiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api$/);
    const c = await login();

    expect(c.user?.id).toBe(f.applicationId);
    expect(c.application?.id).toBe(f.applicationId);
    expect(c.guilds.cache.get(f.ids.guild)?.name).toBe("Verbatim Test Server");
    // discord.js appends /v10 itself, and (without zlib-sync) connects with plain JSON.
    expect(f.requests[0]).toMatchObject({
      method: "GET",
      rawPath: "/api/v10/gateway/bot",
      route: "/gateway/bot",
      status: 200,
    });
    expect(f.requests[0]?.headers.authorization).toBe("Bot test-token");
    expect(f.connections[0]?.url).toBe("/gateway?v=10&encoding=json");
    expect(f.identifies).toHaveLength(1);
    expect(f.identifies[0]).toMatchObject({ shard: [0, 1], intents: GatewayIntentBits.Guilds, token: "test-token" });

    await f.waitForGateway((e) => e.direction === "in" && e.op === 1, 2000);
    await f.waitForGateway((e) => e.direction === "out" && e.op === 11, 2000);
    expect(f.unknownRequests).toEqual([]);
  });

  it("resolves sendInteraction with the reply's callback body", async () => {
    const f = await startFake();
    await login(pong);
    const payload = f.interactionPayload({ kind: "command", name: "ping" });
    expect(payload.id).toMatch(/^\d{17,19}$/);
    expect(payload).toMatchObject({
      type: 2,
      version: 1,
      entitlements: [],
      guild_id: f.ids.guild,
      data: { name: "ping", type: 1 },
    });

    const callback = await f.sendInteraction(payload);

    expect(callback).toMatchObject({ type: 4, data: { content: "pong" } });
    const request = f.requests.find((r) => r.route === "/interactions/:id/:token/callback");
    expect(request).toMatchObject({ status: 204, query: { with_response: "false" }, interactionId: payload.id });
    expect(request?.headers.authorization).toBeUndefined();
    expect(f.interaction(payload.id)?.original?.content).toBe("pong");
  });

  it("answers ?with_response=true with the interaction callback resource", async () => {
    const f = await startFake();
    let responseMessageId: string | null | undefined;
    await login(async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      const response = await interaction.reply({ content: "hello", withResponse: true });
      responseMessageId = response.resource?.message?.id;
    });
    const payload = f.interactionPayload({ kind: "command", name: "hello" });
    await f.sendInteraction(payload);
    await f.waitForRequest((r) => r.interactionId === payload.id && r.query.with_response === "true");
    await expect.poll(() => responseMessageId).toBe(f.interaction(payload.id)?.original?.id);
  });

  it("sees a deferred reply's editReply as PATCH @original, and follow-ups", async () => {
    const f = await startFake();
    await login(async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      await interaction.editReply({ content: "done" });
      await interaction.followUp({ content: "and one more" });
    });
    const payload = f.interactionPayload({ kind: "command", name: "reload" });

    const callback = await f.sendInteraction(payload);
    expect(callback).toEqual({ type: 5, data: { flags: MessageFlags.Ephemeral } });
    const edit = await f.waitForOriginalEdit(payload.id);
    expect(edit.body).toMatchObject({ content: "done" });
    expect(edit.path).toBe(`/webhooks/${f.applicationId}/${payload.token}/messages/@original`);
    expect(edit.rawPath).toMatch(/\/messages\/%40original$/); // discord.js percent-encodes the "@"
    expect(edit.status).toBe(200);
    const followup = await f.waitForRequest((r) => r.method === "POST" && r.route === "/webhooks/:app/:token");
    expect(followup).toMatchObject({ status: 200, query: { wait: "true" }, body: { content: "and one more" } });

    const record = f.interaction(payload.id);
    expect(record?.original).toMatchObject({ content: "done", flags: MessageFlags.Ephemeral });
    expect(record?.followups.map((m) => m.content)).toEqual(["and one more"]);
  });

  it("builds autocomplete, button and DM interactions discord.js accepts", async () => {
    const f = await startFake();
    const seen: string[] = [];
    await login(async (interaction) => {
      if (interaction.isAutocomplete()) {
        const focused = interaction.options.getFocused(true);
        seen.push(`autocomplete ${focused.name}=${focused.value}`);
        return interaction.respond([{ name: `result for ${focused.value}`, value: "q1" }]);
      }
      if (interaction.isButton()) {
        seen.push(`button ${interaction.customId} on ${interaction.message.id}`);
        return interaction.update({ content: "page 2" });
      }
      if (interaction.isChatInputCommand()) {
        seen.push(
          `command ${interaction.commandName} dm=${!interaction.inGuild()} page=${interaction.options.getInteger("page")}`,
        );
        return interaction.reply({
          content: "page 1",
          components: [{ type: 1, components: [{ type: 2, style: 1, label: "Next", custom_id: "quote:next:2" }] }],
        });
      }
      return undefined;
    });

    const auto = f.interactionPayload({
      kind: "autocomplete",
      name: "quote",
      focused: "query",
      value: "dream",
      options: { speaker: "x" },
    });
    expect(await f.sendInteraction(auto)).toEqual({
      type: 8,
      data: { choices: [{ name: "result for dream", value: "q1" }] },
    });

    const command = f.interactionPayload({ kind: "command", name: "quote", options: { page: 1 }, dm: true });
    expect(command).toMatchObject({ context: 1, user: { id: f.ids.user } });
    expect(command.member).toBeUndefined();
    expect(await f.sendInteraction(command)).toMatchObject({ type: 4, data: { content: "page 1" } });

    const message = f.originalMessage(command.id);
    const button = f.interactionPayload({ kind: "button", customId: "quote:next:2", ...(message ? { message } : {}) });
    expect(await f.sendInteraction(button)).toMatchObject({ type: 7, data: { content: "page 2" } });
    // UPDATE_MESSAGE edits the message the button is on: the command's reply.
    expect(f.interaction(button.id)?.original).toMatchObject({ id: message?.id, content: "page 2" });
    expect(f.originalMessage(command.id)?.content).toBe("page 2");

    expect(seen).toEqual([
      "autocomplete query=dream",
      "command quote dm=true page=1",
      `button quote:next:2 on ${message?.id}`,
    ]);
  });

  it("stores commands: PUT returns them with ids, ids survive an identical PUT, GET returns them", async () => {
    const f = await startFake();
    const c = await login();
    const definitions = [{ name: "ping", description: "Replies with pong" }];
    const first = await c.application!.commands.set(definitions, f.ids.guild);
    const second = await c.application!.commands.set(definitions, f.ids.guild);
    expect([...second.keys()]).toEqual([...first.keys()]);
    expect(f.commands(f.ids.guild)).toMatchObject([
      { name: "ping", application_id: f.applicationId, guild_id: f.ids.guild, type: 1 },
    ]);
    const fetched = await c.application!.commands.fetch({ guildId: f.ids.guild });
    expect(fetched.map((cmd) => cmd.name)).toEqual(["ping"]);
    // Interactions then carry the registered command id.
    expect(f.interactionPayload({ kind: "command", name: "ping" }).data?.id).toBe([...first.keys()][0]);

    await expect(c.application!.commands.set([{ name: "Bad Name", description: "x" }])).rejects.toThrow(
      /Invalid Form Body/,
    );
  });

  it("refuses replies over Discord's limits and computes who a reply would ping", async () => {
    const f = await startFake();
    await login(async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      if (interaction.commandName === "long") {
        await interaction
          .reply({ content: "x".repeat(2001) })
          .catch(() => interaction.reply({ content: "too long, sorry" }));
      } else if (interaction.commandName === "ping-all") {
        await interaction.reply({ content: `hi <@${f.ids.owner}> @everyone` });
      } else {
        await interaction.reply({ content: `hi <@${f.ids.owner}> @everyone`, allowedMentions: { parse: [] } });
      }
    });
    const long = f.interactionPayload({ kind: "command", name: "long" });
    expect(await f.sendInteraction(long)).toMatchObject({ data: { content: "too long, sorry" } });
    expect(f.interaction(long.id)?.rejectedCallbacks[0]?.errors).toEqual([
      "data.content: must NOT have more than 2000 characters (BASE_TYPE_MAX_LENGTH; Discord's OpenAPI description)",
    ]);

    await f.sendInteraction(f.interactionPayload({ kind: "command", name: "ping-all" }));
    await f.sendInteraction(f.interactionPayload({ kind: "command", name: "quiet" }));
    expect(f.pingingRequests.map((r) => r.pings)).toEqual([{ users: [f.ids.owner], roles: [], everyone: true }]);

    expect(
      pingsOf({ content: "<@&123456789012345678>", allowed_mentions: { roles: ["123456789012345678"] } }).roles,
    ).toEqual(["123456789012345678"]);
    expect(hasPings(pingsOf({ content: "<@123456789012345678>", allowed_mentions: { parse: ["roles"] } }))).toBe(false);
  });

  it("refuses a body that does not conform to Discord's OpenAPI description with Discord's 400, and counts it", async () => {
    const f = await startFake();
    const rest = new REST({ api: f.apiUrl }).setToken("test-token");
    const payload = f.interactionPayload({ kind: "command", name: "ping" });
    f.registerInteraction(payload);
    const callback = Routes.interactionCallback(payload.id, payload.token);
    const bad = { type: 4, data: { content: 5, components: [{ type: 1, components: [{ type: 2, style: 1 }] }] } };
    const refused = await rest.post(callback, { body: bad, auth: false }).catch((error: unknown) => error);
    expect(refused).toMatchObject({
      status: 400,
      code: 50035,
      rawError: {
        code: 50035,
        message: "Invalid Form Body",
        errors: {
          data: {
            content: { _errors: [{ code: "BASE_TYPE_INVALID", message: "must be string,null" }] },
          },
        },
      },
    });
    expect(f.nonConforming).toHaveLength(1);
    expect(f.nonConforming[0]?.errors[0]).toMatch(/^data\.content: must be string,null/);
    expect(f.interaction(payload.id)?.rejectedCallbacks).toHaveLength(1);
    // A conforming body then goes through (the refused one did not acknowledge the interaction).
    await rest.post(callback, { body: { type: 4, data: { content: "ok" } }, auth: false });
    expect(f.interaction(payload.id)?.callback).toMatchObject({ type: 4, data: { content: "ok" } });

    // Command registration: a permission bit set may be an integer or a string of digits, nothing else.
    const commands = Routes.applicationGuildCommands(f.applicationId, f.ids.guild);
    const command = { name: "mod", description: "d", contexts: [0], integration_types: [0] };
    await rest.put(commands, { body: [{ ...command, default_member_permissions: "32" }] });
    await rest.put(commands, { body: [{ ...command, default_member_permissions: 32 }] });
    await expect(rest.put(commands, { body: [{ ...command, default_member_permissions: "Manage" }] })).rejects.toThrow(
      /Invalid Form Body/,
    );
    await expect(rest.put(commands, { body: [{ ...command, contexts: [7] }] })).rejects.toThrow(/Invalid Form Body/);
    expect(f.nonConforming).toHaveLength(3);
  });

  it("rejects sendInteraction with a clear message when nothing answers", async () => {
    const f = await startFake({ interactionTimeoutMs: 300 });
    await login();
    const payload = f.interactionPayload({ kind: "command", name: "silent" });
    await expect(f.sendInteraction(payload)).rejects.toThrow(
      /no accepted callback for interaction \d+ \(\/silent\) on shard 0 within 300 ms/,
    );
  });

  describe("gateway faults: the client recovers and answers the next interaction", () => {
    it("socket closed with 4000 → resume on resume_gateway_url", async () => {
      const f = await startFake();
      await login(pong);
      f.closeShard(0, 4000);
      expect(await f.sendInteraction(f.interactionPayload({ kind: "command", name: "ping" }))).toMatchObject({
        type: 4,
      });
      expect(f.resumes).toMatchObject([{ ok: true }]);
      expect(f.connections[1]?.url).toBe("/gateway/resume?v=10&encoding=json");
      expect(f.connections[0]).toMatchObject({ closeCode: 4000, closedBy: "fake" });
      expect(f.identifies).toHaveLength(1);
    });

    it("socket terminated (1006) → resume, and events sent while down are replayed", async () => {
      const f = await startFake();
      await login(pong);
      f.terminateShard(0);
      // Dispatched while the client is away: buffered on the session, replayed on RESUME.
      const payload = f.interactionPayload({ kind: "command", name: "ping" });
      f.registerInteraction(payload);
      f.dispatch(0, "INTERACTION_CREATE", payload);
      const callback = await f.waitForRequest((r) => r.interactionId === payload.id && r.status === 204);
      expect(callback.body).toMatchObject({ type: 4 });
      expect(f.resumes[0]).toMatchObject({ ok: true, replayed: 1 });
      expect(f.connections[0]?.closeCode).toBe(1006);
    });

    it("op 7 reconnect → resume", async () => {
      const f = await startFake();
      await login(pong);
      f.requestReconnect(0);
      expect(await f.sendInteraction(f.interactionPayload({ kind: "command", name: "ping" }))).toMatchObject({
        type: 4,
      });
      expect(f.resumes).toMatchObject([{ ok: true }]);
      expect(f.connections[0]?.closedBy).toBe("client");
    });

    it("op 9 resumable → resume on the same socket", async () => {
      const f = await startFake();
      await login(pong);
      f.invalidateSession(0, true);
      expect(await f.sendInteraction(f.interactionPayload({ kind: "command", name: "ping" }))).toMatchObject({
        type: 4,
      });
      expect(f.resumes).toMatchObject([{ ok: true, connectionId: f.connections[0]?.id }]);
      expect(f.connections).toHaveLength(1);
    });

    it("op 9 not resumable → new IDENTIFY (discord.js spaces identifies 5 s apart)", async () => {
      const f = await startFake();
      await login(pong);
      f.invalidateSession(0, false);
      const callback = await f.sendInteraction(f.interactionPayload({ kind: "command", name: "ping" }), {
        timeoutMs: 10_000,
      });
      expect(callback).toMatchObject({ type: 4 });
      expect(f.identifies).toHaveLength(2);
      expect(f.resumes).toEqual([]);
    }, 15_000);

    it("unacknowledged heartbeats → the client drops the zombie connection and resumes", async () => {
      const f = await startFake({ heartbeatIntervalMs: 200 });
      await login(pong);
      f.setHeartbeatAcks(false, 0);
      await f.waitForGateway((e) => e.direction === "in" && e.op === 6, 3000);
      expect(await f.sendInteraction(f.interactionPayload({ kind: "command", name: "ping" }))).toMatchObject({
        type: 4,
      });
    });
  });

  describe("REST faults: the reply still arrives", () => {
    it("500 once on the callback → discord.js retries", async () => {
      const f = await startFake();
      await login(pong);
      const fault = f.queueFault({
        kind: "status",
        status: 500,
        match: { method: "POST", path: "/interactions/:id/:token/callback" },
      });
      const payload = f.interactionPayload({ kind: "command", name: "ping" });
      expect(await f.sendInteraction(payload)).toMatchObject({ type: 4, data: { content: "pong" } });
      expect(fault.hits).toBe(1);
      expect(f.requests.filter((r) => r.interactionId === payload.id).map((r) => r.status)).toEqual([500, 204]);
    });

    it("429 with retry_after → discord.js waits and retries", async () => {
      const f = await startFake();
      await login(pong);
      f.queueFault({ kind: "rateLimit", retryAfterMs: 300, match: { path: /\/callback$/ } });
      const payload = f.interactionPayload({ kind: "command", name: "ping" });
      expect(await f.sendInteraction(payload)).toMatchObject({ type: 4 });
      const [limited, served] = f.requests.filter((r) => r.interactionId === payload.id);
      expect(limited).toMatchObject({ status: 429, response: { retry_after: 0.3 } });
      expect(served!.time - limited!.time).toBeGreaterThanOrEqual(300);
    });

    it("global 429 and a delayed answer on the deferred edit", async () => {
      const f = await startFake();
      await login(async (interaction) => {
        if (!interaction.isChatInputCommand()) return;
        await interaction.deferReply();
        await interaction.editReply("late but there");
      });
      f.queueFault({ kind: "rateLimit", retryAfterMs: 200, global: true, match: { method: "PATCH" } });
      f.queueFault({ kind: "delay", delayMs: 400, match: { method: "PATCH" } });
      const payload = f.interactionPayload({ kind: "command", name: "slow" });
      expect(await f.sendInteraction(payload)).toMatchObject({ type: 5 });
      const edit = await f.waitForRequest((r) => r.method === "PATCH" && r.status === 200);
      expect(edit).toMatchObject({ fault: "delay 400 ms", body: { content: "late but there" } });
      expect(f.requests.filter((r) => r.method === "PATCH").map((r) => r.status)).toEqual([429, 200]);
    });
  });

  it("shards: 2 with shards: 'auto' → IDENTIFY [0,2] and [1,2]; shard 1 answers", async () => {
    // max_concurrency 2 puts the shards in different identify buckets (else discord.js waits 5 s).
    const f = await startFake({ shards: 2, maxConcurrency: 2 });
    await login(pong, { shards: "auto" });
    expect(f.identifies.map((i) => i.shard).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    for (const shard of [0, 1]) {
      const payload = f.interactionPayload({ kind: "command", name: "ping" });
      expect(await f.sendInteraction(payload, { shard })).toMatchObject({ type: 4 });
      expect(f.interaction(payload.id)?.shardId).toBe(shard);
    }
  });

  it("HTTP-interactions mode: a recorded HTTP response lets the bot's webhook PATCH through", async () => {
    const f = await startFake();
    const rest = new REST({ api: f.apiUrl }).setToken("test-token");
    const payload = f.interactionPayload({ kind: "command", name: "reload" });
    // Before any response the webhook is unknown, as on Discord.
    await expect(
      rest.patch(Routes.webhookMessage(f.applicationId, payload.token), { body: { content: "x" }, auth: false }),
    ).rejects.toThrow(/Unknown Webhook/);
    expect(f.recordHttpCallback(payload, { type: 4, data: { content: "" } })).toEqual([
      "Cannot send an empty message (50006)",
    ]);
    expect(f.recordHttpCallback(payload, { type: 5 })).toEqual([]);
    await rest.patch(Routes.webhookMessage(f.applicationId, payload.token), {
      body: { content: "reloaded" },
      auth: false,
    });
    expect(f.interaction(payload.id)?.original?.content).toBe("reloaded");
  });

  it("checks the token when given one: a wrong token fails login", async () => {
    const f = await startFake({ token: "right-token" });
    const c = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: f.apiUrl } });
    client = c;
    await expect(c.login("wrong-token")).rejects.toThrow(/invalid token/i);
  });
});
