/**
 * Discord signs every HTTP interaction: Ed25519 over `timestamp + raw body` with the application's
 * public key, in `X-Signature-Ed25519` (hex) and `X-Signature-Timestamp` (Unix seconds). Anything that
 * fails here is answered 401 and goes no further.
 */
import { createPublicKey, verify, type KeyObject } from "node:crypto";

/** A signature older than this is refused, so a captured request cannot be replayed later. */
export const MAX_SIGNATURE_AGE_SECONDS = 5 * 60;
/** Clocks drift: a timestamp this far ahead of ours is still accepted. */
export const MAX_CLOCK_SKEW_SECONDS = 30;

/** DER header of an Ed25519 SubjectPublicKeyInfo; the 32 raw key bytes follow it. */
const ED25519_SPKI_PREFIX = Buffer.from("302a300506032b6570032100", "hex");

export type Verdict = { readonly ok: true } | { readonly ok: false; readonly reason: string };

export interface SignedRequest {
  readonly signature: string | undefined;
  readonly timestamp: string | undefined;
  readonly body: Buffer;
}

/** The portal's "Public Key" (64 hex characters) as a key node:crypto can verify with. */
export function ed25519PublicKey(hex: string): KeyObject {
  if (!/^[0-9a-f]{64}$/i.test(hex)) throw new Error("an Ed25519 public key is 64 hex characters");
  return createPublicKey({
    key: Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(hex, "hex")]),
    format: "der",
    type: "spki",
  });
}

/** Whether the timestamp header is fresh; checked before the body is even read. */
export function checkTimestamp(timestamp: string | undefined, nowMs: number = Date.now()): Verdict {
  if (timestamp === undefined || !/^\d{1,12}$/.test(timestamp))
    return { ok: false, reason: "missing or malformed X-Signature-Timestamp" };
  const ageSeconds = nowMs / 1000 - Number(timestamp);
  if (ageSeconds > MAX_SIGNATURE_AGE_SECONDS) return { ok: false, reason: "stale timestamp" };
  if (ageSeconds < -MAX_CLOCK_SKEW_SECONDS) return { ok: false, reason: "timestamp in the future" };
  return { ok: true };
}

export function checkSignature(key: KeyObject, request: SignedRequest, nowMs: number = Date.now()): Verdict {
  const { signature, timestamp, body } = request;
  if (signature === undefined || !/^[0-9a-f]{128}$/i.test(signature))
    return { ok: false, reason: "missing or malformed X-Signature-Ed25519" };
  const fresh = checkTimestamp(timestamp, nowMs);
  if (!fresh.ok) return fresh;
  const signed = Buffer.concat([Buffer.from(timestamp ?? "", "utf8"), body]);
  // Ed25519 takes no separate digest: the algorithm argument is null.
  return verify(null, signed, key, Buffer.from(signature, "hex"))
    ? { ok: true }
    : { ok: false, reason: "bad signature" };
}
