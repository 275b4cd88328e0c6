/**
 * The parts of /content below the bot: the diff a preview shows, the confirmation buttons' ids, the CDN
 * address an attachment is fetched from, the preview within Discord's limits, and the publisher on a real
 * git repository putting everything back when a change does not load.
 */
import { execFileSync } from "node:child_process";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { cdnAddress } from "../src/discord/attachments.js";
import { diffInterviews } from "../src/content/interview-diff.js";
import type { Interview } from "../src/content/model.js";
import { parseInterview } from "../src/content/parse.js";
import { renderPreview } from "../src/render/content.js";
import { contentAction, type ContentAction } from "../src/render/custom-ids.js";
import { ContentPublisher } from "../src/serving/publisher.js";
import { reloadHere } from "../src/serving/reload-report.js";
import { ContentStore } from "../src/serving/store.js";
import { ContentVersions } from "../src/serving/versions.js";
import { messageErrors } from "../testkit/fake-discord.js";
import { contextOf, messageOf, press, run, seedStore } from "./helpers.js";

function parsed(text: string, id = "talk"): Interview {
  const result = parseInterview(text, id, `${id}.md`);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.interview;
}

function talk(questions: readonly { title: string; lines: readonly string[] }[]): string {
  const body = questions
    .map(
      (question, index) =>
        `### Question ${index + 1}: ${question.title}\n\n- **Transcript**:\n\n${question.lines.map((line) => `**Guest:** ${line}`).join("\n\n")}\n`,
    )
    .join("\n");
  return `---\ntitle: A talk\n---\n\n${body}`;
}

describe("diffInterviews", () => {
  it("counts questions added, removed and changed by number, and lines as a multiset", () => {
    const before = parsed(
      talk([
        { title: "One", lines: ["a", "b", "b"] },
        { title: "Two", lines: ["c"] },
        { title: "Three", lines: ["d"] },
      ]),
    );
    const after = parsed(
      talk([
        { title: "One", lines: ["b", "a", "b"] },
        { title: "Two, retitled", lines: ["c"] },
      ]),
    );
    expect(diffInterviews(before, after)).toEqual({
      questionsAdded: [],
      questionsRemoved: [3],
      questionsChanged: [1, 2],
      linesAdded: 0,
      linesRemoved: 1,
    });
    const grown = parsed(talk([{ title: "One", lines: ["a", "b", "b", "b"] }]));
    expect(diffInterviews(undefined, grown)).toMatchObject({ questionsAdded: [1], linesAdded: 4, linesRemoved: 0 });
    expect(diffInterviews(grown, undefined)).toMatchObject({ questionsRemoved: [1], linesAdded: 0, linesRemoved: 4 });
  });
});

describe("the confirmation buttons' ids", () => {
  const base = { userId: "1300000000000000001", expiresAt: 1_900_000_000 };
  const actions: ContentAction[] = [
    { ...base, action: "publish", hash: "0123456789abcdef" },
    { ...base, action: "rollback", commit: "0123456789ab", interviewId: "x".repeat(48) },
    { ...base, action: "remove", interviewId: "访谈:with-colon" },
    { ...base, action: "cancel" },
  ];

  it("carry what they confirm, within Discord's 100 characters", () => {
    expect(contentAction.command).toBe("content");
    for (const action of actions) {
      const id = contentAction.encode(action);
      expect(id.length).toBeLessThanOrEqual(100);
      expect(contentAction.decode(id)).toEqual(action);
    }
  });

  it("read a garbled or forged id as no id", () => {
    for (const id of [
      "content:pub:1:2:3",
      "content:pub:1300000000000000001:zz:NOTHEX",
      "content:rb:1300000000000000001:1:abc:",
      "quote:pub",
    ])
      expect(contentAction.decode(id)).toBeUndefined();
  });

  // Each id below is a valid one (`user`, `expires`, a hash, a commit) with one part forged.
  const user = "1300000000000000001";
  const hash = "0123456789abcdef";
  const commit = "0123456789ab";
  it.each([
    ["another command's", `contents:no:${user}:zz`],
    ["a user id too short", "content:no:1300000000000000:zz"],
    ["a user id too long", `content:no:${user}00:zz`],
    ["a user id with a letter before it", `content:no:x${user}:zz`],
    ["a user id with a letter after it", `content:no:${user}x:zz`],
    ["no expiry", `content:no:${user}`],
    ["an expiry past eight digits", `content:no:${user}:zzzzzzzzz`],
    ["an expiry in capitals", `content:no:${user}:Zz`],
    ["an unknown action", `content:xx:${user}:zz:anything`],
    ["a hash too long", `content:pub:${user}:zz:${hash}0`],
    ["a hash with a letter before it", `content:pub:${user}:zz:x${hash}`],
    ["a commit for a publish", `content:pub:${user}:zz:${commit}:iv`],
    ["a rollback without its interview", `content:rb:${user}:zz:${commit}`],
    ["a rollback of no commit", `content:rb:${user}:zz:not-a-commit:iv`],
    ["a commit too long", `content:rb:${user}:zz:${"a".repeat(41)}:iv`],
    ["a commit with a letter before it", `content:rb:${user}:zz:x${commit}:iv`],
    ["a removal of no interview", `content:rm:${user}:zz`],
  ])("refuse %s: %s", (_, id) => {
    expect(contentAction.decode(id)).toBeUndefined();
  });

  it("read each action by its own code, whatever the parts after it look like", () => {
    const base = { userId: user, expiresAt: parseInt("zz", 36) };
    // A 16-digit commit is a valid rollback, not a publish of that hash.
    expect(contentAction.decode(`content:rb:${user}:zz:${hash}:iv`)).toEqual({
      ...base,
      action: "rollback",
      commit: hash,
      interviewId: "iv",
    });
    expect(contentAction.decode(`content:rm:${user}:zz:iv:more`)).toEqual({
      ...base,
      action: "remove",
      interviewId: "iv",
    });
    expect(contentAction.decode(`content:no:${user}:zz:${hash}`)).toEqual({ ...base, action: "cancel" });
  });
});

describe("cdnAddress", () => {
  it("fetches a Discord CDN address, signature and all, through the configured base", () => {
    expect(
      cdnAddress("https://cdn.discordapp.com/ephemeral-attachments/1/2/a.md?ex=1&is=2&hm=3&", "http://127.0.0.1:9"),
    ).toBe("http://127.0.0.1:9/ephemeral-attachments/1/2/a.md?ex=1&is=2&hm=3&");
  });

  it("refuses an address on any other host", () => {
    expect(() => cdnAddress("https://example.com/a.md", "https://cdn.discordapp.com")).toThrow(
      "the attachment is not on Discord's CDN (example.com)",
    );
    expect(() => cdnAddress("not a url", "https://cdn.discordapp.com")).toThrow("no valid address");
  });
});

describe("renderPreview", () => {
  it("fits Discord's limits with hundreds of long questions and warnings", () => {
    const questions = Array.from({ length: 300 }, (_, index) => ({
      title: `${"长".repeat(200)} ${index}`,
      lines: ["x"],
    }));
    const interview = parsed(talk(questions));
    const warnings = Array.from({ length: 200 }, (_, line) => ({ file: "talk.md", line, message: "w".repeat(300) }));
    const preview = renderPreview(
      {
        change: { kind: "upload" },
        id: interview.id,
        interview,
        served: undefined,
        diff: diffInterviews(undefined, interview),
        warnings,
        unchanged: false,
        fileUrl: "https://cdn.discordapp.com/ephemeral-attachments/1/2/talk.md?hm=1",
        confirmId: "content:pub:1300000000000000001:1:0123456789abcdef",
        cancelId: "content:no:1300000000000000001:1",
        expiresAt: 1,
      },
      "en",
    );
    expect(messageErrors(preview, { requireContent: true })).toEqual([]);
    expect(preview.embeds?.[0]?.fields?.[0]?.value).toMatch(/…and \d+ more\.$/);
    expect(preview.allowed_mentions).toEqual({ parse: [] });
  });
});

describe("ContentPublisher on a git repository", () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("puts the file and the repository back when the folder does not load with the change", async () => {
    dir = await mkdtemp(path.join(tmpdir(), "verbatim-publisher-"));
    await cp("test/fixtures/content/carrick-head-lighthouse-2024-03.md", path.join(dir, "carrick.md"));
    const { store } = await ContentStore.open(dir);
    const publisher = new ContentPublisher({
      store,
      versions: new ContentVersions(dir),
      download: () => Promise.reject(new Error("no downloads here")),
      reloadEverywhere: reloadHere(store),
    });
    const author = { name: "Mira", id: "1300000000000000001" };
    const added = await publisher.check("extra.md", Buffer.from(talk([{ title: "One", lines: ["fine"] }])));
    if (!added.ok) throw new Error("extra.md should be valid");
    expect(await publisher.apply(added, author, "Add extra")).toMatchObject({ status: "published" });
    expect(await publisher.apply(added, author, "Add extra")).toEqual({ status: "unchanged" });
    const head = execFileSync("git", ["--git-dir", path.join(dir, ".git"), "rev-parse", "HEAD"], { encoding: "utf8" });

    // Another file breaks the folder after the check: the reload refuses it, and the change is undone.
    const second = await publisher.check("second.md", Buffer.from(talk([{ title: "Two", lines: ["also fine"] }])));
    if (!second.ok) throw new Error("second.md should be valid");
    await writeFile(path.join(dir, "broken.md"), "---\ntitle: [unclosed\n---\n");
    const outcome = await publisher.apply(second, author, "Add second");
    expect(outcome.status).toBe("rejected");
    await expect(readFile(path.join(dir, "second.md"))).rejects.toThrow();
    expect(execFileSync("git", ["--git-dir", path.join(dir, ".git"), "rev-parse", "HEAD"], { encoding: "utf8" })).toBe(
      head,
    );
    // The moderator's uncommitted file is left as it was.
    expect(await readFile(path.join(dir, "broken.md"), "utf8")).toBe("---\ntitle: [unclosed\n---\n");
    expect(store.current.library.interviews.map((i) => i.id)).toEqual(["carrick", "extra"]);
  });
});

describe("pressing a /content button", () => {
  const moderator = { memberPermissions: 32n, userId: "1100000000000000001" };
  const forged = (action: ContentAction): ReturnType<typeof press> => ({
    ...press(contentAction.encode(action), true),
    ...moderator,
  });

  it("refuses a preview past its 15 minutes, and any press where /content cannot change anything", async () => {
    const store = await seedStore();
    const publisher = new ContentPublisher({
      store,
      versions: new ContentVersions("/nonexistent"),
      download: () => Promise.reject(new Error("no downloads here")),
      reloadEverywhere: reloadHere(store),
    });
    const context = { ...contextOf(store), publisher };
    const expired = { userId: moderator.userId, expiresAt: Math.floor(Date.now() / 1000) - 1 };
    const answer = await run(forged({ ...expired, action: "publish", hash: "0123456789abcdef" }), context);
    expect(messageOf(answer).content).toBe("This preview has expired. Run /content again for a new one.");
    // Cancel needs no time limit: it changes nothing.
    const cancelled = await run(forged({ ...expired, action: "cancel" }), context);
    expect(cancelled.kind).toBe("update");
    const cli = await run(forged({ ...expired, action: "remove", interviewId: "x" }), contextOf(store));
    expect(messageOf(cli).content).toBe("Changing the content from Discord is not available here.");
  });
});
