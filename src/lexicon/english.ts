/**
 * English word forms: splits English text into words and reduces each word to the base form the dictionary is
 * indexed by, WordNet-style (its lists of irregular forms, then its "morphy" suffix rules checked against a word
 * list), so that a query's "dismissed", "investors" or "sold" meet a gloss's "to dismiss", "investor" or "to sell".
 * The build reduces gloss words against WordNet's words; a query is reduced against the words the glosses use.
 */

/** Letters (with accents), digits, and apostrophes inside a word: `don't`, `OpenAI's` (hyphens split words). */
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

/** The words of `text`, lower-cased, in order, possessive 's dropped ("director-general" → director, general). */
export function englishWords(text: string): string[] {
  return (text.toLowerCase().match(WORD) ?? []).map((w) => w.replace(/['’]s$/, ""));
}

/** Irregular form → base form (`sold` → `sell`, `men` → `man`), from WordNet's exception lists. */
export type IrregularForms = ReadonlyMap<string, string>;

/**
 * WordNet's detachment rules (morphy) for nouns, verbs and adjectives, in that order, plus undoubling of a final
 * consonant before -ed/-ing ("planned" → plan): each gives a candidate base form.
 */
const DETACH: readonly (readonly [string, string])[] = [
  ["s", ""],
  ["ses", "s"],
  ["xes", "x"],
  ["zes", "z"],
  ["ches", "ch"],
  ["shes", "sh"],
  ["men", "man"],
  ["ies", "y"],
  ["es", "e"],
  ["es", ""],
  ["ed", "e"],
  ["ed", ""],
  ["ing", "e"],
  ["ing", ""],
  ["er", ""],
  ["est", ""],
  ["er", "e"],
  ["est", "e"],
];

/** The rules that undo an adjective's comparative or superlative (later → late, finest → fine). */
const COMPARATIVE = new Set(["er", "est"]);

/**
 * Candidate base forms of a word by suffix rules, most likely first (the word itself not included). Without
 * `comparatives`, no -er/-est rule: a word known as it stands (maker, holder) is a noun, not "more make".
 */
export function baseCandidates(word: string, comparatives = true): string[] {
  const out: string[] = [];
  for (const [suffix, replacement] of DETACH) {
    if (!comparatives && COMPARATIVE.has(suffix)) continue;
    if (word.length > suffix.length + 1 && word.endsWith(suffix)) {
      const base = word.slice(0, -suffix.length) + replacement;
      if (!out.includes(base)) out.push(base);
      if (replacement === "" && (suffix === "ed" || suffix === "ing") && /([b-df-hj-np-tv-z])\1$/.test(base))
        out.push(base.slice(0, -1));
    }
  }
  return out;
}

/**
 * The index key of one lower-case gloss word (build side): the word itself when WordNet has it as a base form
 * ("stocking", "holding", "found" stay), else its irregular base, else the first rule-made candidate WordNet has
 * ("investors" → investor, "dismissed" → dismiss), else the word unchanged (names, acronyms).
 */
export function glossWordKey(word: string, irregular: IrregularForms, isBase: (w: string) => boolean): string {
  if (isBase(word)) return word;
  const base = irregular.get(word);
  if (base !== undefined && isBase(base)) return base;
  return baseCandidates(word).find(isBase) ?? word;
}

/**
 * The keys a query word may mean (query side; `known` tells a key the glosses use): its irregular base ("sold" →
 * sell), the word itself if known ("dismissed": "to be dismissed"), and its first rule-made base that is known
 * ("dismissed" → dismiss; "maker", known as it is, is not read as the comparative of "make"); with `allBases`, every
 * known rule-made base ("holding" → holding, hold). Empty when none is known.
 */
export function queryWordKeys(
  word: string,
  irregular: IrregularForms,
  known: (w: string) => boolean,
  allBases = false,
): string[] {
  const keys: string[] = [];
  const base = irregular.get(word);
  if (base !== undefined && known(base)) keys.push(base);
  const knownAsIs = known(word);
  if (knownAsIs) keys.push(word);
  for (const candidate of baseCandidates(word, !knownAsIs)) {
    if (known(candidate)) {
      if (!keys.includes(candidate)) keys.push(candidate);
      if (!allBases) break;
    }
  }
  return keys;
}

// Words that carry no meaning at the edges of a gloss ("to dismiss", "a share", "to fire sb").
const LEADING = new Set(["to", "a", "an", "the"]);
const PLACEHOLDERS = new Set(["sb", "sth", "sb's", "sth's", "one's", "oneself", "someone", "something"]);

/** One CC-CEDICT gloss reduced for matching: the readable text and its words. */
export interface CleanGloss {
  /** Lower-case, without parentheses, leading "to/a/the" or placeholders: "to fire (an employee)" → "fire". */
  readonly text: string;
  readonly words: readonly string[];
  /** A verb sense: the gloss read "to …". */
  readonly verbal: boolean;
  /** A sense labelled old, archaic, literary, classical, dialect, Cantonese or Taiwan usage. */
  readonly marked: boolean;
}

/** Any character outside Latin-1: glosses that hold one quote Chinese or IPA, not an English meaning. */
const BEYOND_LATIN1 = /[\u0100-\u{10ffff}]/u;

/**
 * A gloss's typography in Latin-1 (dashes, curly quotes), and without a parenthesis that quotes Chinese: "Asia
 * (abbr. for 亞細亞洲|亚细亚洲[…])" is still the meaning "Asia", and "Donald Trump (1946–)" is English.
 */
function latin1Gloss(gloss: string): string {
  return gloss
    .replace(/\([^()]*\)/g, (part) => (/\p{Script=Han}/u.test(part) ? " " : part))
    .replace(/[\u2010-\u2015\u2212]/g, "-")
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"');
}

const MARKED = /\((?:old|archaic|literary|classical|dialect|Cantonese|obsolete|Tw|Taiwan)\b[^)]*\)/;

/**
 * A gloss as the index sees it, or undefined for glosses that are cross-references rather than meanings
 * ("variant of …", "CL:…", "surname …", anything that quotes Chinese characters). An acronym in parentheses
 * becomes a gloss of its own: "chief executive officer (CEO)" also yields "ceo".
 */
export function cleanGloss(gloss: string): CleanGloss[] {
  const raw = latin1Gloss(gloss).trim().replace(LEADING_LABEL, "");
  if (raw === "" || CROSS_REFERENCE.test(raw) || BEYOND_LATIN1.test(raw)) return [];
  const out: CleanGloss[] = [];
  const marked = MARKED.test(raw);
  const withoutParens = raw.replace(/\(([^()]*)\)/g, (_all, inner: string) => {
    if (/^[A-Z][A-Z0-9&.]{1,9}$/.test(inner.trim())) out.push(make(inner.trim(), marked));
    return " ";
  });
  // A person: "Donald Trump (1946-), American businessman …" is the name, then who they are, as two senses.
  const person = LIFE_DATES.exec(raw);
  const senses = person === null ? [withoutParens] : [person[1]!, person[2]!];
  out.unshift(...senses.map((sense) => make(sense, marked)));
  return out.filter((g) => g.words.length > 0);
}

/** A name, its years in parentheses, a comma, a description. */
const LIFE_DATES = /^([^,()]+?)\s*\((?:c\.\s*)?\d{1,4}[^()]*\)\s*,\s*(.+)$/;

const CROSS_REFERENCE =
  /^(?:\(?(?:old |ancient |archaic |Japanese |Korean |erhua |euphemistic |dialect |Taiwan |Tw )?variant of|see |see also |used in |CL:|surname |abbr\. (?:for|of|to) |also (?:pr\.|written|called|rendered|translated)|(?:Taiwan |Mainland |Beijing )?pr\. |pronounced |same as |classifier for |\(bound form\)$)/i;
/** Labels that open a gloss without being part of its meaning: "fig. to educate", "lit. the sound of …". */
const LEADING_LABEL = /^(?:(?:lit|fig|coll|abbr|esp|usu|math|med|TCM|Tw)\.?\s+)+/i;

function make(text: string, marked: boolean): CleanGloss {
  const words = englishWords(text);
  const verbal = words[0] === "to";
  while (words.length > 0 && LEADING.has(words[0]!)) words.shift();
  const kept = words.filter((w) => !PLACEHOLDERS.has(w));
  return { text: kept.join(" "), words: kept, verbal, marked };
}

/**
 * Whether a query word is a verb form ("dismissed", "fired", "sold"): a regular past form, or an irregular form
 * listed as a verb. Such words prefer verb senses ("to fire" over "fire").
 */
export function looksVerbal(word: string, irregularVerbs: ReadonlySet<string>): boolean {
  return irregularVerbs.has(word) || (word.length > 4 && word.endsWith("ed"));
}
