/** /quote keyword [speaker] [interview] [private] — transcript lines by keyword, fuzzily, with autocomplete. */
import { ApplicationCommandOptionType } from "discord-api-types/v10";
import { defineCommand, describe, names, type Choice, type CommandContext } from "../src/interactions/command.js";
import type { Interview } from "../src/content/model.js";
import { customId, parseCustomId } from "../src/render/custom-ids.js";
import type { InteractionResponse } from "../src/interactions/interaction.js";
import { LIMITS, notice, truncate } from "../src/render/message.js";
import { renderContext, renderQuote, renderSharedQuote, type QuoteButtons } from "../src/render/quote.js";
import { t, type Locale } from "../src/render/strings.js";
import { snippetAround } from "../src/search/index.js";
import { MAX_QUERY_LENGTH, type SearchErrorKind } from "../src/search/types.js";
import { interviewChoices, interviewOption, isResponse, privateOption, rejection, resolveInterview } from "./common.js";

/** How many matches ◀ ▶ can page through. */
const MAX_MATCHES = 25;

const SEARCH_ERRORS: Readonly<Record<SearchErrorKind, "error.emptyQuery" | "error.tooLong" | "error.noTerms">> = {
  empty: "error.emptyQuery",
  "too-long": "error.tooLong",
  "no-terms": "error.noTerms",
};

/** An autocomplete choice's value names its line exactly, so picking it shows that line. */
function pickedLineValue(interviewId: string, lineNumber: number): string {
  return customId("line", lineNumber, interviewId);
}

function parsePickedLine(value: string): { interviewId: string; lineNumber: number } | undefined {
  const { command, args } = parseCustomId(value);
  const [lineNumber = "", interviewId] = args;
  if (command !== "line" || interviewId === undefined || args.length !== 2 || !/^\d{1,7}$/.test(lineNumber)) return undefined;
  return { interviewId, lineNumber: Number(lineNumber) };
}

function lineButtons(interview: Interview, lineNumber: number): QuoteButtons {
  return { contextId: customId("quote", "ctx", interview.id, lineNumber), postId: customId("quote", "post", interview.id, lineNumber) };
}

/** The speaker the user named, as written in the interview; undefined when nobody matches. */
function resolveSpeaker(context: CommandContext, interview: Interview, typed: string): string | undefined {
  const exact = interview.speakers.find((speaker) => speaker.toLowerCase() === typed.trim().toLowerCase());
  return exact ?? context.content.search.findSpeakers(typed, LIMITS.choices).find((speaker) => interview.speakers.includes(speaker));
}

/** Searches and renders match number `rank` (0-based, clamped), as a new message or an update of one. */
function showMatch(
  context: CommandContext,
  interview: Interview,
  query: string,
  speaker: string | undefined,
  rank: number,
  locale: Locale,
  ephemeral: boolean,
  kind: "message" | "update",
): InteractionResponse {
  const outcome = context.content.search.search(query, { interviewId: interview.id, speaker, limit: MAX_MATCHES });
  if (!outcome.ok) return rejection(locale, SEARCH_ERRORS[outcome.error], { max: MAX_QUERY_LENGTH });
  const { hits } = outcome;
  if (hits.length === 0) {
    const lines = [speaker ? t(locale, "error.noMatchSpeaker", { speaker, query }) : t(locale, "error.noMatch", { query })];
    if (outcome.suggestions.length > 0) lines.push(t(locale, "error.didYouMean", { suggestions: outcome.suggestions.slice(0, 5).join(" · ") }));
    lines.push(t(locale, "error.tryOther"));
    return { kind: "message", message: notice(lines.join("\n")), rejected: true };
  }
  const current = Math.min(Math.max(0, rank), hits.length - 1);
  const hit = hits[current];
  if (hit === undefined) return rejection(locale, "error.staleButton");
  const navId = (target: number): string => customId("quote", "nav", target, interview.id, speaker ?? "", query);
  const message = renderQuote(interview, hit.line, hit.ranges, locale, {
    ephemeral,
    navigation: { query, rank: current, total: hits.length, previousId: navId(current - 1), nextId: navId(current + 1) },
    buttons: lineButtons(interview, hit.line.number),
  });
  return { kind, message };
}

export const quote = defineCommand({
  definition: {
    ...names("quote", "引用", "引用"),
    ...describe("Find what was said, by keyword (typos, pinyin and traditional characters are fine)", "按关键词查找原话（可用拼音、繁体，容错）", "按關鍵詞查找原話（可用拼音、簡體，容錯）"),
    options: [
      {
        ...names("keyword", "关键词", "關鍵詞"),
        ...describe("Words to look for; pick a suggestion to see that exact line", "要查找的词；选择建议可直接查看该段", "要查找的詞；選擇建議可直接查看該段"),
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
    const picked = parsePickedLine(options.keyword);
    if (picked !== undefined) {
      const interview = context.content.library.interviews.find((candidate) => candidate.id === picked.interviewId);
      const line = interview?.lines[picked.lineNumber - 1];
      if (interview === undefined || line === undefined) return rejection(locale, "error.unknownLine");
      return { kind: "message", message: renderQuote(interview, line, [], locale, { ephemeral, buttons: lineButtons(interview, line.number) }) };
    }
    const interview = resolveInterview(context, options.interview, locale);
    if (isResponse(interview)) return interview;
    let speaker: string | undefined;
    if (options.speaker !== undefined && options.speaker.trim() !== "") {
      speaker = resolveSpeaker(context, interview, options.speaker);
      if (speaker === undefined) {
        return rejection(locale, "error.unknownSpeaker", { speaker: truncate(options.speaker, 100), speakers: interview.speakers.join(", ") || "—" });
      }
    }
    return showMatch(context, interview, options.keyword, speaker, 0, locale, ephemeral, "message");
  },

  autocomplete(interaction, context): Choice[] {
    const { focused, options } = interaction;
    if (focused.name === "interview") return interviewChoices(context, focused.value);
    const interview = resolveInterview(context, typeof options.interview === "string" ? options.interview : undefined, interaction.locale);
    if (isResponse(interview)) return [];
    if (focused.name === "speaker") {
      const speakers = focused.value.trim() === "" ? interview.speakers : context.content.search.findSpeakers(focused.value, 100);
      return speakers
        .filter((speaker) => interview.speakers.includes(speaker))
        .slice(0, LIMITS.choices)
        .map((speaker) => ({ name: truncate(speaker, LIMITS.choiceName), value: truncate(speaker, LIMITS.choiceValue) }));
    }
    if (focused.name !== "keyword") return [];
    const speaker = typeof options.speaker === "string" && options.speaker.trim() !== "" ? resolveSpeaker(context, interview, options.speaker) : undefined;
    const outcome = context.content.search.search(focused.value, { interviewId: interview.id, speaker, limit: LIMITS.choices });
    if (!outcome.ok) return [];
    return outcome.hits.map((hit) => {
      const label = `${hit.line.speaker || "?"}: `;
      const snippet = snippetAround(hit.line.text, hit.ranges, LIMITS.choiceName - label.length).text;
      const value = pickedLineValue(interview.id, hit.line.number);
      return { name: truncate(label + snippet, LIMITS.choiceName), value: value.length <= LIMITS.choiceValue ? value : truncate(focused.value, LIMITS.choiceValue) };
    });
  },

  // quote:nav:{rank}:{interviewId}:{speaker}:{query} · quote:ctx:{interviewId}:{line} · quote:post:{interviewId}:{line}
  button(interaction, args, context) {
    const { locale } = interaction;
    const [action, first = "", second = "", third = "", ...rest] = args;
    if (action === "nav") {
      const interview = context.content.library.interviews.find((candidate) => candidate.id === second);
      const query = rest.join(":");
      if (interview === undefined || !/^-?\d{1,3}$/.test(first) || query === "") return rejection(locale, "error.staleButton");
      return showMatch(context, interview, query, third || undefined, Number(first), locale, interaction.ephemeral, "update");
    }
    const interview = context.content.library.interviews.find((candidate) => candidate.id === first);
    const line = /^\d{1,7}$/.test(second) ? interview?.lines[Number(second) - 1] : undefined;
    if (interview === undefined || line === undefined || (action !== "ctx" && action !== "post")) return rejection(locale, "error.staleButton");
    if (action === "ctx") return { kind: "message", message: renderContext(interview, line, locale) };
    return { kind: "message", message: renderSharedQuote(interview, line, locale, interaction.userName) };
  },
});
