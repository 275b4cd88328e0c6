/** "Read in context" buttons through the real commands: there with PUBLIC_URL, absent without it. */
import { beforeAll, describe, expect, it } from "vitest";
import { readConfig } from "../src/config.js";
import { permalink, withReadInContext } from "../src/render/permalinks.js";
import { button, message } from "../src/render/message.js";
import type { ContentStore } from "../src/serving/store.js";
import { SEED_ID, buttonsOf, command, contextOf, linksOf, messageOf, press, run, seedStore } from "./helpers.js";

const PUBLIC_URL = "https://verbatim.example.org/pages";

let store: ContentStore;
beforeAll(async () => {
  store = await seedStore();
});

describe("Read in context", () => {
  it("is on no reply without PUBLIC_URL", async () => {
    const context = contextOf(store);
    for (const interaction of [
      command("quote", { keyword: "董事会" }),
      command("quote", { keyword: "董事会", private: true }),
      command("summary", { question: "3" }),
    ]) {
      expect(linksOf(messageOf(await run(interaction, context)))).toEqual([]);
    }
  });

  it("links each /quote match to its own line, as ◀ ▶ move through them", async () => {
    const context = contextOf(store, [], PUBLIC_URL);
    const first = messageOf(await run(command("quote", { keyword: "董事会" }, { locale: "zh-TW" }), context));
    const line = (reply: typeof first): string | undefined =>
      /Line (\d+)|第 (\d+) 段/
        .exec(reply.embeds?.[0]?.footer?.text ?? "")
        ?.slice(1)
        .find(Boolean);
    expect(linksOf(first)).toEqual([
      { label: "在網頁中閱讀上下文", url: `${PUBLIC_URL}/interviews/${SEED_ID}#line-${line(first)}` },
    ]);
    const next = buttonsOf(first).find((b) => b.label.includes("▶"))!;
    const second = messageOf(await run(press(next.custom_id, false, "zh-TW"), context));
    expect(line(second)).not.toBe(line(first));
    expect(linksOf(second)[0]?.url).toBe(`${PUBLIC_URL}/interviews/${SEED_ID}#line-${line(second)}`);
  });

  it("links /summary to the question's section", async () => {
    const reply = messageOf(await run(command("summary", { question: "3" }), contextOf(store, [], PUBLIC_URL)));
    expect(linksOf(reply)).toEqual([
      { label: "Read in context", url: `${PUBLIC_URL}/interviews/${SEED_ID}#question-3` },
    ]);
  });

  it("is left out when Discord could not take it", () => {
    const long = `https://example.org/${"x".repeat(512)}`;
    const payload = message({ content: "hi" });
    expect(withReadInContext(payload, long, { interviewId: "a", line: 1 }, "en")).toBe(payload);
    const withButton = message({ content: "hi", buttons: [button("x", "X")] });
    const row = withButton.components![0]!;
    const full = { ...withButton, components: [row, row, row, row, row] };
    expect(withReadInContext(full, PUBLIC_URL, { interviewId: "a", line: 1 }, "en")).toBe(full);
    expect(permalink("https://h", { interviewId: "a b/ü", question: 2 })).toBe(
      "https://h/interviews/a%20b%2F%C3%BC#question-2",
    );
  });
});

describe("the PUBLIC_URL setting", () => {
  const env = { DISCORD_TOKEN: "a-token-long-enough-for-the-check" };

  it("is an http(s) address, kept without its trailing slash", () => {
    expect(readConfig(env).publicUrl).toBeUndefined();
    expect(readConfig({ ...env, PUBLIC_URL: "https://verbatim.example.org/" }).publicUrl).toBe(
      "https://verbatim.example.org",
    );
    expect(readConfig({ ...env, PUBLIC_URL: "http://127.0.0.1:8081/pages/" }).publicUrl).toBe(
      "http://127.0.0.1:8081/pages",
    );
  });

  it("stops the bot with one line naming it when it is not", () => {
    for (const bad of ["javascript:alert(1)", "verbatim.example.org", "https://h/?a=1", "https://h/#x"])
      expect(() => readConfig({ ...env, PUBLIC_URL: bad }), bad).toThrow(/^PUBLIC_URL must be an http\(s\) address/);
  });
});
