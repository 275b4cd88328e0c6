/**
 * Measures the lexicon: load time and memory (heap, RSS) of each part, then per-call latency (p50/p99) of
 * segmentWords, contentWords, translateEnglish, synonymsOf and translateChinese over 1,000 queries made from the
 * seed transcript and from CC-CEDICT's own glosses. Run: npx tsx bench/lexicon.ts
 * (NODE_OPTIONS=--max-semi-space-size=4 measures memory as `npm start` runs the bot).
 */
import { readFileSync } from "node:fs";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { cedictData, cedictGlosses, loadTimes, pinyinReadingsData, wordLists } from "../src/lexicon/data.js";
import { contentWords, segmentWords, synonymsOf, translateChinese, translateEnglish } from "../src/lexicon/index.js";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

const MB = 1024 * 1024;
function memory(): { rss: number; heap: number; heapTotal: number; external: number } {
  gc();
  gc();
  const m = process.memoryUsage();
  return { rss: m.rss / MB, heap: m.heapUsed / MB, heapTotal: m.heapTotal / MB, external: m.external / MB };
}
const fmt = (m: ReturnType<typeof memory>) =>
  `rss ${m.rss.toFixed(1)} MB, heap used ${m.heap.toFixed(1)} MB of ${m.heapTotal.toFixed(1)} MB, external ${m.external.toFixed(1)} MB`;

const before = memory();
console.log(`before loading: ${fmt(before)}`);
const parts: [string, () => unknown][] = [
  ["segmenter (jieba + 65k-word dictionary)", () => segmentWords("预热")],
  ["word lists (function words, irregular forms, synonyms)", () => wordLists()],
  ["CC-CEDICT index", () => cedictData()],
  ["CC-CEDICT gloss text (Chinese → English only)", () => cedictGlosses()],
  ["pinyin table (every Han character's readings)", () => pinyinReadingsData()],
];
let last = before;
for (const [name, load] of parts) {
  const started = performance.now();
  load();
  const took = performance.now() - started;
  const now = memory();
  console.log(
    `${name}: ${took.toFixed(1)} ms; rss +${(now.rss - last.rss).toFixed(1)} MB, heap +${(now.heap - last.heap).toFixed(1)} MB`,
  );
  last = now;
}
console.log(
  `after loading: ${fmt(last)}  (total rss +${(last.rss - before.rss).toFixed(1)} MB, heap +${(last.heap - before.heap).toFixed(1)} MB)`,
);
console.log(
  `load times recorded by the lexicon: ${JSON.stringify(Object.fromEntries(Object.entries(loadTimes).map(([k, v]) => [k, Math.round(v * 10) / 10])))}`,
);

// --- 1,000 queries: member-style Chinese questions cut from the transcript, and English words and phrases.
let seed = 42;
const random = (): number => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
const transcript = readFileSync(new URL("../content/altman-all-in-2024-05.md", import.meta.url), "utf8")
  .split("\n")
  .map((l) => l.replace(/^\*\*[^*]+\*\*\s*/, "").trim())
  .filter((l) => /\p{Script=Han}/u.test(l));
const frames = ["", "的原因", "做了什么", "为什么", "怎么样", "什么时候"];
const d = cedictData();
const g = cedictGlosses();
const englishGlosses = Array.from({ length: 2000 }, () => {
  const i = Math.floor(random() * (g.glossOff.length - 1));
  return g.gloss(i);
}).filter((t) => t.split(" ").length <= 3);
const chineseQueries = Array.from({ length: 500 }, () => {
  const line = transcript[Math.floor(random() * transcript.length)]!;
  const start = Math.floor(random() * Math.max(1, line.length - 12));
  return line.slice(start, start + 4 + Math.floor(random() * 10)) + frames[Math.floor(random() * frames.length)];
});
const issueTerms = [
  "dismissed",
  "fired",
  "shareholding",
  "airplane",
  "investors",
  "stock options",
  "chief executive",
  "board",
  "Jony Ive",
];
const englishQueries = Array.from({ length: 500 }, (_x, i) =>
  i < issueTerms.length ? issueTerms[i]! : englishGlosses[i % englishGlosses.length]!,
);
const chineseWords = chineseQueries.flatMap((q) => contentWords(q)).slice(0, 1000);
const heads = Array.from({ length: 500 }, () => {
  const e = Math.floor(random() * (d.headOff.length - 1));
  return d.heads.slice(d.headOff[e], d.headOff[e + 1]);
});

/**
 * Wall-clock and CPU time per call. On a shared machine the wall clock also counts time other processes held the
 * cores; the CPU time (this process's user + system) is what the call itself costs.
 */
function latency(name: string, inputs: readonly string[], call: (input: string) => unknown): void {
  for (const input of inputs.slice(0, 100)) call(input); // warm-up
  const wall: number[] = [];
  const cpu: number[] = [];
  for (const input of inputs) {
    const cpuStart = process.cpuUsage();
    const started = performance.now();
    call(input);
    wall.push((performance.now() - started) * 1000);
    const used = process.cpuUsage(cpuStart);
    cpu.push(used.user + used.system);
  }
  const pct = (times: number[], q: number) =>
    [...times].sort((a, b) => a - b)[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  const us = (n: number) => `${n.toFixed(0).padStart(5)} µs`;
  console.log(
    `${name.padEnd(17)} ${String(inputs.length).padStart(5)} calls  wall p50 ${us(pct(wall, 0.5))} p99 ${us(pct(wall, 0.99))}  |  cpu p50 ${us(pct(cpu, 0.5))} p99 ${us(pct(cpu, 0.99))}`,
  );
}

const mixed = [...chineseQueries, ...englishQueries];
console.log("\nper call (1,000 queries: 500 Chinese questions from the transcript, 500 English words/phrases):");
latency("segmentWords", mixed, segmentWords);
latency("contentWords", mixed, contentWords);
latency("translateEnglish", [...englishQueries, ...englishQueries], (q) => translateEnglish(q));
latency("synonymsOf", [...chineseWords, ...heads].slice(0, 1000), (w) => synonymsOf(w));
latency("translateChinese", [...heads, ...chineseWords].slice(0, 1000), (w) => translateChinese(w));
const after = memory();
console.log(`\nafter the queries: ${fmt(after)}`);
