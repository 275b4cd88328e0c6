/** Reply chrome in three languages: which Discord locales get which, and that every table is complete. */
import { describe, expect, it } from "vitest";
import { localeOf, STRING_KEYS, t, type Locale } from "../src/render/strings.js";

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? "").sort();

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
        if (english.replace(/\{\w+\}/g, "").trim() !== "") expect(translated, `${locale} ${key}`).not.toBe(english);
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
});
