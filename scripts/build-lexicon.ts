/**
 * Writes the lexicon's generated data files (data/lexicon/) from the dictionaries inside the pinned npm packages.
 * Usage: npm run build:lexicon  (then commit data/lexicon/ — a test fails while the files are stale).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildLexicon } from "./lexicon/build.js";
import { lexiconDataDir } from "../src/lexicon/data.js";

const started = performance.now();
const files = buildLexicon();
const dir = lexiconDataDir();
mkdirSync(dir, { recursive: true });
for (const name of Object.keys(files) as (keyof typeof files)[]) {
  const bytes = files[name];
  writeFileSync(join(dir, name), bytes);
  console.log(`${join(dir, name)}  ${(bytes.length / 1e6).toFixed(2)} MB`);
}
console.log(`built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
