// The /content replies as a moderator sees them (src/render/content.ts): the preview of an upload, a rollback or a
// removal with its confirmation buttons, the errors of a file that cannot be published, and the list of versions.
import { ButtonStyle, MessageFlags } from "discord-api-types/v10";
import { describe, expect, it } from "vitest";
import { diffInterviews } from "../src/content/interview-diff.js";
import type { Interview } from "../src/content/model.js";
import { parseInterview } from "../src/content/parse.js";
import { BRAND_COLOR, ERROR_COLOR, WARNING_COLOR } from "../src/render/colors.js";
import { renderHistory, renderInvalid, renderPreview, type PreviewInput } from "../src/render/content.js";
import { messageErrors } from "../testkit/fake-discord.js";
import { buttonsOf } from "./helpers.js";

function interview(text: string, id = "talk"): Interview {
  const result = parseInterview(text, id, `${id}.md`);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.interview;
}

const TWO_QUESTIONS = interview(
  "---\ntitle: A *talk*\n---\n### Question 1: First_one\n- **Transcript**:\n**Guest:** one\n\n**Host:** two\n" +
    "### Question 2: Second\n- **Transcript**:\n**Guest:** three\n",
);
const ONE_QUESTION = interview(
  "---\ntitle: A *talk*\n---\n### Question 1: First_one\n- **Transcript**:\n**Guest:** one\n",
);

function preview(overrides: Partial<PreviewInput> = {}) {
  const input: PreviewInput = {
    change: { kind: "upload" },
    id: "talk",
    interview: TWO_QUESTIONS,
    served: undefined,
    diff: diffInterviews(undefined, TWO_QUESTIONS),
    warnings: [],
    unchanged: false,
    confirmId: "content:pub:ok",
    cancelId: "content:no:ok",
    expiresAt: 1_900_000_000,
    ...overrides,
  };
  const payload = renderPreview(input, "en");
  expect(messageErrors(payload, { requireContent: true })).toEqual([]);
  const buttons = buttonsOf(payload);
  return { payload, embed: payload.embeds![0]!, buttons, styles: buttons.map((button) => button.style) };
}

describe("renderPreview", () => {
  it("shows an upload of a new interview: its questions, counts, and Publish and Cancel for the moderator alone", () => {
    const { payload, embed, buttons, styles } = preview({
      fileUrl: "https://cdn.discordapp.com/ephemeral-attachments/1/2/talk.md",
    });
    expect(embed.title).toBe("Preview: add “A *talk*”");
    expect(embed.description).toBe(
      "`talk` · 2 questions · 3 transcript lines · 2 speakers\n\n" +
        "Only you can press these buttons; they expire <t:1900000000:R>.",
    );
    expect(embed.fields).toEqual([
      { name: "Questions (2)", value: "1. First\\_one\n2. Second" },
      { name: "Compared with the version being served", value: "New: no interview called `talk` is being served." },
    ]);
    expect(embed.color).toBe(BRAND_COLOR);
    expect(embed.url).toBe("https://cdn.discordapp.com/ephemeral-attachments/1/2/talk.md");
    expect(buttons.map((button) => [button.label, button.custom_id])).toEqual([
      ["Publish", "content:pub:ok"],
      ["Cancel", "content:no:ok"],
    ]);
    expect(styles).toEqual([ButtonStyle.Success, ButtonStyle.Secondary]);
    expect(payload.flags).toBe(MessageFlags.Ephemeral);
    expect(payload.embeds).toHaveLength(1);
  });

  it("compares a replacement with the version served: questions added, removed and changed, lines ±", () => {
    const { embed } = preview({
      served: ONE_QUESTION,
      diff: { questionsAdded: [2], questionsRemoved: [], questionsChanged: [1, 3], linesAdded: 2, linesRemoved: 1 },
    });
    expect(embed.title).toBe("Preview: replace “A *talk*”");
    expect(embed.fields?.[1]).toEqual({
      name: "Compared with the version being served",
      value: "Questions added: 2 · removed: none · changed: 1, 3\nTranscript lines: +2 −1",
    });
  });

  it("offers Roll back to a version, named by its first 12 characters", () => {
    const { embed, buttons, styles } = preview({
      change: { kind: "rollback", version: "0123456789abcdef0123" },
      served: TWO_QUESTIONS,
      interview: ONE_QUESTION,
      diff: diffInterviews(TWO_QUESTIONS, ONE_QUESTION),
    });
    expect(embed.title).toBe("Preview: roll “A *talk*” back to version 0123456789ab");
    expect(embed.fields?.[0]).toEqual({ name: "Questions (1)", value: "1. First\\_one" });
    expect(buttons.map((button) => button.label)).toEqual(["Roll back", "Cancel"]);
    expect(styles).toEqual([ButtonStyle.Success, ButtonStyle.Secondary]);
  });

  it("offers Remove, in red, with the served interview's counts and no question list", () => {
    const { embed, buttons, styles } = preview({
      change: { kind: "remove" },
      interview: undefined,
      served: TWO_QUESTIONS,
      diff: diffInterviews(TWO_QUESTIONS, undefined),
    });
    expect(embed.title).toBe("Preview: remove “A *talk*”");
    expect(embed.description).toMatch(/^`talk` · 2 questions · 3 transcript lines · 2 speakers\n\n/);
    expect(embed.fields?.map((field) => field.name)).toEqual(["Compared with the version being served"]);
    expect(buttons.map((button) => button.label)).toEqual(["Remove", "Cancel"]);
    expect(styles).toEqual([ButtonStyle.Danger, ButtonStyle.Secondary]);
  });

  it("names by its id an interview it has no title for", () => {
    const { embed } = preview({ change: { kind: "remove" }, interview: undefined, served: undefined, id: "gone" });
    expect(embed.title).toBe("Preview: remove “gone”");
    expect(embed.description).toBe("Only you can press these buttons; they expire <t:1900000000:R>.");
  });

  it("offers nothing to press when the change writes nothing new, and says so", () => {
    const { embed, buttons } = preview({ served: TWO_QUESTIONS, unchanged: true });
    expect(embed.description).toBe(
      "`talk` · 2 questions · 3 transcript lines · 2 speakers\n\n" +
        "This is the version being served already: there is nothing to publish.",
    );
    expect(buttons).toEqual([]);
  });

  it("offers no buttons without a confirming id, and no Cancel without its id", () => {
    const unconfirmed = preview({ confirmId: undefined });
    expect(unconfirmed.buttons).toEqual([]);
    expect(unconfirmed.embed.description).toBe("`talk` · 2 questions · 3 transcript lines · 2 speakers");
    expect(preview({ cancelId: undefined }).buttons.map((button) => button.label)).toEqual(["Publish"]);
  });

  it("says an interview has no questions, and keeps a file address only within Discord's 2,048 characters", () => {
    const empty: Interview = { ...TWO_QUESTIONS, questions: [] };
    const { embed } = preview({ interview: empty, fileUrl: `https://cdn.discordapp.com/${"a".repeat(2030)}` });
    expect(embed.fields?.[0]).toEqual({ name: "Questions (0)", value: "This interview has no questions." });
    expect(embed.url).toBeUndefined();
  });

  it("lists the warnings in a second embed", () => {
    const { payload } = preview({ warnings: [{ file: "talk.md", line: 3, message: "an odd line" }] });
    expect(payload.embeds?.[1]).toMatchObject({
      title: "1 warning: they do not stop a reload, but check them",
      description: "• `talk.md:3: an odd line`",
      color: WARNING_COLOR,
    });
  });
});

describe("renderInvalid", () => {
  it("lists every error, and the warnings apart, privately", () => {
    const payload = renderInvalid(
      [
        { file: "talk.md", line: 2, message: "no title" },
        { file: "talk.md", line: undefined, message: "no `questions`" },
      ],
      [{ file: "talk.md", line: 9, message: "a long line" }],
      "en",
    );
    expect(payload.embeds?.[0]).toEqual({
      title: "This file cannot be published: nothing was changed",
      description:
        "2 problems found. Fix them and upload the file again:\n• `talk.md:2: no title`\n• `talk.md: no 'questions'`",
      color: ERROR_COLOR,
    });
    expect(payload.embeds?.[1]?.title).toBe("1 warning: they do not stop a reload, but check them");
    expect(payload.flags).toBe(MessageFlags.Ephemeral);
    expect(renderInvalid([{ file: "a.md", line: undefined, message: "x" }], [], "en").embeds).toHaveLength(1);
  });
});

describe("renderHistory", () => {
  const version = {
    commit: "0123456789abcdef0123456789abcdef01234567",
    time: 1_800_000_000,
    authorName: "Mira *mod*",
    authorId: "1300000000000000001",
    subject: "Add `talk`",
  };

  it("lists each version: its id, when, who (named, never pinged) and what changed", () => {
    const payload = renderHistory([version, { ...version, authorId: undefined, subject: "Edit" }], "talk", "en");
    expect(payload.embeds?.[0]).toEqual({
      title: "Versions of “talk”",
      description:
        "`0123456789ab` <t:1800000000:f> · Mira \\*mod\\* (1300000000000000001)\nAdd \\`talk\\`\n" +
        "`0123456789ab` <t:1800000000:f> · Mira \\*mod\\*\nEdit",
      footer: { text: "Restore one with /content rollback interview:… version:…" },
      color: BRAND_COLOR,
    });
    expect(payload.allowed_mentions).toEqual({ parse: [] });
    expect(payload.flags).toBe(MessageFlags.Ephemeral);
  });

  it("titles the whole content's history, and says when there is none", () => {
    expect(renderHistory([version], undefined, "en").embeds?.[0]?.title).toBe("Versions of the content");
    expect(renderHistory([], "talk", "en")).toMatchObject({
      content: "No versions yet: nothing has been changed from Discord.",
      flags: MessageFlags.Ephemeral,
    });
  });
});
