/**
 * parseInterview, marker by marker: the spellings of headings, bullets, speaker labels and source links a
 * writer may use, what the front matter accepts, and how paragraphs become summary text and transcript lines.
 * Every file is parsed inside its test.
 */
import { describe, expect, it } from "vitest";
import type { Interview } from "../src/content/model.js";
import { parseErrors, parseOk } from "./parse-helpers.js";

/** A file with a title and the given body (and extra front matter lines). */
function file(body: string, frontMatter = ""): string {
  return `---\ntitle: T\n${frontMatter}---\n${body}`;
}

/** [speaker, text] of every transcript line. */
function turns(interview: Interview): [string, string][] {
  return interview.lines.map((line) => [line.speaker, line.text]);
}

describe("question headings", () => {
  it("allow spaces before the colon and drop closing hashes", () => {
    const interview = parseOk(file("### Question 1 : Spaced ##\n## 问题2\t：Tabbed #\n"));
    expect(interview.questions.map((q) => [q.number, q.title])).toEqual([
      [1, "Spaced"],
      [2, "Tabbed"],
    ]);
  });

  it("are only headings at the start of a line", () => {
    const interview = parseOk(file("### Question 1: One\n- **Transcript**\n**Host:** see ### Question 2: not one\n"));
    expect(interview.questions).toHaveLength(1);
    expect(turns(interview)).toEqual([["Host", "see ### Question 2: not one"]]);
  });

  it("need a title after the colon", () => {
    expect(parseErrors(file("### Question 1:  ##\n"))).toEqual(["bad.md:4: question 1 has no title after the colon"]);
  });
});

describe("other headings", () => {
  it("end the question: what follows them is not part of it", () => {
    for (const heading of ["# Notes", "## Notes", "###### Notes"]) {
      const interview = parseOk(
        file(`### Question 1: One\n- **Transcript**\n**Host:** kept.\n\n${heading}\nNot kept.\n`),
      );
      expect(turns(interview), heading).toEqual([["Host", "kept."]]);
    }
  });

  it("need a space after the hashes, and must start the line", () => {
    const interview = parseOk(file("### Question 1: One\n- **Transcript**\n**Host:** I write C# code.\n\n#hashtag\n"));
    expect(turns(interview)).toEqual([
      ["Host", "I write C# code."],
      ["Host", "#hashtag"],
    ]);
  });
});

describe("section bullets", () => {
  it("may be indented, spaced inside and outside the bold, with the colon in or out of it", () => {
    const interview = parseOk(
      file(
        [
          "### Question 1: One",
          "  - **Summary**: indented.",
          "",
          "-   ** Summary :** spaced.",
          "",
          "+ **Summary: **inner space.",
          "- **詳細描述**：traditional.",
          "- **額外解釋**：traditional explanation.",
          "- **Explanation**: first.",
          "",
          "  second.",
        ].join("\n"),
      ),
    );
    const [question] = interview.questions;
    expect(question?.summary).toBe("indented.\n\nspaced.\n\ninner space.\n\ntraditional.");
    expect(question?.explanation).toBe("traditional explanation.\n\nfirst.\n\nsecond.");
  });

  it("with only spaces after them, leave the next line to open the paragraph", () => {
    const interview = parseOk(file("### Question 1: One\n- **Transcript**:   \n**Host:** hello.\n"));
    expect(interview.lines).toMatchObject([{ speaker: "Host", text: "hello.", sourceLine: 6 }]);
  });

  it("text under a question before any bullet or speaker is not part of it", () => {
    const interview = parseOk(file("### Question 1: One\nAn aside.\n- **Summary**: s.\n"));
    expect(interview.questions[0]?.summary).toBe("s.");
    expect(interview.lines).toEqual([]);
  });
});

describe("speaker labels", () => {
  it("accept the colon inside or outside the bold, with spaces", () => {
    const interview = parseOk(
      file("### Question 1: One\n- **Transcript**\n**Host**: a.\n\n**Guest** ：b.\n\n** Third : **c.\n"),
    );
    expect(turns(interview)).toEqual([
      ["Host", "a."],
      ["Guest", "b."],
      ["Third", "c."],
    ]);
  });

  it("carry over to the next paragraph, but not to the next question", () => {
    const interview = parseOk(
      file("### Question 1: One\n- **Transcript**\n**Host:** a.\n\nb.\n### Question 2: Two\n- **Transcript**\nc.\n"),
    );
    expect(interview.lines.map((line) => [line.question, line.speaker, line.text])).toEqual([
      [1, "Host", "a."],
      [1, "Host", "b."],
      [2, "", "c."],
    ]);
    expect(interview.speakers).toEqual(["Host"]);
  });

  it("a transcript without labels has lines with no speaker, and no speakers", () => {
    const interview = parseOk(file("### Question 1: One\n- **Transcript**\nJust text.\n"));
    expect(turns(interview)).toEqual([["", "Just text."]]);
    expect(interview.speakers).toEqual([]);
  });

  it("in a summary or explanation, bold text is not a label", () => {
    const interview = parseOk(file("### Question 1: One\n- **Explanation**: e.\n\n**Note:** more.\n"));
    expect(interview.questions[0]?.explanation).toBe("e.\n\nNote: more.");
    expect(interview.lines).toEqual([]);
  });
});

describe("paragraphs", () => {
  it("join CJK lines without a space and other lines with one, skipping lines of bare markup", () => {
    const interview = parseOk(
      file("### Question 1: One\n- **Transcript**\n**主持人：** 你好\n世界\n\n**Host:** 你好\nworld\n**\nagain\n"),
    );
    expect(turns(interview)).toEqual([
      ["主持人", "你好世界"],
      ["Host", "你好 world again"],
    ]);
  });

  it("are separated by lines of only spaces, and numbered from their first line", () => {
    const interview = parseOk(file("### Question 1: One\n- **Transcript**\n**Host:** a\nb\n   \n**Guest:** c\n"));
    expect(interview.lines.map((line) => [line.text, line.sourceLine])).toEqual([
      ["a b", 6],
      ["c", 9],
    ]);
  });

  it("lose their quote markers, at any depth, indented or not, with or without a space", () => {
    const interview = parseOk(
      file("### Question 1: One\n- **Transcript**\n  > **Host:** a\n\n> > b\n\n>c\n\n**Guest:** 1 > 0\n"),
    );
    expect(turns(interview)).toEqual([
      ["Host", "a"],
      ["Host", "b"],
      ["Host", "c"],
      ["Guest", "1 > 0"],
    ]);
  });
});

describe("the source link", () => {
  const withLink = (line: string): string | undefined =>
    parseOk(file(`${line}\n### Question 1: One\n- **Summary**: s.\n`)).sourceUrl;

  it("is read from the body in the spellings writers use", () => {
    expect(withLink("**Video :**[v](https://example.com/a)")).toBe("https://example.com/a");
    expect(withLink("**Source**：[v](https://example.com/b)")).toBe("https://example.com/b");
    expect(withLink("**来源**: [v](http://example.com/c)")).toBe("http://example.com/c");
  });

  it("is written as the URI Discord's API takes: punycode host, percent-encoded path", () => {
    expect(withLink("**Source:** [v](https://例子.测试/路径?q=1)")).toBe(
      "https://xn--fsqu00a.xn--0zwm56d/%E8%B7%AF%E5%BE%84?q=1",
    );
    expect(withLink("**Source:** [v](https://a.example/x|y#f#g)")).toBe("https://a.example/x%7Cy#f%23g");
    expect(withLink("**Source:** [v](https://b23.tv)")).toBe("https://b23.tv");
  });

  it("is at most 2,048 characters long", () => {
    const base = "https://example.com/";
    const longest = base + "a".repeat(2048 - base.length);
    expect(withLink(`**Source:** [v](${longest})`)).toBe(longest);
    expect(withLink(`**Source:** [v](${longest}a)`)).toBeUndefined();
  });
});

describe("front matter", () => {
  it("may be marked yaml, in any case, and have spaces after its dashes", () => {
    expect(parseOk("---yaml\ntitle: A\n---\n### Question 1: q\n").title).toBe("A");
    expect(parseOk("---YAML \ntitle: B\n--- \n### Question 1: q\n").title).toBe("B");
  });

  it("may be empty, and closed at the very end of the file", () => {
    expect(parseErrors("---\n---\n### Question 1: q\n")).toEqual([
      "bad.md:1: the front matter has no title (add `title: …` between the --- lines)",
    ]);
    expect(parseErrors("---\ntitle: t\n---")).toEqual([
      "bad.md:3: no question headings found (expected lines like `### 问题1: title` or `### Question 1: title`)",
    ]);
  });

  it("is only front matter at the start of the file, after a byte-order mark if there is one", () => {
    expect(parseOk("\uFEFF---\ntitle: BOM\n---\n### Question 1: q\n").title).toBe("BOM");
    expect(parseErrors("### Question 1: q\n---\ntitle: late\n---\n")).toEqual([
      "bad.md:1: the front matter has no title (add `title: …` between the --- lines)",
    ]);
  });

  it("reports invalid YAML with js-yaml's reason, on one line", () => {
    const [error] = parseErrors("---\ntitle: ok\nkeywords: [unclosed\n---\n### Question 1: x\n");
    expect(error).toMatch(/^bad\.md:4: the front matter is not valid YAML: [^\n]+$/);
    expect(error).not.toMatch(/undefined|\[object/);
  });

  it("takes a number as a title, and leaves out what is not given", () => {
    const interview = parseOk("---\ntitle: 2024\n---\n### Question 1: q\n");
    expect(interview).toMatchObject({ title: "2024", description: "", keywords: [], categories: [] });
    expect(interview.date).toBeUndefined();
    expect(interview.sourceUrl).toBeUndefined();
  });

  it("reads empty values as not given", () => {
    const interview = parseOk(file("### Question 1: q\n", "keywords: ~\ncategories:\ndate: ~\n"));
    expect(interview).toMatchObject({ keywords: [], categories: [] });
    expect(interview.date).toBeUndefined();
  });

  it("reads lists as text or YAML lists, trimmed, without empty entries", () => {
    const interview = parseOk(file("### Question 1: q\n", 'keywords: "a, ,b；c、 "\ncategories: [" x ", 3, ""]\n'));
    expect(interview.keywords).toEqual(["a", "b", "c"]);
    expect(interview.categories).toEqual(["x", "3"]);
  });

  it("refuses lists of anything but words and numbers", () => {
    expect(parseErrors(file("### Question 1: q\n", "keywords: [{ a: 1 }]\ncategory: { b: 2 }\n"))).toEqual([
      "bad.md:1: `keywords` must be a comma-separated text or a list of words",
      "bad.md:1: `categories` must be a comma-separated text or a list of words",
    ]);
  });

  it("reads a date written with spaces around it", () => {
    expect(parseOk(file("### Question 1: q\n", 'date: " 2024-05-10 "\n')).date).toBe("2024-05-10");
  });
});
