/**
 * /quote keyword [speaker] [interview] [private] — transcript lines by keyword, fuzzily, with autocomplete: in
 * every interview, ranked together, unless `interview` names one.
 */
import { ApplicationCommandOptionType, PermissionFlagsBits } from "discord-api-types/v10";
import {
  defineCommand,
  describe,
  names,
  onButton,
  type Choice,
  type CommandContext,
} from "../src/interactions/command.js";
import type { Interview, TranscriptLine } from "../src/content/model.js";
import {
  pickedLine,
  quoteContext,
  quoteDelete,
  quoteMatch,
  quotePost,
  quoteSuggestion,
  type LineRef,
  type QuoteMatch,
} from "../src/render/custom-ids.js";
import type { ButtonInteraction, InteractionResponse } from "../src/interactions/interaction.js";
import type { MessagePayload } from "../src/render/payload.js";
import { LIMITS, truncate } from "../src/render/message.js";
import { withReadInContext } from "../src/render/permalinks.js";
import { quoteChoiceName, renderContext, renderNoMatch, renderQuote, renderSharedQuote } from "../src/render/quote.js";
import type { Locale } from "../src/render/strings.js";
import { MAX_QUERY_LENGTH, type SearchErrorKind } from "../src/search/types.js";
import { wordsFoundAs } from "../src/search/index.js";
import {
  answerFor,
  stillAddressed,
  anywhere,
  forOption,
  interviewById,
  interviewChoices,
  isResponse,
  privateOption,
  rejection,
  resolveScope,
  scopeById,
  searchedInterviewOption,
  type InterviewScope,
} from "./common.js";

/** How many matches ◀ ▶ can page through. */
const MAX_MATCHES = 25;
/** The list of speakers named when the one asked for is unknown, in characters (many interviews, many names). */
const SPEAKER_LIST_LENGTH = 1500;

const SEARCH_ERRORS: Readonly<Record<SearchErrorKind, "error.emptyQuery" | "error.tooLong" | "error.noTerms">> = {
  empty: "error.emptyQuery",
  "too-long": "error.tooLong",
  "no-terms": "error.noTerms",
};

/** The speakers of the interviews a search covers, each name once, in content order. */
function speakersOf(scope: InterviewScope): string[] {
  return [...new Set(scope.interviews.flatMap((interview) => interview.speakers))];
}

/**
 * The speaker the user named, as written in the content; undefined when nobody in the scope matches. The
 * search's speaker filter matches the name in every interview it covers, so a name several interviews
 * share (`Host`) finds the lines of each.
 */
function resolveSpeaker(context: CommandContext, scope: InterviewScope, typed: string): string | undefined {
  const known = speakersOf(scope);
  const exact = known.find((speaker) => speaker.toLowerCase() === typed.trim().toLowerCase());
  return exact ?? context.content.search.findSpeakers(typed, LIMITS.choices).find((speaker) => known.includes(speaker));
}

/** Which match of a search to show, and how. */
export interface MatchRequest {
  readonly scope: InterviewScope;
  readonly query: string;
  readonly speaker: string | undefined;
  /** 0-based; clamped to the matches there are. */
  readonly rank: number;
  readonly locale: Locale;
  readonly ephemeral: boolean;
  /** A new message (the command), or an update of the one whose ◀ ▶ or "did you mean" button was pressed. */
  readonly kind: "message" | "update";
  /** A "did you mean" button was pressed: a search of the member's own, though it updates the reply. */
  readonly suggested?: boolean;
}

/** A pressed ◀ ▶, or "did you mean" button (`suggested`): the search its id carries, shown in place of the reply. */
function showPressed(
  interaction: ButtonInteraction,
  { interviewId, query, speaker, rank }: QuoteMatch,
  context: CommandContext,
  suggested: boolean,
): InteractionResponse {
  const scope = scopeById(context, interviewId);
  if (scope === undefined) return rejection(interaction.locale, "error.staleButton");
  const { locale, ephemeral } = interaction;
  const page = showMatch(context, { scope, query, speaker, rank, locale, ephemeral, kind: "update", suggested });
  return stillAddressed(page, interaction.addressee, locale);
}

/** Searches and renders one match of the search, or the reason there is none (also "Find in transcript"'s answer). */
export function showMatch(
  context: CommandContext,
  { scope, query, speaker, rank, locale, ephemeral, kind, suggested = false }: MatchRequest,
): InteractionResponse {
  const { interviewId } = scope;
  // The command and a pressed suggestion are a member's search; ◀ ▶ only show another of its matches.
  const searched = kind === "message" || suggested;
  const outcome = context.content.search.search(query, { interviewId, speaker, limit: MAX_MATCHES });
  if (!outcome.ok) return rejection(locale, SEARCH_ERRORS[outcome.error], { max: MAX_QUERY_LENGTH });
  const { hits } = outcome;
  if (hits.length === 0) {
    const reply = renderNoMatch(locale, { interviewId, query, speaker, suggestions: outcome.suggestions });
    // A member's search that found nothing is what the statistics most want: a gap in the content.
    const usage = searched ? { search: { query, found: undefined } } : undefined;
    return { kind: "message", message: reply, rejected: true, usage };
  }
  const current = Math.min(Math.max(0, rank), hits.length - 1);
  const hit = hits[current];
  const interview = hit === undefined ? undefined : interviewById(context, hit.interviewId);
  if (hit === undefined || interview === undefined) return rejection(locale, "error.staleButton");
  const foundAs = wordsFoundAs(hit, query);
  const navigation = {
    interviewId,
    query,
    speaker,
    rank: current,
    total: hits.length,
    answerTo: hit.answerTo,
    foundAs,
  };
  const reply = renderQuote(interview, hit.line, hit.ranges, locale, { ephemeral, navigation });
  const shown = { interviewId: interview.id, number: hit.line.number };
  return {
    kind,
    message: linkedToLine(context, reply, interview, hit.line, locale),
    usage: { line: { ...shown, action: "quoted" }, ...(searched ? { search: { query, found: shown } } : {}) },
  };
}

/** `reply` with a "Read in context" link to `line` on the web pages, when they are public. */
function linkedToLine(
  context: CommandContext,
  reply: MessagePayload,
  interview: Interview,
  line: TranscriptLine,
  locale: Locale,
): MessagePayload {
  return withReadInContext(reply, context.publicUrl, { interviewId: interview.id, line: line.number }, locale);
}

/** The line a Context or Post button, or a picked suggestion, names — when it still exists. */
function lineOf(
  context: CommandContext,
  { interviewId, line }: LineRef,
): { interview: Interview; line: TranscriptLine } | undefined {
  const interview = interviewById(context, interviewId);
  const found = interview?.lines[line - 1];
  return interview === undefined || found === undefined ? undefined : { interview, line: found };
}

export const quote = defineCommand({
  definition: {
    ...anywhere,
    ...names("quote", "引用", "引用"),
    ...describe(
      "Find what was said, by keyword (typos, pinyin and traditional characters are fine)",
      "按关键词查找原话（可用拼音、繁体，容错）",
      "按關鍵詞查找原話（可用拼音、簡體，容錯）",
    ),
    options: [
      {
        ...names("keyword", "关键词", "關鍵詞"),
        ...describe(
          "Words to look for; pick a suggestion to see that exact line",
          "要查找的词；选择建议可直接查看该段",
          "要查找的詞；選擇建議可直接查看該段",
        ),
        type: ApplicationCommandOptionType.String,
        required: true,
        autocomplete: true,
        max_length: MAX_QUERY_LENGTH,
      },
      {
        ...names("speaker", "发言人", "發言人"),
        ...describe("Only lines by this speaker", "只看这位发言人的话", "只看這位發言人的話"),
        type: ApplicationCommandOptionType.String,
        autocomplete: true,
        max_length: 100,
      },
      searchedInterviewOption,
      forOption,
      privateOption,
    ],
  },

  run(interaction, options, context) {
    const { locale } = interaction;
    const ephemeral = options.private ?? false;
    const picked = pickedLine.decode(options.keyword);
    if (picked !== undefined) {
      const found = lineOf(context, picked);
      if (found === undefined) return rejection(locale, "error.unknownLine");
      const reply = renderQuote(found.interview, found.line, [], locale, { ephemeral });
      const answer: InteractionResponse = {
        kind: "message",
        message: linkedToLine(context, reply, found.interview, found.line, locale),
        usage: { line: { interviewId: found.interview.id, number: found.line.number, action: "quoted" } },
      };
      return answerFor(answer, options.for, locale);
    }
    const scope = resolveScope(context, options.interview, locale);
    if (isResponse(scope)) return scope;
    let speaker: string | undefined;
    if (options.speaker !== undefined && options.speaker.trim() !== "") {
      speaker = resolveSpeaker(context, scope, options.speaker);
      if (speaker === undefined) {
        return rejection(locale, scope.interviewId === undefined ? "error.unknownSpeakerAll" : "error.unknownSpeaker", {
          speaker: truncate(options.speaker, 100),
          speakers: truncate(speakersOf(scope).join(", "), SPEAKER_LIST_LENGTH) || "—",
        });
      }
    }
    const match = showMatch(context, {
      scope,
      query: options.keyword,
      speaker,
      rank: 0,
      locale,
      ephemeral,
      kind: "message",
    });
    return answerFor(match, options.for, locale);
  },

  autocomplete(interaction, { focused, options }, context): Choice[] {
    if (focused.name === "interview") return interviewChoices(context, focused.value);
    const scope = resolveScope(context, options.interview, interaction.locale);
    if (isResponse(scope)) return [];
    const known = speakersOf(scope);
    if (focused.name === "speaker") {
      const speakers = focused.value.trim() === "" ? known : context.content.search.findSpeakers(focused.value, 100);
      return [...new Set(speakers)]
        .filter((speaker) => known.includes(speaker))
        .slice(0, LIMITS.choices)
        .map((speaker) => ({
          name: truncate(speaker, LIMITS.choiceName),
          value: truncate(speaker, LIMITS.choiceValue),
        }));
    }
    const speaker =
      options.speaker !== undefined && options.speaker.trim() !== ""
        ? resolveSpeaker(context, scope, options.speaker)
        : undefined;
    const outcome = context.content.search.search(focused.value, {
      interviewId: scope.interviewId,
      speaker,
      limit: LIMITS.choices,
    });
    if (!outcome.ok) return [];
    // Among several interviews, each suggestion names its own; narrowed to one, the member knows which.
    const titles = scope.interviews.length > 1 ? new Map(scope.interviews.map((i) => [i.id, i.title])) : undefined;
    return outcome.hits.map((hit) => {
      const value = pickedLine.encode({ interviewId: hit.interviewId, line: hit.line.number });
      return {
        name: quoteChoiceName(hit.line, hit.ranges, titles?.get(hit.interviewId)),
        value: value.length <= LIMITS.choiceValue ? value : truncate(focused.value, LIMITS.choiceValue),
      };
    });
  },

  buttons: [
    onButton(quoteMatch, (interaction, match, context) => showPressed(interaction, match, context, false)),
    onButton(quoteSuggestion, (interaction, search, context) =>
      showPressed(interaction, { ...search, rank: 0 }, context, true),
    ),
    onButton(quoteContext, (interaction, at, context) => {
      const found = lineOf(context, at);
      if (found === undefined) return rejection(interaction.locale, "error.staleButton");
      const reply = renderContext(found.interview, found.line, interaction.locale);
      return {
        kind: "message",
        message: linkedToLine(context, reply, found.interview, found.line, interaction.locale),
      };
    }),
    onButton(quoteDelete, (interaction) => {
      const mayManage = ((interaction.memberPermissions ?? 0n) & PermissionFlagsBits.ManageMessages) !== 0n;
      if (interaction.postedBy !== interaction.userId && !mayManage)
        return rejection(interaction.locale, "quote.deleteRefused");
      return { kind: "delete" };
    }),
    onButton(quotePost, (interaction, at, context) => {
      const found = lineOf(context, at);
      if (found === undefined) return rejection(interaction.locale, "error.staleButton");
      const reply = renderSharedQuote(found.interview, found.line, interaction.locale, interaction.userName);
      return {
        kind: "message",
        message: linkedToLine(context, reply, found.interview, found.line, interaction.locale),
        usage: { line: { interviewId: found.interview.id, number: found.line.number, action: "posted" } },
      };
    }),
  ],
});
