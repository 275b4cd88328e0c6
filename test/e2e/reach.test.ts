/**
 * Reaching members where they are (issue 14), end to end against the fake Discord: the commands installed
 * to a server or to a user and used in servers, the bot's DMs and private channels.
 * Over 300 lines because its parts share one bot and one fake (each part posts in a channel of its own).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBotOnFake, type E2eSetup } from "../../testkit/e2e-setup.js";
import type { FakeDiscord, InteractionCallback, InteractionSpec, RecordedRequest } from "../../testkit/fake-discord.js";

const SEED_ID = "altman-all-in-2024-05";
/** The member a reply is addressed to with `for:`. */
const FRIEND = "1100000000000000777";
/** Channels of the server (not in the fake's list: interactions may name any channel id). */
const CARDS_CHANNEL = "1187654321098765401";
const FOR_CHANNEL = "1187654321098765402";
const BUSY_CHANNEL = "1187654321098765403";
const QUIET_CHANNEL = "1187654321098765404";
/** A server the bot was never invited to: only the member's own install of the app reaches it. */
const ELSEWHERE = "1999999999999999001";

describe("reaching members where they are", () => {
  let e2e: E2eSetup;
  let fake: FakeDiscord;

  beforeAll(async () => {
    // The default cooldown, 5 public replies in 60 s per member and channel: each part of this suite posts in a
    // channel of its own.
    e2e = await startBotOnFake({ discord: { heartbeatIntervalMs: 1000 }, env: { QUOTE_COOLDOWN: "5/60" } });
    fake = e2e.fake;
  });
  afterAll(() => e2e?.stop());

  /** Sends an interaction; resolves with its accepted callback and every request the bot made meanwhile. */
  async function exchange(spec: InteractionSpec): Promise<{ reply: InteractionCallback; requests: RecordedRequest[] }> {
    const before = fake.requests.length;
    const payload = fake.interactionPayload(spec);
    const reply = await fake.sendInteraction(payload);
    return { reply, requests: fake.requests.slice(before) };
  }

  describe("install anywhere", () => {
    it("registers the member-facing commands for server and user installs in every context, /reload for servers only", () => {
      const registered = new Map(fake.commands(fake.ids.guild).map((c) => [c.name, c]));
      for (const name of ["questions", "summary", "quote"]) {
        expect(registered.get(name), name).toMatchObject({ integration_types: [0, 1], contexts: [0, 1, 2] });
      }
      expect(registered.get("reload")).toMatchObject({
        integration_types: [0],
        contexts: [0],
        default_member_permissions: "32",
      });
    });

    it("answers /quote in a DM with the bot", async () => {
      const { reply, requests } = await exchange({
        kind: "command",
        name: "quote",
        options: { keyword: "董事会" },
        dm: true,
      });
      expect(reply).toMatchObject({ type: 4, data: { allowed_mentions: { parse: [] } } });
      expect(JSON.stringify(reply.data)).toContain("**董事会**");
      expect(requests.map((r) => r.route)).toEqual(["/interactions/:id/:token/callback"]);
    });

    it("answers /questions in a private channel between users (a user install)", async () => {
      const { reply } = await exchange({ kind: "command", name: "questions", privateChannel: true });
      expect(reply.type).toBe(4);
      expect(JSON.stringify(reply.data)).toContain("sam Altman五月访谈回顾");
    });

    it("answers /quote in a server that only the member installed it for: through the interaction alone", async () => {
      const where = { guildId: ELSEWHERE, install: "user" } as const;
      const found = await exchange({
        kind: "command",
        name: "quote",
        options: { keyword: "董事会", private: true },
        ...where,
      });
      expect(found.reply).toMatchObject({ type: 4, data: { flags: 64 } });
      const post = found.reply.data?.components
        ?.flatMap((row) => (row.components as { custom_id?: string }[] | undefined) ?? [])
        .find((button) => button.custom_id?.startsWith("quote:post:"));
      expect(post?.custom_id).toMatch(new RegExp(`^quote:post:${SEED_ID}:\\d+$`));

      // "Post in channel": the bot is no member there, so the public copy is the button's own reply.
      const payloads = fake.requests.length;
      const first = fake.requests.at(-1)!;
      const posted = await exchange({
        kind: "button",
        customId: post!.custom_id!,
        message: fake.originalMessage(first.interactionId!),
        ...where,
      });
      expect(posted.reply.type).toBe(4);
      expect((posted.reply.data?.flags ?? 0) & 64).toBe(0); // public
      expect(JSON.stringify(posted.reply.data)).toContain("董事会");
      // Nothing but interaction callbacks: no channel message, no bot-token request, no follow-up.
      for (const request of [...found.requests, ...fake.requests.slice(payloads)]) {
        expect(request.route).toBe("/interactions/:id/:token/callback");
        expect(request.headers.authorization).toBeUndefined();
      }
    });
  });

  describe("Find in transcript", () => {
    /** The custom ids of a reply's buttons. */
    const buttonIds = (reply: InteractionCallback): string[] =>
      JSON.stringify(reply.data?.components ?? [])
        .match(/"custom_id":"[^"]+"/g)
        ?.map((pair) => pair.slice('"custom_id":"'.length, -1)) ?? [];

    it("is registered as a message command, localized, installable anywhere", () => {
      const command = fake.commands(fake.ids.guild).find((c) => c.type === 3);
      expect(command).toMatchObject({
        name: "Find in transcript",
        name_localizations: { "zh-CN": "在访谈原文中查找", "zh-TW": "在訪談原文中查找" },
        integration_types: [0, 1],
        contexts: [0, 1, 2],
      });
    });

    it("answers a message quoting the transcript loosely with the matching line, privately, with /quote's buttons", async () => {
      const { reply } = await exchange({
        kind: "messageCommand",
        name: "Find in transcript",
        content:
          "lol did you see where Sam says he got a text the night before, then a call with the board?? " +
          "https://youtu.be/abc <@1100000000000000999> 😂 `npm i` :joy:",
      });
      expect(reply).toMatchObject({ type: 4, data: { flags: 64, allowed_mentions: { parse: [] } } });
      const shown = JSON.stringify(reply.data);
      expect(shown).toContain("前一天");
      expect(shown).toContain("短信");
      expect(shown).toContain("Line 8 · Question 11");
      const ids = buttonIds(reply);
      expect(ids.some((id) => id.startsWith(`quote:ctx:${SEED_ID}:`))).toBe(true);
      expect(ids.some((id) => id.startsWith(`quote:post:${SEED_ID}:`))).toBe(true);
    });

    it("finds a loosely quoted Chinese message in a DM, and its long words rule", async () => {
      const { reply } = await exchange({
        kind: "messageCommand",
        name: "Find in transcript",
        content:
          "哈哈 你看 Sam说他前一天晚上收到短信然后跟董事会打电话，手机一直在震，太离谱了吧 😂😂 https://b23.tv/xyz",
        dm: true,
      });
      expect(reply.data?.flags).toBe(64);
      expect(JSON.stringify(reply.data)).toContain("**前一天晚上**");
    });

    it("explains, privately, when a message has nothing to look for", async () => {
      const { reply } = await exchange({
        kind: "messageCommand",
        name: "Find in transcript",
        content: "<@1100000000000000999> 😂 https://example.com/x",
      });
      expect(reply.data).toMatchObject({ flags: 64, content: expect.stringContaining("no words to look for") });
    });
  });

  describe("quote cards", () => {
    /** A public /quote by `user` (default: the fake's plain member); resolves with its payload and reply. */
    async function postQuote(user?: { id: string; username: string }) {
      const payload = fake.interactionPayload({
        kind: "command",
        name: "quote",
        options: { keyword: "董事会" },
        channelId: CARDS_CHANNEL,
        ...(user ? { user } : {}),
      });
      const reply = await fake.sendInteraction(payload);
      return { payload, reply };
    }

    /** Presses Delete on the card `posted` answered with, as `user` with `permissions`. */
    async function pressDelete(
      posted: string,
      user: { id: string; username: string; global_name?: string },
      permissions?: string,
    ) {
      const payload = fake.interactionPayload({
        kind: "button",
        customId: "quote:del",
        message: fake.originalMessage(posted),
        user,
        ...(permissions ? { permissions } : {}),
      });
      const reply = await fake.sendInteraction(payload);
      return { payload, reply };
    }

    const OTHER = { id: "1100000000000000555", username: "other", global_name: "Other" };
    const deletes = (interactionId: string) =>
      fake.requests.filter((r) => r.method === "DELETE" && r.interactionId === interactionId);

    it("posts a public /quote as a Components V2 card: accent colour, the quote, speaker and interview, the source link", async () => {
      const { reply } = await postQuote();
      expect(reply).toMatchObject({ type: 4, data: { flags: 1 << 15, allowed_mentions: { parse: [] } } });
      expect(reply.data?.content).toBeUndefined();
      expect(reply.data?.embeds).toBeUndefined();
      const [container] = (reply.data?.components ?? []) as {
        type: number;
        accent_color: number;
        components: { type: number; content?: string; components?: Record<string, unknown>[] }[];
      }[];
      expect(container).toMatchObject({ type: 17, accent_color: 0x5865f2 });
      const texts = container!.components.filter((c) => c.type === 10).map((c) => c.content);
      expect(texts[0]).toMatch(/^>>> .*\*\*董事会\*\*/);
      expect(texts[1]).toMatch(/^— \*\*(presenters|sam Altman)\*\*, \*sam Altman五月访谈回顾\*$/);
      expect(texts[2]).toMatch(/^-# Line \d+ · Question \d+ · Match 1 of \d+/);
      const buttons = container!.components.find((c) => c.type === 1)?.components ?? [];
      expect(buttons).toContainEqual({ type: 2, style: 5, url: "https://b23.tv/85KHdUL", label: "Source" });
      expect(buttons).toContainEqual(expect.objectContaining({ custom_id: "quote:del", style: 4, label: "Delete" }));
    });

    it("Delete: the member who posted it deletes it", async () => {
      const { payload } = await postQuote();
      const { payload: press, reply } = await pressDelete(payload.id, { id: fake.ids.user, username: "member" });
      expect(reply).toEqual({ type: 6 });
      const deleted = await fake.waitForRequest((r) => r.method === "DELETE" && r.interactionId === press.id);
      expect(deleted).toMatchObject({ path: expect.stringMatching(/\/messages\/@original$/), status: 204 });
    });

    it("Delete: a member with Manage Messages deletes anyone's card; anyone else is told privately they can't", async () => {
      const { payload } = await postQuote();
      const refused = await pressDelete(payload.id, OTHER);
      expect(refused.reply).toMatchObject({
        type: 4,
        data: { flags: 64, content: expect.stringContaining("Only the member who posted this quote") },
      });
      expect(deletes(refused.payload.id)).toEqual([]);

      const moderator = await pressDelete(payload.id, OTHER, String(1n << 13n));
      expect(moderator.reply).toEqual({ type: 6 });
      await fake.waitForRequest((r) => r.method === "DELETE" && r.interactionId === moderator.payload.id);
    });

    it("Post in channel makes a card its poster can delete", async () => {
      const found = await fake.sendInteraction(
        fake.interactionPayload({
          kind: "command",
          name: "quote",
          options: { keyword: "董事会", private: true },
          user: OTHER,
        }),
      );
      const post = /quote:post:[^"]+/.exec(JSON.stringify(found.data))?.[0];
      const first = fake.requests.at(-1)!.interactionId!;
      const press = fake.interactionPayload({
        kind: "button",
        customId: post!,
        message: fake.originalMessage(first),
        user: OTHER,
      });
      const card = await fake.sendInteraction(press);
      expect(card.data?.flags).toBe(1 << 15);
      expect(JSON.stringify(card.data)).toContain("Shared by Other");
      const { reply } = await pressDelete(press.id, OTHER);
      expect(reply).toEqual({ type: 6 });
    });
  });

  describe("don't flood: QUOTE_COOLDOWN", () => {
    const ANN = { id: "1100000000000000601", username: "ann", global_name: "Ann" };
    const BEN = { id: "1100000000000000602", username: "ben", global_name: "Ben" };
    const quote = (user: typeof ANN, channelId: string) =>
      fake.sendInteraction(
        fake.interactionPayload({ kind: "command", name: "quote", options: { keyword: "短信" }, user, channelId }),
      );
    const isPrivate = (reply: InteractionCallback) => ((reply.data?.flags ?? 0) & 64) !== 0;

    it("the sixth public /quote within a minute from one member in one channel is answered privately, saying why", async () => {
      for (let i = 1; i <= 5; i++) expect(isPrivate(await quote(ANN, BUSY_CHANNEL)), `reply ${i}`).toBe(false);
      const sixth = await quote(ANN, BUSY_CHANNEL);
      expect(isPrivate(sixth)).toBe(true);
      expect(sixth.data?.flags).toBe(64 | (1 << 15)); // still the card, only for her
      const shown = JSON.stringify(sixth.data);
      expect(shown).toContain("You've had 5 public replies in this channel within 60 seconds");
      expect(shown).toContain("**短信**");
      expect(sixth.data?.allowed_mentions).toEqual({ parse: [] });
    });

    it("other members, and the same member elsewhere, are unaffected", async () => {
      expect(isPrivate(await quote(BEN, BUSY_CHANNEL))).toBe(false);
      expect(isPrivate(await quote(ANN, QUIET_CHANNEL))).toBe(false);
    });
  });

  describe("answering someone", () => {
    /** Interactions that chose whom to address: the only ones allowed to ping. */
    const addressed = new Set<string>();

    async function sendFor(
      spec: InteractionSpec,
    ): Promise<{ reply: InteractionCallback; request: RecordedRequest; id: string }> {
      const payload = fake.interactionPayload({ ...spec, channelId: FOR_CHANNEL });
      addressed.add(payload.id);
      const reply = await fake.sendInteraction(payload);
      const request = fake.requests.find((r) => r.interactionId === payload.id && r.status === 204)!;
      return { reply, request, id: payload.id };
    }

    /** The reply lets exactly FRIEND be pinged, and the fake finds that it pings FRIEND and no one else. */
    function expectPingsOnlyFriend(reply: InteractionCallback, request: RecordedRequest): void {
      expect(reply.data?.allowed_mentions).toEqual({ parse: [], users: [FRIEND] });
      expect(request.pings).toEqual({ users: [FRIEND], roles: [], everyone: false });
    }

    it("/quote for: a member starts by addressing them and pings exactly them", async () => {
      const { reply, request } = await sendFor({
        kind: "command",
        name: "quote",
        options: { keyword: "董事会", for: FRIEND },
      });
      expect(JSON.stringify(reply.data)).toContain(`<@${FRIEND}>, this is for you:`);
      expectPingsOnlyFriend(reply, request);
    });

    it("turning to the next match keeps the reply addressed to the member, without pinging them again", async () => {
      const { reply, id } = await sendFor({
        kind: "command",
        name: "quote",
        options: { keyword: "董事会", for: FRIEND },
      });
      const next = /"custom_id":"([^"]+)","label":"Next ▶"/.exec(JSON.stringify(reply.data))?.[1];
      expect(next).toBeDefined();
      const message = fake.originalMessage(id);
      const { reply: turned, requests } = await exchange({
        kind: "button",
        customId: next!,
        message,
        channelId: FOR_CHANNEL,
        user: { id: FRIEND },
      });
      expect(turned.type).toBe(7);
      expect(JSON.stringify(turned.data)).toContain(`<@${FRIEND}>, this is for you:`);
      expect(JSON.stringify(turned.data)).not.toBe(JSON.stringify(reply.data));
      expect(turned.data?.allowed_mentions).toEqual({ parse: [] });
      expect(requests.flatMap((request) => request.pings?.users ?? [])).toEqual([]);
    });

    it("/summary for: a member, in the user's language", async () => {
      const { reply, request } = await sendFor({
        kind: "command",
        name: "summary",
        options: { question: "6", for: FRIEND },
        locale: "zh-CN",
      });
      expect(reply.data?.content).toBe(`<@${FRIEND}>，这是给你的：`);
      expectPingsOnlyFriend(reply, request);
    });

    it("a private reply for: a member pings no one", async () => {
      const { reply, request } = await sendFor({
        kind: "command",
        name: "quote",
        options: { keyword: "董事会", for: FRIEND, private: true },
      });
      expect(reply.data?.allowed_mentions).toEqual({ parse: [] });
      expect(request.pings).toEqual({ users: [], roles: [], everyone: false });
    });

    it("nothing else the suite sent pings anyone", () => {
      const pinging = fake.pingingRequests.filter((r) => !addressed.has(r.interactionId ?? ""));
      expect(pinging).toEqual([]);
      expect(fake.pingingRequests.length).toBeGreaterThanOrEqual(2);
    });
  });
});
