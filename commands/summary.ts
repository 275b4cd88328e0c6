/** /summary question [interview] [private] — one question's summary and explanation. */
import { ApplicationCommandOptionType } from "discord-api-types/v10";
import { defineCommand, describe, names, type Choice } from "../src/interactions/command.js";
import type { Interview, Question } from "../src/content/model.js";
import { readQuestionNumber } from "../src/content/question-number.js";
import { LIMITS, truncate } from "../src/render/message.js";
import { withReadInContext } from "../src/render/permalinks.js";
import { renderSummary } from "../src/render/summary.js";
import type { SearchIndex } from "../src/search/types.js";
import { interviewChoices, interviewOption, isResponse, privateOption, rejection, resolveInterview } from "./common.js";

/** The question the user means: by number, else the best fuzzy match of its title. */
export function resolveQuestion(search: SearchIndex, interview: Interview, typed: string): Question | undefined {
  const number = readQuestionNumber(typed);
  if (number !== undefined) return interview.questions.find((question) => question.number === number.number);
  if (typed.trim() === "") return undefined;
  return search.findQuestions(interview, typed, 1)[0]?.question;
}

export const summary = defineCommand({
  definition: {
    ...names("summary", "摘要", "摘要"),
    ...describe("Show one question's summary and explanation", "查看某个问题的摘要和解释", "查看某個問題的摘要和解釋"),
    options: [
      {
        ...names("question", "问题", "問題"),
        ...describe("The question's number or words of its title", "问题编号或标题中的词", "問題編號或標題中的詞"),
        type: ApplicationCommandOptionType.String,
        required: true,
        autocomplete: true,
        max_length: 100,
      },
      interviewOption,
      privateOption,
    ],
  },

  run(interaction, options, context) {
    const { locale } = interaction;
    const interview = resolveInterview(context, options.interview, locale);
    if (isResponse(interview)) return interview;
    const question = resolveQuestion(context.content.search, interview, options.question);
    if (question === undefined) {
      const numbers = interview.questions.map((q) => q.number);
      return rejection(locale, "error.unknownQuestion", {
        question: truncate(options.question, 100),
        title: interview.title,
        first: Math.min(...numbers),
        last: Math.max(...numbers),
      });
    }
    const reply = renderSummary(interview, question, locale, options.private ?? false);
    const place = { interviewId: interview.id, question: question.number };
    return {
      kind: "message",
      message: withReadInContext(reply, context.publicUrl, place, locale),
      usage: { question: { interviewId: interview.id, number: question.number } },
    };
  },

  autocomplete(interaction, { focused, options }, context) {
    if (focused.name === "interview") return interviewChoices(context, focused.value);
    const interview = resolveInterview(context, options.interview, interaction.locale);
    if (isResponse(interview)) return [];
    return context.content.search
      .findQuestions(interview, focused.value, LIMITS.choices)
      .map(({ question }): Choice => ({
        name: truncate(`${question.number}. ${question.title}`, LIMITS.choiceName),
        value: String(question.number),
      }));
  },
});
