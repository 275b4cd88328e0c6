/**
 * A message's text made into a search: what "Find in transcript" looks for when a member picks a message.
 * Mentions, links, code and emoji say nothing about what was said in an interview, so they go; a long
 * message keeps only its most telling words (the longest content words, in their order), so the query stays
 * short enough to ride in a button's id and the search weighs what matters.
 */
import { contentWords } from "../lexicon/index.js";

/** The longest query a message becomes: with the rest of a ◀ ▶ button's id it must fit 100 characters. */
export const MESSAGE_QUERY_LENGTH = 48;

const CODE_BLOCK = /```[\s\S]*?(?:```|$)/g;
const INLINE_CODE = /`[^`\n]*`/g;
/** `[text](https://…)`: the text stays, the address goes. */
const MARKDOWN_LINK = /\[([^\]\n]*)\]\(\s*<?https?:\/\/[^)\s]*>?\s*\)/gi;
const BARE_LINK = /<?\b(?:https?|ftp):\/\/[^\s>]+>?/gi;
/** User, role and channel mentions, custom emoji, timestamps, slash-command mentions, @everyone/@here. */
const DISCORD_TOKENS = /<(?:@[!&]?\d+|#\d+|a?:\w+:\d+|t:-?\d+(?::[tTdDfFR])?|\/[^:>]+:\d+)>|@(?:everyone|here)\b/g;
/** `:shortcode:` emoji as typed. */
const SHORTCODE = /:[a-z0-9_+-]{2,32}:/gi;
const EMOJI = /[\p{Extended_Pictographic}\p{Emoji_Modifier}\u{1F1E6}-\u{1F1FF}]|\u200d|\ufe0f|\u20e3/gu;
/** Markdown marks that are not words: emphasis, spoilers, quotes, headings, list bullets. */
const MARKS = /[*_~|>#`]+/g;

/** The message's words without mentions, links, code, emoji and Markdown, spaces collapsed. */
export function messageText(text: string): string {
  return text
    .replace(CODE_BLOCK, " ")
    .replace(INLINE_CODE, " ")
    .replace(MARKDOWN_LINK, " $1 ")
    .replace(BARE_LINK, " ")
    .replace(DISCORD_TOKENS, " ")
    .replace(SHORTCODE, " ")
    .replace(EMOJI, " ")
    .replace(MARKS, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * The searches a message stands for, fullest first: its cleaned text when short, else its most telling words
 * — content words (no function words), longest first, each once, put back in the message's order — up to
 * `maxLength`; then the same with its shortest word dropped, again and again down to one word, since a chatty
 * message holds words no line has ("lol", "got") and a search needs most of its words to meet in a line.
 * Empty when nothing is left to look for.
 */
export function tellingQueries(text: string, maxLength = MESSAGE_QUERY_LENGTH): string[] {
  const cleaned = messageText(text);
  if (cleaned === "") return [];
  const words = cleaned.length <= maxLength ? segmentedOnce(cleaned) : tellingWords(cleaned, maxLength);
  const queries = [cleaned.length <= maxLength ? cleaned : words.map(({ word }) => word).join(" ")];
  const left = [...words];
  while (left.length > 1) {
    const shortest = left.reduce((min, item) => (item.word.length < min.word.length ? item : min));
    left.splice(left.indexOf(shortest), 1);
    queries.push(left.map(({ word }) => word).join(" "));
  }
  return [...new Set(queries)];
}

/** The content words of `text`, each once, with their order. */
function segmentedOnce(text: string): { word: string; order: number }[] {
  const words = contentWords(text);
  const seen = new Set<string>();
  return words
    .filter((word) => {
      const key = word.toLowerCase();
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .map((word, order) => ({ word, order }));
}

/** The longest content words of `text`, each once, that fit `maxLength` together, in the text's order. */
function tellingWords(text: string, maxLength: number): { word: string; order: number }[] {
  const byWeight = segmentedOnce(text).sort((a, b) => b.word.length - a.word.length || a.order - b.order);
  const kept: { word: string; order: number }[] = [];
  let length = -1;
  for (const candidate of byWeight) {
    if (length + 1 + candidate.word.length > maxLength) continue;
    kept.push(candidate);
    length += 1 + candidate.word.length;
  }
  return kept.sort((a, b) => a.order - b.order);
}
