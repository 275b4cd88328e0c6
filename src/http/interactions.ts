/**
 * HTTP interactions: Discord POSTs each interaction to `/interactions` and takes the HTTP response as
 * the interaction callback. No state lives here, so any number of replicas can serve behind a load
 * balancer. Deferred work is finished with the webhook edit, as in gateway mode.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { KeyObject } from "node:crypto";
import { InteractionResponseType, InteractionType, Routes, type APIInteraction, type REST } from "discord.js";
import type { Responder, Verbatim } from "../interactions/app.js";
import type { Logger } from "../log.js";
import type { RequestHandler } from "./server.js";
import { checkSignature, checkTimestamp } from "./verify.js";

export const INTERACTIONS_PATH = "/interactions";
/** Discord's interactions are a few KB; anything over this is refused unread (413). */
export const MAX_BODY_BYTES = 1024 * 1024;
/** Discord waits 3 s for the callback; answer 500 a little before that rather than hang. */
export const ANSWER_TIMEOUT_MS = 2500;

export interface InteractionEndpointOptions {
  readonly publicKey: KeyObject;
  /** For the webhook edit that finishes deferred work (`PATCH /webhooks/{app}/{token}/messages/@original`). */
  readonly webhooks: REST;
  readonly log: Logger;
  readonly answerTimeoutMs?: number;
}

function sendJson(res: ServerResponse, status: number, body: unknown, close = false): Promise<void> {
  return new Promise((resolve) => {
    const headers: Record<string, string> = { "content-type": "application/json" };
    // The request body may be unread: closing is cheaper and safer than draining it.
    if (close) headers.connection = "close";
    res.writeHead(status, headers);
    res.end(JSON.stringify(body), () => resolve());
  });
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The body, or "too large" as soon as it passes `limit` (the rest is never read). */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | "too large"> {
  const declared = Number(header(req, "content-length"));
  if (declared > limit) return Promise.resolve("too large");
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      // Stop reading: the socket is closed once the 413 is sent.
      req.off("data", onData).off("end", onEnd).pause();
      resolve("too large");
    };
    const onEnd = (): void => resolve(Buffer.concat(chunks, size));
    req.on("data", onData).on("end", onEnd).once("error", reject);
  });
}

function parseInteraction(body: Buffer): APIInteraction | undefined {
  try {
    const value: unknown = JSON.parse(body.toString("utf8"));
    if (typeof value !== "object" || value === null || !Number.isInteger((value as { type?: unknown }).type))
      return undefined;
    return value as APIInteraction;
  } catch {
    return undefined;
  }
}

/**
 * Answers one interaction through the HTTP response: the first `callback` becomes the response body; a
 * handler that never calls it gets a 500 after `timeoutMs`, so the request cannot hang.
 */
async function answer(
  app: Pick<Verbatim, "handle">,
  raw: APIInteraction,
  res: ServerResponse,
  options: InteractionEndpointOptions,
): Promise<void> {
  let answered = false;
  const respond = (status: number, body: unknown): Promise<void> | undefined => {
    if (answered) return undefined;
    answered = true;
    clearTimeout(timer);
    return sendJson(res, status, body);
  };
  const timeoutMs = options.answerTimeoutMs ?? ANSWER_TIMEOUT_MS;
  const timer = setTimeout(() => {
    options.log.error({ id: raw.id, type: raw.type, timeoutMs }, "interaction not answered in time; sent 500");
    void respond(500, { error: "no answer in time" });
  }, timeoutMs);

  const responder: Responder = {
    async callback(body) {
      const sent = respond(200, body);
      if (sent === undefined) throw new Error("the HTTP response was already sent (timed out)");
      await sent;
    },
    async editOriginal(body) {
      await options.webhooks.patch(Routes.webhookMessage(raw.application_id, raw.token, "@original"), {
        body,
        auth: false,
      });
    },
    async deleteOriginal() {
      await options.webhooks.delete(Routes.webhookMessage(raw.application_id, raw.token, "@original"), { auth: false });
    },
  };
  await app.handle(raw, responder);
  // Verbatim ignores interaction types it has no handler for (modals, say): say so instead of waiting.
  await respond(400, { error: "unsupported interaction type" });
}

/** `POST /interactions`; returns false for every other path, so other endpoints can share the server. */
export function interactionEndpoint(
  app: Pick<Verbatim, "handle">,
  options: InteractionEndpointOptions,
): RequestHandler {
  const { log } = options;
  return async (req, res) => {
    if ((req.url ?? "/").split("?")[0] !== INTERACTIONS_PATH) return false;
    const refuse = async (status: number, reason: string): Promise<true> => {
      log.warn({ status, reason, remote: req.socket.remoteAddress }, "interaction request refused");
      await sendJson(res, status, { error: reason }, true);
      return true;
    };
    if (req.method !== "POST") return refuse(405, "use POST");
    const signature = header(req, "x-signature-ed25519");
    const timestamp = header(req, "x-signature-timestamp");
    // Unsigned or stale requests are refused before their body is read.
    if (signature === undefined) return refuse(401, "missing X-Signature-Ed25519");
    const fresh = checkTimestamp(timestamp);
    if (!fresh.ok) return refuse(401, fresh.reason);

    const body = await readBody(req, MAX_BODY_BYTES);
    if (body === "too large") return refuse(413, `body over ${MAX_BODY_BYTES} bytes`);
    const verdict = checkSignature(options.publicKey, { signature, timestamp, body });
    if (!verdict.ok) return refuse(401, verdict.reason);
    const raw = parseInteraction(body);
    if (raw === undefined) return refuse(400, "malformed JSON");

    if (raw.type === InteractionType.Ping) await sendJson(res, 200, { type: InteractionResponseType.Pong });
    else await answer(app, raw, res, options);
    return true;
  };
}
