/**
 * Signs HTTP interactions the way Discord does (Ed25519 over timestamp + body), with a key pair made
 * for the test, and posts them with node:http so oversized and unusual requests can be sent too.
 */
import { generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import { request } from "node:http";

export class InteractionSigner {
  readonly publicKeyHex: string;
  readonly #privateKey: KeyObject;

  constructor() {
    const { publicKey, privateKey } = generateKeyPairSync("ed25519");
    // The last 32 bytes of the SPKI encoding are the raw key, which is what the portal shows (in hex).
    this.publicKeyHex = publicKey.export({ format: "der", type: "spki" }).subarray(-32).toString("hex");
    this.#privateKey = privateKey;
  }

  /** The signature headers for `body`, signed at `timestampSeconds` (default: now). */
  headers(body: string | Buffer, timestampSeconds = Math.floor(Date.now() / 1000)): Record<string, string> {
    const timestamp = String(timestampSeconds);
    const signature = sign(null, Buffer.concat([Buffer.from(timestamp), Buffer.from(body)]), this.#privateKey).toString(
      "hex",
    );
    return { "x-signature-ed25519": signature, "x-signature-timestamp": timestamp };
  }
}

export interface HttpAnswer {
  readonly status: number;
  readonly body: unknown;
}

export interface PostOptions {
  readonly headers?: Record<string, string>;
  readonly method?: string;
  /** Send the body in chunks without a Content-Length (the server cannot refuse it up front). */
  readonly chunked?: boolean;
}

/**
 * Sends one request and resolves with the answer. A server that refuses a large body may close the
 * socket while we are still writing: the answer it sent first still counts.
 */
export function post(url: string, body: string | Buffer, options: PostOptions = {}): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { "content-type": "application/json", ...options.headers };
    if (!options.chunked) headers["content-length"] = String(Buffer.byteLength(body));
    const req = request(url, { method: options.method ?? "POST", headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        let parsed: unknown = text;
        try {
          parsed = JSON.parse(text);
        } catch {
          // Plain text answers stay text.
        }
        resolve({ status: res.statusCode ?? 0, body: parsed });
      });
    });
    req.on("error", (error) => setTimeout(() => reject(error), 100));
    if (options.chunked) {
      const data = Buffer.from(body);
      const chunk = 64 * 1024;
      for (let at = 0; at < data.length; at += chunk) req.write(data.subarray(at, at + chunk));
      req.end();
    } else {
      req.end(body);
    }
  });
}
