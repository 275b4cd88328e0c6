/**
 * Languages on the pages: the page chrome follows the reader's browser (`Accept-Language`, as Discord's
 * locale picks the replies' language), and each piece of content is marked with the language it is
 * written in, so screen readers and fonts treat Chinese as Chinese and English as English.
 */
import type { Interview } from "../content/model.js";
import type { Locale } from "../render/strings.js";
import { simplifiedChinese } from "../search/normalize.js";

/** The chrome language for an `Accept-Language` header: the first of en, zh-CN and zh-TW the reader accepts. */
export function pageLocale(acceptLanguage: string | undefined): Locale {
  const ranked = (acceptLanguage ?? "")
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().toLowerCase().split(";");
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter(({ tag, q }) => tag !== "" && q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    if (/^zh-(tw|hk|mo|hant)\b/.test(tag)) return "zh-TW";
    if (tag === "zh" || tag.startsWith("zh-")) return "zh-CN";
    if (tag === "en" || tag.startsWith("en-")) return "en";
  }
  return "en";
}

/** The `lang` of a locale's chrome. */
export function htmlLang(locale: Locale): string {
  return locale === "zh-CN" ? "zh-Hans" : locale === "zh-TW" ? "zh-Hant" : "en";
}

const HAN = /\p{Script=Han}/gu;
/**
 * Above this share of its Chinese characters changed by conversion to simplified, a text is traditional: a
 * simplified text keeps (almost) all of them, a traditional one changes one in five or more.
 */
const TRADITIONAL_SHARE = 0.05;
/** Enough text to tell the language and script, without converting a whole transcript. */
const SAMPLE_LENGTH = 2000;

function differences(a: string, b: string): number {
  let count = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) count++;
  return count;
}

/** Chinese in simplified or traditional characters, else English (the content this bot is written for). */
export function textLanguage(text: string): "zh-Hans" | "zh-Hant" | "en" {
  const han = (text.match(HAN) ?? []).join("");
  if (han.length === 0) return "en";
  // Characters only traditional script writes change when converted to simplified. The search's own converter
  // is used: each opencc converter holds its dictionaries (about 20 MB of memory).
  const traditionalOnly = differences(han, simplifiedChinese(han));
  return traditionalOnly > han.length * TRADITIONAL_SHARE ? "zh-Hant" : "zh-Hans";
}

const languages = new WeakMap<Interview, ReturnType<typeof textLanguage>>();

/** The language an interview is written in, from its title, description and first lines (once per interview). */
export function contentLanguage(interview: Interview): ReturnType<typeof textLanguage> {
  let language = languages.get(interview);
  if (language === undefined) {
    const sample = [interview.title, interview.description, ...interview.lines.slice(0, 20).map((line) => line.text)]
      .join("\n")
      .slice(0, SAMPLE_LENGTH);
    language = textLanguage(sample);
    languages.set(interview, language);
  }
  return language;
}
