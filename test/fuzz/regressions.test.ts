/**
 * What the fuzzers found, pinned as plain examples so each fix stays fixed whatever seed a run draws.
 * (The quadratic patterns are pinned by the 5 MB cases of parse.test.ts.)
 */
import { describe, expect, it } from "vitest";
import type { APIInteraction } from "discord-api-types/v10";
import { parseInterview } from "../../src/content/parse.js";
import type { Interview } from "../../src/content/model.js";
import { fromRawInteraction } from "../../src/interactions/interaction.js";
import { message } from "../../src/render/message.js";
import { renderQuestionsPage } from "../../src/render/questions.js";
import { renderSummary } from "../../src/render/summary.js";
import { messageErrors } from "../../testkit/fake-discord.js";

function parsed(text: string): Interview {
  const result = parseInterview(text, "x", "x.md");
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.interview;
}

describe("found by fuzzing", () => {
  const UNLINKABLE = [
    "http://",
    "https://",
    "http://localhost",
    "https://exa mple.com",
    `https://example.com/${"a".repeat(2100)}`,
  ];

  it.each(UNLINKABLE)(
    "a source link Discord refuses (%s) is dropped instead of failing every reply of the interview",
    (url) => {
      const fromFrontMatter = parsed(`---\ntitle: T\nsource: ${JSON.stringify(url)}\n---\n### Q1: a\n`);
      const fromBody = parsed(`---\ntitle: T\n---\n**Source:** [video](${url})\n### Q1: a\n`);
      for (const interview of [fromFrontMatter, fromBody]) {
        expect(interview.sourceUrl).toBeUndefined();
        expect(messageErrors(renderQuestionsPage(interview, 1, "en"), { requireContent: true })).toEqual([]);
      }
    },
  );

  it("a linkable source link is kept, from the front matter or the body", () => {
    expect(parsed(`---\ntitle: T\nsource: " https://b23.tv/85KHdUL "\n---\n### Q1: a\n`).sourceUrl).toBe(
      "https://b23.tv/85KHdUL",
    );
    expect(parsed(`---\ntitle: T\n---\n**访谈视频：**[v](https://b23.tv/85KHdUL)\n### Q1: a\n`).sourceUrl).toBe(
      "https://b23.tv/85KHdUL",
    );
  });

  it("paragraphs of bare ** add no empty paragraphs to an explanation, so /summary stays sendable", () => {
    // fast-check's counterexample: "- **Explanation** \n\n**\n\n**" made the explanation "\n\n".
    const interview = parsed(`---\ntitle: "A"\n---\n### Question 1: first\n\n- **Explanation** \n\n**\n\n**`);
    const question = interview.questions[0];
    expect(question?.explanation).toBe("");
    expect(messageErrors(renderSummary(interview, question!, "en"), { requireContent: true })).toEqual([]);
  });

  it("a field of whitespace is sent as a zero-width space", () => {
    const sent = message({ embeds: [{ title: "t", fields: [{ name: " ", value: "\n\n" }] }] });
    expect(sent.embeds?.[0]?.fields).toEqual([{ name: "\u200b", value: "\u200b" }]);
  });

  it("a question title holding a line separator (U+2028) is still a question", () => {
    expect(
      parsed(`---\ntitle: T\n---\n### Question 1: one\u2028two\n`).questions.map((question) => question.title),
    ).toEqual(["one two"]);
  });

  it("options that are not objects, and nested options that are not lists, are skipped instead of throwing", () => {
    const raw = {
      id: "1",
      type: 2,
      locale: "en-US",
      user: { id: "2", username: "u" },
      data: {
        name: "questions",
        options: [
          undefined,
          null,
          3,
          { name: 5, value: 1 },
          { type: 1, options: 7 },
          { name: "page", type: 4, value: 2 },
        ],
      },
    } as unknown as APIInteraction;
    expect(fromRawInteraction(raw)).toMatchObject({ kind: "command", command: "questions", options: { page: 2 } });
  });
});
