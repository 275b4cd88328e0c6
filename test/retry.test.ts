/** How long the bot waits between tries to reach Discord at start, and what it says of the failure. */
import { describe, expect, it } from "vitest";
import { causeOf, isPermanent, retryDelayMs } from "../src/discord/retry.js";

describe("retrying the connection at start", () => {
  it("waits 1 s, 2 s, 4 s … up to a minute, each ±20 %", () => {
    const middle = () => 0.5;
    expect([1, 2, 3, 4, 7, 8, 30].map((failures) => retryDelayMs(failures, middle))).toEqual([
      1000, 2000, 4000, 8000, 60_000, 60_000, 60_000,
    ]);
    expect(retryDelayMs(2, () => 0)).toBe(1600);
    expect(retryDelayMs(2, () => 1)).toBe(2400);
  });

  it("names the system's error, or the HTTP status", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:443"), { code: "ECONNREFUSED" });
    expect(causeOf(refused)).toBe("connect ECONNREFUSED 127.0.0.1:443");
    const dns = Object.assign(new Error("getaddrinfo ENOTFOUND discord.com"), { code: "ENOTFOUND" });
    expect(causeOf(new TypeError("fetch failed", { cause: dns }))).toBe("getaddrinfo ENOTFOUND discord.com");
    expect(causeOf(Object.assign(new Error("Bad Gateway"), { status: 502 }))).toBe("HTTP 502: Bad Gateway");
  });

  it("gives up at once only on what no retry fixes", () => {
    expect(isPermanent(Object.assign(new Error("An invalid token was provided."), { code: "TokenInvalid" }))).toBe(
      true,
    );
    expect(isPermanent(Object.assign(new Error("Unauthorized"), { status: 401 }))).toBe(true);
    expect(isPermanent(Object.assign(new Error("Used disallowed intents"), { code: "DisallowedIntents" }))).toBe(true);
    expect(isPermanent(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }))).toBe(false);
    expect(isPermanent(Object.assign(new Error("Bad Gateway"), { status: 502 }))).toBe(false);
    expect(isPermanent(undefined)).toBe(false);
  });
});
