/**
 * The /reload reply: what changed, or every error and the words "nothing was changed"; per shard when
 * sharded; then, in an embed of their own, the warnings (likely mistakes that did not stop the reload).
 */
import type { APIEmbed } from "discord-api-types/v10";
import { isEmptyDiff } from "../content/library.js";
import type { PlacedReport, ReloadReport } from "../content/reload-report.js";
import { formatContentError, type ContentError } from "../content/model.js";
import type { MessagePayload } from "./payload.js";
import { ERROR_COLOR, SUCCESS_COLOR, WARNING_COLOR } from "./colors.js";
import { LIMITS, embedLength, escapeMarkdown, listWithin, message, truncate } from "./message.js";
import { t, type Locale } from "./strings.js";

type Headline = Extract<ReloadReport, { status: "reloaded" | "rejected" }>;

/** One problem as a list item: `file:line: message` in code style, so content shows as written. */
export function problemLine(problem: ContentError): string {
  return `• \`${truncate(formatContentError(problem), 300).replace(/`/g, "'")}\``;
}

/**
 * The warnings, as many as fit in what the message has left of Discord's 6,000 characters across its
 * embeds (`used` so far), then "…and N more".
 */
export function warningsEmbed(warnings: readonly ContentError[], used: number, locale: Locale): APIEmbed {
  const title = t(locale, "reload.warningsTitle", { count: warnings.length });
  const room = Math.min(LIMITS.embedDescription, LIMITS.embedTotal - used - title.length - 10);
  const more = (count: number): string => t(locale, "reload.moreErrors", { count });
  const description = room < 400 ? more(warnings.length) : listWithin(warnings.map(problemLine), room, more);
  return { title, description, color: WARNING_COLOR };
}

/** The report of one reload: what changed, or every error. */
function reportEmbed(report: Headline, locale: Locale): APIEmbed {
  if (report.status === "rejected") {
    const intro = t(locale, "reload.failedIntro", { count: report.errors.length });
    const errors = report.errors.map(problemLine);
    const description = `${intro}\n${listWithin(errors, LIMITS.embedDescription - intro.length - 1, (count) => t(locale, "reload.moreErrors", { count }))}`;
    return { title: t(locale, "reload.failedTitle"), description, color: ERROR_COLOR };
  }
  const { stats } = report;
  const totals = { interviews: stats.interviews, questions: stats.questions, lines: stats.lines };
  if (isEmptyDiff(report)) {
    return {
      title: t(locale, "reload.doneTitle"),
      description: t(locale, "reload.noChange", totals),
      color: SUCCESS_COLOR,
    };
  }
  const more = (count: number): string => t(locale, "reload.moreErrors", { count });
  const fields: NonNullable<APIEmbed["fields"]> = [];
  const named = (title: string, id: string): string => `${escapeMarkdown(truncate(title, 150))} (\`${id}\`)`;
  if (report.added.length > 0) {
    const lines = report.added.map(
      (i) =>
        `+ ${t(locale, "reload.addedLine", { title: named(i.title, i.id), questions: i.questions, lines: i.lines })}`,
    );
    fields.push({
      name: `${t(locale, "reload.added")} (${report.added.length})`,
      value: listWithin(lines, LIMITS.embedFieldValue, more),
    });
  }
  if (report.removed.length > 0) {
    const lines = report.removed.map((i) => `− ${named(i.title, i.id)}`);
    fields.push({
      name: `${t(locale, "reload.removed")} (${report.removed.length})`,
      value: listWithin(lines, LIMITS.embedFieldValue, more),
    });
  }
  if (report.changed.length > 0) {
    const lines = report.changed.map((change) =>
      t(locale, "reload.changedLine", {
        title: named(change.title, change.id),
        q0: change.questions[0],
        q1: change.questions[1],
        l0: change.lines[0],
        l1: change.lines[1],
      }),
    );
    fields.push({
      name: `${t(locale, "reload.changed")} (${report.changed.length})`,
      value: listWithin(lines, LIMITS.embedFieldValue, more),
    });
  }
  return {
    title: t(locale, "reload.doneTitle"),
    description: t(locale, "reload.totals", totals),
    color: SUCCESS_COLOR,
    fields,
  };
}

function shardLine({ shard, report }: PlacedReport, locale: Locale): string {
  const params = { shard: shard ?? 0 };
  switch (report.status) {
    case "reloaded":
      return `✅ ${t(locale, "reload.shardReloaded", { ...params, version: report.version.slice(0, 8) })}`;
    case "rejected":
      return `❌ ${t(locale, "reload.shardRejected", { ...params, count: report.errors.length })}`;
    case "failed":
      return `❌ ${t(locale, "reload.shardFailed", { ...params, reason: truncate(report.reason, 200).replace(/`/g, "'") })}`;
  }
}

/**
 * The /reload reply. One process: its report. Shards: the report of a shard that reloaded (or else
 * of one that found errors), and a line per shard, naming every shard that kept its old content.
 */
export function renderReload(reports: readonly PlacedReport[], locale: Locale): MessagePayload {
  const first = (status: Headline["status"]): Headline | undefined =>
    reports.map((placed) => placed.report).find((report): report is Headline => report.status === status);
  const headline = first("reloaded") ?? first("rejected");
  const embed: APIEmbed = headline
    ? reportEmbed(headline, locale)
    : { title: t(locale, "reload.failedTitle"), color: ERROR_COLOR };
  if (reports.some((placed) => placed.shard !== undefined)) {
    const kept = reports.filter((placed) => placed.report.status !== "reloaded").length;
    if (headline?.status === "reloaded" && kept > 0) {
      embed.title = t(locale, "reload.partialTitle", { count: kept });
      embed.color = WARNING_COLOR;
    }
    const lines = reports.map((placed) => shardLine(placed, locale));
    const value = listWithin(lines, LIMITS.embedFieldValue, (count) => t(locale, "reload.moreErrors", { count }));
    embed.fields = [...(embed.fields ?? []), { name: t(locale, "reload.shards"), value }];
  }
  const warnings = headline?.warnings ?? [];
  const embeds = warnings.length === 0 ? [embed] : [embed, warningsEmbed(warnings, embedLength(embed), locale)];
  return message({ embeds, ephemeral: true });
}
