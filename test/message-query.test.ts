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
});
