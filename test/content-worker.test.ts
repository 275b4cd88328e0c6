/**
 * Reloads parse and index the folder in a worker thread (src/serving/off-thread.ts): the result must be
 * exactly what the main thread would build, errors included; the main thread only assembles it; and the
 * store reloads that way and reports how each reload went.
 *
 * Workers run outside vitest's module loader, so these tests start the compiled worker, which
 * test/global-setup.ts builds into dist/ before any test runs (as `npm start` runs it).
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { writeInterviewFolder, type GeneratedFolder } from "../testkit/content-files.js";
import { loadLabelledQueries } from "../testkit/search-queries.js";
import { loadContentDir } from "../src/content/load.js";
import type { ContentLibrary } from "../src/content/model.js";
import { contentStoreMetrics, registry } from "../src/ops/metrics.js";
import { parseInterview } from "../src/content/parse.js";
import { buildSearchIndex, prepareSearchIndex, searchIndexFromData } from "../src/search/index.js";
import { loadInThread, loadOffThread, type OffThreadLoad } from "../src/serving/off-thread.js";
import { ContentStore, type ReloadEvent } from "../src/serving/store.js";
import type { SearchIndex } from "../src/search/types.js";

// The same functions, counted: which thread parsed and indexed is then a fact, not a guess.
vi.mock("../src/content/parse.js", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../src/content/parse.js")>();
  return { ...actual, parseInterview: vi.fn(actual.parseInterview) };
});
vi.mock("../src/search/index.js", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../src/search/index.js")>();
  return {
    ...actual,
    buildSearchIndex: vi.fn(actual.buildSearchIndex),
    prepareSearchIndex: vi.fn(actual.prepareSearchIndex),
    searchIndexFromData: vi.fn(actual.searchIndexFromData),
  };
});

const workerUrl = new URL("../dist/src/serving/snapshot-worker.js", import.meta.url);
const missingWorkerUrl = new URL("./no-such-worker.js", import.meta.url);

type Loaded = Extract<OffThreadLoad, { ok: true }>;

function loaded(outcome: OffThreadLoad): Loaded {
  if (!outcome.ok) throw new Error(`unexpected errors: ${JSON.stringify(outcome.errors)}`);
  return outcome;
}

/** What a search answers, in a comparable form. */
function answers(index: SearchIndex, query: string, interviewId?: string): unknown {
  const outcome = index.search(query, { interviewId, limit: 25 });
  if (!outcome.ok) return outcome;
  return {
    hits: outcome.hits.map((hit) => [hit.interviewId, hit.line.number, hit.ranges, hit.score, hit.exact]),
    suggestions: outcome.suggestions,
  };
}

const EXTRA_FILE = "---\ntitle: Extra\n---\n### Question 1: Extra\n- **Transcript**\n**Guest:** 一句只在新文件里的话\n";

let scratch: string;
let generated: GeneratedFolder;

beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), "verbatim-worker-"));
  generated = await writeInterviewFolder(path.join(scratch, "generated"), 300);
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

beforeEach(() => {
  vi.clearAllMocks();
});

describe("loading content in a worker thread", () => {
  it("gives the seed's interviews, version and hashes, and a search index that answers like one built here", async () => {
    const offThread = loaded(await loadOffThread("content", { workerUrl }));
    const here = loaded(await loadInThread("content"));
    expect(offThread.thread).toBe("worker");
    expect(offThread.fallback).toBeUndefined();
    expect(offThread.timings).toEqual({
      readMs: expect.any(Number),
      indexMs: expect.any(Number),
      handoverMs: expect.any(Number),
    });
    expect(offThread.library).toEqual(here.library);
    // Every labelled query, those of categories the search does not meet yet included: both sides must agree on all.
    for (const { query } of loadLabelledQueries())
      expect(answers(offThread.search, query), query).toEqual(answers(here.search, query));
    const interview = here.library.interviews[0];
    if (interview === undefined) throw new Error("the seed has no interview");
    expect(offThread.search.findQuestions(interview, "芯片", 5)).toEqual(
      here.search.findQuestions(interview, "芯片", 5),
    );
    expect(offThread.search.findSpeakers("sam", 5)).toEqual(here.search.findSpeakers("sam", 5));
  });

  it("hands over many interviews in small batches, in order", async () => {
    const batchLines = 50;
    const offThread = loaded(await loadOffThread(generated.dir, { workerUrl, batchLines }));
    const here = loaded(await loadInThread(generated.dir));
    expect(offThread.thread).toBe("worker");
    // A batch holds whole interviews: about `batchLines` lines, at most one interview more.
    const longest = Math.max(...here.library.interviews.map((interview) => interview.lines.length + 1));
    expect(offThread.batches).toBeGreaterThanOrEqual(Math.floor(generated.lines / (batchLines + longest)));
    expect(offThread.batches).toBeLessThanOrEqual(generated.interviews);
    expect(offThread.library.interviews.map((interview) => interview.id)).toEqual(
      here.library.interviews.map((interview) => interview.id),
    );
    expect(offThread.library.version).toBe(here.library.version);
    for (const interview of here.library.interviews.filter((_, index) => index % 37 === 0)) {
      for (const query of ["董事会", "dongshihui", "compute", "芯片項目"]) {
        expect(answers(offThread.search, query, interview.id), `${query} in ${interview.id}`).toEqual(
          answers(here.search, query, interview.id),
        );
      }
    }
  });

  it("leaves the main thread free: it parses no file and builds no index, it only assembles the worker's", async () => {
    loaded(await loadOffThread(generated.dir, { workerUrl }));
    expect(parseInterview).not.toHaveBeenCalled();
    expect(prepareSearchIndex).not.toHaveBeenCalled();
    expect(buildSearchIndex).not.toHaveBeenCalled();
    expect(searchIndexFromData).toHaveBeenCalledTimes(1);

    // The counting works: on this thread, the same load parses every file and builds the index here.
    vi.clearAllMocks();
    loaded(await loadInThread(generated.dir));
    expect(parseInterview).toHaveBeenCalledTimes(generated.interviews);
    expect(buildSearchIndex).toHaveBeenCalledTimes(1);
  });

  it("reports every error of a bad folder, as the loader does, and builds nothing", async () => {
    const dir = path.join(scratch, "broken");
    await writeInterviewFolder(dir, 3);
    await writeFile(path.join(dir, "broken.md"), "---\ntitle: [oops\n---\n");
    await writeFile(path.join(dir, "empty.md"), "");
    const outcome = await loadOffThread(dir, { workerUrl });
    expect(outcome.ok).toBe(false);
    expect(outcome.ok ? [] : outcome.errors).toEqual((await loadContentDir(dir)).errors);
    expect(await loadOffThread(path.join(scratch, "missing"), { workerUrl })).toMatchObject({
      ok: false,
      errors: [{ message: "the content folder does not exist" }],
    });
  });

  it("does the work on the main thread when the worker cannot run", async () => {
    const outcome = loaded(await loadOffThread("content", { workerUrl: missingWorkerUrl }));
    expect(outcome.thread).toBe("main");
    expect(outcome.batches).toBe(0);
    expect(outcome.fallback).toMatch(/^the worker thread failed/);
    expect(outcome.library.interviews.map((interview) => interview.id)).toEqual(["altman-all-in-2024-05"]);
  });
});

describe("the store's reloads", () => {
  /** A folder of two generated interviews, a store over it, and everything the store reported. */
  async function storeOver(name: string, worker: URL) {
    const dir = path.join(scratch, name);
    await writeInterviewFolder(dir, 2);
    const served: ContentLibrary[] = [];
    const reloads: ReloadEvent[] = [];
    const { store } = await ContentStore.open(dir, {
      workerUrl: worker,
      onServe: (library) => served.push(library),
      onReload: (event) => reloads.push(event),
    });
    return { dir, store, served, reloads };
  }

  it("are what the worker builds: the reload runs in the worker thread, and the new content is searchable after the swap", async () => {
    const { dir, store, served, reloads } = await storeOver("store", workerUrl);
    await writeFile(path.join(dir, "extra.md"), EXTRA_FILE);
    vi.clearAllMocks();
    const outcome = await store.reload();
    expect(outcome).toMatchObject({ ok: true, diff: { added: [{ id: "extra" }] } });
    expect(reloads).toEqual([
      expect.objectContaining({
        outcome: "reloaded",
        thread: "worker",
        fallback: undefined,
        library: store.current.library,
      }),
    ]);
    expect(parseInterview).not.toHaveBeenCalled();
    expect(buildSearchIndex).not.toHaveBeenCalled();
    expect(served.map((library) => library.interviews.length)).toEqual([2, 3]);
    expect(served[1]).toBe(store.current.library);
    const found = store.current.search.search("只在新文件", { interviewId: "extra" });
    expect(found.ok && found.hits.map((hit) => hit.line.text)).toEqual(["一句只在新文件里的话"]);
  });

  it("still reload, on the main thread, when the worker cannot run, and say so", async () => {
    const { dir, store, reloads } = await storeOver("store-no-worker", missingWorkerUrl);
    await writeFile(path.join(dir, "extra.md"), EXTRA_FILE);
    expect(await store.reload()).toMatchObject({ ok: true, diff: { added: [{ id: "extra" }] } });
    expect(reloads).toEqual([
      expect.objectContaining({
        outcome: "reloaded",
        thread: "main",
        fallback: expect.stringMatching(/^the worker thread failed/),
      }),
    ]);
  });

  it("are reported as rejected when the folder has errors, and nothing new is served", async () => {
    const { dir, store, served, reloads } = await storeOver("store-rejected", workerUrl);
    const before = store.current;
    await writeFile(path.join(dir, "broken.md"), "---\ntitle: [oops\n---\n");
    const outcome = await store.reload();
    expect(outcome.ok).toBe(false);
    expect(reloads).toEqual([{ outcome: "rejected", errors: outcome.ok ? [] : outcome.errors }]);
    expect(served).toHaveLength(1);
    expect(store.current).toBe(before);
  });

  it("tell of every transcript search as it starts and ends, before and after a reload", async () => {
    const dir = path.join(scratch, "store-searches");
    await writeInterviewFolder(dir, 2);
    const calls: string[] = [];
    const onSearch = () => {
      calls.push("start");
      return () => calls.push("end");
    };
    const { store } = await ContentStore.open(dir, { workerUrl, onSearch });
    store.current.search.search("compute", {});
    expect(calls).toEqual(["start", "end"]);
    await writeFile(path.join(dir, "extra.md"), EXTRA_FILE);
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
      const values: readonly { value: number; labels: object; metricName?: string }[] =
        (await registry.getSingleMetric(name)?.get())?.values ?? [];
      const wanted = (entry: (typeof values)[number]) =>
        (entry.metricName ?? name) === series &&
        Object.entries(labels).every(([key, label]) => (entry.labels as Record<string, unknown>)[key] === label);
      return values.find(wanted)?.value ?? 0;
    };
    const reloaded = await value("verbatim_reloads_total", { outcome: "reloaded" });
    const searches = await value("verbatim_search_duration_seconds", {}, "verbatim_search_duration_seconds_count");
    const { store } = await ContentStore.open(dir, { ...contentStoreMetrics, workerUrl });
    const lines = store.current.library.interviews.reduce((sum, interview) => sum + interview.lines.length, 0);
    expect(await value("verbatim_content_items", { kind: "lines" })).toBe(lines);
    store.current.search.search("compute", {});
    expect(await value("verbatim_search_duration_seconds", {}, "verbatim_search_duration_seconds_count")).toBe(
      searches + 1,
    );
    await writeFile(path.join(dir, "extra.md"), EXTRA_FILE);
    await store.reload();
    expect(await value("verbatim_reloads_total", { outcome: "reloaded" })).toBe(reloaded + 1);
    expect(await value("verbatim_content_items", { kind: "lines" })).toBe(lines + 1);
  });
});
