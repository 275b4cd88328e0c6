/**
 * Bilingual look-ups over CC-CEDICT: English word or phrase → Chinese words, Chinese word → English glosses, and
 * Chinese synonyms (from the Pangu synonym list and from CC-CEDICT entries that share their meanings).
 *
 * Over 300 lines because the three look-ups share one scorer over CC-CEDICT's packed arrays (keys, postings,
 * gloss tokens, reused score buffers); split apart, that private layout would have to become public.
 */
import { GLOSS_MARKED, GLOSS_VERBAL, cedictData, cedictGlosses, wordLists, type CedictData } from "./data.js";
import { englishWords, looksVerbal, queryWordKeys } from "./english.js";

export interface LookupOptions {
  /** At most this many results (default 12). */
  readonly limit?: number;
  /**
   * Whether a Chinese word occurs in the content being searched. Words that do come first (in relevance order),
   * and only then can a phrase's word-by-word compounds be offered (股票 + 期权 → 股票期权): they are not
   * dictionary entries, so they are only worth trying where the content has them.
   */
  readonly occurs?: (word: string) => boolean;
  /** English → Chinese: only words with a gloss that holds the term whole or as a run; no word-by-word guesses. */
  readonly directOnly?: boolean;
  /**
   * English → Chinese: single characters too, beside longer words (people → 人 beside 人们). Left out otherwise:
   * alone they match inside other words. A count before one fixes its reading (六个人).
   */
  readonly characters?: boolean;
}

const DEFAULT_LIMIT = 12;

// ---------------------------------------------------------------------------------------------------------------
// Index access (all binary searches over the sorted, concatenated strings of data.ts).

function keyAt(d: CedictData, i: number): string {
  return d.keys.slice(d.keyOff[i], d.keyOff[i + 1]);
}

/** The id of a word key, or -1. */
function keyId(d: CedictData, key: string): number {
  let lo = 0;
  let hi = d.keyOff.length - 2;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const k = keyAt(d, mid);
    if (k === key) return mid;
    if (k < key) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

function headAt(d: CedictData, e: number): string {
  return d.heads.slice(d.headOff[e], d.headOff[e + 1]);
}

/** The entry of a simplified headword, or -1. */
export function entryOf(word: string): number {
  const d = cedictData();
  let lo = 0;
  let hi = d.headOff.length - 2;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const h = headAt(d, mid);
    if (h === word) return mid;
    if (h < word) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** The entry a gloss belongs to: the last e with entryGloss[e] ≤ g. */
function entryOfGloss(d: CedictData, g: number): number {
  let lo = 0;
  let hi = d.entryGloss.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (d.entryGloss[mid]! <= g) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function postings(d: CedictData, id: number): Uint32Array {
  return d.post.subarray(d.postOff[id], d.postOff[id + 1]);
}

function glossTokens(d: CedictData, g: number): Uint16Array | Uint32Array {
  return d.glossTok.subarray(d.glossTokOff[g], d.glossTokOff[g + 1]);
}

/** Glosses in every one of the lists (each ascending). */
function intersect(lists: Uint32Array[]): Uint32Array | number[] {
  const sorted = [...lists].sort((a, b) => a.length - b.length);
  let result: Uint32Array | number[] = sorted[0] ?? [];
  for (const other of sorted.slice(1)) {
    const next: number[] = [];
    let j = 0;
    for (const g of result) {
      while (j < other.length && other[j]! < g) j++;
      if (j < other.length && other[j] === g) next.push(g);
    }
    result = next;
  }
  return result;
}

// ---------------------------------------------------------------------------------------------------------------
// English → Chinese.

/**
 * Best score per entry for one look-up, in a scratch array reused by every call (one slot per entry, NaN when
 * unscored) plus the list of entries touched: no allocation per gloss, whatever the number of matches.
 */
class EntryScores {
  private readonly value: Float32Array;
  readonly touched: number[] = [];

  constructor(entries: number) {
    this.value = new Float32Array(entries).fill(Number.NaN);
  }

  get(e: number): number {
    const v = this.value[e]!;
    return Number.isNaN(v) ? -Infinity : v;
  }

  /** Keeps `score` if it beats the entry's current one. */
  offer(e: number, score: number): void {
    const v = this.value[e]!;
    if (Number.isNaN(v)) {
      this.touched.push(e);
      this.value[e] = score;
    } else if (score > v) {
      this.value[e] = score;
    }
  }

  clear(): void {
    for (const e of this.touched) this.value[e] = Number.NaN;
    this.touched.length = 0;
  }
}

let scratch: { main: EntryScores; part: EntryScores } | undefined;

function scoreBuffers(d: CedictData): { main: EntryScores; part: EntryScores } {
  const entries = d.headOff.length - 1;
  return (scratch ??= { main: new EntryScores(entries), part: new EntryScores(entries) });
}

/**
 * How well a gloss (word-key ids) matches a query (word-key ids, -1 for a word the dictionary never uses):
 * the whole gloss 100; the same words in another order 90 ("hold shares" for share + holding); the query as a
 * run inside it 70 (+5 at its start); all its content words anywhere 45; each extra gloss word costs 5.
 * 0 when the gloss lacks a content word.
 */
function glossScore(
  tok: Uint16Array | Uint32Array,
  from: number,
  to: number,
  query: readonly number[],
  content: readonly number[],
): number {
  const length = to - from;
  const extra = Math.max(0, length - query.length);
  let equal = length === query.length;
  for (let i = 0; equal && i < length; i++) equal = tok[from + i] === query[i];
  if (equal) return 100;
  for (let start = from; start + query.length <= to; start++) {
    let i = 0;
    while (i < query.length && tok[start + i] === query[i]) i++;
    if (i === query.length) return 70 - 5 * extra + (start === from ? 5 : 0);
  }
  for (const c of content) {
    let found = false;
    for (let i = from; i < to && !found; i++) found = tok[i] === c;
    if (!found) return 0;
  }
  return length === content.length ? 90 : 45 - 5 * extra;
}

/**
 * Entry scores for one query: each gloss's score, less 2 per earlier sense of its entry (the first sense is the
 * main one), less 15 for an old, literary or regional sense, plus 8 for a verb sense when the query is a verb
 * form, plus up to ~12 for how common the headword is. An entry keeps its best gloss. A noun inside a compound
 * skips verb senses: "share" in "shareholding" is 股份 "a share", not 分享 "to share".
 */
function scoreQuery(d: CedictData, query: ParsedQuery, into: EntryScores, weight = 1): void {
  const { ids, content, verbal } = query;
  if (content.length === 0 || content.some((c) => c < 0)) return;
  for (const g of intersect(content.map((c) => postings(d, c)))) {
    let s = glossScore(d.glossTok, d.glossTokOff[g]!, d.glossTokOff[g + 1]!, ids, content);
    if (s <= 0) continue;
    const e = entryOfGloss(d, g);
    const flags = d.glossFlags[g]!;
    if (query.nominal && flags & GLOSS_VERBAL) continue;
    s -= 2 * Math.min(8, g - d.entryGloss[e]!);
    if (flags & GLOSS_MARKED) s -= 15;
    if (verbal && flags & GLOSS_VERBAL) s += 8;
    const score = weight * s + d.freq[e]! / 16;
    into.offer(e, score);
  }
}

interface ParsedQuery {
  /** Key ids of the words, in order (-1 for a word no gloss uses). */
  readonly ids: readonly number[];
  /** Ids of the words that are not function words ("of", "the"), or of all words if every one is. */
  readonly content: readonly number[];
  /** A single verb form ("dismissed", "sold"): verb senses first. */
  readonly verbal: boolean;
  /** A noun inside a compound ("share" in "shareholding", not "holding"): no verb senses. */
  readonly nominal?: boolean;
}

/** Whether a key is used by some gloss, and indexed (a content word). */
function indexedKey(d: CedictData, key: string): boolean {
  const id = keyId(d, key);
  return id >= 0 && d.postOff[id + 1]! > d.postOff[id]!;
}

/** Whether a simplified Chinese word is a CC-CEDICT headword. */
export function isDictionaryWord(word: string): boolean {
  return entryOf(word) >= 0;
}

/**
 * Whether an English word (lower case) is a word the dictionary's glosses use, as written or by a base form
 * ("tomatoes" → tomato, "painting"), or two such words written as one (landmine: the glosses say "land mine"): a
 * real word, which a search should take as meant rather than as a typo (landmine is not "landing").
 */
export function isEnglishWord(word: string): boolean {
  const d = cedictData();
  const { irregular } = wordLists();
  return (
    queryWordKeys(word, irregular, (k) => keyId(d, k) >= 0).length > 0 ||
    splitCompound(d, word, 2 * MIN_COMPOUND_PART) !== undefined
  );
}

/**
 * The readings of English words as key ids: one per combination of each word's possible base forms ("left" →
 * left or leave), at most 8. With `allBases`, every known base of each word (split parts: "holding" → hold too).
 */
function parseEnglish(d: CedictData, words: readonly string[], allBases = false): ParsedQuery[] {
  const { functionEn, irregular, irregularVerbs } = wordLists();
  const known = (k: string): boolean => keyId(d, k) >= 0;
  const options = words.map((w) => {
    const keys = queryWordKeys(w, irregular, known, allBases);
    return keys.length > 0 ? keys.map((k) => keyId(d, k)) : [-1];
  });
  const contentIdx = words.map((w, i) => (functionEn.has(w) ? -1 : i)).filter((i) => i >= 0);
  const contentAt = contentIdx.length > 0 ? contentIdx : words.map((_w, i) => i);
  const verbal = words.length === 1 && looksVerbal(words[0]!, irregularVerbs);
  let combos: number[][] = [[]];
  for (const ids of options) combos = combos.flatMap((c) => ids.map((id) => [...c, id])).slice(0, 8);
  return combos.map((ids) => ({ ids, content: contentAt.map((i) => ids[i]!), verbal }));
}

function scoreReadings(d: CedictData, readings: readonly ParsedQuery[], into: EntryScores, weight = 1): void {
  for (const reading of readings) scoreQuery(d, reading, into, weight);
}

/** The shortest part of an English compound split in two (share + holding; land + mine). */
const MIN_COMPOUND_PART = 4;

/**
 * Splits a word the glosses do not use, of at least `shortest` letters, into two content words they do, each of at
 * least MIN_COMPOUND_PART letters: "shareholding" → share + holding. Undefined when the word is known or there is no
 * such split.
 */
function splitCompound(
  d: CedictData,
  word: string,
  shortest = 2 * MIN_COMPOUND_PART + 1,
): [string, string] | undefined {
  if (word.length < shortest || keyId(d, word) >= 0) return undefined;
  const { irregular, functionEn } = wordLists();
  const indexed = (w: string): boolean =>
    !functionEn.has(w) && queryWordKeys(w, irregular, (k) => indexedKey(d, k), true).length > 0;
  for (let cut = MIN_COMPOUND_PART; cut + MIN_COMPOUND_PART <= word.length; cut++) {
    const left = word.slice(0, cut);
    const right = word.slice(cut);
    if (indexed(left) && indexed(right)) return [left, right];
  }
  return undefined;
}

/** The score from which a match is direct (the phrase matched a gloss whole, in order, or as a run in it). */
const DIRECT = 55;

/** A word used by more glosses than this is not translated on its own inside a phrase. */
const GENERIC = 800;

/** How many of a phrase's part's best entries are looked through for the three that make its compounds. */
const PART_CANDIDATES = 16;

/** How many of the best-scored entries are ranked and returned at most ("person" alone matches 900 glosses). */
const CANDIDATES = 64;

/** The best `keep` entries, best first (ties: the more common headword, then dictionary order). */
function ranked(d: CedictData, scores: EntryScores, keep = CANDIDATES): number[] {
  let top = scores.touched;
  if (top.length > keep) {
    const values = new Float32Array(top.length);
    for (let i = 0; i < top.length; i++) values[i] = scores.get(top[i]!);
    values.sort();
    const cut = values[values.length - keep]!;
    top = top.filter((e) => scores.get(e) >= cut);
  } else {
    top = [...top];
  }
  return top.sort((a, b) => scores.get(b) - scores.get(a) || d.freq[b]! - d.freq[a]! || a - b).slice(0, keep);
}

/**
 * The results, tier by tier (better matches first), and within each tier the words that occur in the content
 * first: an occurring word jumps over better-ranked words of its tier, never over a better tier.
 */
function preferOccurring(tiers: readonly (readonly string[])[], options: LookupOptions | undefined): string[] {
  const limit = options?.limit ?? DEFAULT_LIMIT;
  const occurs = options?.occurs;
  const out: string[] = [];
  for (const words of tiers) {
    if (occurs === undefined) {
      out.push(...words);
      continue;
    }
    const no: string[] = [];
    for (const w of words) (occurs(w) ? out : no).push(w);
    out.push(...no);
  }
  return out.slice(0, limit);
}

/**
 * Chinese words for an English word or phrase, most relevant first: "dismissed" → 解雇, 辞退 …; "investors" →
 * 投资者, 投资人 …; "board of directors" → 董事会 …. Words are reduced to their base forms on both sides
 * (english.ts). A phrase the dictionary has no gloss for falls back to its words one by one (and, with `occurs`, to their
 * compounds); a compound word it lacks is split ("shareholding" → share + holding → 持股).
 */
export function translateEnglish(term: string, options?: LookupOptions): readonly string[] {
  const d = cedictData();
  const words = englishWords(term);
  if (words.length === 0) return [];
  const readings = parseEnglish(d, words);
  const { main: scores, part: own } = scoreBuffers(d);
  scores.clear();
  scoreReadings(d, readings, scores);
  const phraseFound = scores.touched.some((e) => scores.get(e) >= DIRECT);

  // Word by word: "stock options" → stock → 股票 …, option → 期权 …; a long compound → its two parts, together
  // first (share + holding → 持股 "to hold shares"), then each alone.
  const split = words.length === 1 ? splitCompound(d, words[0]!) : undefined;
  const contentWords = words.filter((w) => !wordLists().functionEn.has(w));
  const parts = split ?? (contentWords.length >= 2 ? contentWords : []);
  if (split) scoreReadings(d, parseEnglish(d, split, true), scores, 0.8);
  // Tier 1: the phrase (or the split compound) matched a gloss whole, in order or as a run in a longer gloss.
  const direct = new Set(scores.touched.filter((e) => scores.get(e) >= DIRECT));
  const partsLists: number[][] = [];
  for (const part of parts) {
    own.clear();
    // A compound's part is a noun (share, deal), unless it is a verb's -ing form (raising, holding).
    const nominal = split !== undefined && !part.endsWith("ing");
    const readings = parseEnglish(d, [part], split !== undefined).map((r) => ({ ...r, nominal }));
    // A word in more than GENERIC glosses ("one", "make", "person") says nothing on its own.
    if (readings.every((r) => r.content.every((c) => c < 0 || d.postOff[c + 1]! - d.postOff[c]! > GENERIC))) continue;
    scoreReadings(d, readings, own);
    for (const e of own.touched) scores.offer(e, own.get(e) * 0.5);
    // Each part's best words for compounds, those the content holds first (board → 董事会 before 木板 "plank").
    const partWords = ranked(d, own, PART_CANDIDATES).filter((e) => d.headOff[e + 1]! - d.headOff[e]! > 1);
    const occurs = options?.occurs;
    if (occurs !== undefined) partWords.sort((a, b) => Number(occurs(headAt(d, b))) - Number(occurs(headAt(d, a))));
    partsLists.push(partWords.slice(0, 3));
  }
  // Single characters only when nothing longer was found: as search terms they match inside every longer word.
  const order = ranked(d, scores, Math.max(CANDIDATES, 4 * (options?.limit ?? DEFAULT_LIMIT)));
  const longer = order.filter((e) => d.headOff[e + 1]! - d.headOff[e]! > 1);
  const kept = longer.length > 0 && options?.characters !== true ? longer : order;
  const strong = kept.filter((e) => direct.has(e)).map((e) => headAt(d, e));
  const weak = kept.filter((e) => !direct.has(e)).map((e) => headAt(d, e));
  // A phrase may be in the content as its words' compound (股票 + 期权 → 股票期权): a loose match where the dictionary
  // lacks the phrase, and the closest of all where it has it (board members → 董事会成员, beside 董事 "board member").
  if (options?.occurs !== undefined && split === undefined && partsLists.length >= 2 && partsLists.length <= 3) {
    const compounds = partsLists.reduce<string[]>(
      (acc, list) => acc.flatMap((a) => list.map((e) => a + headAt(d, e))),
      [""],
    );
    const held = compounds.filter((c) => options.occurs!(c));
    const tier = phraseFound ? strong : weak;
    tier.unshift(...held.filter((c) => !tier.includes(c)));
  }
  return preferOccurring(options?.directOnly === true ? [strong] : [strong, weak], options);
}

/**
 * The digits of an English number word, as CC-CEDICT's numerals give them: seven → 7 (七 "seven; 7"), seventy →
 * 70. Chinese text often writes numbers in digits (7万亿美元). Undefined for any other word.
 */
export function digitsOf(word: string): string | undefined {
  const d = cedictData();
  const id = keyId(d, word.trim().toLowerCase());
  if (id < 0) return undefined;
  for (const g of postings(d, id)) {
    if (d.glossTokOff[g + 1]! - d.glossTokOff[g]! !== 1) continue;
    const e = entryOfGloss(d, g);
    for (let other = d.entryGloss[e]!; other < d.entryGloss[e + 1]!; other++) {
      const tokens = glossTokens(d, other);
      if (tokens.length === 1 && /^\d+$/.test(keyAt(d, tokens[0]!))) return keyAt(d, tokens[0]!);
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Chinese → English, and Chinese synonyms.

/** English glosses of a (simplified) Chinese word, main sense first: 解雇 → fire, sack, dismiss, terminate employment. */
export function translateChinese(word: string, options?: Pick<LookupOptions, "limit">): readonly string[] {
  const e = entryOf(word.trim());
  if (e < 0) return [];
  const d = cedictData();
  const glosses = cedictGlosses();
  const out: string[] = [];
  for (let g = d.entryGloss[e]!; g < d.entryGloss[e + 1]!; g++) {
    const text = glosses.gloss(g);
    if (!out.includes(text)) out.push(text);
  }
  return out.slice(0, options?.limit ?? DEFAULT_LIMIT);
}

/**
 * The senses of a (simplified) Chinese word as the dictionary indexes them, main sense first: each sense's words,
 * in base form (解雇 → [fire], [sack], [dismiss], [terminate, employment]). Reads only the index, not the gloss
 * text, so the bot need not load that.
 */
export function sensesOf(word: string, options?: Pick<LookupOptions, "limit">): readonly (readonly string[])[] {
  const e = entryOf(word.trim());
  if (e < 0) return [];
  const d = cedictData();
  const out: string[][] = [];
  for (let g = d.entryGloss[e]!; g < d.entryGloss[e + 1]! && out.length < (options?.limit ?? DEFAULT_LIMIT); g++) {
    const words: string[] = [];
    for (let t = d.glossTokOff[g]!; t < d.glossTokOff[g + 1]!; t++) words.push(keyAt(d, d.glossTok[t]!));
    if (words.length > 0 && !out.some((sense) => sense.join(" ") === words.join(" "))) out.push(words);
  }
  return out;
}

/** jieba's frequency score (see data.ts) above which a character is a common word on its own (有 187, 天 151; 约 147, 格 120 write names). */
const COMMON_WORD_FREQUENCY = 150;

/** Entries naming a person: "(name)", "surname", a transliteration, or a foreign name written with "·". */
const NAME_KEYS = ["name", "surname", "transliteration"];

let nameCharacters: ReadonlySet<string> | undefined;

/**
 * The characters Chinese uses to write foreign names by sound (格 雷 特 朗 普 约 翰 尼 艾 维 …): those of at least
 * two dictionary entries that name a person. A run of them in a text is likely a transliterated name (格雷格 "Greg").
 */
export function transliterationCharacters(): ReadonlySet<string> {
  return (nameCharacters ??= (() => {
    const d = cedictData();
    const entries = new Set<number>();
    for (const key of NAME_KEYS) {
      const id = keyId(d, key);
      if (id >= 0) for (const g of postings(d, id)) entries.add(entryOfGloss(d, g));
    }
    for (let e = 0; e < d.headOff.length - 1; e++) if (headAt(d, e).includes("·")) entries.add(e);
    const seen = new Map<string, number>();
    for (const e of entries) {
      const head = headAt(d, e);
      if ([...head].length < 2) continue;
      for (const char of new Set(head)) if (/\p{Script=Han}/u.test(char)) seen.set(char, (seen.get(char) ?? 0) + 1);
    }
    // 一, 有, 人 and 知 write names too, but are words of their own far more often.
    const commonAlone = (char: string): boolean => (d.freq[entryOf(char)] ?? 0) > COMMON_WORD_FREQUENCY;
    return new Set(
      [...seen].filter(([char, entriesWithIt]) => entriesWithIt >= 2 && !commonAlone(char)).map(([char]) => char),
    );
  })());
}

let pangu: Map<string, string[]> | undefined;

function panguSynonyms(): Map<string, string[]> {
  if (pangu) return pangu;
  pangu = new Map();
  for (const line of wordLists().synonymPairs.split("\n")) {
    const [a, b] = line.split(",");
    if (!a || !b) continue;
    for (const [x, y] of [
      [a, b],
      [b, a],
    ] as const) {
      const list = pangu.get(x);
      if (list) list.push(y);
      else pangu.set(x, [y]);
    }
  }
  return pangu;
}

/**
 * Chinese words that mean the same: the Pangu synonym list first (辞退 → 解雇), then CC-CEDICT entries that share
 * senses with this one (a sense is one gloss, verb and noun senses apart: "to share" is not "a share") — a third
 * or more of their senses together (辞退 and 解雇 share "to dismiss" and "to fire" of 5), or every sense of one of
 * them when those senses are specific (投资者 and 投资人 are both only "investor", a gloss 4 entries at most share).
 * Only words jieba knows and of more than one character: no archaic characters, no single-character search terms.
 */
export function synonymsOf(word: string, options?: LookupOptions): readonly string[] {
  const w = word.trim();
  const out: string[] = [...(panguSynonyms().get(w) ?? [])];
  const e = entryOf(w);
  if (e >= 0) {
    const d = cedictData();
    const glossCount = (x: number): number => d.entryGloss[x + 1]! - d.entryGloss[x]!;
    const shared = new Map<number, { count: number; specific: number }>();
    for (let g = d.entryGloss[e]!; g < d.entryGloss[e + 1]!; g++) {
      const tokens = glossTokens(d, g);
      const from = d.glossTokOff[g]!;
      const verbal = d.glossFlags[g]! & GLOSS_VERBAL;
      // Candidates: the glosses holding the gloss's rarest indexed word.
      let best: Uint32Array | undefined;
      for (const t of tokens) {
        const p = postings(d, t);
        if (p.length > 0 && (best === undefined || p.length < best.length)) best = p;
      }
      const same = new Set<number>();
      for (const h of best ?? []) {
        const start = d.glossTokOff[h]!;
        if ((d.glossFlags[h]! & GLOSS_VERBAL) !== verbal || d.glossTokOff[h + 1]! - start !== tokens.length) continue;
        let equal = true;
        for (let i = 0; equal && i < tokens.length; i++) equal = d.glossTok[start + i] === d.glossTok[from + i];
        if (!equal) continue;
        const o = entryOfGloss(d, h);
        if (o !== e) same.add(o);
      }
      for (const o of same) {
        const s = shared.get(o) ?? { count: 0, specific: 0 };
        s.count += 1;
        if (same.size + 1 <= 4) s.specific += 1;
        shared.set(o, s);
      }
    }
    const own = glossCount(e);
    const close = [...shared]
      .map(([o, s]) => ({ o, s, jaccard: s.count / (own + glossCount(o) - s.count) }))
      .filter(({ o, s, jaccard }) => {
        const subset = (s.count === own || s.count === glossCount(o)) && s.specific === s.count;
        return (jaccard >= 1 / 3 || subset) && d.freq[o]! > 0 && d.headOff[o + 1]! - d.headOff[o]! > 1;
      })
      .sort((a, b) => b.jaccard - a.jaccard || d.freq[b.o]! - d.freq[a.o]! || a.o - b.o);
    for (const { o } of close) {
      const head = headAt(d, o);
      if (head !== w && !out.includes(head)) out.push(head);
    }
  }
  return preferOccurring([out], options);
}
