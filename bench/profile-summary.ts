/**
 * Summarises V8 CPU profiles (`node --cpu-prof`, e.g. from `npm run bench -- --profile DIR`):
 * `tsx bench/profile-summary.ts FILE.cpuprofile [more…] [--top N] [--skip-ms MS]` prints self time by
 * package / source folder and the top functions by self time, leaving out the first MS ms (start-up).
 */
import { readFileSync } from "node:fs";

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
}

interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** Where a function lives: a package (`discord.js`, `@discordjs/ws`), a folder of ours (`src/search`), or V8/Node. */
function placeOf(url: string, functionName: string): string {
  if (url === "")
    return functionName === "(garbage collector)" || functionName === "(idle)" || functionName === "(program)"
      ? functionName
      : "(native)";
  const module = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (module) return module[1]!;
  if (url.startsWith("node:")) return "node:" + url.slice(5).split("/")[0];
  const ours = /\/(?:dist\/)?((?:src|commands|test|bench)(?:\/[^/]+)?)\/[^/]+$/.exec(url);
  return ours ? ours[1]! : url;
}

function summarise(file: string, top: number, skipMs: number): void {
  const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfByFunction = new Map<string, number>();
  const selfByPlace = new Map<string, number>();
  let total = 0;
  let elapsed = 0;
  profile.samples.forEach((id, index) => {
    const node = byId.get(id);
    const delta = profile.timeDeltas[index] ?? 0;
    elapsed += delta;
    if (node === undefined || elapsed < skipMs * 1000) return;
    const { functionName, url, lineNumber } = node.callFrame;
    const place = placeOf(url, functionName);
    const name =
      `${functionName || "(anonymous)"} ${url === "" ? "" : `${url.replace(/^.*?(node_modules|dist|src)\//, "$1/")}:${lineNumber + 1}`}`.trim();
    selfByFunction.set(name, (selfByFunction.get(name) ?? 0) + delta);
    selfByPlace.set(place, (selfByPlace.get(place) ?? 0) + delta);
    total += delta;
  });
  const busy = total - (selfByPlace.get("(idle)") ?? 0);
  const show = (entries: Map<string, number>, count: number): string[] =>
    [...entries]
      .filter(([name]) => name !== "(idle)" && !name.startsWith("(idle)"))
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(
        ([name, micros]) =>
          `  ${((100 * micros) / busy).toFixed(1).padStart(5)} %  ${(micros / 1000).toFixed(0).padStart(6)} ms  ${name}`,
      );
  console.log(
    `${file}\n  wall ${(total / 1e6).toFixed(1)} s, busy ${(busy / 1e6).toFixed(1)} s (${((100 * busy) / total).toFixed(0)} %)`,
  );
  console.log("self time by place (share of busy time):");
  console.log(show(selfByPlace, 15).join("\n"));
  console.log(`top ${top} functions by self time:`);
  console.log(show(selfByFunction, top).join("\n"));
}

const args = process.argv.slice(2);
const option = (name: string, fallback: number): number => {
  const at = args.indexOf(name);
  return at === -1 ? fallback : Number(args[at + 1]);
};
const top = option("--top", 25);
const skipMs = option("--skip-ms", 0);
const files = args.filter((arg, index) => !arg.startsWith("--") && !args[index - 1]?.startsWith("--"));
if (files.length === 0) {
  console.error(
    "usage: tsx bench/profile-summary.ts FILE.cpuprofile [more…] [--top N] [--skip-ms MS (leave out start-up)]",
  );
  process.exit(2);
}
for (const file of files) summarise(file, top, skipMs);
