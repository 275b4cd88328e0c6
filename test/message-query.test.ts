import { describe, expect, it } from "vitest";
import { MESSAGE_QUERY_LENGTH, messageText, tellingQueries } from "../src/search/message-query.js";

describe("a message made into a search (Find in transcript)", () => {
  it("leaves out mentions, links, code, emoji and Markdown marks", () => {
    expect(
      messageText(
        "**wow** <@123456789012345678> said it <#123456789012345678> <@&123456789012345678> @everyone " +
          "😂👍🏽 :joy: <:pepe:123456789012345678> <t:1700000000:R> https://x.com/a?b=1 `npm i` ```js\nlet x = 1\n``` " +
          "[the video](https://b23.tv/abc) > quoted ||spoiler||",
      ),
    ).toBe("wow said it the video quoted spoiler");
  });

  it("keeps a short message whole, then drops its shortest words one by one", () => {
    expect(tellingQueries("董事会 短信 <@123456789012345678>")).toEqual(["董事会 短信", "董事会"]);
    expect(tellingQueries("😂 https://example.com <@123456789012345678>")).toEqual([]);
  });

  it("reduces a long message to its longest content words, in order, within the length a button id carries", () => {
    const [first, ...rest] = tellingQueries(
      "lol did you see where Sam says he got a text the night before, and then a call with the whole board?? wild",
    );
    expect(first!.length).toBeLessThanOrEqual(MESSAGE_QUERY_LENGTH);
    expect(first).not.toMatch(/\b(did|you|the|a|he|with)\b/);
    expect(first).toMatch(/night.*board/);
    expect(rest.at(-1)).toBe("board");
  });

  it("puts a space where it took something out, so the words on either side stay apart", () => {
    expect(messageText("a`x`b a```x```b a<@123>b a:joy:b a😂b a<https://x.com>b a*b")).toBe(
      "a b a b a b a b a b a b a b",
    );
  });

  it("also leaves out a code block left open, plain-http links, links with spaces, bare timestamps, command mentions", () => {
    expect(messageText("look ```js\nlet x = 1")).toBe("look");
    expect(
      messageText(
        "[video]( https://b23.tv/abc ) [clip](http://x.com/a) http://x.com/b <t:1700000000> </quote:123456789012345678> end",
      ),
    ).toBe("video clip end");
  });

  it("counts a word typed twice once", () => {
    expect(tellingQueries("board board meeting")).toEqual(["board board meeting", "meeting"]);
  });

  it("keeps function words in a short message's first search, and drops the shortest word until one is left", () => {
    expect(tellingQueries("did you see the board")).toEqual(["did you see the board", "board"]);
    expect(tellingQueries("board meeting yesterday")).toEqual([
      "board meeting yesterday",
      "meeting yesterday",
      "yesterday",
    ]);
  });

  it("keeps a message exactly as long as the limit whole, and reduces it when the limit is one unit shorter", () => {
    const message = "did you see the board";
    expect(tellingQueries(message, message.length)[0]).toBe(message);
    expect(tellingQueries(message, message.length - 1)[0]).toBe("see board");
  });

  it("fills the room with the longest words, the earlier of equally long ones, put back in the message's order", () => {
    // Five words of five letters; eleven units hold two of them and the space between.
    expect(tellingQueries("alpha bravo delta gamma omega", 11)).toEqual(["alpha bravo", "bravo"]);
    expect(tellingQueries("alpha bravo extraordinary", 19)).toEqual(["alpha extraordinary", "extraordinary"]);
    expect(tellingQueries("alpha bravo extraordinary charlie", 27)[0]).toBe("alpha extraordinary charlie");
  });
});
