/**
 * The web pages in a real browser: Debian's Chromium, headless, driven by playwright-core (which downloads
 * no browser of its own), against the compiled bot's server. A reader opens the index, follows a question,
 * lands on a permalink, searches in simplified and traditional characters, in light and dark; axe-core
 * audits every page. Screenshots go to reports/screenshots/ (git-ignored).
 */
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBotOnFake, type E2eSetup } from "../../testkit/e2e-setup.js";
import { SEED_ID } from "../helpers.js";

// The page's globals, as far as the functions evaluated in the browser use them: this project's TypeScript
// has no DOM library (the bot never runs in a browser).
interface PageElement {
  readonly textContent: string | null;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): Iterable<PageElement> & { readonly length: number };
  getAttribute(name: string): string | null;
  getBoundingClientRect(): { readonly top: number; readonly bottom: number };
  readonly protocol?: string;
}
declare const document: PageElement & { readonly body: PageElement };
declare const window: { readonly __xss?: unknown; readonly axe: { run(): Promise<{ violations: AxeViolation[] }> } };
declare function getComputedStyle(element: unknown): {
  backgroundColor: string;
  color: string;
  borderLeftColor: string;
};
interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly nodes: readonly { readonly target: readonly string[] }[];
}

/** Debian's package puts it here; CI installs it (.ci/run). CHROMIUM_PATH points elsewhere. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const ROOT = path.resolve(import.meta.dirname, "../..");
const SCREENSHOTS = path.join(ROOT, "reports/screenshots");
const FIXTURES = [
  "test/fixtures/content/carrick-head-lighthouse-2024-03.md",
  "test/fixtures/web/hostile-markup-2024-06.md",
];
/** A phone's viewport: where members open links from Discord. */
const PHONE = { width: 390, height: 844 };

let e2e: E2eSetup;
let base: string;
let userDataDir: string;
let browser: BrowserContext;
let page: Page;

async function screenshot(name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: false });
}

/** Where an element is on screen and how it is painted. */
function lookOf(selector: string): Promise<{ top: number; bottom: number; background: string; border: string }> {
  return page.locator(selector).evaluate((element: PageElement) => {
    const rect = element.getBoundingClientRect();
    const style = getComputedStyle(element);
    return { top: rect.top, bottom: rect.bottom, background: style.backgroundColor, border: style.borderLeftColor };
  });
}

async function expectInView(selector: string): Promise<void> {
  const { top, bottom } = await lookOf(selector);
  expect(top, `${selector} is below the top of the screen`).toBeGreaterThanOrEqual(0);
  expect(top, `${selector} starts on screen`).toBeLessThan(PHONE.height);
  expect(bottom).toBeGreaterThan(top);
}

/** The hits of the search page shown: the line each links to, and its highlighted words. */
function hitsShown(): Promise<{ href: string; marked: string[] }[]> {
  return page.locator("ol.hits > li").evaluateAll((items: PageElement[]) =>
    items.map((item) => ({
      href: item.querySelector("a")?.getAttribute("href") ?? "",
      marked: [...item.querySelectorAll("mark")].map((mark) => mark.textContent ?? ""),
    })),
  );
}

async function search(query: string): Promise<void> {
  await page.goto(`${base}/search`);
  await page.getByLabel("Words to look for").fill(query);
  await Promise.all([page.waitForURL(/\/search\?q=/), page.getByRole("button", { name: "Search" }).click()]);
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `The browser tests need Chromium at ${CHROMIUM}, and it is not there. Install Debian's package: ` +
        "`apt-get install -y chromium` (as root; .ci/run does it in CI), or set CHROMIUM_PATH.",
    );
  const files: Record<string, string> = {};
  for (const fixture of FIXTURES) files[path.basename(fixture)] = await readFile(path.join(ROOT, fixture), "utf8");
  const started = await startBotOnFake({ files, env: { HTTP_PORT: "0" } });
  e2e = started;
  const listening = await started.bot.waitForLog(
    (line) => line.msg === "operations server listening (/healthz, /metrics)",
  );
  base = `http://127.0.0.1:${String(listening.port)}`;
  await mkdir(SCREENSHOTS, { recursive: true });
  userDataDir = await mkdtemp(path.join(tmpdir(), "verbatim-chromium-"));
  browser = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: PHONE,
    locale: "en-US",
    colorScheme: "light",
  });
  page = browser.pages()[0] ?? (await browser.newPage());
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (userDataDir) await rm(userDataDir, { recursive: true, force: true });
  await e2e?.stop();
});

describe("reading in a browser", () => {
  it("opens the index and follows an interview, then one of its questions", async () => {
    await page.goto(`${base}/`);
    await expect(page.locator("h1").textContent()).resolves.toBe("Interviews");
    await page.getByRole("link", { name: "sam Altman五月访谈回顾" }).click();
    await page.waitForURL(`${base}/interviews/${SEED_ID}`);
    await page
      .getByRole("navigation", { name: "Questions" })
      .getByRole("link", { name: /解雇与复职/ })
      .click();
    await page.waitForURL(`${base}/interviews/${SEED_ID}#question-3`);
    await expectInView("#question-3-title");
    const heading = await lookOf("#question-3-title");
    const other = await lookOf("#question-4-title");
    expect(heading.background, "the question followed is highlighted").not.toBe(other.background);
    await screenshot("question-light");
  });

  it("opens a permalink with its line in view and highlighted", async () => {
    // As from Discord: a fresh page load, not a jump within the page already open.
    await page.goto("about:blank");
    await page.goto(`${base}/interviews/${SEED_ID}#line-20`);
    await expectInView("#line-20");
    const linked = await lookOf("#line-20");
    const next = await lookOf("#line-21");
    expect(linked.background).not.toBe(next.background);
    expect(linked.border).not.toBe(next.border);
    await screenshot("permalink-light");
  });

  it("searches in simplified and traditional characters alike, and a hit leads to its line", async () => {
    await search("董事会");
    const simplified = await hitsShown();
    expect(simplified.length).toBeGreaterThan(3);
    expect(simplified[0]?.marked).toContain("董事会");
    await screenshot("search-light");
    await search("董事會");
    expect(await hitsShown()).toEqual(simplified);
    await page.locator("ol.hits > li a").first().click();
    const anchor = simplified[0]?.href.split("#")[1] ?? "";
    await page.waitForURL(new RegExp(`#${anchor}$`));
    await expectInView(`#${anchor}`);
  });

  it("follows the reader's theme: light and dark", async () => {
    const colors: Record<string, { background: string; color: string }> = {};
    for (const colorScheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme });
      await page.goto(`${base}/interviews/${SEED_ID}#line-5`);
      colors[colorScheme] = await page.evaluate(() => ({
        background: getComputedStyle(document.body).backgroundColor,
        color: getComputedStyle(document.body).color,
      }));
      await screenshot(`permalink-${colorScheme}`);
    }
    const lightness = (rgb: string): number =>
      (rgb.match(/\d+/g) ?? []).slice(0, 3).reduce((sum, channel) => sum + Number(channel), 0) / 3;
    expect(lightness(colors.light!.background)).toBeGreaterThan(200);
    expect(lightness(colors.light!.color)).toBeLessThan(80);
    expect(lightness(colors.dark!.background)).toBeLessThan(40);
    expect(lightness(colors.dark!.color)).toBeGreaterThan(180);
    await page.emulateMedia({ colorScheme: "light" });
  });

  it("shows hostile content as text and runs none of it", async () => {
    const dialogs: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(`${base}/interviews/hostile-markup-2024-06`);
    const found = await page.evaluate(() => ({
      xss: window.__xss,
      elements: document.querySelectorAll("main script, main img, main iframe, main b:not(.speaker), main i").length,
      javascriptLinks: [...document.querySelectorAll("a")].filter((a) => a.protocol === "javascript:").length,
      title: document.querySelector("h1")?.textContent,
    }));
    expect(found).toEqual({
      xss: undefined,
      elements: 0,
      javascriptLinks: 0,
      title: '<script>window.__xss = "title"</script> A "hostile" title \'"><img src=x onerror="window.__xss=1">',
    });
    expect(dialogs).toEqual([]);
    await screenshot("hostile-light");
  });
});

describe("accessibility (axe-core)", () => {
  const pages = [
    "/",
    `/interviews/${SEED_ID}#line-20`,
    "/interviews/carrick-head-lighthouse-2024-03",
    "/interviews/hostile-markup-2024-06",
    "/search?q=董事会",
    "/search?q=xyzzyq",
    "/no-such-page",
  ];

  it("finds no serious or critical violation on any page, in light or dark", async () => {
    const axeSource = await readFile(path.join(ROOT, "node_modules/axe-core/axe.min.js"), "utf8");
    const problems: string[] = [];
    for (const colorScheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme });
      for (const address of pages) {
        await page.goto(`${base}${address}`);
        // Evaluated through the DevTools protocol: the page's CSP (no script) does not apply to it.
        await page.evaluate(axeSource);
        const violations = await page.evaluate(async () => {
          const { violations } = await window.axe.run();
          return violations.map((v) => ({
            id: v.id,
            impact: v.impact,
            targets: v.nodes.map((n) => n.target.join(" ")),
          }));
        });
        for (const v of violations)
          if (v.impact === "serious" || v.impact === "critical")
            problems.push(`${colorScheme} ${address}: ${v.id} (${v.impact}) at ${v.targets.slice(0, 3).join(", ")}`);
      }
    }
    await page.emulateMedia({ colorScheme: "light" });
    expect(problems).toEqual([]);
  }, 120_000);
});
