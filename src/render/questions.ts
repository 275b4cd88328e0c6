/** The /questions reply: an interview's title, description, keywords and one page of its questions. */
import type { Interview } from "../content/model.js";
import { questionsPage } from "./custom-ids.js";
import type { MessagePayload } from "./payload.js";
import { BRAND_COLOR } from "./colors.js";
import { button, escapeMarkdown, message, truncate } from "./message.js";
import { t, type Locale } from "./strings.js";

export const QUESTIONS_PER_PAGE = 10;

export function pageCount(interview: Interview): number {
  return Math.max(1, Math.ceil(interview.questions.length / QUESTIONS_PER_PAGE));
}

/** Renders page `page` (1-based, clamped to the pages there are). */
export function renderQuestionsPage(
  interview: Interview,
  page: number,
  locale: Locale,
  ephemeral = false,
): MessagePayload {
  const pages = pageCount(interview);
  const current = Math.min(Math.max(1, Math.trunc(page) || 1), pages);
  const shown = interview.questions.slice((current - 1) * QUESTIONS_PER_PAGE, current * QUESTIONS_PER_PAGE);
  const list = shown
    .map((question) => `**${question.number}.** ${escapeMarkdown(truncate(question.title, 300))}`)
    .join("\n");
  const description = [
    interview.description && interview.description !== interview.title ? escapeMarkdown(interview.description) : "",
    list || t(locale, "questions.empty"),
  ]
    .filter((part) => part !== "")
    .join("\n\n");
  const keywords = interview.keywords.map(escapeMarkdown).join(" · ");
  return message({
    embeds: [
      {
        title: t(locale, "questions.title", { title: interview.title }),
        ...(interview.sourceUrl ? { url: interview.sourceUrl } : {}),
        description,
        color: BRAND_COLOR,
        fields: keywords ? [{ name: t(locale, "questions.keywords"), value: keywords }] : [],
        footer: { text: t(locale, "questions.footer", { page: current, pages, count: interview.questions.length }) },
      },
    ],
    buttons:
      pages > 1
        ? [
            button(
              questionsPage.encode({ interviewId: interview.id, page: current - 1 }),
              `◀ ${t(locale, "button.previous")}`,
              { disabled: current <= 1 },
            ),
            button(
              questionsPage.encode({ interviewId: interview.id, page: current + 1 }),
              `${t(locale, "button.next")} ▶`,
              { disabled: current >= pages },
            ),
          ]
        : [],
    ephemeral,
  });
}
