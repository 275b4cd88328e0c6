/**
 * /quote over two interviews, end to end: the compiled bot on the fake Discord, serving the seed interview and
 * the tea-farmer fixture (the newer one, which /questions shows by default). Without `interview:` a member
 * finds a line in either, sees which interview it is from, and pages from one to the other.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shown } from "../helpers.js";
import { startBotOnFake, type E2eSetup } from "../../testkit/e2e-setup.js";
import type { FakeDiscord, InteractionPayload, MessageData } from "../../testkit/fake-discord.js";

const SEED_ID = "altman-all-in-2024-05";
const SEED_TITLE = "sam Altman五月访谈回顾";
const TEA_ID = "nangang-tea-farmer-2024-04";
const TEA_TITLE = "南岗村茶农访谈：古茶树、合作社和直播";

interface Embed {
  author?: { name: string };
  title?: string;
  description?: string;
  footer?: { text: string };
}
interface Button {
  custom_id: string;
  label: string;
  disabled?: boolean;
}

const embedOf = (data: MessageData | undefined): Embed => shown(data) ?? {};
/** Its buttons, in action rows or in a quote card's container. */
const buttonsOf = (data: MessageData | undefined): Button[] =>
  (data?.components ?? []).flatMap((row) =>
    ((row as { components?: (Button & { components?: Button[] })[] }).components ?? []).flatMap(
      (child) => child.components ?? [child],
    ),
  );

describe("/quote over every interview, on a fake Discord", () => {
  let e2e: E2eSetup;
  let fake: FakeDiscord;

  beforeAll(async () => {
    const tea = await readFile(path.join(import.meta.dirname, "../fixtures/content", `${TEA_ID}.md`), "utf8");
    e2e = await startBotOnFake({ files: { [`${TEA_ID}.md`]: tea } });
    ({ fake } = e2e);
  });

  afterAll(() => e2e?.stop());

  async function send(
    spec: Parameters<FakeDiscord["interactionPayload"]>[0],
  ): Promise<{ payload: InteractionPayload; data: MessageData | undefined; type: number }> {
    const payload = fake.interactionPayload(spec);
    const callback = await fake.sendInteraction(payload);
    return { payload, data: callback.data, type: callback.type };
  }

  const quote = (options: Record<string, string>) => send({ kind: "command", name: "quote", options });

  /** /quote, then ▶ until the last match: every page's embed, each press an update of the same message. */
  async function everyPage(options: Record<string, string>): Promise<Embed[]> {
    let reply = await quote(options);
    const pages = [embedOf(reply.data)];
    for (;;) {
      const next = buttonsOf(reply.data).find((button) => button.label === "Next ▶");
      if (next === undefined || next.disabled === true) return pages;
      const message = fake.originalMessage(reply.payload.id);
      reply = await send({ kind: "button", customId: next.custom_id, ...(message ? { message } : {}) });
      expect(reply.type).toBe(7);
      pages.push(embedOf(reply.data));
    }
  }

  it("finds a word only the older interview holds, and names that interview", async () => {
    const questions = await send({ kind: "command", name: "questions" });
    expect(embedOf(questions.data).title).toBe(TEA_TITLE); // the default interview elsewhere
    const { data } = await quote({ keyword: "董事会" });
    expect(embedOf(data).author?.name).toBe(SEED_TITLE);
    expect(embedOf(data).description).toContain("**董事会**");
    expect(embedOf(data).footer?.text).toMatch(/^Line \d+ · Question 11 · Match 1 of \d+ for “董事会”$/);
  });

  it("labels each suggestion with its interview, and picking one shows that interview's line", async () => {
    const { data } = await send({
      kind: "autocomplete",
      name: "quote",
      focused: "keyword",
      value: "最喜欢",
      options: { keyword: "最喜欢" },
    });
    const choices = data?.choices ?? [];
    const exact = choices.filter((choice) => choice.name.includes("最喜欢"));
    expect(exact.map((choice) => choice.name.slice(choice.name.lastIndexOf(" — ") + 3)).sort()).toEqual(
      expect.arrayContaining([SEED_TITLE, TEA_TITLE]),
    );
    const fromSeed = exact.find((choice) => choice.name.endsWith(` — ${SEED_TITLE}`));
    expect(fromSeed?.name).toMatch(/^sam Altman: .*最喜欢/);
    expect(fromSeed?.value).toMatch(new RegExp(`^line:\\d+:${SEED_ID}$`));
    const picked = await quote({ keyword: String(fromSeed?.value) });
    expect(embedOf(picked.data).author?.name).toBe(SEED_TITLE);
    expect(embedOf(picked.data).description).toContain("最喜欢");
  });

  it("pages with ▶ through the matches of both interviews", async () => {
    const pages = await everyPage({ keyword: "最喜欢" });
    expect(pages.length).toBeGreaterThan(2);
    // Lines holding only 喜欢 hold a word typed (最 + 喜欢): no "found as".
    expect(pages.filter((page) => page.description?.includes("**最喜欢**") === false).length).toBeGreaterThan(0);
    expect(
      pages.map((page) => page.footer?.text.replace(/^Line \d+ · Question \d+ · (The answer to line \d+ · )?/, "")),
    ).toEqual(pages.map((_, rank) => `Match ${rank + 1} of ${pages.length} for “最喜欢”`));
    const exact = pages.filter((page) => page.description?.includes("**最喜欢**"));
    expect(new Set(exact.map((page) => page.author?.name))).toEqual(new Set([SEED_TITLE, TEA_TITLE]));
  });

  it("offers what is close when nothing matches, as buttons that show its first match in place", async () => {
    const none = await quote({ keyword: "GPT-5" });
    expect(none.data?.content).toMatch(/^No line matches “GPT-5”\.\nDid you mean: GPT-4( · [^\n]+)?\?\n/);
    expect(none.data?.flags).toBe(64);
    const offered = buttonsOf(none.data);
    expect(offered.map((button) => button.label)).toContain("GPT-4");
    const gpt4 = offered.find((button) => button.label === "GPT-4");
    const message = fake.originalMessage(none.payload.id);
    const pressed = await send({ kind: "button", customId: gpt4?.custom_id ?? "", ...(message ? { message } : {}) });
    expect(pressed.type).toBe(7); // the "no match" reply becomes the match
    expect(embedOf(pressed.data).description).toContain("**GPT-4**");
    expect(embedOf(pressed.data).footer?.text).toMatch(/Match 1 of \d+ for “GPT-4”$/);
  });

  it("says which words a line was found as when they are not the member's own (English over Chinese)", async () => {
    const { data } = await quote({ keyword: "dismissed", interview: SEED_ID });
    expect(embedOf(data).description).toContain("**解雇**");
    expect(embedOf(data).footer?.text).toMatch(/ · Match 1 of \d+ for “dismissed” · found as 解雇$/);
    const asTyped = await quote({ keyword: "解雇", interview: SEED_ID });
    expect(embedOf(asTyped.data).footer?.text).not.toContain("found as");
  });

  it("narrows to one interview with interview:", async () => {
    const seedOnly = await everyPage({ keyword: "最喜欢", interview: SEED_ID });
    for (const page of seedOnly) expect(page.author?.name).toBe(SEED_TITLE);
    const teaOnly = await everyPage({ keyword: "最喜欢", interview: TEA_ID });
    for (const page of teaOnly) expect(page.author?.name).toBe(TEA_TITLE);
    const elsewhere = await quote({ keyword: "董事会", interview: TEA_ID });
    expect(elsewhere.data?.content).toMatch(/^No line matches “董事会”\./);
  });
});
