/** /questions [interview] [page] [private] — an interview's questions, ten to a page, with ◀ ▶ buttons. */
import { ApplicationCommandOptionType } from "discord-api-types/v10";
import { defineCommand, describe, names, onButton } from "../src/interactions/command.js";
import { questionsPage } from "../src/render/custom-ids.js";
import { renderQuestionsPage } from "../src/render/questions.js";
import {
  anywhere,
  interviewById,
  interviewChoices,
  interviewOption,
  isResponse,
  privateOption,
  rejection,
  resolveInterview,
} from "./common.js";

export const questions = defineCommand({
  definition: {
    ...anywhere,
    ...names("questions", "问题列表", "問題列表"),
    ...describe("List an interview's questions", "列出访谈中的问题", "列出訪談中的問題"),
    options: [
      interviewOption,
      {
        ...names("page", "页码", "頁碼"),
        ...describe("Which page (ten questions each)", "第几页（每页十个问题）", "第幾頁（每頁十個問題）"),
        type: ApplicationCommandOptionType.Integer,
        min_value: 1,
        max_value: 1000,
      },
      privateOption,
    ],
  },

  run(interaction, options, context) {
    const interview = resolveInterview(context, options.interview, interaction.locale);
    if (isResponse(interview)) return interview;
    return {
      kind: "message",
      message: renderQuestionsPage(interview, options.page ?? 1, interaction.locale, options.private ?? false),
    };
  },

  autocomplete(_interaction, { focused }, context) {
    return focused.name === "interview" ? interviewChoices(context, focused.value) : [];
  },

  buttons: [
    onButton(questionsPage, (interaction, { interviewId, page }, context) => {
      const interview = interviewById(context, interviewId);
      if (interview === undefined) return rejection(interaction.locale, "error.staleButton");
      return {
        kind: "update",
        message: renderQuestionsPage(interview, page, interaction.locale, interaction.ephemeral),
      };
    }),
  ],
});
