/** The /reload reply, rendered from reports: what changed, every error, and one line per shard. */
import type { APIEmbed } from "discord-api-types/v10";
import { describe, expect, it } from "vitest";
import type { PlacedReport, ReloadReport } from "../src/content/reload-report.js";
import { ERROR_COLOR, SUCCESS_COLOR, WARNING_COLOR } from "../src/render/colors.js";
import { embedLength } from "../src/render/message.js";
import { renderReload } from "../src/render/reload.js";

const stats = { interviews: 2, questions: 12, lines: 340, speakers: 3 };

function reloaded(changes: Partial<Extract<ReloadReport, { status: "reloaded" }>> = {}): ReloadReport {
  return {
    status: "reloaded",
    version: "0123456789abcdef",
    added: [],
    removed: [],
    changed: [],
    stats,
    warnings: [],
    ...changes,
  };
}

function rejected(count: number): ReloadReport {
  const errors = Array.from({ length: count }, (_, i) => ({ file: `f${i}.md`, line: i + 1, message: `bad ${i}` }));
  return { status: "rejected", errors, warnings: [] };
}

function embedOf(reports: readonly PlacedReport[], locale: "en" | "zh-CN" = "en"): APIEmbed {
  const payload = renderReload(reports, locale);
  expect(payload.flags).toBe(64);
  const [embed] = payload.embeds ?? [];
  if (embed === undefined) throw new Error("no embed");
  return embed;
}

describe("one process", () => {
  it("says nothing changed, with the totals", () => {
    expect(embedOf([{ report: reloaded() }])).toEqual({
      title: "Content reloaded",
      description: "Nothing changed on disk: 2 interviews, 12 questions, 340 lines.",
      color: SUCCESS_COLOR,
    });
  });

  it("lists what was added, removed and changed, each in its own field", () => {
    const embed = embedOf([
      {
        report: reloaded({
          added: [{ id: "new", title: "New *one*", questions: 3, lines: 40 }],
          removed: [
            { id: "gone", title: "Gone", questions: 1, lines: 2 },
            { id: "old", title: "Old", questions: 1, lines: 2 },
          ],
          changed: [{ id: "edit", title: "Edited", questions: [4, 5], lines: [10, 12] }],
        }),
      },
    ]);
    expect(embed).toEqual({
      title: "Content reloaded",
      description: "Now serving 2 interviews, 12 questions, 340 lines.",
      color: SUCCESS_COLOR,
      fields: [
        { name: "Added (1)", value: "+ New \\*one\\* (`new`): 3 questions, 40 lines" },
        { name: "Removed (2)", value: "− Gone (`gone`)\n− Old (`old`)" },
        { name: "Changed (1)", value: "Edited (`edit`): questions 4 → 5, lines 10 → 12" },
      ],
    });
  });

  it("leaves out the fields of kinds of change that did not happen", () => {
    const removedOnly = embedOf([{ report: reloaded({ removed: [{ id: "x", title: "X", questions: 1, lines: 1 }] }) }]);
    expect(removedOnly.fields?.map((field) => field.name)).toEqual(["Removed (1)"]);
    const changedOnly = embedOf([
      { report: reloaded({ changed: [{ id: "x", title: "X", questions: [1, 2], lines: [3, 4] }] }) },
    ]);
    expect(changedOnly.fields?.map((field) => field.name)).toEqual(["Changed (1)"]);
  });

  it("cuts a long list of additions within the field, saying how many more there are", () => {
    const added = Array.from({ length: 200 }, (_, i) => ({
      id: `i${i}`,
      title: `Interview ${i}`,
      questions: 1,
      lines: 1,
    }));
    const [field] = embedOf([{ report: reloaded({ added }) }]).fields ?? [];
    const lines = field?.value.split("\n") ?? [];
    expect(field?.value.length).toBeLessThanOrEqual(1024);
    const shown = lines.length - 1;
    expect(lines.slice(0, shown)).toEqual(
      added.slice(0, shown).map((i) => `+ ${i.title} (\`${i.id}\`): 1 question, 1 line`),
    );
    expect(lines.at(-1)).toBe(`…and ${200 - shown} more.`);
    // As many as fit with room left for that last line.
    const withNext = [...lines.slice(0, shown), `+ Interview ${shown} (\`i${shown}\`): 1 question, 1 line`];
    expect(withNext.join("\n").length).toBeGreaterThan(1024 - 40);
  });

  it("lists every error when the folder is refused, and says nothing was changed", () => {
    expect(embedOf([{ report: rejected(2) }])).toEqual({
      title: "Reload failed: nothing was changed",
      description:
        "2 problems found. The bot keeps serving the content it had. Fix these and run /reload again:\n" +
        "• `f0.md:1: bad 0`\n• `f1.md:2: bad 1`",
      color: ERROR_COLOR,
    });
  });

  it("cuts a long list of errors within the description", () => {
    const { description = "" } = embedOf([{ report: rejected(300) }]);
    expect(description.length).toBeLessThanOrEqual(4096);
    expect(description.length).toBeGreaterThan(4096 - 100);
    expect(description).toMatch(/\n…and \d+ more\.$/);
    const shown = description.split("\n").filter((line) => line.startsWith("• ")).length;
    expect(description).toContain(`…and ${300 - shown} more.`);
  });
});

describe("shards", () => {
  it("all reloaded: the report, and a line per shard with the version's first 8 digits", () => {
    const embed = embedOf([
      { shard: 0, report: reloaded() },
      { shard: 1, report: reloaded() },
    ]);
    expect(embed.title).toBe("Content reloaded");
    expect(embed.color).toBe(SUCCESS_COLOR);
    expect(embed.fields).toEqual([
      { name: "Shards", value: "✅ shard 0: reloaded (version 01234567)\n✅ shard 1: reloaded (version 01234567)" },
    ]);
  });

  it("some kept their old content: a warning that counts them, and why each did", () => {
    const embed = embedOf([
      { shard: 0, report: reloaded() },
      { shard: 1, report: rejected(3) },
      { shard: 2, report: { status: "failed", reason: "did not answer in `time`" } },
    ]);
    expect(embed.title).toBe("Content reloaded, but 2 shards kept the old content");
    expect(embed.color).toBe(WARNING_COLOR);
    expect(embed.fields).toEqual([
      {
        name: "Shards",
        value: [
          "✅ shard 0: reloaded (version 01234567)",
          "❌ shard 1: kept its old content (3 problems)",
          "❌ shard 2: kept its old content — did not answer in 'time'",
        ].join("\n"),
      },
    ]);
  });

  it("none reloaded: the errors one of them found, and the shard lines", () => {
    const embed = embedOf([
      { shard: 0, report: { status: "failed", reason: "gone" } },
      { shard: 1, report: rejected(1) },
    ]);
    expect(embed.title).toBe("Reload failed: nothing was changed");
    expect(embed.color).toBe(ERROR_COLOR);
    expect(embed.description).toContain("• `f0.md:1: bad 0`");
    expect(embed.fields?.at(-1)?.value).toBe(
      "❌ shard 0: kept its old content — gone\n❌ shard 1: kept its old content (1 problem)",
    );
  });

  it("a shard's changes come before the shard lines", () => {
    const embed = embedOf([
      { shard: 0, report: reloaded({ removed: [{ id: "x", title: "X", questions: 1, lines: 1 }] }) },
      { shard: 1, report: reloaded({ removed: [{ id: "x", title: "X", questions: 1, lines: 1 }] }) },
    ]);
    expect(embed.fields?.map((field) => field.name)).toEqual(["Removed (1)", "Shards"]);
  });

  it("cuts a long list of shards within the field, saying how many more there are", () => {
    const shards = Array.from({ length: 60 }, (_, shard) => ({ shard, report: reloaded() }));
    const value = embedOf(shards).fields?.at(-1)?.value ?? "";
    expect(value.length).toBeLessThanOrEqual(1024);
    const shown = value.split("\n").filter((line) => line.startsWith("✅ ")).length;
    expect(value).toMatch(new RegExp(`\\n…and ${60 - shown} more\\.$`));
  });

  it("in Chinese too", () => {
    const embed = embedOf(
      [
        { shard: 0, report: reloaded() },
        { shard: 1, report: rejected(1) },
      ],
      "zh-CN",
    );
    expect(embed.title).toBe("内容已重新加载，但有 1 个分片仍在使用原来的内容");
    expect(embed.fields?.at(-1)?.name).toBe("分片");
  });
});

describe("warnings", () => {
  const warning = (i: number): { file: string; line: number; message: string } => ({
    file: `w${i}.md`,
    line: i + 1,
    message: `question ${i} has no summary`,
  });

  it("a reload with warnings lists them in a second, yellow embed; one without has none", () => {
    const payload = renderReload([{ report: reloaded({ warnings: [warning(0), warning(1)] }) }], "en");
    expect(payload.embeds).toHaveLength(2);
    expect(payload.embeds?.[1]).toEqual({
      title: "2 warnings: they do not stop a reload, but check them",
      description: "• `w0.md:1: question 0 has no summary`\n• `w1.md:2: question 1 has no summary`",
      color: WARNING_COLOR,
    });
    expect(renderReload([{ report: reloaded() }], "en").embeds).toHaveLength(1);
  });

  it("gives the warnings only the room the report left, whole lines then how many more", () => {
    const long = (kind: string, i: number): { id: string; title: string; questions: number; lines: number } => ({
      id: `${kind}${i}`,
      title: `${kind} interview number ${i} with a long, long title`,
      questions: 1,
      lines: 1,
    });
    const many = (kind: string) => Array.from({ length: 60 }, (_, i) => long(kind, i));
    const changed = many("changed").map((i) => ({ ...i, questions: [1, 2] as const, lines: [3, 4] as const }));
    const shards: PlacedReport[] = Array.from({ length: 40 }, (_, shard) => ({
      shard,
      report: reloaded({ added: many("added"), removed: many("removed"), changed, warnings: [] }),
    }));
    const warnings = Array.from({ length: 200 }, (_, i) => warning(i));
    shards[0] = { shard: 0, report: reloaded({ added: many("added"), removed: many("removed"), changed, warnings }) };
    const [report, listed] = renderReload(shards, "en").embeds ?? [];
    if (report === undefined || listed === undefined) throw new Error("two embeds expected");
    // The report fills most of Discord's 6,000 characters; the warnings get what is left, cut between lines.
    expect(embedLength(report)).toBeGreaterThan(3500);
    expect(embedLength(report) + embedLength(listed)).toBeLessThanOrEqual(6000);
    expect(embedLength(report) + embedLength(listed)).toBeGreaterThan(6000 - 100);
    const lines = listed.description?.split("\n") ?? [];
    const shown = lines.slice(0, -1);
    expect(shown).toEqual(warnings.slice(0, shown.length).map((w) => `• \`${w.file}:${w.line}: ${w.message}\``));
    expect(lines.at(-1)).toBe(`…and ${200 - shown.length} more.`);
  });
});

describe("no shard could report", () => {
  it("says the reload failed, in red, with only the shard lines", () => {
    expect(
      embedOf([
        { shard: 0, report: { status: "failed", reason: "gone" } },
        { shard: 1, report: { status: "failed", reason: "timed out" } },
      ]),
    ).toEqual({
      title: "Reload failed: nothing was changed",
      color: ERROR_COLOR,
      fields: [
        {
          name: "Shards",
          value: "❌ shard 0: kept its old content — gone\n❌ shard 1: kept its old content — timed out",
        },
      ],
    });
  });
});
