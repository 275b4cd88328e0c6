import { describe, expect, it } from "vitest";
import { ConfigError, readConfig } from "../src/config.js";
import { Cooldown } from "../src/interactions/cooldown.js";
import { message } from "../src/render/message.js";
import { command } from "./helpers.js";

describe("the public-reply cooldown", () => {
  it("allows `replies` within the window per key, and again once the oldest leaves it", () => {
    let now = 0;
    const cooldown = new Cooldown({ replies: 2, seconds: 60 }, () => now);
    expect([cooldown.take("ann:c"), cooldown.take("ann:c"), cooldown.take("ann:c")]).toEqual([true, true, false]);
    expect(cooldown.take("ben:c")).toBe(true);
    now = 59_000;
    expect(cooldown.take("ann:c")).toBe(false); // a refused reply is not counted…
    now = 60_001;
    expect(cooldown.take("ann:c")).toBe(true); // …so the first two leaving the window free two places
    expect(cooldown.take("ann:c")).toBe(true);
    expect(cooldown.take("ann:c")).toBe(false);
  });

  it("makes a public reply past it private, with why first; private replies and refusals pass as they are", () => {
    const cooldown = new Cooldown({ replies: 1, seconds: 60 }, () => 0);
    const asked = { ...command("quote", { keyword: "x" }, { locale: "zh-CN" }), channelId: "1" };
    const reply = { kind: "message", message: message({ content: "the line" }) } as const;
    expect(cooldown.limit(asked, reply)).toBe(reply);
    expect(cooldown.limit(asked, reply)).toEqual({
      kind: "message",
      message: {
        allowed_mentions: { parse: [] },
        components: [],
        flags: 64,
        content: "*你在这个频道 60 秒内已有 1 条公开回复，这一条只有你能看到。*\nthe line",
      },
    });
    const secret = { kind: "message", message: message({ content: "x", ephemeral: true }) } as const;
    expect(cooldown.limit(asked, secret)).toBe(secret);
  });

  it("is read from QUOTE_COOLDOWN: 5/60 by default, off, or a clear error", () => {
    const env = { DISCORD_TOKEN: "MTE4NzY1NDMyMTA5ODc2NTQzMg.GabcDE.abcdefghijklmnopqrstuvwxyz0123456789AB" };
    expect(readConfig(env).quoteCooldown).toEqual({ replies: 5, seconds: 60 });
    expect(readConfig({ ...env, QUOTE_COOLDOWN: "3/10" }).quoteCooldown).toEqual({ replies: 3, seconds: 10 });
    expect(readConfig({ ...env, QUOTE_COOLDOWN: "off" }).quoteCooldown).toBeUndefined();
    expect(() => readConfig({ ...env, QUOTE_COOLDOWN: "5 per minute" })).toThrow(ConfigError);
    expect(() => readConfig({ ...env, QUOTE_COOLDOWN: "0/60" })).toThrow(/QUOTE_COOLDOWN.*replies\/seconds like 5\/60/);
  });
});
