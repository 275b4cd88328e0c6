/**
 * Downloads a file a member attached to a command. Discord hands out a signed CDN address; it is fetched
 * through the configured CDN base (DISCORD_CDN_URL: Discord's CDN, a proxy, or the tests' fake), and only
 * addresses on Discord's CDN hosts are fetched, so a crafted address cannot make the bot call elsewhere.
 */
import type { Downloader } from "../serving/publisher.js";

const DISCORD_CDN_HOSTS = new Set(["cdn.discordapp.com", "media.discordapp.net"]);
const TIMEOUT_MS = 15_000;

export class DownloadError extends Error {
  override name = "DownloadError";
}

/** The address to fetch: the attachment's path and signature, on `cdnBase`. */
export function cdnAddress(url: string, cdnBase: string): string {
  if (!URL.canParse(url)) throw new DownloadError("the attachment has no valid address");
  const given = new URL(url);
  const base = new URL(cdnBase);
  if (!DISCORD_CDN_HOSTS.has(given.hostname) && given.origin !== base.origin)
    throw new DownloadError(`the attachment is not on Discord's CDN (${given.hostname})`);
  return new URL(`${given.pathname}${given.search}`, base).toString();
}

/** A downloader through `cdnBase` that stops reading past `maxBytes`. */
export function cdnDownloader(cdnBase: string): Downloader {
  return async (url, maxBytes) => {
    const response = await fetch(cdnAddress(url, cdnBase), { signal: AbortSignal.timeout(TIMEOUT_MS) }).catch(
      (error: unknown) => {
        throw new DownloadError(`the attachment could not be downloaded (${(error as Error).message})`);
      },
    );
    if (!response.ok) throw new DownloadError(`Discord's CDN answered ${response.status} for the attachment`);
    const declared = Number(response.headers.get("content-length") ?? "0");
    if (declared > maxBytes) throw new DownloadError(`the attachment is larger than ${maxBytes} bytes`);
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of response.body ?? []) {
      size += (chunk as Uint8Array).length;
      if (size > maxBytes) throw new DownloadError(`the attachment is larger than ${maxBytes} bytes`);
      chunks.push(chunk as Uint8Array);
    }
    return Buffer.concat(chunks);
  };
}
