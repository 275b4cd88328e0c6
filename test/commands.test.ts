/**
 * The commands through the real dispatcher on the seed interview: the registry, the command kit's typed
 * input, and each command's replies, buttons and autocomplete. Just over 300 lines: one block per command.
 */
import { mkdtemp, rm, writeFile, cp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { commands, commandDefinitions } from "../commands/index.js";
import { ApplicationCommandOptionType, MessageFlags } from "discord-api-types/v10";
import { defineCommand, onButton, type CommandContext } from "../src/interactions/command.js";
import { Dispatcher } from "../src/interactions/dispatch.js";
import { quoteContext } from "../src/render/custom-ids.js";
import { readQuestionNumber } from "../src/content/question-number.js";
import { ContentStore } from "../src/serving/store.js";
import {
  shown,
  SEED_ID,
  autocomplete,
  buttonsOf,
  command,
  contextOf,
  deferredMessage,
  messageOf,
  press,
  run,
  seedStore,
} from "./helpers.js";

let seed: CommandContext;
beforeAll(async () => {
  seed = contextOf(await seedStore());
});

describe("the registry", () => {
  it("lists each command once, with zh-CN and zh-TW localizations", () => {
    expect(commandDefinitions.map((d) => d.name)).toEqual([
      "questions",
      "summary",
      "quote",
      "Find in transcript",
      "reload",
      "content",
      "stats",
    ]);
    for (const definition of commandDefinitions) {
      expect(definition.name_localizations).toHaveProperty("zh-CN");
      expect(definition.name_localizations).toHaveProperty("zh-TW");
      // A message command (type 3) has a name only; a slash command also its description and options.
      if (!("description" in definition)) continue;
      expect(definition.description_localizations).toHaveProperty("zh-TW");
      for (const option of definition.options ?? []) {
        expect(option.description.length).toBeLessThanOrEqual(100);
        expect(option.name_localizations).toHaveProperty("zh-CN");
      }
      expect(definition.description.length).toBeLessThanOrEqual(100);
    }
    expect(commands.find((c) => c.definition.name === "reload")?.definition.default_member_permissions).toBe("32");
    expect(commands.find((c) => c.definition.name === "content")?.definition.default_member_permissions).toBe("32");
  });

  it("refuses a command that lists another command's button: its presses would never reach it", () => {
    const questions = commands.find((c) => c.definition.name === "questions");
    if (questions === undefined) throw new Error("no /questions");
    const misplaced = { ...questions, buttons: [onButton(quoteContext, () => ({ kind: "choices", choices: [] }))] };
    expect(() => new Dispatcher([misplaced])).toThrow('/questions lists a button of "quote"');
  });
});

describe("the command kit", () => {
  it("types autocomplete input from the definition, and reads a wrongly typed value as not filled in", async () => {
    const probe = defineCommand({
      definition: {
        name: "probe",
        description: "d",
        options: [
          { name: "topic", description: "d", type: ApplicationCommandOptionType.String, autocomplete: true },
          { name: "count", description: "d", type: ApplicationCommandOptionType.Integer },
        ],
      },
      run: () => ({ kind: "choices", choices: [] }),
      autocomplete(_interaction, { focused, options }) {
        // @ts-expect-error an option the definition does not have cannot be focused: renaming one breaks the build
        if (focused.name === "subject") return [];
        // @ts-expect-error nor read
        void options.subject;
        const count: number | undefined = options.count;
        return [{ name: `${focused.name}=${focused.value}`, value: String(count) }];
      },
    });
    const dispatcher = new Dispatcher([probe]);
    const ask = async (focused: string, options: Record<string, string | number>) =>
      (await dispatcher.dispatch(autocomplete("probe", focused, options), seed)).response;
    expect(await ask("topic", { topic: "ab", count: 3 })).toEqual({
      kind: "choices",
      choices: [{ name: "topic=ab", value: "3" }],
    });
    expect(await ask("topic", { topic: "ab", count: "3" })).toEqual({
      kind: "choices",
      choices: [{ name: "topic=ab", value: "undefined" }],
    });
    // Only options with `autocomplete: true` are asked about.
    expect(await ask("count", { count: "3" })).toEqual({ kind: "choices", choices: [] });
    expect(await ask("nothing", {})).toEqual({ kind: "choices", choices: [] });
  });
});

describe("/questions", () => {
  it("shows the title, keywords and the first ten questions, with paging buttons", async () => {
    const message = messageOf(await run(command("questions"), seed));
    const embed = shown(message);
    expect(embed?.title).toBe("sam Altman五月访谈回顾");
    expect(embed?.url).toBe("https://b23.tv/85KHdUL");
    expect(embed?.description).toContain("**1.** Sam Altman的早期经历和投资");
    expect(embed?.description).toContain("**10.** AI监管和法律问题");
    expect(embed?.description).not.toContain("**11.**");
    expect(embed?.fields?.[0]).toEqual({
      name: "Keywords",
      value: "sam Altman · AI未来发展方向 · ChatGPT · OpenAI · AI芯片 · 开源模型AGI",
    });
    expect(embed?.footer?.text).toBe("Page 1 of 2 · 11 questions · /summary shows one");
    expect(message.flags).toBeUndefined();
    expect(buttonsOf(message)).toEqual([
      expect.objectContaining({ custom_id: `questions:0:${SEED_ID}`, disabled: true }),
      expect.objectContaining({ custom_id: `questions:2:${SEED_ID}`, disabled: false }),
    ]);
  });

  it("pages with the ▶ button (an update of the same message), and a forged page is clamped", async () => {
    const next = await run(press(`questions:2:${SEED_ID}`), seed);
    expect(next.kind).toBe("update");
    expect(shown(messageOf(next))?.description).toContain("**11.** Sam Altman的个人经历和OpenAI的未来");
    const huge = messageOf(await run(press(`questions:999999:${SEED_ID}`), seed));
    expect(shown(huge)?.footer?.text).toMatch(/^Page 2 of 2/);
  });

  it("answers a stale or forged button privately", async () => {
    for (const id of [
      "questions:2:no-such-interview",
      "questions:abc:" + SEED_ID,
      "nonsense",
      "quote:nav:x",
      "summary:1",
    ]) {
      const message = messageOf(await run(press(id), seed));
      expect(message.content).toBe("This button is out of date. Run the command again.");
      expect(message.flags).toBe(64);
    }
  });

  it("speaks the user's language and can be private", async () => {
    const message = messageOf(await run(command("questions", { page: 2, private: true }, { locale: "zh-CN" }), seed));
    expect(shown(message)?.footer?.text).toBe("第 2/2 页 · 共 11 个问题 · 用 /summary 查看单个问题");
    expect(message.flags).toBe(64);
    const tw = messageOf(await run(command("questions", {}, { locale: "zh-TW" }), seed));
    expect(shown(tw)?.fields?.[0]?.name).toBe("關鍵詞");
  });

  it("names the available interviews when asked for one that does not exist", async () => {
    const message = messageOf(await run(command("questions", { interview: "nope" }), seed));
    expect(message.content).toBe(
      `There is no interview called “nope”. Available: ${SEED_ID} (sam Altman五月访谈回顾).`,
    );
    expect(message.flags).toBe(64);
  });
});

describe("/summary", () => {
  it("shows a question's summary and explanation", async () => {
    const embed = shown(messageOf(await run(command("summary", { question: "3" }), seed)));
    expect(embed?.title).toBe("Question 3: OpenAI的ChatGPT推出和Sam Altman的解雇与复职");
    expect(embed?.description).toMatch(/^OpenAI推出了ChatGPT，这是一个可以和你聊天的AI机器人/);
    expect(embed?.fields?.[0]?.name).toBe("Explanation");
    expect(embed?.fields?.[0]?.value).toMatch(/^ChatGPT是一个使用AI技术来模拟人类对话的程序/);
    expect(embed?.author).toEqual({ name: "sam Altman五月访谈回顾", url: "https://b23.tv/85KHdUL" });
  });

  it("reads a question number as users type it", async () => {
    for (const typed of ["3", " #3 ", "Q3", "question 3", "问题3", "問題 3", "03"])
      expect(readQuestionNumber(typed)?.number, typed).toBe(3);
    expect(readQuestionNumber("03")?.digits).toBe("03");
    for (const typed of ["", "Q", "3a", "1234567", "-3", "question"])
      expect(readQuestionNumber(typed), typed).toBeUndefined();
    const embed = shown(messageOf(await run(command("summary", { question: "问题 3" }), seed)));
    expect(embed?.title).toMatch(/^Question 3: /);
  });

  it("finds a question by words of its title, and in Chinese chrome", async () => {
    const embed = shown(messageOf(await run(command("summary", { question: "监管" }, { locale: "zh-CN" }), seed)));
    expect(embed?.title).toBe("问题 10: AI监管和法律问题");
    expect(embed?.fields?.[0]?.name).toBe("额外解释");
  });

  it("gives the transcript question its line count, speakers and first lines, pointing to /quote", async () => {
    const embed = shown(messageOf(await run(command("summary", { question: "11" }), seed)));
    expect(embed?.fields?.[0]).toEqual({ name: "Transcript", value: "39 lines · speakers: presenters, sam Altman" });
    expect(embed?.fields?.[1]?.value).toContain("**presenters**: 好的，让我们谈谈八卦。");
    expect(embed?.fields?.[1]?.value).toContain("/quote");
  });

  it("offers matching questions while the user types", async () => {
    const response = await run(autocomplete("summary", "question", { question: "ChatGPT" }), seed);
    expect(response.kind).toBe("choices");
    if (response.kind !== "choices") return;
    // Questions 3 and 5 have ChatGPT in their titles.
    expect(response.choices.slice(0, 2)).toEqual(
      expect.arrayContaining([
        { name: "3. OpenAI的ChatGPT推出和Sam Altman的解雇与复职", value: "3" },
        { name: "5. ChatGPT的影响和OpenAI的收入增长", value: "5" },
      ]),
    );
    const all = await run(autocomplete("summary", "question", { question: "" }), seed);
    expect(all.kind === "choices" && all.choices.length).toBe(11);
  });

  it("explains a question that does not exist", async () => {
    const message = messageOf(await run(command("summary", { question: "99" }), seed));
    expect(message.content).toBe(
      "There is no question “99” in “sam Altman五月访谈回顾”. Questions go from 1 to 11; /questions lists them.",
    );
    expect(message.flags).toBe(64);
  });
});

describe("/quote", () => {
  it("shows the best line with the match in bold, its speaker, line and question, and buttons", async () => {
    const message = messageOf(await run(command("quote", { keyword: "短信" }), seed));
    const embed = shown(message);
    expect(["presenters", "sam Altman"]).toContain(embed?.title);
    expect(embed?.description).toContain("**短信**");
    expect(embed?.footer?.text).toMatch(/^Line \d+ · Question 11 · Match 1 of \d+ for “短信”$/);
    expect(embed?.author?.name).toBe("sam Altman五月访谈回顾");
    const ids = buttonsOf(message).map((b) => b.custom_id);
    // No `interview:`: the search covers every interview, and so do its ◀ ▶ (an empty interview id).
    expect(ids[0]).toBe(`quote:nav:-1:::短信`);
    expect(ids[1]).toBe(`quote:nav:1:::短信`);
    expect(ids[2]).toMatch(new RegExp(`^quote:ctx:${SEED_ID}:\\d+$`));
    // A public reply is a card: no "post in channel", a Delete (and the source, a link button with no id).
    expect(ids.slice(3)).toEqual(["quote:del"]);
  });

  it("shows the answer a matching question got after it, saying so (mingq → 明确 in line 18's question)", async () => {
    const first = messageOf(await run(command("quote", { keyword: "mingq" }), seed));
    expect(shown(first)?.footer?.text).toBe("Line 18 · Question 11 · Match 1 of 2 for “mingq” · found as 明确");
    const answer = messageOf(await run(press("quote:nav:1:::mingq"), seed));
    expect(shown(answer)?.footer?.text).toBe(
      "Line 19 · Question 11 · The answer to line 18 · Match 2 of 2 for “mingq”",
    );
  });

  it("pages to the next match (buttons sent before every interview was searched too), and shows context around a line", async () => {
    const first = messageOf(await run(command("quote", { keyword: "短信" }), seed));
    for (const id of [`quote:nav:1:::短信`, `quote:nav:1:${SEED_ID}::短信`]) {
      const next = await run(press(id), seed);
      expect(next.kind).toBe("update");
      expect(shown(messageOf(next))?.footer?.text).toMatch(/Match 2 of/);
      expect(shown(messageOf(next))?.footer?.text).not.toBe(shown(first)?.footer?.text);
    }
    const context = messageOf(await run(press(`quote:ctx:${SEED_ID}:25`), seed));
    expect(context.flags).toBe(64);
    expect(shown(context)?.title).toBe("Lines 23–27 around line 25");
    expect(shown(context)?.description).toContain("▶ `25` **sam Altman**: 完全正确。");
  });

  it("finds lines in traditional characters, pinyin and with a typo", async () => {
    for (const keyword of ["董事會", "dongshihui", "OpenAl"]) {
      const message = messageOf(await run(command("quote", { keyword }), seed));
      expect(shown(message)?.description, keyword).toMatch(/\*\*/);
    }
  });

  it("narrows to a speaker", async () => {
    const message = messageOf(await run(command("quote", { keyword: "董事会", speaker: "presenters" }), seed));
    expect(shown(message)?.title).toBe("presenters");
    const unknown = messageOf(await run(command("quote", { keyword: "董事会", speaker: "nobody" }), seed));
    expect(unknown.content).toBe("Nobody called “nobody” speaks in any interview. Speakers: presenters, sam Altman.");
    const named = { keyword: "董事会", speaker: "nobody", interview: SEED_ID };
    expect(messageOf(await run(command("quote", named), seed)).content).toBe(
      "Nobody called “nobody” speaks in this interview. Speakers: presenters, sam Altman.",
    );
  });

  it("offers snippets while typing; picking one shows exactly that line", async () => {
    const response = await run(autocomplete("quote", "keyword", { keyword: "dongshihui" }), seed);
    if (response.kind !== "choices") throw new Error("expected choices");
    expect(response.choices.length).toBeGreaterThan(1);
    for (const choice of response.choices) {
      expect(choice.name).toMatch(/^(presenters|sam Altman): /);
      expect(choice.value).toMatch(new RegExp(`^line:\\d+:${SEED_ID}$`));
    }
    const picked = response.choices[0];
    const lineNumber = Number(String(picked?.value).split(":")[1]);
    const message = messageOf(await run(command("quote", { keyword: String(picked?.value) }), seed));
    expect(shown(message)?.footer?.text).toBe(`Line ${lineNumber} · Question 11`);
    const speakers = await run(autocomplete("quote", "speaker", { keyword: "x", speaker: "sa" }), seed);
    expect(speakers.kind === "choices" && speakers.choices).toEqual([{ name: "sam Altman", value: "sam Altman" }]);
  });

  it("offers 'post in channel' on a private reply, which posts a public copy", async () => {
    const message = messageOf(await run(command("quote", { keyword: "完全正确", private: true }), seed));
    expect(message.flags).toBe(64);
    const post = buttonsOf(message).find((b) => b.custom_id.startsWith("quote:post:"));
    expect(post?.label).toBe("Post in channel");
    const shared = messageOf(await run(press(post?.custom_id ?? "", true), seed));
    expect(shared.flags).toBe(MessageFlags.IsComponentsV2); // a public card, not a private reply
    expect(shown(shared)?.footer?.text).toBe("Line 25 · Question 11 · Shared by tester");
  });

  it("says kindly when nothing matches, and refuses empty, long and punctuation-only queries", async () => {
    const none = messageOf(await run(command("quote", { keyword: "葡萄干布丁" }), seed));
    expect(none.content).toMatch(/^No line matches “葡萄干布丁”\./);
    expect(none.content).toContain("Try fewer or other words");
    expect(none.flags).toBe(64);
    expect(messageOf(await run(command("quote", { keyword: "   " }), seed)).content).toBe(
      "Type a word or phrase to search for.",
    );
    expect(messageOf(await run(command("quote", { keyword: "x".repeat(101) }), seed)).content).toBe(
      "That search is too long: keep it to 100 characters.",
    );
    expect(messageOf(await run(command("quote", { keyword: "？！…" }), seed)).content).toBe(
      "That search has no letters or characters to look for.",
    );
    const zh = messageOf(await run(command("quote", { keyword: "葡萄干布丁" }, { locale: "zh-CN" }), seed));
    expect(zh.content).toMatch(/^没有找到与“葡萄干布丁”匹配的内容。/);
  });

  it("treats forged option types as an unknown command, not a crash", async () => {
    const message = messageOf(await run(command("quote", { keyword: 42 }), seed));
    expect(message.content).toMatch(/^I don't know that command/);
  });
});

describe("/reload", () => {
  const moderator = { memberPermissions: 1n << 5n };

  it("refuses members without Manage Server, and direct messages", async () => {
    const refused = messageOf(await run(command("reload"), seed));
    expect(refused.content).toBe(
      "Only moderators can reload the content (Manage Server, Administrator, or a moderator role).",
    );
    expect(refused.flags).toBe(64);
    const dm = messageOf(await run(command("reload", {}, { guildId: undefined, ...moderator }), seed));
    expect(dm.content).toBe("/reload works in a server, not in direct messages.");
  });

  it("reloads for a moderator role and reports what changed, or every error with nothing changed", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "verbatim-reload-"));
    try {
      await cp("content", dir, { recursive: true });
      const { store } = await ContentStore.open(dir);
      const context = contextOf(store, ["1300000000000000001"]);
      const asModerator = command("reload", {}, { memberRoles: ["1300000000000000001"] });

      const same = await deferredMessage(await run(asModerator, context));
      expect(same.flags).toBe(64);
      expect(shown(same)?.description).toBe("Nothing changed on disk: 1 interview, 11 questions, 39 lines.");

      await writeFile(
        path.join(dir, "second.md"),
        "---\ntitle: Second\n---\n### Question 1: Hi\n- **Transcript**\n**Host:** hello there\n",
      );
      const added = await deferredMessage(await run(asModerator, context));
      expect(shown(added)?.title).toBe("Content reloaded");
      expect(shown(added)?.fields?.[0]).toEqual({
        name: "Added (1)",
        value: "+ Second (`second`): 1 question, 1 line",
      });
      expect(store.current.library.interviews).toHaveLength(2);

      await writeFile(path.join(dir, "broken.md"), "---\ntitle: [oops\n---\n");
      const failed = await deferredMessage(await run(asModerator, context));
      expect(shown(failed)?.title).toBe("Reload failed: nothing was changed");
      expect(shown(failed)?.description).toContain("`broken.md:3: the front matter is not valid YAML");
      expect(store.current.library.interviews).toHaveLength(2);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
