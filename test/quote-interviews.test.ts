/**
 * /quote over several interviews, through the real dispatcher: the seed, the two fixture interviews and a
 * small one sharing a speaker name (`Host`) with the lighthouse fixture. Without `interview:` every
 * interview is searched and each hit names its own; with it, one.
 */
import { cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CommandContext } from "../src/interactions/command.js";
import {
  shown,
  SEED_ID,
  autocomplete,
  buttonsOf,
  command,
  contextOf,
  messageOf,
  press,
  run,
  seedStore,
} from "./helpers.js";

const SEED_TITLE = "sam Altman五月访谈回顾";
const LIGHTHOUSE_ID = "carrick-head-lighthouse-2024-03";
const LIGHTHOUSE_TITLE = "Twenty-seven winters at Carrick Head";
const TEA_ID = "nangang-tea-farmer-2024-04";
const TEA_TITLE = "南岗村茶农访谈：古茶树、合作社和直播";
const RELIEF_TITLE = "The relief keeper";
/** Shares the speakers Host and Guest with the lighthouse fixture; its Host asks about the night too. */
const RELIEF = `---
title: ${RELIEF_TITLE}
date: 2023-11-02
---
### Question 1: Relief
- **Transcript**:

**Host:** Which night on the rock do you remember best?

**Guest:** The one the boat could not come, and we ate the last of the biscuits.
`;

let dir: string;
let all: CommandContext;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "verbatim-interviews-"));
  await cp("content", dir, { recursive: true });
  for (const id of [LIGHTHOUSE_ID, TEA_ID])
    await cp(path.join("test/fixtures/content", `${id}.md`), path.join(dir, `${id}.md`));
  await writeFile(path.join(dir, "relief-keeper.md"), RELIEF);
  all = contextOf(await seedStore(dir));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Presses ▶ from the first reply to the last match; every page's embed. */
async function allPages(keyword: string, options: Record<string, string> = {}) {
  let message = messageOf(await run(command("quote", { keyword, ...options }), all));
  const pages = [shown(message)];
  for (;;) {
    const next = buttonsOf(message).find((b) => b.label === "Next ▶");
    if (next === undefined || next.disabled) return pages;
    message = messageOf(await run(press(next.custom_id), all));
    pages.push(shown(message));
  }
}

describe("/quote without interview:", () => {
  it("finds a line only an older interview holds, and names that interview", async () => {
    // The tea farmer is the newest interview, the one /questions shows by default; the board is the seed's.
    const message = messageOf(await run(command("quote", { keyword: "董事会" }), all));
    const embed = shown(message);
    expect(embed?.author?.name).toBe(SEED_TITLE);
    expect(embed?.description).toContain("**董事会**");
    const ids = buttonsOf(message).map((b) => b.custom_id);
    expect(ids).toContain("quote:nav:1:::董事会");
    expect(ids.find((id) => id.startsWith("quote:ctx:"))).toMatch(new RegExp(`^quote:ctx:${SEED_ID}:\\d+$`));
    const english = shown(messageOf(await run(command("quote", { keyword: "grandfather clock" }), all)));
    expect(english?.author?.name).toBe(LIGHTHOUSE_TITLE);
    expect(english?.description).toContain("grandfather clock");
  });

  it("finds numbers typed in digits where the transcript spells them, and says so", async () => {
    const years = shown(messageOf(await run(command("quote", { keyword: "27 years" }), all)));
    expect(years?.author?.name).toBe(LIGHTHOUSE_TITLE);
    expect(years?.description).toContain("**twenty-seven** **years**");
    // "years" was typed as it stands: only the spelled number is named.
    expect(years?.footer?.text).toMatch(/ · found as twenty-seven$/);
    const gale = shown(messageOf(await run(command("quote", { keyword: "1979" }), all)));
    expect(gale?.description).toContain("January of **seventy-nine**");
    const board = shown(messageOf(await run(command("quote", { keyword: "6个人" }), all)));
    expect(board?.author?.name).toBe(SEED_TITLE);
    expect(board?.description).toContain("**六个人**");
  });

  it("answers a question that asks for a count with the line that gives one", async () => {
    for (const keyword of ["董事会当时有几个人", "how many people were on the board"]) {
      const counted = shown(messageOf(await run(command("quote", { keyword }), all)));
      expect(counted?.author?.name).toBe(SEED_TITLE);
      expect(counted?.description).toContain("人数减少到**六个人**");
      expect(counted?.footer?.text).toMatch(/ · found as .*六个人/);
    }
  });

  it("ranks the hits of every interview together; ▶ pages from one interview to another", async () => {
    const pages = await allPages("最喜欢");
    // Lines holding only 喜欢 are found as typed (最 + 喜欢): no "found as".
    expect(pages.filter((embed) => embed?.description?.includes("**最喜欢**") === false).length).toBeGreaterThan(0);
    expect(
      pages.map((embed) => embed?.footer?.text.replace(/^Line \d+ · Question \d+ · (The answer to line \d+ · )?/, "")),
    ).toEqual(pages.map((_, rank) => `Match ${rank + 1} of ${pages.length} for “最喜欢”`));
    const exact = pages.filter((embed) => embed?.description?.includes("**最喜欢**"));
    expect(new Set(exact.map((embed) => embed?.author?.name))).toEqual(new Set([SEED_TITLE, TEA_TITLE]));
  });

  it("narrows to one interview with interview:", async () => {
    const narrowed = await allPages("最喜欢", { interview: TEA_ID });
    expect(narrowed.length).toBeGreaterThan(0);
    for (const embed of narrowed) expect(embed?.author?.name).toBe(TEA_TITLE);
    const message = messageOf(await run(command("quote", { keyword: "最喜欢", interview: TEA_ID }), all));
    expect(buttonsOf(message)[1]?.custom_id).toBe(`quote:nav:1:${TEA_ID}::最喜欢`);
    const elsewhere = messageOf(await run(command("quote", { keyword: "董事会", interview: TEA_ID }), all));
    expect(elsewhere.content).toMatch(/^No line matches “董事会”\./);
  });

  it("resolves a speaker in any interview, and searches each interview where the name speaks", async () => {
    const tea = shown(messageOf(await run(command("quote", { keyword: "手机", speaker: "李春兰" }), all)));
    expect(tea?.author?.name).toBe(TEA_TITLE);
    expect(tea?.title).toBe("李春兰");
    // `Host` speaks in the lighthouse and the relief interviews: both are searched, for the Host's lines only.
    const hosts = await allPages("night", { speaker: "host" });
    expect(new Set(hosts.map((embed) => embed?.author?.name))).toEqual(new Set([LIGHTHOUSE_TITLE, RELIEF_TITLE]));
    for (const embed of hosts) expect(embed?.title).toBe("Host");
    const unknown = messageOf(await run(command("quote", { keyword: "night", speaker: "nobody" }), all));
    expect(unknown.content).toBe(
      "Nobody called “nobody” speaks in any interview. Speakers: presenters, sam Altman, Host, Guest, 主持人, 李春兰.",
    );
    const notHere = messageOf(
      await run(command("quote", { keyword: "手机", speaker: "李春兰", interview: SEED_ID }), all),
    );
    expect(notHere.content).toBe("Nobody called “李春兰” speaks in this interview. Speakers: presenters, sam Altman.");
  });
});

describe("/quote autocomplete without interview:", () => {
  it("labels each suggestion with its interview's title, and a picked one shows that interview's line", async () => {
    const response = await run(autocomplete("quote", "keyword", { keyword: "最喜欢" }), all);
    if (response.kind !== "choices") throw new Error("expected choices");
    const names = response.choices.map((choice) => choice.name);
    for (const name of names) expect(name).toMatch(/^(presenters|sam Altman|主持人|李春兰): .+ — /);
    const exact = names.filter((name) => name.includes("最喜欢"));
    expect(exact.some((name) => name.endsWith(` — ${SEED_TITLE}`))).toBe(true);
    expect(exact.some((name) => name.endsWith(` — ${TEA_TITLE}`))).toBe(true);
    for (const choice of response.choices) {
      const [, line, id] = /^line:(\d+):(.+)$/.exec(String(choice.value)) ?? [];
      const quote = shown(messageOf(await run(command("quote", { keyword: String(choice.value) }), all)));
      expect(quote?.author?.name).toBe(id === SEED_ID ? SEED_TITLE : TEA_TITLE);
      expect(choice.name.endsWith(` — ${String(quote?.author?.name)}`)).toBe(true);
      expect(quote?.footer?.text).toMatch(new RegExp(`^Line ${line} · `));
    }
  });

  it("shortens a long title and keeps the snippet; narrowed to one interview, names none", async () => {
    const response = await run(autocomplete("quote", "keyword", { keyword: "mercury" }), all);
    if (response.kind !== "choices") throw new Error("expected choices");
    expect(response.choices[0]?.name).toMatch(/^Guest: ….*mercury.*… — Twenty-seven winters at Carrick…$/);
    expect(response.choices[0]?.name).toHaveLength(100);
    expect(response.choices[0]?.value).toMatch(new RegExp(`^line:\\d+:${LIGHTHOUSE_ID}$`));
    const narrowed = await run(autocomplete("quote", "keyword", { keyword: "mercury", interview: LIGHTHOUSE_ID }), all);
    if (narrowed.kind !== "choices") throw new Error("expected choices");
    expect(narrowed.choices[0]?.name).toMatch(/^Guest: ….*mercury.*…$/);
    expect(narrowed.choices[0]?.name).not.toContain(" — ");
  });

  it("lists the speakers of every interview, each name once", async () => {
    const everyone = await run(autocomplete("quote", "speaker", { keyword: "x", speaker: "" }), all);
    expect(everyone.kind === "choices" && everyone.choices.map((choice) => choice.name)).toEqual([
      "presenters",
      "sam Altman",
      "Host",
      "Guest",
      "主持人",
      "李春兰",
    ]);
    const typed = await run(autocomplete("quote", "speaker", { keyword: "x", speaker: "ho" }), all);
    expect(typed.kind === "choices" && typed.choices).toEqual([{ name: "Host", value: "Host" }]);
    const narrowed = await run(
      autocomplete("quote", "speaker", { keyword: "x", speaker: "", interview: SEED_ID }),
      all,
    );
    expect(narrowed.kind === "choices" && narrowed.choices.map((choice) => choice.name)).toEqual([
      "presenters",
      "sam Altman",
    ]);
  });
});
