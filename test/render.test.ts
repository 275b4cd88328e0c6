/** Replies on edge content stay within Discord's limits; the render helpers; the button custom-id codecs. */
import { beforeAll, describe, expect, it } from "vitest";
import type { CommandContext } from "../src/interactions/command.js";
import {
  customIdCommand,
  pickedLine,
  questionsPage,
  quoteContext,
  quoteDelete,
  quoteMatch,
  quotePost,
} from "../src/render/custom-ids.js";
import { escapeMarkdown, highlight, truncate } from "../src/render/message.js";
import { CHOICE_TITLE_LENGTH, quoteChoiceName, renderQuote } from "../src/render/quote.js";
import type { TranscriptLine } from "../src/content/model.js";
import { shown, autocomplete, buttonsOf, command, contextOf, messageOf, press, run, storeOf } from "./helpers.js";

const longParagraph = "开头" + "很长的一段话，".repeat(1400) + "关键词在这里" + "结尾。".repeat(100);
const manyQuestions = Array.from(
  { length: 300 },
  (_, i) =>
    `### Question ${i + 1}: ${"A rather long question title that goes on ".repeat(3)}${i + 1}\n- **Summary**: s${i + 1}\n`,
).join("\n");
const hostile =
  "@everyone <@123456789012345678> <@&123456789012345678> **bold** _it_ `code` ||spoiler|| [link](https://evil.example) > quote";

let context: CommandContext;
beforeAll(() => {
  context = contextOf(
    storeOf({
      long: `---\ntitle: Long\ndate: 2020-01-01\n---\n### Question 1: The long one\n- **Transcript**\n**Host:** ${longParagraph}\n**Guest:** short answer\n`,
      many: `---\ntitle: Many\ndate: 2020-01-02\n---\n${manyQuestions}`,
      bare: `---\ntitle: Bare\ndate: 2020-01-03\n---\n### Question 1: Nothing written\n`,
      hostile: `---\ntitle: "${hostile.replace(/"/g, "'")}"\ndate: 2020-01-04\nkeywords: "@everyone, <@1>"\n---\n### Question 1: ${hostile}\n- **Summary**: ${hostile}\n- **Explanation**: ${hostile}\n- **Transcript**\n**@here:** ${hostile}\n`,
    }),
  );
});

describe("edge content stays within Discord's limits", () => {
  it("a 10,000-character paragraph is cut around its match, with the match in bold", async () => {
    expect(longParagraph.length).toBeGreaterThan(10_000);
    const message = messageOf(await run(command("quote", { keyword: "关键词在这里", interview: "long" }), context));
    const description = shown(message)?.description ?? "";
    expect(description).toContain("**关键词在这里**");
    expect(description.startsWith("…")).toBe(true);
    const summary = messageOf(await run(command("summary", { question: "1", interview: "long" }), context));
    expect(shown(summary)?.fields?.[1]?.value).toContain("**Host**: 开头");
    const choices = await run(autocomplete("quote", "keyword", { keyword: "关键词", interview: "long" }), context);
    expect(choices.kind === "choices" && choices.choices[0]?.name).toMatch(/^Host: …?.*关键词/);
  });

  it("300 questions page ten at a time, up to page 30", async () => {
    const first = messageOf(await run(command("questions", { interview: "many" }), context));
    expect(shown(first)?.footer?.text).toBe("Page 1 of 30 · 300 questions · /summary shows one");
    const last = messageOf(await run(press("questions:30:many"), context));
    expect(shown(last)?.description).toContain("**300.** A rather long");
    expect(buttonsOf(last).map((b) => b.disabled)).toEqual([false, true]);
    const choices = await run(autocomplete("summary", "question", { question: "", interview: "many" }), context);
    expect(choices.kind === "choices" && choices.choices.length).toBe(25);
  });

  it("a question with no summary says so", async () => {
    const embed = shown(messageOf(await run(command("summary", { question: "1", interview: "bare" }), context)));
    expect(embed?.description).toBe("*No summary was written for this question.*");
    expect(embed?.fields).toEqual([]);
  });

  it("mentions and Markdown in content and queries ping no one and show as written", async () => {
    const responses = [
      await run(command("questions", { interview: "hostile" }), context),
      await run(command("summary", { question: "1", interview: "hostile" }), context),
      await run(command("quote", { keyword: "everyone", interview: "hostile" }), context),
      await run(command("quote", { keyword: "@everyone <@123456789012345678> zzzz", interview: "hostile" }), context),
      await run(command("quote", { keyword: "xyzzy @everyone" }), context),
    ];
    for (const response of responses) expect(messageOf(response).allowed_mentions).toEqual({ parse: [] });
    const summary = shown(messageOf(responses[1]!));
    expect(summary?.description).toContain("\\_it\\_ \\`code\\`");
    expect(summary?.description).toContain("\\|\\|spoiler\\|\\|");
  });

  it("the newest interview is the default", async () => {
    const message = messageOf(await run(command("questions"), context));
    expect(shown(message)?.title).toContain("@everyone");
  });
});

describe("render helpers", () => {
  it("truncate never splits a surrogate pair and marks the cut", () => {
    expect(truncate("abc", 3)).toBe("abc");
    expect(truncate("abcdef", 4)).toBe("abc…");
    const emoji = "😀😀😀";
    const cut = truncate(emoji, 4);
    expect(cut.length).toBeLessThanOrEqual(4);
    expect(cut).toBe("😀…");
  });

  it("escapes Markdown and bolds matched ranges", () => {
    expect(escapeMarkdown("*a* _b_ `c` > d")).toBe("\\*a\\* \\_b\\_ \\`c\\` > d");
    expect(escapeMarkdown("> quote")).toBe("\\> quote");
    expect(highlight("hello *world*", [[7, 12]])).toBe("hello \\***world**\\*");
    expect(highlight("董事会成员", [[0, 3]])).toBe("**董事会**成员");
  });

  const lineOf = (speaker: string, text: string): TranscriptLine => ({
    number: 7,
    question: 2,
    speaker,
    text,
    sourceLine: 1,
  });

  it("an autocomplete label is the speaker and a snippet around the match, then its interview's title when given", () => {
    const short = lineOf("Guest", "The lamp was paraffin.");
    expect(quoteChoiceName(short, [[4, 8]])).toBe("Guest: The lamp was paraffin.");
    expect(quoteChoiceName(short, [[4, 8]], "Carrick Head")).toBe("Guest: The lamp was paraffin. — Carrick Head");
    expect(quoteChoiceName(lineOf("", "x"), [], "T")).toBe("?: x — T");
    // A long line is cut around its match, a long title to CHOICE_TITLE_LENGTH: together 100 characters.
    const long = lineOf("Guest", `${"words before the match ".repeat(10)}MERCURY${" and words after it".repeat(10)}`);
    const title = "Twenty-seven winters at Carrick Head";
    const start = long.text.indexOf("MERCURY");
    const name = quoteChoiceName(long, [[start, start + 7]], title);
    expect(name).toHaveLength(100);
    expect(name).toMatch(/^Guest: ….*MERCURY.*… — Twenty-seven winters at Carrick…$/);
    expect(name.length - name.indexOf(" — ") - 3).toBe(CHOICE_TITLE_LENGTH);
    // Even a speaker's name longer than the label keeps the title.
    expect(quoteChoiceName(lineOf("S".repeat(150), "text"), [], "Title")).toMatch(/^S+… — Title$/);
    expect(quoteChoiceName(lineOf("S".repeat(150), "text"), [], "Title")).toHaveLength(100);
  });

  it("a search of every interview pages with an empty interview id; an id over 100 characters drops ◀ ▶, as always", () => {
    const line = lineOf("Guest", "A line.");
    const interview = storeOf({ a: "---\ntitle: A\n---\n### Question 1: Q\n- **Transcript**\n**Guest:** A line.\n" })
      .current.library.interviews[0]!;
    const navigation = { interviewId: undefined, query: "line", speaker: undefined, rank: 0, total: 3 };
    const ids = (query: string) =>
      buttonsOf(renderQuote(interview, line, [], "en", { ephemeral: false, navigation: { ...navigation, query } })).map(
        (b) => b.custom_id,
      );
    expect(ids("line")).toEqual(["quote:nav:-1:::line", "quote:nav:1:::line", "quote:ctx:a:7", "quote:del"]);
    expect(ids("q".repeat(85))).toHaveLength(4);
    expect(ids("q".repeat(87))).toEqual(["quote:ctx:a:7", "quote:del"]);
  });
});

describe("button custom ids", () => {
  // Ids already sent sit in old messages: these strings must keep meaning what they meant.
  it("encode to the wire format buttons in the wild carry", () => {
    expect(questionsPage.encode({ interviewId: "altman", page: 2 })).toBe("questions:2:altman");
    expect(quoteMatch.encode({ interviewId: "altman", query: "短信", speaker: undefined, rank: -1 })).toBe(
      "quote:nav:-1:altman::短信",
    );
    expect(quoteMatch.encode({ interviewId: "a:b", query: "x:y%", speaker: "Sam", rank: 3 })).toBe(
      "quote:nav:3:a%3Ab:Sam:x%3Ay%25",
    );
    expect(quoteContext.encode({ interviewId: "altman", line: 25 })).toBe("quote:ctx:altman:25");
    expect(quotePost.encode({ interviewId: "altman", line: 25 })).toBe("quote:post:altman:25");
    expect(pickedLine.encode({ interviewId: "altman", line: 7 })).toBe("line:7:altman");
    // A search of every interview (no `interview:`) carries no interview id.
    expect(quoteMatch.encode({ interviewId: undefined, query: "短信", speaker: "Sam", rank: 1 })).toBe(
      "quote:nav:1::Sam:短信",
    );
  });

  it("decode what they encoded, each kind only its own ids", () => {
    expect(questionsPage.decode("questions:2:altman")).toEqual({ interviewId: "altman", page: 2 });
    expect(quoteMatch.decode("quote:nav:3:a%3Ab:Sam:x%3Ay%25")).toEqual({
      interviewId: "a:b",
      query: "x:y%",
      speaker: "Sam",
      rank: 3,
    });
    expect(quoteMatch.decode("quote:nav:-1:altman::短信")).toEqual({
      interviewId: "altman",
      query: "短信",
      speaker: undefined,
      rank: -1,
    });
    expect(quoteMatch.decode("quote:nav:1::Sam:短信")).toEqual({
      interviewId: undefined,
      query: "短信",
      speaker: "Sam",
      rank: 1,
    });
    // A bare colon in the query (only a hand-made id has one) is kept.
    expect(quoteMatch.decode("quote:nav:0:altman::a:b")?.query).toBe("a:b");
    expect(quoteContext.decode("quote:ctx:altman:25")).toEqual({ interviewId: "altman", line: 25 });
    expect(quotePost.decode("quote:post:altman:25")).toEqual({ interviewId: "altman", line: 25 });
    expect(pickedLine.decode("line:7:altman")).toEqual({ interviewId: "altman", line: 7 });
    expect(quoteContext.decode("quote:post:altman:25")).toBeUndefined();
    expect(quotePost.decode("quote:ctx:altman:25")).toBeUndefined();
    expect(quoteMatch.decode("quote:ctx:altman:25")).toBeUndefined();
    expect(customIdCommand("quote:nav:1:x::q")).toBe("quote");
  });

  it("decode garbled ids to undefined", () => {
    for (const id of ["", ":", "questions", "questions:abc:x", "questions:-1:x", "questions:1234567:x", "summary:1"])
      expect(questionsPage.decode(id), id).toBeUndefined();
    for (const id of [
      "quote",
      "quote:nav",
      "quote:nav:x:a::q",
      "quote:nav:1:a::",
      "quote:nav:1000:a::q",
      "quote:other:a:1",
      "quote:ctx:1:a::q",
    ])
      expect(quoteMatch.decode(id), id).toBeUndefined();
    for (const id of ["quote:ctx", "quote:ctx:a", "quote:ctx:a:-1", "quote:ctx:a:1.5", "quote:ctx:a:12345678"])
      expect(quoteContext.decode(id), id).toBeUndefined();
    for (const value of ["line:1", "line:1:a:b", "line:x:a", "lines:1:a", "短信"])
      expect(pickedLine.decode(value), value).toBeUndefined();
    for (const id of ["quote", "quote:del:x", "quote:dell", "quote:ctx:a:1", "line:del"])
      expect(quoteDelete.decode(id), id).toBeUndefined();
  });

  it("a Delete button carries nothing but what it is", () => {
    expect(quoteDelete.command).toBe("quote");
    expect(quoteDelete.encode({ delete: true })).toBe("quote:del");
    expect(quoteDelete.decode("quote:del")).toEqual({ delete: true });
  });

  it("a page id cut short after its number reads as no interview (answered as a stale button)", () => {
    expect(questionsPage.decode("questions:2")).toEqual({ interviewId: "", page: 2 });
  });
});
