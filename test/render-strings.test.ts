/** Reply chrome in three languages: which Discord locales get which, and that every table is complete. */
import { describe, expect, it } from "vitest";
import { localeOf, STRING_KEYS, t, type Locale } from "../src/render/strings.js";

/** The names a text's placeholders fill: `{count}`, or `{count:# view|# views}` (English chooses by the number). */
const placeholders = (text: string): string[] =>
  [...text.matchAll(/\{(\w+)(?::[^{}]*)?\}/g)].map((match) => match[1] ?? "").sort();

describe("localeOf", () => {
  it("gives traditional Chinese to Taiwan and Hong Kong, simplified to other Chinese, English to the rest", () => {
    expect(localeOf("zh-TW")).toBe("zh-TW");
    expect(localeOf("zh-HK")).toBe("zh-TW");
    expect(localeOf("zh-CN")).toBe("zh-CN");
    expect(localeOf("zh")).toBe("zh-CN");
    expect(localeOf("en-US")).toBe("en");
    expect(localeOf("fr")).toBe("en");
    expect(localeOf("hu")).toBe("en");
    expect(localeOf(undefined)).toBe("en");
  });
});

describe("the string tables", () => {
  it("give every key a text in every language, with the same placeholders as English", () => {
    expect(STRING_KEYS.length).toBeGreaterThan(50);
    for (const locale of ["zh-CN", "zh-TW"] as const satisfies readonly Locale[]) {
      for (const key of STRING_KEYS) {
        const english = t("en", key);
        const translated = t(locale, key);
        expect(translated.trim(), `${locale} ${key}`).not.toBe("");
        expect(placeholders(translated), `${locale} ${key}`).toEqual(placeholders(english));
        // Translated, not copied: only a text that is nothing but placeholders may read the same.
        if (english.replace(/\{\w+(?::[^{}]*)?\}/g, "").trim() !== "")
          expect(translated, `${locale} ${key}`).not.toBe(english);
      }
    }
  });

  it("write simplified and traditional Chinese apart where the two differ", () => {
    expect(t("zh-CN", "summary.explanation")).toBe("额外解释");
    expect(t("zh-TW", "summary.explanation")).toBe("額外解釋");
    const differing = STRING_KEYS.filter((key) => t("zh-CN", key) !== t("zh-TW", key));
    expect(differing.length).toBeGreaterThan(STRING_KEYS.length / 2);
  });

  it("fills placeholders, and leaves one that has no value as written", () => {
    expect(t("en", "quote.lineInfo", { line: 3, question: 2 })).toBe("Line 3 · Question 2");
    expect(t("en", "quote.lineInfo", { line: 3 })).toBe("Line 3 · Question {question}");
    expect(t("zh-CN", "summary.question", { number: 4 })).toBe("问题 4");
  });

  it("writes English counts in the singular for one and the plural otherwise; Chinese has one form", () => {
    expect(t("en", "stats.views", { count: 1 })).toBe("1 view");
    expect(t("en", "stats.views", { count: 0 })).toBe("0 views");
    expect(t("en", "stats.views", { count: 12 })).toBe("12 views");
    expect(t("en", "stats.title", { days: 1 })).toBe("Usage in the last day");
    expect(t("en", "stats.title", { days: 30 })).toBe("Usage in the last 30 days");
    expect(t("en", "web.interviewInfo", { questions: 1, lines: 2 })).toBe("1 question · 2 lines");
    expect(t("zh-CN", "web.interviewInfo", { questions: 1, lines: 2 })).toBe("1 个问题 · 2 段");
    expect(t("en", "stats.views")).toBe("{count:# view|# views}");
  });
});
