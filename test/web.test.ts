/**
 * The web pages over real HTTP (our server on 127.0.0.1, in this process): what a reader gets at each
 * address, the same search as /quote, permalink anchors, escaping of hostile content, caching and the CSP.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { boundPort, serveHttp } from "../src/http/server.js";
import { silentLogger } from "../src/log.js";
import { ContentStore } from "../src/serving/store.js";
import { MAX_QUERY_LENGTH } from "../src/search/types.js";
import { pageLocale, textLanguage } from "../src/web/language.js";
import { escapeHtml, html, webLink } from "../src/web/html.js";
import { webEndpoint } from "../src/web/site.js";
import { SEED_ID } from "./helpers.js";

const HOSTILE = path.resolve(import.meta.dirname, "fixtures/web/hostile-markup-2024-06.md");
const FIXTURES = path.resolve(import.meta.dirname, "fixtures/content");

let dir: string;
let store: ContentStore;
let server: Server;
let base: string;

/** A GET as a browser sends it; `headers` adds or overrides. */
function get(address: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${base}${address}`, { headers: { "accept-language": "en", ...headers } });
}

/** Every `id` and every `href` of a page. */
function idsOf(page: string): Set<string> {
  return new Set([...page.matchAll(/ id="([^"]+)"/g)].map((m) => m[1] ?? ""));
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "verbatim-web-"));
  await cp("content", dir, { recursive: true });
  await cp(FIXTURES, dir, { recursive: true, filter: (source) => !source.endsWith("README.md") });
  await cp(HOSTILE, path.join(dir, path.basename(HOSTILE)));
  ({ store } = await ContentStore.open(dir));
  server = await serveHttp(0, [webEndpoint(store)], silentLogger);
  base = `http://127.0.0.1:${boundPort(server)}`;
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

describe("the index", () => {
  it("lists every interview, newest first, each linking to its page", async () => {
    const response = await get("/");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const page = await response.text();
    const links = [...page.matchAll(/href="\.\/interviews\/([^"]+)"/g)].map((m) => decodeURIComponent(m[1] ?? ""));
    // The seed has no date: it comes after the dated ones.
    expect(links).toEqual([
      "hostile-markup-2024-06",
      "nangang-tea-farmer-2024-04",
      "carrick-head-lighthouse-2024-03",
      SEED_ID,
    ]);
    expect(page).toContain('<main id="main">');
    expect(page).toContain('<html lang="en">');
  });

  it("speaks the reader's language: traditional Chinese for zh-TW, simplified for zh-CN", async () => {
    const traditional = await (await get("/", { "accept-language": "zh-TW,zh;q=0.9,en;q=0.5" })).text();
    expect(traditional).toContain('<html lang="zh-Hant">');
    expect(traditional).toContain("<h1>訪談</h1>");
    const simplified = await (await get("/", { "accept-language": "zh-CN" })).text();
    expect(simplified).toContain('<html lang="zh-Hans">');
    expect(simplified).toContain("全部访谈");
  });
});

describe("an interview's page", () => {
  it("has the description, every question with its summary and explanation, and every line at its anchor", async () => {
    const interview = store.current.library.interviews.find((i) => i.id === SEED_ID)!;
    const page = await (await get(`/interviews/${SEED_ID}`)).text();
    const ids = idsOf(page);
    expect(page).toContain(`<h1 lang="zh-Hans">${interview.title}</h1>`);
    for (const question of interview.questions) {
      expect(ids).toContain(`question-${question.number}`);
      expect(page).toContain(`<a href="#question-${question.number}" lang="zh-Hans">${escapeHtml(question.title)}</a>`);
      if (question.summary) expect(page).toContain(escapeHtml(question.summary));
      if (question.explanation) expect(page).toContain(escapeHtml(question.explanation));
    }
    for (const line of interview.lines) {
      expect(ids).toContain(`line-${line.number}`);
      expect(page).toContain(`<p class="text">${escapeHtml(line.text)}</p>`);
    }
    expect(page).toContain('<a href="https://b23.tv/85KHdUL" rel="noopener noreferrer">Source</a>');
  });

  it("marks English content as English", async () => {
    const page = await (
      await get("/interviews/carrick-head-lighthouse-2024-03", { "accept-language": "zh-CN" })
    ).text();
    expect(page).toContain('<html lang="zh-Hans">');
    expect(page).toContain('<ol class="transcript" lang="en">');
  });
});

describe("hostile content", () => {
  it("shows every piece of markup as text: no element, no javascript: link, no source link", async () => {
    const page = await (await get("/interviews/hostile-markup-2024-06")).text();
    const body = page.slice(page.indexOf("<body>"));
    expect(body).not.toMatch(/<script|<img|<iframe|<b>|<i>|javascript:[^<]*"/i);
    expect(body).not.toMatch(/href="javascript:/i);
    expect(body).toContain("&lt;script&gt;window.__xss = &quot;title&quot;&lt;/script&gt;");
    expect(body).toContain("&quot;&gt;&lt;img src=x onerror=&quot;window.__xss=7&quot;&gt;");
    expect(body).toContain("[click me](javascript:window.__xss=8)");
    expect(body).toContain("&lt;b&gt;Guest&lt;/b&gt;");
    expect(body).not.toContain(">Source</a>");
  });

  it("is escaped on the index and in search results too", async () => {
    for (const address of ["/", "/search?q=lighthouse&interview=hostile-markup-2024-06", "/search?q=<script>"]) {
      const page = await (await get(address)).text();
      expect(page.slice(page.indexOf("<body>"))).not.toMatch(/<script|<img/i);
    }
  });

  it("the template escapes what it inserts and keeps only http(s) links", () => {
    expect(html`<p title="${`"'><x>&`}">${"<b>"}${["a", html`<i>b</i>`]}${undefined}${false}${3}</p>`.markup).toBe(
      '<p title="&quot;&#39;&gt;&lt;x&gt;&amp;">&lt;b&gt;a<i>b</i>3</p>',
    );
    expect(webLink("javascript:alert(1)")).toBeUndefined();
    expect(webLink("data:text/html,<script>")).toBeUndefined();
    expect(webLink("not a url")).toBeUndefined();
    expect(webLink("https://example.com/a?b=1")).toBe("https://example.com/a?b=1");
  });
});

describe("search", () => {
  /** The hits of a search page: the line each links to and its highlighted text. */
  async function hitsOf(address: string): Promise<{ href: string; marked: string[] }[]> {
    const page = await (await get(address)).text();
    return [
      ...page.matchAll(/<li><p class="meta"><a href="([^"]+)">[\s\S]*?<p class="text"[^>]*>([\s\S]*?)<\/p><\/li>/g),
    ].map((m) => ({
      href: m[1] ?? "",
      marked: [...(m[2] ?? "").matchAll(/<mark>(.*?)<\/mark>/g)].map((mark) => mark[1] ?? ""),
    }));
  }

  it("finds what /quote finds, in the same order, with the same highlights, each linking to its line", async () => {
    const outcome = store.current.search.search("董事会", { limit: 25 });
    if (!outcome.ok) throw new Error("the seed search failed");
    const hits = await hitsOf("/search?q=董事会");
    expect(hits.map((hit) => hit.href)).toEqual(
      outcome.hits.map((hit) => `./interviews/${hit.interviewId}#line-${hit.line.number}`),
    );
    expect(hits[0]?.marked).toEqual(
      outcome.hits[0]?.ranges.map(([start, end]) => outcome.hits[0]?.line.text.slice(start, end)),
    );
    expect(hits[0]?.marked).toContain("董事会");
  });

  it("tolerates traditional characters, pinyin and typos as /quote does", async () => {
    const simplified = await hitsOf("/search?q=董事会");
    expect(await hitsOf("/search?q=董事會")).toEqual(simplified);
    expect((await hitsOf("/search?q=dongshihui"))[0]?.marked).toContain("董事会");
    expect((await hitsOf("/search?q=biscuts"))[0]?.marked).toContain("biscuits");
  });

  it("says what a line was found as when it holds the query in other words, as /quote does", async () => {
    const page = await (await get("/search?q=dongshihui")).text();
    const firstMeta = /<p class="meta">([\s\S]*?)<\/p>/.exec(page)?.[1] ?? "";
    expect(firstMeta).toMatch(/ · found as 董事会$/);
    const typed = await (await get("/search?q=董事会")).text();
    expect(typed).not.toContain("found as");
  });

  it("links land on anchors the interview page has", async () => {
    const page = await (await get(`/interviews/${SEED_ID}`)).text();
    const ids = idsOf(page);
    for (const hit of await hitsOf(`/search?q=短信&interview=${SEED_ID}`)) {
      expect(hit.href.startsWith(`./interviews/${SEED_ID}#`)).toBe(true);
      expect(ids).toContain(hit.href.split("#")[1]);
    }
  });

  it("narrows to one interview when asked", async () => {
    const hits = await hitsOf("/search?q=tea&interview=nangang-tea-farmer-2024-04");
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((hit) => hit.href.startsWith("./interviews/nangang-tea-farmer-2024-04#"))).toBe(true);
  });

  it("refuses a query longer than /quote's, says what is close when nothing matches, and shows the form alone", async () => {
    const long = await (await get(`/search?q=${"a".repeat(MAX_QUERY_LENGTH + 1)}`)).text();
    expect(long).toContain(`keep it to ${MAX_QUERY_LENGTH} characters`);
    expect(long).toContain(`maxlength="${MAX_QUERY_LENGTH}"`);
    const none = await (await get("/search?q=GPT-5x")).text();
    expect(none).toContain("No line matches “GPT-5x”.");
    const form = await (await get("/search")).text();
    expect(form).toContain('<form class="search" role="search"');
    expect(form).not.toContain('role="status"');
  });
});

describe("headers, caching and errors", () => {
  it("sends a strict Content-Security-Policy that allows exactly the inline stylesheet", async () => {
    const response = await get("/");
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(
      /^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'$/,
    );
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    const page = await response.text();
    const style = /<style>([\s\S]*?)<\/style>/.exec(page)?.[1] ?? "";
    const { createHash } = await import("node:crypto");
    expect(csp).toContain(`'sha256-${createHash("sha256").update(style).digest("base64")}'`);
    expect(page).not.toMatch(/<script|style="/);
  });

  it("answers 304 to a reader who has the page, and a new ETag when the content changes", async () => {
    const first = await get(`/interviews/${SEED_ID}`);
    const etag = first.headers.get("etag") ?? "";
    expect(etag).toContain(store.current.library.version);
    expect(first.headers.get("cache-control")).toBe("public, no-cache");
    expect(first.headers.get("vary")).toBe("Accept-Language");
    const again = await get(`/interviews/${SEED_ID}`, { "if-none-match": etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    // Another language is another page.
    expect((await get(`/interviews/${SEED_ID}`, { "accept-language": "zh-CN" })).headers.get("etag")).not.toBe(etag);

    const file = path.join(dir, `${SEED_ID}.md`);
    const text = await readFile(file, "utf8");
    await writeFile(file, text.replace("title: sam Altman五月访谈回顾", "title: 改过的标题"));
    try {
      expect((await store.reload()).ok).toBe(true);
      const changed = await get(`/interviews/${SEED_ID}`, { "if-none-match": etag });
      expect(changed.status).toBe(200);
      expect(changed.headers.get("etag")).not.toBe(etag);
      expect(await changed.text()).toContain("改过的标题");
    } finally {
      await writeFile(file, text);
      await store.reload();
    }
  });

  it("answers an unknown address with a friendly 404 page that leads back", async () => {
    for (const address of ["/nope", "/interviews/no-such-interview", "/interviews/%E0%A4%A", "/interviews/x/y"]) {
      const response = await get(address);
      expect(response.status, address).toBe(404);
      const page = await response.text();
      expect(page).toContain("<h1>Page not found</h1>");
      expect(page).toMatch(/<a href="(\.\.\/)*(\.\/)?">See all interviews<\/a>/);
    }
    const head = await fetch(`${base}/`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
    expect((await fetch(`${base}/`, { method: "POST" })).status).toBe(404);
  });
});

describe("languages", () => {
  it("picks the chrome from Accept-Language", () => {
    expect(pageLocale(undefined)).toBe("en");
    expect(pageLocale("fr-FR,zh-HK;q=0.8")).toBe("zh-TW");
    expect(pageLocale("en;q=0.5,zh-CN;q=0.9")).toBe("zh-CN");
    expect(pageLocale("zh-Hant-TW")).toBe("zh-TW");
    expect(pageLocale("zh;q=0,de")).toBe("en");
  });

  it("tells simplified from traditional Chinese and English", () => {
    expect(textLanguage("董事会解雇了他")).toBe("zh-Hans");
    expect(textLanguage("董事會解僱了他")).toBe("zh-Hant");
    expect(textLanguage("The fog horn ran")).toBe("en");
  });
});
