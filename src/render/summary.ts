/** The /summary reply: one question's summary and explanation, or a transcript section's overview. */
import type { APIEmbed } from "discord-api-types/v10";
import type { Interview, Question } from "../content/model.js";
import type { MessagePayload } from "./payload.js";
import { BRAND_COLOR } from "./colors.js";
import { escapeMarkdown, message, truncate } from "./message.js";
import { t, type Locale } from "./strings.js";

/** How many lines a transcript section's overview shows, and how long each may be. */
const PREVIEW_LINES = 3;
const PREVIEW_LINE_LENGTH = 300;

export function interviewAuthor(interview: Interview): APIEmbed["author"] {
  return { name: interview.title, ...(interview.sourceUrl ? { url: interview.sourceUrl } : {}) };
}

export function renderSummary(
  interview: Interview,
  question: Question,
  locale: Locale,
  ephemeral = false,
): MessagePayload {
  const fields: NonNullable<APIEmbed["fields"]> = [];
  if (question.explanation)
    fields.push({ name: t(locale, "summary.explanation"), value: escapeMarkdown(question.explanation) });
  if (question.lines.length > 0) {
    const speakers = [...new Set(question.lines.map((line) => line.speaker || "?"))].map(escapeMarkdown).join(", ");
    fields.push({
      name: t(locale, "summary.transcript"),
      value: t(locale, "summary.transcriptInfo", { lines: question.lines.length, speakers }),
    });
    const preview = question.lines
      .slice(0, PREVIEW_LINES)
      .map(
        (line) =>
          `**${escapeMarkdown(line.speaker || "?")}**: ${escapeMarkdown(truncate(line.text, PREVIEW_LINE_LENGTH))}`,
      )
      .join("\n");
    fields.push({ name: t(locale, "summary.firstLines"), value: `${preview}\n\n${t(locale, "summary.useQuote")}` });
  }
  const description = question.summary
    ? escapeMarkdown(question.summary)
    : question.lines.length > 0
      ? ""
      : `*${t(locale, "summary.noSummary")}*`;
  return message({
    embeds: [
      {
        author: interviewAuthor(interview),
        title: `${t(locale, "summary.question", { number: question.number })}: ${question.title}`,
        ...(description ? { description } : {}),
        color: BRAND_COLOR,
        fields,
        footer: { text: t(locale, "summary.footer", { number: question.number, count: interview.questions.length }) },
      },
    ],
    ephemeral,
  });
}
