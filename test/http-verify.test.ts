/** The HTTP interactions endpoint on its own: signature checks, refusals, and answers that never come. */
import type { Server } from "node:http";
import { REST } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Responder } from "../src/interactions/app.js";
import { ANSWER_TIMEOUT_MS, MAX_BODY_BYTES, interactionEndpoint } from "../src/http/interactions.js";
import { boundPort, serveHttp } from "../src/http/server.js";
import { MAX_SIGNATURE_AGE_SECONDS, checkSignature, checkTimestamp, ed25519PublicKey } from "../src/http/verify.js";
import { silentLogger } from "../src/log.js";
import { InteractionSigner, post } from "../testkit/signer.js";

const signer = new InteractionSigner();
const key = ed25519PublicKey(signer.publicKeyHex);
const now = Date.now();
const nowSeconds = Math.floor(now / 1000);

describe("signature verification", () => {
  const body = Buffer.from('{"type":1}');
  const signed = (headers: Record<string, string>) => ({
    signature: headers["x-signature-ed25519"],
    timestamp: headers["x-signature-timestamp"],
    body,
  });

  it("accepts Discord's signature over timestamp + body", () => {
    expect(checkSignature(key, signed(signer.headers(body)), now)).toEqual({ ok: true });
  });

  it("refuses a missing, malformed, foreign or tampered signature", () => {
    const headers = signer.headers(body);
    expect(checkSignature(key, { ...signed(headers), signature: undefined }, now)).toMatchObject({ ok: false });
    expect(checkSignature(key, { ...signed(headers), signature: "zz" }, now)).toMatchObject({ ok: false });
    expect(checkSignature(key, signed(new InteractionSigner().headers(body)), now)).toEqual({
      ok: false,
      reason: "bad signature",
    });
    expect(checkSignature(key, { ...signed(headers), body: Buffer.from('{"type":2}') }, now)).toEqual({
      ok: false,
      reason: "bad signature",
    });
    // The timestamp is signed too: moving it breaks the signature.
    expect(checkSignature(key, { ...signed(headers), timestamp: String(nowSeconds - 1) }, now)).toEqual({
      ok: false,
      reason: "bad signature",
    });
  });

  it("refuses timestamps older than five minutes or from the future", () => {
    expect(checkTimestamp(String(nowSeconds - MAX_SIGNATURE_AGE_SECONDS + 5), now)).toEqual({ ok: true });
    expect(checkTimestamp(String(nowSeconds - MAX_SIGNATURE_AGE_SECONDS - 5), now)).toEqual({
      ok: false,
      reason: "stale timestamp",
    });
    expect(checkTimestamp(String(nowSeconds + 10), now)).toEqual({ ok: true });
    expect(checkTimestamp(String(nowSeconds + 120), now)).toEqual({ ok: false, reason: "timestamp in the future" });
    expect(checkTimestamp(undefined, now)).toMatchObject({ ok: false });
    expect(checkTimestamp("1e9", now)).toMatchObject({ ok: false });
    // A stale request with a valid signature is still refused.
    expect(checkSignature(key, signed(signer.headers(body, nowSeconds - 600)), now)).toEqual({
      ok: false,
      reason: "stale timestamp",
    });
  });

  it("takes the portal's public key as 64 hex characters only", () => {
    expect(() => ed25519PublicKey("abc")).toThrow(/64 hex/);
    expect(() => ed25519PublicKey("g".repeat(64))).toThrow(/64 hex/);
  });
});

describe("the /interactions endpoint", () => {
  let server: Server;
  let url: string;
  const handled: unknown[] = [];
  let lateCallbackError: unknown;
  /** What the stand-in for Verbatim does with each interaction, by command name. */
  const behaviours: Record<string, (responder: Responder) => Promise<void>> = {
    reply: (responder) => responder.callback({ type: 4, data: { content: "hi" } }),
    silent: () => new Promise(() => undefined),
    late: async (responder) => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      await responder
        .callback({ type: 4, data: { content: "too late" } })
        .catch((error: unknown) => (lateCallbackError = error));
    },
  };

  beforeAll(async () => {
    const app = {
      async handle(raw: { type: number; data?: { name?: string } }, responder: Responder) {
        handled.push(raw);
        const behaviour = behaviours[raw.data?.name ?? ""];
        if (behaviour) await behaviour(responder);
      },
    };
    const endpoint = interactionEndpoint(app as never, {
      publicKey: key,
      webhooks: new REST(),
      log: silentLogger,
      answerTimeoutMs: 200,
    });
    server = await serveHttp(0, [endpoint], silentLogger);
    url = `http://127.0.0.1:${boundPort(server)}/interactions`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const signedPost = (payload: unknown) => {
    const body = JSON.stringify(payload);
    return post(url, body, { headers: signer.headers(body) });
  };

  it("answers PING with PONG without involving the bot", async () => {
    expect(await signedPost({ type: 1, id: "1" })).toEqual({ status: 200, body: { type: 1 } });
    expect(handled).toEqual([]);
  });

  it("returns the handler's callback as the HTTP response", async () => {
    expect(await signedPost({ type: 2, data: { name: "reply" } })).toEqual({
      status: 200,
      body: { type: 4, data: { content: "hi" } },
    });
  });

  it("answers 500 when the handler never calls back, and refuses a callback after that", async () => {
    expect(ANSWER_TIMEOUT_MS).toBe(2500);
    const started = Date.now();
    expect((await signedPost({ type: 2, data: { name: "silent" } })).status).toBe(500);
    expect(Date.now() - started).toBeLessThan(2000);
    expect((await signedPost({ type: 2, data: { name: "late" } })).status).toBe(500);
    await expect.poll(() => String(lateCallbackError)).toMatch(/already sent/);
  });

  it("answers 400 for an interaction type nothing handles", async () => {
    expect(await signedPost({ type: 5, data: { name: "unknown" } })).toEqual({
      status: 400,
      body: { error: "unsupported interaction type" },
    });
  });

  it("refuses bad requests before the bot sees them", async () => {
    const before = handled.length;
    const body = JSON.stringify({ type: 2, data: { name: "reply" } });
    expect((await post(url, body)).status).toBe(401);
    expect((await post(url, body, { headers: new InteractionSigner().headers(body) })).status).toBe(401);
    expect((await post(url, body, { headers: signer.headers(body, nowSeconds - 301) })).status).toBe(401);
    expect((await post(url, "{nope", { headers: signer.headers("{nope") })).status).toBe(400);
    expect((await post(url, "[1]", { headers: signer.headers("[1]") })).status).toBe(400);
    expect((await post(url, body, { method: "GET", headers: signer.headers(body) })).status).toBe(405);
    expect((await post(url.replace("/interactions", "/other"), body)).status).toBe(404);
    const huge = Buffer.alloc(MAX_BODY_BYTES + 1, " ");
    expect(await post(url, huge, { headers: signer.headers(huge) })).toEqual({
      status: 413,
      body: { error: `body over ${MAX_BODY_BYTES} bytes` },
    });
    expect((await post(url, huge, { headers: signer.headers(huge), chunked: true })).status).toBe(413);
    expect(handled.length).toBe(before);
  });
});
