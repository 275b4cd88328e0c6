/**
 * The web pages as an endpoint of our HTTP server, beside /healthz and /metrics: `/` (the interviews),
 * `/interviews/<id>` (one interview, every line at its anchor), `/search?q=…&interview=…` (the same search
 * as /quote); any other address gets the friendly 404 page.
 *
 * Every page is rendered from the content being served, so a reload shows at once. Its ETag is the content
 * version plus a hash of the page, and `Cache-Control: no-cache` lets a browser or a CDN keep a page but
 * ask again each time (a 304 when nothing changed). The Content-Security-Policy allows our one stylesheet
 * and nothing else: no script, no frame, no other origin.
 */
import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { RequestHandler } from "../http/server.js";
import type { ContentStore } from "../serving/store.js";
import { pageLocale } from "./language.js";
import { indexPage, interviewPage, notFoundPage, searchPage } from "./pages.js";
import { STYLESHEET_HASH } from "./style.js";

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  `style-src ${STYLESHEET_HASH}`,
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join("; ");

/** Longer queries are refused by the search anyway (MAX_QUERY_LENGTH); this only bounds what a page echoes. */
const ECHOED_QUERY_LENGTH = 1000;

const INTERVIEW_PATH = /^\/interviews\/([^/]+)$/;

interface Rendered {
  readonly status: 200 | 404;
  readonly body: string;
}

/** "./" for a top-level path, "../" for one a folder down, and so on: the way back to the site's root. */
function rootFrom(path: string): string {
  const depth = path.split("/").length - 2;
  return depth <= 0 ? "./" : "../".repeat(depth);
}

function decoded(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** The page for `url`, rendered from the content being served now. */
export function renderPage(store: ContentStore, url: URL, acceptLanguage: string | undefined): Rendered {
  const { library, search } = store.current;
  const locale = pageLocale(acceptLanguage);
  const path = url.pathname;
  if (path === "/") return { status: 200, body: indexPage(library, locale) };
  if (path === "/search") {
    const query = url.searchParams.get("q")?.slice(0, ECHOED_QUERY_LENGTH) ?? undefined;
    const interviewId = url.searchParams.get("interview") ?? undefined;
    return { status: 200, body: searchPage(library, search, { query, interviewId }, locale) };
  }
  const id = decoded(INTERVIEW_PATH.exec(path)?.[1] ?? "");
  const interview = library.interviews.find((candidate) => candidate.id === id);
  if (interview !== undefined) return { status: 200, body: interviewPage(library, interview, locale) };
  return { status: 404, body: notFoundPage(library, locale, rootFrom(path)) };
}

/** Whether the `If-None-Match` header names `etag` (or is `*`). */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  return ifNoneMatch.split(",").some((tag) => {
    const trimmed = tag.trim().replace(/^W\//, "");
    return trimmed === etag || trimmed === "*";
  });
}

function answer(req: IncomingMessage, res: ServerResponse, store: ContentStore): void {
  const url = new URL(req.url ?? "/", "http://localhost");
  const { status, body } = renderPage(store, url, req.headers["accept-language"]);
  const hash = createHash("sha256").update(body).digest("base64url").slice(0, 16);
  const etag = `"${store.current.library.version}-${hash}"`;
  const headers = {
    "content-type": "text/html; charset=utf-8",
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "cache-control": "public, no-cache",
    vary: "Accept-Language",
    etag,
  };
  if (status === 200 && matches(req.headers["if-none-match"], etag)) {
    res.writeHead(304, headers).end();
    return;
  }
  res.writeHead(status, { ...headers, "content-length": Buffer.byteLength(body) });
  res.end(req.method === "HEAD" ? undefined : body);
}

/** The web pages; other endpoints (interactions, health, metrics) must come before it, as it answers every GET. */
export function webEndpoint(store: ContentStore): RequestHandler {
  return (req, res) => {
    if (req.method !== "GET" && req.method !== "HEAD") return Promise.resolve(false);
    answer(req, res, store);
    return Promise.resolve(true);
  };
}
