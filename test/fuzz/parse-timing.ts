/**
 * Times the content parser on ~5 MB inputs, in its own process so that a parser gone quadratic can be
 * killed instead of freezing the test run: `node --import tsx test/fuzz/parse-timing.ts case…` prints
 * one JSON line per case as it finishes ({ case, bytes, ms, ok }).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseInterview } from "../../src/content/parse.js";

export const TARGET_BYTES = 5 * 1024 * 1024;

const FRONT = "---\ntitle: Big\n---\n";
const SEED = readFileSync(path.join(import.meta.dirname, "../../content/altman-all-in-2024-05.md"), "utf8");

/** `unit` repeated to about TARGET_BYTES (counting UTF-16 units: close enough for sizing). */
function fill(unit: string): string {
  return unit.repeat(Math.max(1, Math.floor(TARGET_BYTES / unit.length)));
}

/** The seed's question sections again and again, renumbered so that the file stays valid. */
function seedRepeated(): string {
  const start = SEED.indexOf("### 问题1");
  const head = SEED.slice(0, start);
  const sections = SEED.slice(start);
  const parts = [head];
  let size = head.length;
  for (let copy = 0; size < TARGET_BYTES; copy++) {
    const renumbered = sections.replace(/^### 问题(\d+)/gm, (_, n: string) => `### 问题${copy * 100 + Number(n)}`);
    parts.push(renumbered);
    size += renumbered.length;
  }
  return parts.join("\n");
}

/** Inputs shaped after what the parser's patterns look for, each about 5 MB. */
export const CASES: Readonly<Record<string, () => string>> = {
  "the seed interview repeated": seedRepeated,
  "one 5 MB transcript paragraph": () => `${FRONT}### Q1: a\n- **Transcript**:\n**Host:** ${fill("董事会 board ")}\n`,
  "short paragraphs": () => `${FRONT}### Q1: a\n- **Transcript**:\n${fill("**Host:** hello 你好\n\n")}`,
  "empty lines": () => `${FRONT}### Q1: a\n${fill("\n")}`,
  "spaces inside a question heading": () => `${FRONT}### Q1: a${fill(" ")}x\n`,
  "hashes ending a question heading": () => `${FRONT}### Q1: a${fill("# ")}x\n`,
  "spaces inside a section bullet": () => `${FRONT}### Q1: a\n- **Summary${fill(" ")}x\n`,
  "spaces inside a source label": () => `${FRONT}**source${fill(" ")}x\n### Q1: a\n`,
  "source links that never close": () => `${FRONT}${fill("**source**[")}\n### Q1: a\n`,
  "source links without an address": () => `${FRONT}${fill("**source**[x](http://")}\n### Q1: a\n`,
  "spaces after a speaker's name": () => `${FRONT}### Q1: a\n**a${fill(" ")}x\n`,
  "bold markers": () => `${FRONT}### Q1: a\n- **Transcript**:\n**A:** ${fill("*")}\n`,
  "quote markers": () => `${FRONT}### Q1: a\n- **Transcript**:\n${fill("> ")}x\n`,
  "a huge front matter value": () => `---\ntitle: ${JSON.stringify(fill("t"))}\n---\n### Q1: a\n`,
  "a huge keyword list": () => `---\ntitle: t\nkeywords: ${fill("k,")}\n---\n### Q1: a\n`,
  "headings only": () => `${FRONT}${fill("### Q1: a\n")}`,
  "spaces inside a misspelled bullet label": () => `${FRONT}### Q1: a\n- **Summery${fill(" ")}x\n`,
  "spaces inside a heading without a colon": () => `${FRONT}### Q1: a\n### Question 2${fill(" ")}x\n`,
  "headings without a colon only": () => `${FRONT}### Q1: a\n${fill("### Q2 a\n")}`,
  "many front matter keys": () =>
    `---\ntitle: t\n${fill("desciption: d\n").replace(/desciption/g, (_, at: number) => `k${at}`)}---\n### Q1: a\n`,
};

if (process.argv[1] === import.meta.filename) {
  for (const name of process.argv.slice(2)) {
    const make = CASES[name];
    if (make === undefined) throw new Error(`unknown case ${name}`);
    const text = make();
    const started = performance.now();
    const result = parseInterview(text, "big", "big.md");
    const ms = Math.round(performance.now() - started);
    process.stdout.write(`${JSON.stringify({ case: name, bytes: Buffer.byteLength(text), ms, ok: result.ok })}\n`);
  }
}
