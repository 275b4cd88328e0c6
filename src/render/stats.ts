/**
 * The /stats reply: one server's usage over recent days — totals, the most viewed questions, the most quoted
 * lines, the searches that found nothing (the content gaps) and the searches per day. The statistics hold
 * ids and numbers; titles and lines are looked up in the content being served.
 */
import type { APIEmbed } from "discord-api-types/v10";
import type { ContentLibrary } from "../content/model.js";
import type { UsageReport } from "../stats/report.js";
import type { MessagePayload } from "./payload.js";
import { BRAND_COLOR } from "./colors.js";
import { LIMITS, escapeMarkdown, listWithin, message, truncate } from "./message.js";
import { t, type Locale } from "./strings.js";

const TITLE_LENGTH = 80;
const LINE_SNIPPET_LENGTH = 70;

function sum<T>(items: readonly T[], count: (item: T) => number): number {
  return items.reduce((total, item) => total + count(item), 0);
}

/** Numbered entries within one embed field, then "…and N more". */
function field(name: string, entries: readonly string[], locale: Locale): { name: string; value: string } {
  const more = (count: number): string => t(locale, "reload.moreErrors", { count });
  const numbered = entries.map((entry, index) => `${index + 1}. ${entry}`);
  return {
    name,
    value: entries.length === 0 ? t(locale, "stats.none") : listWithin(numbered, LIMITS.embedFieldValue, more),
  };
}

function questionEntries(report: UsageReport, library: ContentLibrary, locale: Locale): string[] {
  return report.questions.map(({ interviewId, number, views }) => {
    const interview = library.interviews.find((candidate) => candidate.id === interviewId);
    const question = interview?.questions.find((candidate) => candidate.number === number);
    const where = interview === undefined ? `\`${interviewId}\`` : `_${escapeMarkdown(truncate(interview.title, 40))}_`;
    const title =
      question === undefined ? t(locale, "stats.gone") : escapeMarkdown(truncate(question.title, TITLE_LENGTH));
    return `**${t(locale, "summary.question", { number })}** ${title} — ${where} · ${t(locale, "stats.views", { count: views })}`;
  });
}

function lineEntries(report: UsageReport, library: ContentLibrary, locale: Locale): string[] {
  return report.lines.map(({ interviewId, number, quoted, posted }) => {
    const interview = library.interviews.find((candidate) => candidate.id === interviewId);
    const line = interview?.lines[number - 1];
    const where = `${interview === undefined ? `\`${interviewId}\`` : `_${escapeMarkdown(truncate(interview.title, 40))}_`}, ${t(locale, "stats.lineRef", { line: number })}`;
    const text =
      line === undefined
        ? t(locale, "stats.gone")
        : `**${escapeMarkdown(truncate(line.speaker || "?", 40))}**: “${escapeMarkdown(truncate(line.text, LINE_SNIPPET_LENGTH))}”`;
    return `${text} — ${where} · ${t(locale, "stats.lineCounts", { quoted, posted })}`;
  });
}

export function renderStats(report: UsageReport, library: ContentLibrary, locale: Locale): MessagePayload {
  const searches = sum(report.searchesPerDay, (day) => day.searches);
  const unfound = sum(report.searchesPerDay, (day) => day.unfound);
  const totals = {
    searches,
    unfound,
    views: report.totals.questionViews,
    quoted: report.totals.quoted,
    posted: report.totals.posted,
  };
  const embed: APIEmbed = {
    title: t(locale, "stats.title", { days: report.days }),
    color: BRAND_COLOR,
    footer: { text: t(locale, "stats.footer", { since: report.since }) },
  };
  if (report.commands.length === 0) {
    embed.description = t(locale, "stats.empty");
    return message({ embeds: [embed], ephemeral: true });
  }
  const commands = report.commands.map(({ command, uses }) => `/${command} ${uses}`).join(" · ");
  embed.description = `${t(locale, "stats.totals", totals)}\n${t(locale, "stats.commands", { commands })}`;
  embed.fields = [
    field(t(locale, "stats.questions"), questionEntries(report, library, locale), locale),
    field(t(locale, "stats.lines"), lineEntries(report, library, locale), locale),
    field(
      t(locale, "stats.unfound"),
      report.unfound.map(({ query, searches: times }) => `“${escapeMarkdown(query)}” × ${times}`),
      locale,
    ),
    field(
      t(locale, "stats.perDay"),
      // Newest first: when the days do not all fit, the recent ones are kept.
      [...report.searchesPerDay]
        .reverse()
        .map((day) => t(locale, "stats.day", { day: day.day, searches: day.searches, unfound: day.unfound })),
      locale,
    ),
  ];
  return message({ embeds: [embed], ephemeral: true });
}
