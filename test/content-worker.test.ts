/**
 * Reloads parse and index the folder in a worker thread (src/content/off-thread.ts): the result must be
 * exactly what the main thread would build, errors included, and the main thread must stay responsive.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ContentLibrary } from "../src/content/model.js";
import { contentStoreMetrics, registry } from "../src/ops/metrics.js";
import { writeInterviewFolder } from "../testkit/content-files.js";
import { loadContentDir } from "../src/content/load.js";
import { loadInThread, loadOffThread, type OffThreadLoad } from "../src/serving/off-thread.js";
import { ContentStore, type ReloadEvent } from "../src/serving/store.js";
import type { SearchIndex } from "../src/search/types.js";
import queries from "./fixtures/search-queries.json" with { type: "json" };

type Loaded = Extract<OffThreadLoad, { ok: true }>;

function loaded(outcome: OffThreadLoad): Loaded {
  if (!outcome.ok) throw new Error(`unexpected errors: ${JSON.stringify(outcome.errors)}`);
  return outcome;
}

/** What a search answers, in a comparable form. */
function answers(index: SearchIndex, query: string, interviewId?: string): unknown {
  const outcome = index.search(query, { interviewId, limit: 25 });
  if (!outcome.ok) return outcome;
  return { hits: outcome.hits.map((hit) => [hit.interviewId, hit.line.number, hit.ranges, hit.score, hit.exact]), suggestions: outcome.suggestions };
}

/** The longest gap between turns of the event loop while `work` runs, in ms. */
async function longestStall(work: () => Promise<unknown>): Promise<number> {
  let longest = 0;
  let last = performance.now();
  const ticker = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 1);
  try {
    await work();
    // Let the ticker observe a stall that ended just now.
    await new Promise((resolve) => setTimeout(resolve, 20));
  } finally {
    clearInterval(ticker);
  }
  return longest;
}

describe("loading content in a worker thread", () => {
  let scratch: string;
  let generated: string;

  beforeAll(async () => {
    scratch = await mkdtemp(path.join(tmpdir(), "verbatim-worker-"));
    generated = path.join(scratch, "generated");
    await writeInterviewFolder(generated, 300);
  });

  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  it("gives the seed's interviews, version and hashes, and a search index that answers like one built here", async () => {
    const offThread = loaded(await loadOffThread("content"));
    const here = loaded(await loadInThread("content"));
    expect(offThread.thread).toBe("worker");
    expect(offThread.timings).toEqual({ readMs: expect.any(Number), indexMs: expect.any(Number), handoverMs: expect.any(Number) });
    expect(offThread.library).toEqual(here.library);
    for (const { query } of queries.queries) expect(answers(offThread.search, query), query).toEqual(answers(here.search, query));
    const interview = here.library.interviews[0];
    if (interview === undefined) throw new Error("the seed has no interview");
    expect(offThread.search.findQuestions(interview, "芯片", 5)).toEqual(here.search.findQuestions(interview, "芯片", 5));
    expect(offThread.search.findSpeakers("sam", 5)).toEqual(here.search.findSpeakers("sam", 5));
  });

  it("hands over many interviews in small batches, in order", async () => {
    const offThread = loaded(await loadOffThread(generated, { batchLines: 50 }));
    const here = loaded(await loadInThread(generated));
    expect(offThread.thread).toBe("worker");
    expect(offThread.library.interviews.map((interview) => interview.id)).toEqual(here.library.interviews.map((interview) => interview.id));
    expect(offThread.library.version).toBe(here.library.version);
    for (const interview of here.library.interviews.filter((_, index) => index % 37 === 0)) {
      for (const query of ["董事会", "dongshihui", "compute", "芯片項目"]) {
        expect(answers(offThread.search, query, interview.id), `${query} in ${interview.id}`).toEqual(answers(here.search, query, interview.id));
      }
    }
  });

  it("reports every error of a bad folder, as the loader does, and builds nothing", async () => {
    const dir = path.join(scratch, "broken");
    await writeInterviewFolder(dir, 3);
    await writeFile(path.join(dir, "broken.md"), "---\ntitle: [oops\n---\n");
    await writeFile(path.join(dir, "empty.md"), "");
    const outcome = await loadOffThread(dir);
    expect(outcome.ok).toBe(false);
    expect(outcome.ok ? [] : outcome.errors).toEqual((await loadContentDir(dir)).errors);
    expect(await loadOffThread(path.join(scratch, "missing"))).toMatchObject({ ok: false, errors: [{ message: "the content folder does not exist" }] });
  });

  it("does the work on the main thread when the worker cannot run", async () => {
    const outcome = loaded(await loadOffThread("content", { workerUrl: new URL("./no-such-worker.js", import.meta.url) }));
    expect(outcome.thread).toBe("main");
    expect(outcome.fallback).toMatch(/^the worker thread failed/);
    expect(outcome.library.interviews.map((interview) => interview.id)).toEqual(["altman-all-in-2024-05"]);
  });

  it("keeps the event loop turning: its longest stall is a fraction of building on the main thread", async () => {
    // Warm both paths up (module loading, JIT), then compare.
    await loadOffThread(generated);
    await loadInThread(generated);
    const inThread = await longestStall(() => loadInThread(generated));
    const offThread = await longestStall(() => loadOffThread(generated));
    expect(offThread).toBeLessThan(inThread / 2);
  });

  it("is what ContentStore.reload uses: the new content is searchable after the swap", async () => {
    const dir = path.join(scratch, "store");
    await writeInterviewFolder(dir, 2);
    const { store } = await ContentStore.open(dir);
    await writeFile(path.join(dir, "extra.md"), "---\ntitle: Extra\n---\n### Question 1: Extra\n- **Transcript**\n**Guest:** 一句只在新文件里的话\n");
    const outcome = await store.reload();
    expect(outcome).toMatchObject({ ok: true, diff: { added: [{ id: "extra" }] } });
    const found = store.current.search.search("只在新文件", { interviewId: "extra" });
    expect(found.ok && found.hits.map((hit) => hit.line.text)).toEqual(["一句只在新文件里的话"]);
  });
});

describe("the store's reports", () => {
  let scratch: string;

  beforeAll(async () => {
    scratch = await mkdtemp(path.join(tmpdir(), "verbatim-store-"));
  });

  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  it("a rejected reload is reported as such, and nothing new is served", async () => {
    const dir = path.join(scratch, "rejected");
    await writeInterviewFolder(dir, 2);
    const served: ContentLibrary[] = [];
    const reloads: ReloadEvent[] = [];
    const { store } = await ContentStore.open(dir, { onServe: (library) => served.push(library), onReload: (event) => reloads.push(event) });
    const before = store.current;
    await writeFile(path.join(dir, "broken.md"), "---\ntitle: [oops\n---\n");
    const outcome = await store.reload();
    expect(outcome.ok).toBe(false);
    expect(reloads).toEqual([{ outcome: "rejected", errors: outcome.ok ? [] : outcome.errors }]);
    expect(served).toEqual([before.library]);
    expect(store.current).toBe(before);
  });

  it("every transcript search is told as it starts and ends, before and after a reload", async () => {
    const dir = path.join(scratch, "searches");
    await writeInterviewFolder(dir, 2);
    const calls: string[] = [];
    const onSearch = () => {
      calls.push("start");
      return () => calls.push("end");
    };
    const { store } = await ContentStore.open(dir, { onSearch });
    store.current.search.search("compute", {});
    expect(calls).toEqual(["start", "end"]);
    await writeFile(path.join(dir, "extra.md"), "---\ntitle: Extra\n---\n### Question 1: Extra\n- **Transcript**\n**Guest:** 一句只在新文件里的话\n");
    await store.reload();
    const found = store.current.search.search("只在新文件", {});
    expect(found.ok && found.hits).toHaveLength(1);
    expect(calls).toEqual(["start", "end", "start", "end"]);
  });

  it("reach the metrics when wired as main.ts wires them", async () => {
    const dir = path.join(scratch, "metrics");
    await writeInterviewFolder(dir, 2);
    /** The value of `name` (or of one of its series, e.g. a histogram's `_count`) with these labels. */
    const value = async (name: string, labels: Record<string, string> = {}, series = name): Promise<number> => {
      const values: readonly { value: number; labels: object; metricName?: string }[] = (await registry.getSingleMetric(name)?.get())?.values ?? [];
      const wanted = (entry: (typeof values)[number]) => (entry.metricName ?? name) === series && Object.entries(labels).every(([key, label]) => (entry.labels as Record<string, unknown>)[key] === label);
      return values.find(wanted)?.value ?? 0;
    };
    const reloaded = await value("verbatim_reloads_total", { outcome: "reloaded" });
    const searches = await value("verbatim_search_duration_seconds", {}, "verbatim_search_duration_seconds_count");
    const { store } = await ContentStore.open(dir, contentStoreMetrics);
    const lines = store.current.library.interviews.reduce((sum, interview) => sum + interview.lines.length, 0);
    expect(await value("verbatim_content_items", { kind: "lines" })).toBe(lines);
    store.current.search.search("compute", {});
    expect(await value("verbatim_search_duration_seconds", {}, "verbatim_search_duration_seconds_count")).toBe(searches + 1);
    await writeFile(path.join(dir, "extra.md"), "---\ntitle: Extra\n---\n### Question 1: Extra\n- **Transcript**\n**Guest:** 一句只在新文件里的话\n");
    await store.reload();
    expect(await value("verbatim_reloads_total", { outcome: "reloaded" })).toBe(reloaded + 1);
    expect(await value("verbatim_content_items", { kind: "lines" })).toBe(lines + 1);
  });
});
