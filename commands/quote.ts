/** /quote keyword [speaker] [interview] [private] — transcript lines by keyword, fuzzily, with autocomplete. */
import { ApplicationCommandOptionType } from "discord-api-types/v10";
import {
  defineCommand,
  describe,
  names,
  onButton,
  type Choice,
  type CommandContext,
} from "../src/interactions/command.js";
import type { Interview, TranscriptLine } from "../src/content/model.js";
import { pickedLine, quoteContext, quoteMatch, quotePost, type LineRef } from "../src/render/custom-ids.js";
import type { InteractionResponse } from "../src/interactions/interaction.js";
import { LIMITS, notice, truncate } from "../src/render/message.js";
import { renderContext, renderQuote, renderSharedQuote } from "../src/render/quote.js";
import { t, type Locale } from "../src/render/strings.js";
import { snippetAround } from "../src/search/index.js";
import { MAX_QUERY_LENGTH, type SearchErrorKind } from "../src/search/types.js";
import {
  interviewById,
  interviewChoices,
  interviewOption,
  isResponse,
  privateOption,
  rejection,
  resolveInterview,
} from "./common.js";

/** How many matches ◀ ▶ can page through. */
const MAX_MATCHES = 25;

const SEARCH_ERRORS: Readonly<Record<SearchErrorKind, "error.emptyQuery" | "error.tooLong" | "error.noTerms">> = {
  empty: "error.emptyQuery",
  "too-long": "error.tooLong",
  "no-terms": "error.noTerms",
};

/** The speaker the user named, as written in the interview; undefined when nobody matches. */
function resolveSpeaker(context: CommandContext, interview: Interview, typed: string): string | undefined {
  const exact = interview.speakers.find((speaker) => speaker.toLowerCase() === typed.trim().toLowerCase());
  return (
    exact ??
    context.content.search.findSpeakers(typed, LIMITS.choices).find((speaker) => interview.speakers.includes(speaker))
  );
}

/** Which match of a search to show, and how. */
interface MatchRequest {
  readonly interview: Interview;
  readonly query: string;
  readonly speaker: string | undefined;
  /** 0-based; clamped to the matches there are. */
  readonly rank: number;
  readonly locale: Locale;
  readonly ephemeral: boolean;
  /** A new message (the command), or an update of the one whose ◀ ▶ was pressed. */
  readonly kind: "message" | "update";
}

/** Searches and renders one match of the search, or the reason there is none. */
function showMatch(
  context: CommandContext,
  { interview, query, speaker, rank, locale, ephemeral, kind }: MatchRequest,
): InteractionResponse {
  const outcome = context.content.search.search(query, { interviewId: interview.id, speaker, limit: MAX_MATCHES });
  if (!outcome.ok) return rejection(locale, SEARCH_ERRORS[outcome.error], { max: MAX_QUERY_LENGTH });
  const { hits } = outcome;
  if (hits.length === 0) {
    const lines = [
      speaker ? t(locale, "error.noMatchSpeaker", { speaker, query }) : t(locale, "error.noMatch", { query }),
    ];
    if (outcome.suggestions.length > 0)
      lines.push(t(locale, "error.didYouMean", { suggestions: outcome.suggestions.slice(0, 5).join(" · ") }));
    lines.push(t(locale, "error.tryOther"));
    return { kind: "message", message: notice(lines.join("\n")), rejected: true };
  }
  const current = Math.min(Math.max(0, rank), hits.length - 1);
  const hit = hits[current];
  if (hit === undefined) return rejection(locale, "error.staleButton");
  const navigation = { query, speaker, rank: current, total: hits.length };
  return { kind, message: renderQuote(interview, hit.line, hit.ranges, locale, { ephemeral, navigation }) };
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
      interviewOption,
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
      return { kind: "message", message: renderQuote(found.interview, found.line, [], locale, { ephemeral }) };
    }
    const interview = resolveInterview(context, options.interview, locale);
    if (isResponse(interview)) return interview;
    let speaker: string | undefined;
    if (options.speaker !== undefined && options.speaker.trim() !== "") {
      speaker = resolveSpeaker(context, interview, options.speaker);
      if (speaker === undefined) {
        return rejection(locale, "error.unknownSpeaker", {
          speaker: truncate(options.speaker, 100),
          speakers: interview.speakers.join(", ") || "—",
        });
      }
    }
    return showMatch(context, {
      interview,
      query: options.keyword,
      speaker,
      rank: 0,
      locale,
      ephemeral,
      kind: "message",
    });
  },

  autocomplete(interaction, { focused, options }, context): Choice[] {
    if (focused.name === "interview") return interviewChoices(context, focused.value);
    const interview = resolveInterview(context, options.interview, interaction.locale);
    if (isResponse(interview)) return [];
    if (focused.name === "speaker") {
      const speakers =
        focused.value.trim() === "" ? interview.speakers : context.content.search.findSpeakers(focused.value, 100);
      return speakers
        .filter((speaker) => interview.speakers.includes(speaker))
        .slice(0, LIMITS.choices)
        .map((speaker) => ({
          name: truncate(speaker, LIMITS.choiceName),
          value: truncate(speaker, LIMITS.choiceValue),
        }));
    }
    const speaker =
      options.speaker !== undefined && options.speaker.trim() !== ""
        ? resolveSpeaker(context, interview, options.speaker)
        : undefined;
    const outcome = context.content.search.search(focused.value, {
      interviewId: interview.id,
      speaker,
      limit: LIMITS.choices,
    });
    if (!outcome.ok) return [];
    return outcome.hits.map((hit) => {
      const label = `${hit.line.speaker || "?"}: `;
      const snippet = snippetAround(hit.line.text, hit.ranges, LIMITS.choiceName - label.length).text;
      const value = pickedLine.encode({ interviewId: interview.id, line: hit.line.number });
      return {
        name: truncate(label + snippet, LIMITS.choiceName),
        value: value.length <= LIMITS.choiceValue ? value : truncate(focused.value, LIMITS.choiceValue),
      };
    });
  },

  buttons: [
    onButton(quoteMatch, (interaction, { interviewId, query, speaker, rank }, context) => {
      const interview = interviewById(context, interviewId);
      if (interview === undefined) return rejection(interaction.locale, "error.staleButton");
      return showMatch(context, {
        interview,
        query,
        speaker,
        rank,
        locale: interaction.locale,
        ephemeral: interaction.ephemeral,
        kind: "update",
      });
    }),
    onButton(quoteContext, (interaction, at, context) => {
      const found = lineOf(context, at);
      if (found === undefined) return rejection(interaction.locale, "error.staleButton");
      return { kind: "message", message: renderContext(found.interview, found.line, interaction.locale) };
    }),
    onButton(quotePost, (interaction, at, context) => {
      const found = lineOf(context, at);
      if (found === undefined) return rejection(interaction.locale, "error.staleButton");
      return {
        kind: "message",
        message: renderSharedQuote(found.interview, found.line, interaction.locale, interaction.userName),
      };
    }),
  ],
});
