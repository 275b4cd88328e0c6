/**
 * The reply builders called directly: truncation and highlighting, Discord's limits on embeds and buttons,
 * the custom-id codecs' refusals, and the buttons and texts of /quote, /questions and /summary.
 */
import { ButtonStyle, ComponentType, MessageFlags, type APIEmbed } from "discord-api-types/v10";
import { describe, expect, it } from "vitest";
import type { Interview } from "../src/content/model.js";
import { formatContentError } from "../src/content/model.js";
import { parseInterview } from "../src/content/parse.js";
import {
  pickedLine,
  questionsPage,
  quoteContext,
  quoteMatch,
  quotePost,
  quoteSuggestion,
} from "../src/render/custom-ids.js";
import {
  addressedTo,
  button,
  card,
  embedLength,
  highlight,
  linkButton,
  listWithin,
  message,
  privately,
  truncate,
} from "../src/render/message.js";
import { renderQuestionsPage } from "../src/render/questions.js";
import { renderContext, renderNoMatch, renderQuote } from "../src/render/quote.js";
import { renderSummary } from "../src/render/summary.js";
import { callbackSchemaErrors, messageErrors } from "../testkit/fake-discord.js";
import { buttonsOf, linksOf } from "./helpers.js";

function interviewOf(text: string, id = "iv"): Interview {
  const result = parseInterview(text, id, `${id}.md`);
  if (!result.ok) throw new Error(result.errors.map(formatContentError).join("\n"));
  return result.interview;
}

const transcript = Array.from({ length: 6 }, (_, i) => `**${i % 2 === 0 ? "Host" : "Guest"}:** line ${i + 1}\n`).join(
  "\n",
);
const interview = interviewOf(
  `---\ntitle: The title\ndescription: About it\nkeywords: a, b\n---\n` +
    `### Question 1: First\n- **Summary**: s1\n- **Transcript**\n${transcript}\n` +
    Array.from({ length: 11 }, (_, i) => `### Question ${i + 2}: Q${i + 2}\n- **Summary**: s\n`).join(""),
);

function embedOf(payload: ReturnType<typeof message>): APIEmbed {
  const [embed] = payload.embeds ?? [];
  if (embed === undefined) throw new Error("no embed");
  return embed;
}

const buttons = (payload: ReturnType<typeof message>): { id: string; label: string; disabled: boolean }[] =>
  buttonsOf(payload).map((b) => ({ id: b.custom_id, label: b.label, disabled: b.disabled }));

describe("truncate", () => {
  it("returns text that fits as it is, and cuts the rest to the limit with an ellipsis", () => {
    expect(truncate("abcdef", 6)).toBe("abcdef");
    expect(truncate("abcdef", 4)).toBe("abc…");
    expect(truncate("abcdef", 1)).toBe("…");
    expect(truncate("abcdef", 0)).toBe("");
    expect(truncate("abcdef", -3)).toBe("");
  });

  it("never leaves half a surrogate pair before the ellipsis, whichever pair it is", () => {
    expect(truncate("ab😀cd", 4)).toBe("ab…");
    expect(truncate("ab\uD800\uDC00cd", 4)).toBe("ab…");
    expect(truncate("ab\uDBFF\uDFFFcd", 4)).toBe("ab…");
    expect(truncate("ab😀cd", 5)).toBe("ab😀…");
  });
});

describe("highlight", () => {
  it("bolds each range, escaping the text around and inside it", () => {
    expect(highlight("a*b c_d", [[2, 5]])).toBe("a\\***b c**\\_d");
    expect(highlight("abcdef", [[4, 6]])).toBe("abcd**ef**");
    expect(
      highlight("abcdef", [
        [0, 1],
        [2, 3],
      ]),
    ).toBe("**a**b**c**def");
  });

  it("skips ranges that overlap an earlier one, are empty, or end past the text", () => {
    expect(
      highlight("abcdef", [
        [0, 2],
        [1, 3],
      ]),
    ).toBe("**ab**cdef");
    expect(highlight("abcdef", [[2, 2]])).toBe("abcdef");
    expect(highlight("abcdef", [[3, 1]])).toBe("abcdef");
    expect(highlight("abcdef", [[4, 7]])).toBe("abcdef");
  });
});

describe("message", () => {
  it("counts an embed's length as Discord does: title, description, footer, author and fields", () => {
    const embed: APIEmbed = {
      title: "t",
      description: "dd",
      footer: { text: "fff" },
      author: { name: "aaaa" },
      fields: [
        { name: "nnnnn", value: "vvvvvv" },
        { name: "1234567", value: "12345678" },
      ],
    };
    expect(embedLength(embed)).toBe(36);
    expect(embedLength({})).toBe(0);
  });

  it("keeps at most 25 fields, and cuts the description so the embed fits 6,000", () => {
    const fields = Array.from({ length: 30 }, (_, i) => ({ name: `f${i}`, value: "v".repeat(80) }));
    const embed = embedOf(message({ embeds: [{ title: "T", description: "d".repeat(4096), fields }] }));
    expect(embed.fields).toHaveLength(25);
    expect(embedLength(embed)).toBe(6000);
    expect(embed.description?.endsWith("…")).toBe(true);
  });

  it("leaves a description alone when the embed fits", () => {
    const description = "d".repeat(3000);
    expect(embedOf(message({ embeds: [{ description }] })).description).toBe(description);
    const exact = { title: "x".repeat(200), description: "d".repeat(4096), footer: { text: "f".repeat(1704) } };
    expect(embedLength(exact)).toBe(6000);
    expect(embedOf(message({ embeds: [exact] })).description).toBe(exact.description);
  });

  it("keeps buttons whose id fits 100 characters, five at the most, enabled unless asked", () => {
    const fits = button("x".repeat(100), "fits");
    expect(fits).toMatchObject({ disabled: false, style: ButtonStyle.Secondary });
    const payload = message({
      buttons: [
        button("y".repeat(101), "too long"),
        fits,
        ...Array.from({ length: 5 }, (_, i) => button(`b${i}`, `${i}`)),
      ],
    });
    expect(buttons(payload).map((b) => b.label)).toEqual(["fits", "0", "1", "2", "3"]);
    expect(message({}).components).toEqual([]);
    expect(message({}).flags).toBeUndefined();
  });
});

describe("listWithin", () => {
  const more = (count: number): string => `…and ${count} more.`;

  it("keeps lines while they stay 40 characters under the limit, then says how many were left out", () => {
    // The first two lines joined are 10 + 1 + 9 = 20 characters: exactly 60 - 40, so they are kept.
    expect(listWithin(["a".repeat(10), "b".repeat(9), "c"], 60, more)).toBe(
      `${"a".repeat(10)}\n${"b".repeat(9)}\n…and 1 more.`,
    );
    expect(listWithin(["a", "b"], 60, more)).toBe("a\nb");
  });
});

describe("card", () => {
  const textsOf = (payload: ReturnType<typeof card>): unknown[] => {
    const [container] = payload.components ?? [];
    return container !== undefined && "components" in container ? container.components : [];
  };
  const shownTexts = (texts: string[]): string[] =>
    textsOf(card({ accentColor: 1, texts })).map((child) => (child as { content: string }).content);

  it("is one container of text displays and a row of buttons, pinging no one", () => {
    const payload = card({ accentColor: 0x123456, texts: ["one", "two"], buttons: [button("a", "A")] });
    expect(payload).toEqual({
      allowed_mentions: { parse: [] },
      flags: MessageFlags.IsComponentsV2,
      components: [
        {
          type: ComponentType.Container,
          accent_color: 0x123456,
          components: [
            { type: ComponentType.TextDisplay, content: "one" },
            { type: ComponentType.TextDisplay, content: "two" },
            { type: ComponentType.ActionRow, components: [button("a", "A")] },
          ],
        },
      ],
    });
  });

  it("leaves out blank texts, and the row when there is no button", () => {
    expect(textsOf(card({ accentColor: 1, texts: ["shown", "  ", ""] }))).toEqual([
      { type: ComponentType.TextDisplay, content: "shown" },
    ]);
  });

  it("cuts the longest text so that all fit 4,000 characters, and leaves 4,000 exactly alone", () => {
    const [a, b] = ["a", "b"];
    expect(shownTexts([a.repeat(3000), b.repeat(1500)])).toEqual([`${a.repeat(2499)}…`, b.repeat(1500)]);
    expect(shownTexts([a.repeat(1500), b.repeat(3000)])).toEqual([a.repeat(1500), `${b.repeat(2499)}…`]);
    // Of two as long, the first.
    expect(shownTexts([a.repeat(2500), b.repeat(2500)])).toEqual([`${a.repeat(1499)}…`, b.repeat(2500)]);
    expect(shownTexts([a.repeat(2000), b.repeat(2000)])).toEqual([a.repeat(2000), b.repeat(2000)]);
  });

  it("empties the longest text and cuts the next when one cut is not enough", () => {
    // Ten texts of 450: 500 too many. The first goes (and is left out), the second loses 50.
    const texts = Array.from({ length: 10 }, (_, i) => String(i).repeat(450));
    expect(shownTexts(texts)).toEqual([`${"1".repeat(399)}…`, ...texts.slice(2)]);
  });

  it("keeps five buttons Discord takes: an id of at most 100, a link of at most 512, no shop button", () => {
    const url = (length: number): string => `https://example.com/${"x".repeat(length - 20)}`;
    const payload = card({
      accentColor: 1,
      texts: ["t"],
      buttons: [
        button("y".repeat(101), "id too long"),
        linkButton(url(513), "link too long"),
        { type: ComponentType.Button, style: ButtonStyle.Premium, sku_id: "1" },
        linkButton(url(512), "link"),
        ...Array.from({ length: 5 }, (_, i) => button(`b${i}`, `${i}`)),
      ],
    });
    const row = textsOf(payload).at(-1) as { components: { label?: string }[] };
    expect(row.components.map((b) => b.label)).toEqual(["link", "0", "1", "2", "3"]);
  });
});

describe("privately", () => {
  it("puts why first: a line above a card, italics above a message's text", () => {
    const shown = card({ accentColor: 1, texts: ["the line"] });
    expect(privately(shown, "Too many replies.")).toEqual({
      allowed_mentions: { parse: [] },
      flags: MessageFlags.IsComponentsV2 | MessageFlags.Ephemeral,
      components: [{ type: ComponentType.TextDisplay, content: "-# Too many replies." }, ...(shown.components ?? [])],
    });
    expect(privately(message({ content: "the line" }), "Too many replies.")).toEqual({
      allowed_mentions: { parse: [] },
      flags: MessageFlags.Ephemeral,
      components: [],
      content: "*Too many replies.*\nthe line",
    });
    expect(privately(message({ embeds: [{ title: "T" }] }), "Too many replies.").content).toBe("*Too many replies.*");
  });
});

describe("addressedTo", () => {
  const member = "123456789012345678";

  it("names the member first and pings only them, or no one when asked not to", () => {
    expect(addressedTo(message({ content: "the line" }), member, "en")).toEqual({
      allowed_mentions: { parse: [], users: [member] },
      components: [],
      content: `<@${member}>, this is for you:\nthe line`,
    });
    const embed = message({ embeds: [{ title: "T" }] });
    expect(addressedTo(embed, member, "zh-CN", false)).toEqual({
      ...embed,
      allowed_mentions: { parse: [] },
      content: `<@${member}>，这是给你的：`,
    });
  });

  it("puts the greeting above a card's container", () => {
    const shown = card({ accentColor: 1, texts: ["the line"] });
    expect(addressedTo(shown, member, "en")).toEqual({
      ...shown,
      allowed_mentions: { parse: [], users: [member] },
      components: [
        { type: ComponentType.TextDisplay, content: `<@${member}>, this is for you:` },
        ...(shown.components ?? []),
      ],
    });
  });

  it("takes an id of 15 to 21 digits, and leaves the reply as it was for anything else", () => {
    const reply = message({ content: "the line" });
    for (const id of ["1".repeat(15), "1".repeat(21)])
      expect(addressedTo(reply, id, "en").allowed_mentions, id).toEqual({ parse: [], users: [id] });
    for (const id of ["everyone", "1".repeat(14), "1".repeat(22), `x${member}`, `${member}x`, ""])
      expect(addressedTo(reply, id, "en"), id).toBe(reply);
  });
});

describe("custom-id codecs", () => {
  it("name the command their ids are routed to", () => {
    expect(questionsPage.command).toBe("questions");
    expect(quoteMatch.command).toBe("quote");
    expect(quoteContext.command).toBe("quote");
    expect(quoteSuggestion.command).toBe("quote");
    expect(quotePost.command).toBe("quote");
    expect(pickedLine.command).toBe("line");
    expect(questionsPage.encode({ interviewId: "i", page: 2 })).toBe("questions:2:i");
    expect(quotePost.encode({ interviewId: "i", line: 3 })).toBe("quote:post:i:3");
    expect(pickedLine.encode({ interviewId: "i", line: 3 })).toBe("line:3:i");
  });

  it("refuse each other's ids, and ids whose parts are missing or not numbers", () => {
    const match = quoteMatch.encode({ interviewId: "i", query: "q", speaker: undefined, rank: 0 });
    const context = quoteContext.encode({ interviewId: "i", line: 3 });
    expect(quoteMatch.decode(match)).toEqual({ interviewId: "i", query: "q", speaker: undefined, rank: 0 });
    expect(quoteMatch.decode(context)).toBeUndefined();
    expect(quoteMatch.decode(match.replace(/^quote/, "questions"))).toBeUndefined();
    expect(quoteMatch.decode("quote:nav:x:i::q")).toBeUndefined();
    expect(quoteMatch.decode("quote:nav:0:i::")).toBeUndefined();
    // A "did you mean" button's id and a ◀ ▶ id are told apart: one is a search, the other a page of one.
    const suggestion = quoteSuggestion.encode({ interviewId: undefined, query: "GPT:4%", speaker: "Host" });
    expect(suggestion).toBe("quote:try::Host:GPT%3A4%25");
    expect(quoteSuggestion.decode(suggestion)).toEqual({ interviewId: undefined, query: "GPT:4%", speaker: "Host" });
    expect(quoteSuggestion.decode(match)).toBeUndefined();
    expect(quoteMatch.decode(suggestion)).toBeUndefined();
    expect(quoteSuggestion.decode("quote:try:i::")).toBeUndefined();
    expect(quoteSuggestion.decode(suggestion.replace(/^quote/, "questions"))).toBeUndefined();
    expect(quoteContext.decode(match)).toBeUndefined();
    expect(quotePost.decode(context)).toBeUndefined();
    expect(quoteContext.decode(context.replace(/^quote/, "line"))).toBeUndefined();
    expect(quoteContext.decode("quote:ctx:i:x3")).toBeUndefined();
    expect(pickedLine.decode("line:x12:i")).toBeUndefined();
    expect(pickedLine.decode("line:12x:i")).toBeUndefined();
    expect(pickedLine.decode("line:12:i")).toEqual({ interviewId: "i", line: 12 });
  });
});

describe("/quote replies", () => {
  const line = interview.lines[2]!;
  const navigation = (rank: number, total: number) => ({
    interviewId: "iv",
    query: "line",
    speaker: "Host",
    rank,
    total,
  });
  const nav = (rank: number) => quoteMatch.encode({ interviewId: "iv", query: "line", speaker: "Host", rank });

  it("a public quote is a card within every limit of Components V2, however long its line, speaker and title", () => {
    const speaker = "S".repeat(300);
    const long = interviewOf(
      `---\ntitle: ${"T*".repeat(200)}\nsource: https://example.com/${"p".repeat(600)}\n---\n` +
        `### Question 1: Q\n- **Transcript**\n**${speaker}:** ${"*_~`|".repeat(2000)}\n`,
    );
    const card = renderQuote(long, long.lines[0]!, [[0, 10]], "en", { ephemeral: false, navigation: navigation(1, 3) });
    expect(card.flags).toBe(1 << 15);
    expect(messageErrors(card, { requireContent: true })).toEqual([]);
    expect(callbackSchemaErrors({ type: 4, data: card })).toEqual([]);
    const texts = JSON.stringify(card).match(/"content":"(?:[^"\\]|\\.)*"/g) ?? [];
    expect(texts.length).toBe(3);
    // The source, too long for a link button (512), is linked from the title.
    expect(JSON.stringify(card)).toContain("](<https://example.com/ppp");
    expect(buttonsOf(card).map((b) => b.label)).toEqual(["◀ Previous", "Next ▶", "Context", "Delete"]);
  });

  it("a card's source is a link button up to 512 characters, beyond that a link on the title; no speaker reads ?", () => {
    const withSource = (length: number) => {
      const url = `https://example.com/${"p".repeat(length - "https://example.com/".length)}`;
      const one = interviewOf(
        `---\ntitle: Talk\nsource: ${url}\n---\n### Question 1: Q\n- **Transcript**\n**:** said\n`,
      );
      const card = renderQuote(one, one.lines[0]!, [], "en", { ephemeral: false });
      return { url, card, texts: JSON.stringify(card) };
    };
    const fits = withSource(512);
    expect(linksOf(fits.card)).toEqual([{ label: "Source", url: fits.url }]);
    expect(fits.texts).toContain("— **?**, *Talk*");
    const long = withSource(513);
    expect(linksOf(long.card)).toEqual([]);
    expect(long.texts).toContain(`— **?**, [Talk](<${long.url}>)`);
    expect(buttonsOf(long.card).map((b) => b.custom_id)).toEqual(["quote:ctx:iv:1", "quote:del"]);
    const nobody = interviewOf("---\ntitle: Talk\n---\n### Question 1: Q\n- **Transcript**\n**:** said\n");
    const privately = embedOf(renderQuote(nobody, nobody.lines[0]!, [], "en", { ephemeral: true }));
    expect(privately.title).toBe("?");
  });

  it("a card shows the member's query literally: no masked link, no formatting, no heading after a line break", () => {
    const query = "[x](https://example.com) **b**\n# big";
    const card = renderQuote(interview, line, [], "en", {
      ephemeral: false,
      navigation: { ...navigation(0, 1), query },
    });
    const texts = (card.components?.[0] as { components: { content?: string }[] }).components.map((c) => c.content);
    expect(texts).toContain(
      "-# Line 3 · Question 1 · Match 1 of 1 for “\\[x\\](https://example.com) \\*\\*b\\*\\* # big”",
    );
  });

  it("names the words a line was found as when it holds the query in other words, not when it holds it as typed", () => {
    const footerOf = (foundAs: readonly string[]) =>
      embedOf(renderQuote(interview, line, [], "en", { ephemeral: true, navigation: { ...navigation(0, 2), foundAs } }))
        .footer?.text;
    expect(footerOf(["解雇", "董事会"])).toBe("Line 3 · Question 1 · Match 1 of 2 for “line” · found as 解雇 / 董事会");
    expect(footerOf([])).toBe("Line 3 · Question 1 · Match 1 of 2 for “line”");
    const long = embedOf(
      renderQuote(interview, line, [], "en", {
        ephemeral: true,
        navigation: { ...navigation(0, 2), foundAs: ["a".repeat(50), "b"] },
      }),
    ).footer?.text;
    expect(long).toBe(`Line 3 · Question 1 · Match 1 of 2 for “line” · found as ${"a".repeat(19)}… / b`);
  });

  it("a single match has no ◀ ▶", () => {
    const payload = renderQuote(interview, line, [], "en", { ephemeral: true, navigation: navigation(0, 1) });
    expect(buttons(payload).map((b) => b.label)).toEqual(["Context", "Post in channel"]);
  });

  it("◀ ▶ lead to the previous and next match, disabled at either end", () => {
    const at = (rank: number) =>
      buttons(renderQuote(interview, line, [], "en", { ephemeral: true, navigation: navigation(rank, 3) }));
    expect(at(0).slice(0, 2)).toEqual([
      { id: nav(-1), label: "◀ Previous", disabled: true },
      { id: nav(1), label: "Next ▶", disabled: false },
    ]);
    expect(at(1).slice(0, 2)).toEqual([
      { id: nav(0), label: "◀ Previous", disabled: false },
      { id: nav(2), label: "Next ▶", disabled: false },
    ]);
    expect(at(2).slice(0, 2)).toEqual([
      { id: nav(1), label: "◀ Previous", disabled: false },
      { id: nav(3), label: "Next ▶", disabled: true },
    ]);
    expect(at(2).map((b) => b.label)).toEqual(["◀ Previous", "Next ▶", "Context", "Post in channel"]);
  });

  it("Context shows the lines around one, that line marked, each as its own paragraph", () => {
    const embed = embedOf(renderContext(interview, line, "en"));
    expect(embed.title).toBe("Lines 1–5 around line 3");
    expect(embed.description).toBe(
      [
        "`1` **Host**: line 1",
        "`2` **Guest**: line 2",
        "▶ `3` **Host**: line 3",
        "`4` **Guest**: line 4",
        "`5` **Host**: line 5",
      ].join("\n\n"),
    );
    const last = embedOf(renderContext(interview, interview.lines[5]!, "en"));
    expect(last.title).toBe("Lines 4–6 around line 6");
    expect(last.description?.split("\n\n")).toHaveLength(3);
  });
});

describe("/quote when nothing matches", () => {
  const suggested = (suggestions: string[], speaker?: string) =>
    renderNoMatch("en", { interviewId: undefined, query: "GPT-5", speaker, suggestions });

  it("says so privately, offers each suggestion as a button to its first match, at most five", () => {
    const reply = suggested(["GPT-4", "GPT-4o", "a", "b", "c", "d"]);
    expect(reply.flags).toBe(MessageFlags.Ephemeral);
    expect(reply.content).toBe(
      "No line matches “GPT-5”.\nDid you mean: GPT-4 · GPT-4o · a · b · c?\n" +
        "Try fewer or other words, pinyin, or /questions to browse.",
    );
    expect(buttonsOf(reply).map((b) => [b.label, quoteSuggestion.decode(b.custom_id)])).toEqual(
      ["GPT-4", "GPT-4o", "a", "b", "c"].map((query) => [query, { interviewId: undefined, query, speaker: undefined }]),
    );
    expect(callbackSchemaErrors({ type: 4, data: reply })).toEqual([]);
  });

  it("keeps the speaker and the interview in the buttons, and has none when there is nothing to offer", () => {
    const bySpeaker = renderNoMatch("en", { interviewId: "iv", query: "x", speaker: "Host", suggestions: ["y"] });
    expect(bySpeaker.content?.split("\n")[0]).toBe("No line by Host matches “x”.");
    expect(quoteSuggestion.decode(buttonsOf(bySpeaker)[0]?.custom_id ?? "")).toEqual({
      interviewId: "iv",
      query: "y",
      speaker: "Host",
    });
    const nothing = suggested([]);
    expect(nothing.content).toBe(
      "No line matches “GPT-5”.\nTry fewer or other words, pinyin, or /questions to browse.",
    );
    expect(nothing.components ?? []).toEqual([]);
  });
});

describe("/questions pages", () => {
  it("show the description when it says more than the title, and one question a line", () => {
    const payload = renderQuestionsPage(interview, 1, "en");
    const embed = embedOf(payload);
    expect(embed.description).toBe(
      ["About it", ["**1.** First", ...Array.from({ length: 9 }, (_, i) => `**${i + 2}.** Q${i + 2}`)].join("\n")].join(
        "\n\n",
      ),
    );
    expect(payload.flags).toBeUndefined();
    expect(renderQuestionsPage(interview, 1, "en", true).flags).toBe(64);
  });

  it("leave out a description that only repeats the title, or is empty", () => {
    const same = interviewOf("---\ntitle: Same\ndescription: Same\n---\n### Question 1: Only\n");
    expect(embedOf(renderQuestionsPage(same, 1, "en")).description).toBe("**1.** Only");
    const none = interviewOf("---\ntitle: None\n---\n### Question 1: Only\n");
    expect(embedOf(renderQuestionsPage(none, 1, "en")).description).toBe("**1.** Only");
    expect(buttons(renderQuestionsPage(none, 1, "en"))).toEqual([]);
  });

  it("page with ◀ ▶ only when there is more than one page", () => {
    expect(buttons(renderQuestionsPage(interview, 2, "en"))).toEqual([
      { id: "questions:1:iv", label: "◀ Previous", disabled: false },
      { id: "questions:3:iv", label: "Next ▶", disabled: true },
    ]);
  });
});

describe("/summary", () => {
  it("shows the summary, the transcript's size and speakers, and its first lines one a line", () => {
    const payload = renderSummary(interview, interview.questions[0]!, "en");
    expect(payload.flags).toBeUndefined();
    const embed = embedOf(payload);
    expect(embed.description).toBe("s1");
    expect(embed.fields).toEqual([
      { name: "Transcript", value: "6 lines · speakers: Host, Guest" },
      {
        name: "First lines",
        value: "**Host**: line 1\n**Guest**: line 2\n**Host**: line 3\n\nSearch it with /quote keyword:…",
      },
    ]);
    expect(embed.footer?.text).toBe("Question 1 of 12 · /questions lists them all");
    expect(renderSummary(interview, interview.questions[0]!, "en", true).flags).toBe(64);
  });

  it("a transcript section without a summary shows no description", () => {
    const section = interviewOf("---\ntitle: T\n---\n### Question 1: Talk\n- **Transcript**\n**Host:** hi\n");
    expect(embedOf(renderSummary(section, section.questions[0]!, "en")).description).toBeUndefined();
  });
});
