/** The /quote replies: one transcript line with its match in bold (a card in the channel), the lines around it, a shared copy. */
import { ButtonStyle, type APIButtonComponentWithCustomId, type APIEmbed } from "discord-api-types/v10";
import type { Interview, TranscriptLine } from "../content/model.js";
import type { MessagePayload } from "./payload.js";
import { snippetAround } from "../search/index.js";
import type { MatchRange } from "../search/types.js";
import { BRAND_COLOR } from "./colors.js";
import { quoteContext, quoteDelete, quoteMatch, quotePost, quoteSuggestion } from "./custom-ids.js";
import { LIMITS, button, card, escapeMarkdown, highlight, linkButton, message, truncate } from "./message.js";
import { t, type Locale } from "./strings.js";
import { interviewAuthor } from "./summary.js";

/** A line longer than this is cut around its match; escaping may double it and it must fit 4,096. */
const QUOTE_LENGTH = 1800;
/** Lines shown on each side of a line by the Context button. */
export const CONTEXT_RADIUS = 2;
const CONTEXT_LINE_LENGTH = 700;

/** Where a quote sits among the matches of a search, for the ◀ ▶ buttons. */
export interface QuoteNavigation {
  /** The interview the search was narrowed to; undefined when it covered every interview. */
  readonly interviewId: string | undefined;
  readonly query: string;
  readonly speaker: string | undefined;
  /** 0-based. */
  readonly rank: number;
  readonly total: number;
  /** The line is shown as the answer to this (matching) question line of the same interview. */
  readonly answerTo?: number | undefined;
  /** The line holds the query in other words (a translation, a synonym, a typo, pinyin's characters): those. */
  readonly foundAs?: readonly string[] | undefined;
}

/** The longest word named in "found as …". */
const FOUND_AS_LENGTH = 20;

/** "found as 解雇 / 董事会": what a line holding the query in other words holds, for a reply or a web page. */
export function foundAsNote(locale: Locale, words: readonly string[]): string | undefined {
  if (words.length === 0) return undefined;
  return t(locale, "quote.foundAs", { words: words.map((word) => truncate(word, FOUND_AS_LENGTH)).join(" / ") });
}

/** A search that found nothing, and what the search offered instead ("did you mean"). */
export interface NoMatch {
  readonly interviewId: string | undefined;
  readonly query: string;
  readonly speaker: string | undefined;
  readonly suggestions: readonly string[];
}

/** Suggestions offered at most (one row of buttons). */
const SUGGESTIONS_SHOWN = 5;

/**
 * "No line matches", privately, with each suggestion as a button that searches it and shows its first match in place
 * of this reply (all it needs is in its id, so it works after a restart and on any replica): GPT-5 → [GPT-4].
 */
export function renderNoMatch(locale: Locale, { interviewId, query, speaker, suggestions }: NoMatch): MessagePayload {
  const shown = suggestions.slice(0, SUGGESTIONS_SHOWN);
  const lines = [
    speaker ? t(locale, "error.noMatchSpeaker", { speaker, query }) : t(locale, "error.noMatch", { query }),
  ];
  if (shown.length > 0) lines.push(t(locale, "error.didYouMean", { suggestions: shown.join(" · ") }));
  lines.push(t(locale, "error.tryOther"));
  const buttons = shown.map((suggestion) =>
    button(quoteSuggestion.encode({ interviewId, query: suggestion, speaker }), suggestion),
  );
  return message({ content: lines.join("\n"), ephemeral: true, buttons });
}

function lineFooter(line: TranscriptLine, locale: Locale): string {
  return t(locale, "quote.lineInfo", { line: line.number, question: line.question });
}

/** Renders one line, cut around its first match when long, with matches in bold. */
export function quoteText(line: TranscriptLine, ranges: readonly MatchRange[]): string {
  const cut = snippetAround(line.text, ranges, QUOTE_LENGTH);
  return highlight(cut.text, cut.ranges);
}

/** The embed of one quoted line, found or shared: the interview, the speaker, the line, and `footer`'s parts. */
function quoteEmbed(
  interview: Interview,
  line: TranscriptLine,
  ranges: readonly MatchRange[],
  footer: readonly string[],
): APIEmbed {
  return {
    author: interviewAuthor(interview),
    title: line.speaker || "?",
    description: quoteText(line, ranges),
    color: BRAND_COLOR,
    footer: { text: footer.join(" · ") },
  };
}

/**
 * A found line, with ◀ ▶ through the other matches (when navigating) and Context. Privately, an embed with
 * Post in channel; in the channel, a quote card (`quoteCard`) with the source link and Delete.
 */
export function renderQuote(
  interview: Interview,
  line: TranscriptLine,
  ranges: readonly MatchRange[],
  locale: Locale,
  options: { ephemeral: boolean; navigation?: QuoteNavigation | undefined },
): MessagePayload {
  const { navigation } = options;
  const footer = [lineFooter(line, locale)];
  if (navigation?.answerTo !== undefined) footer.push(t(locale, "quote.answerTo", { line: navigation.answerTo }));
  if (navigation)
    footer.push(
      t(locale, "quote.matchInfo", {
        rank: navigation.rank + 1,
        total: navigation.total,
        query: truncate(navigation.query, 100),
      }),
    );
  const foundAs = foundAsNote(locale, navigation?.foundAs ?? []);
  if (foundAs !== undefined) footer.push(foundAs);
  const components: APIButtonComponentWithCustomId[] = [];
  if (navigation !== undefined && navigation.total > 1) {
    const { interviewId, query, speaker, rank, total } = navigation;
    const matchId = (target: number): string => quoteMatch.encode({ interviewId, query, speaker, rank: target });
    components.push(button(matchId(rank - 1), `◀ ${t(locale, "button.previous")}`, { disabled: rank <= 0 }));
    components.push(button(matchId(rank + 1), `${t(locale, "button.next")} ▶`, { disabled: rank >= total - 1 }));
  }
  const here = { interviewId: interview.id, line: line.number };
  components.push(button(quoteContext.encode(here), t(locale, "button.context")));
  if (!options.ephemeral) return quoteCard(interview, line, ranges, footer, components, locale);
  components.push(button(quotePost.encode(here), t(locale, "button.post")));
  return message({
    embeds: [quoteEmbed(interview, line, ranges, footer)],
    buttons: components,
    ephemeral: options.ephemeral,
  });
}

/** A card's quote is cut shorter than an embed's: escaped, with the rest, it must fit the card's 4,000 characters. */
const CARD_QUOTE_LENGTH = 1500;
const CARD_NAME_LENGTH = 200;

/**
 * A quote posted in the channel, as a card (Components V2): a container in the accent colour with the line
 * (its match in bold), who said it in which interview, the line's place, then `buttons`, the source link and
 * Delete (for the member who posted it, or one who may manage messages).
 */
function quoteCard(
  interview: Interview,
  line: TranscriptLine,
  ranges: readonly MatchRange[],
  footer: readonly string[],
  buttons: readonly APIButtonComponentWithCustomId[],
  locale: Locale,
): MessagePayload {
  const cut = snippetAround(line.text, ranges, CARD_QUOTE_LENGTH);
  const speaker = escapeMarkdown(truncate(line.speaker || "?", CARD_NAME_LENGTH));
  const title = escapeMarkdown(truncate(interview.title, CARD_NAME_LENGTH));
  const source = interview.sourceUrl;
  // A source too long for a link button is linked from the title instead.
  const linkedTitle =
    source !== undefined && source.length > LIMITS.linkButtonUrl ? `[${title}](<${source}>)` : `*${title}*`;
  const links =
    source !== undefined && source.length <= LIMITS.linkButtonUrl
      ? [linkButton(source, t(locale, "button.source"))]
      : [];
  return card({
    accentColor: BRAND_COLOR,
    texts: [`>>> ${highlight(cut.text, cut.ranges)}`, `— **${speaker}**, ${linkedTitle}`, `-# ${cardFooter(footer)}`],
    buttons: [
      ...buttons,
      ...links,
      button(quoteDelete.encode({ delete: true }), t(locale, "button.delete"), { style: ButtonStyle.Danger }),
    ],
  });
}

/**
 * A card's footer as literal text: it carries the member's query and name, which the card's Markdown would
 * otherwise render (a masked link, a heading after a line break).
 */
function cardFooter(footer: readonly string[]): string {
  return escapeMarkdown(footer.join(" · ").replace(/\s+/g, " "));
}

/** The longest interview title an autocomplete label carries: the snippet gets the rest of the 100 characters. */
export const CHOICE_TITLE_LENGTH = 32;

/**
 * The autocomplete label of a found line: `Speaker: snippet around the match`, then ` — Title` (cut to
 * CHOICE_TITLE_LENGTH) when `interviewTitle` is given, i.e. when the search covered several interviews.
 */
export function quoteChoiceName(line: TranscriptLine, ranges: readonly MatchRange[], interviewTitle?: string): string {
  const speaker = `${line.speaker || "?"}: `;
  const title = interviewTitle === undefined ? "" : ` — ${truncate(interviewTitle, CHOICE_TITLE_LENGTH)}`;
  const room = LIMITS.choiceName - title.length;
  return truncate(speaker + snippetAround(line.text, ranges, room - speaker.length).text, room) + title;
}

/** The lines around `line`, the line itself marked, as a private message. */
export function renderContext(interview: Interview, line: TranscriptLine, locale: Locale): MessagePayload {
  const from = Math.max(1, line.number - CONTEXT_RADIUS);
  const to = Math.min(interview.lines.length, line.number + CONTEXT_RADIUS);
  const lines = interview.lines.slice(from - 1, to).map((other) => {
    const marker = other.number === line.number ? "▶ " : "";
    return `${marker}\`${other.number}\` **${escapeMarkdown(other.speaker || "?")}**: ${escapeMarkdown(truncate(other.text, CONTEXT_LINE_LENGTH))}`;
  });
  return message({
    embeds: [
      {
        author: interviewAuthor(interview),
        title: t(locale, "quote.contextTitle", { line: line.number, from, to }),
        description: lines.join("\n\n"),
        color: BRAND_COLOR,
      },
    ],
    ephemeral: true,
  });
}

/** A public copy, as a card, of a line that a user found privately and chose to share. */
export function renderSharedQuote(
  interview: Interview,
  line: TranscriptLine,
  locale: Locale,
  userName: string,
): MessagePayload {
  const footer = [lineFooter(line, locale), t(locale, "quote.postedBy", { user: escapeMarkdown(userName) })];
  const context = button(
    quoteContext.encode({ interviewId: interview.id, line: line.number }),
    t(locale, "button.context"),
  );
  return quoteCard(interview, line, [], footer, [context], locale);
}
