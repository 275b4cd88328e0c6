/**
 * The fake's CDN: files members attach to slash commands. `add` stores a file and returns the attachment
 * object Discord puts in an interaction's `data.resolved.attachments` (with a real-looking signed
 * `https://cdn.discordapp.com/ephemeral-attachments/…` address); the fake's HTTP server serves the same
 * path (the bot fetches through DISCORD_CDN_URL = `fake.cdnUrl`), only with the signature it handed out.
 */
import { createHash, randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { snowflake } from "./snowflakes.js";

/** An attachment as Discord describes it in `data.resolved.attachments`. */
export interface FakeAttachment {
  id: string;
  filename: string;
  size: number;
  url: string;
  proxy_url: string;
  content_type: string;
  ephemeral: true;
}

/** One download from the fake CDN. */
export interface CdnDownload {
  readonly path: string;
  readonly status: number;
}

const PREFIX = "/ephemeral-attachments/";

export class FakeCdn {
  private readonly files = new Map<string, { bytes: Buffer; signature: string }>();
  /** Every request to the CDN, in arrival order. */
  readonly downloads: CdnDownload[] = [];

  constructor(private readonly applicationId: string) {}

  /** Stores a file as a member's upload; the attachment to put in an interaction. */
  add(filename: string, content: string | Buffer): FakeAttachment {
    const bytes = typeof content === "string" ? Buffer.from(content, "utf8") : content;
    const id = snowflake();
    const path = `${PREFIX}${this.applicationId}/${id}/${encodeURIComponent(filename)}`;
    const expires = Math.floor(Date.now() / 1000) + 86_400;
    const issued = Math.floor(Date.now() / 1000);
    const signature = createHash("sha256").update(path).update(randomBytes(16)).digest("hex");
    this.files.set(path, { bytes, signature });
    const query = `?ex=${expires.toString(16)}&is=${issued.toString(16)}&hm=${signature}&`;
    return {
      id,
      filename,
      size: bytes.length,
      url: `https://cdn.discordapp.com${path}${query}`,
      proxy_url: `https://media.discordapp.net${path}${query}`,
      content_type: filename.endsWith(".md") ? "text/markdown; charset=utf-8" : "application/octet-stream",
      ephemeral: true,
    };
  }

  /** Changes the bytes served for an attachment (a test of "the file is no longer the one previewed"). */
  replace(attachment: FakeAttachment, content: string | Buffer): void {
    const path = new URL(attachment.url).pathname;
    const stored = this.files.get(path);
    if (!stored) throw new Error(`fake-discord: no attachment at ${path}`);
    stored.bytes = typeof content === "string" ? Buffer.from(content, "utf8") : content;
  }

  /** Answers a CDN request; false when the request is not for the CDN (the REST server takes it). */
  serve(req: IncomingMessage, res: ServerResponse): boolean {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (!url.pathname.startsWith(PREFIX)) return false;
    const stored = this.files.get(url.pathname);
    // Discord's CDN refuses an unsigned or wrongly signed address of an attachment.
    const status =
      req.method !== "GET" ? 405 : !stored ? 404 : url.searchParams.get("hm") !== stored.signature ? 404 : 200;
    this.downloads.push({ path: url.pathname, status });
    if (status !== 200 || !stored) {
      res.writeHead(status, { "content-type": "text/plain" });
      res.end("This content is no longer available.");
      return true;
    }
    res.writeHead(200, { "content-type": "application/octet-stream", "content-length": String(stored.bytes.length) });
    res.end(stored.bytes);
    return true;
  }
}
