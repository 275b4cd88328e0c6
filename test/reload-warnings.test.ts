/**
 * /reload shows the warnings a moderator should fix: after what changed (the folder is served anyway),
 * or after the errors (nothing was changed), in an embed of their own that fits Discord's limits with
 * the rest of the reply. The reload runs in the real worker thread, so warnings cross its protocol.
 */
import { rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ContentStore } from "../src/serving/store.js";
import type { MessagePayload } from "../src/render/payload.js";
import { messageErrors } from "../testkit/fake-discord.js";
import { command, contextOf, deferredMessage, run } from "./helpers.js";
import { BASE, REFUSED, SEED_TEXT, WARNED, edited, folderOf } from "./mistake-files.js";

const workerUrl = new URL("../dist/src/serving/snapshot-worker.js", import.meta.url);
const moderatorRole = "1300000000000000001";
const reloadCommand = (locale: "en" | "zh-CN" = "en") =>
  command("reload", {}, { memberRoles: [moderatorRole], locale });

const folders: string[] = [];
afterAll(async () => {
  for (const dir of folders) await rm(dir, { recursive: true, force: true });
});

async function reloadIn(files: Record<string, string>, locale: "en" | "zh-CN" = "en") {
  const dir = await folderOf(files);
  folders.push(dir);
  const { store } = await ContentStore.open(dir, { workerUrl });
  const reply = await deferredMessage(await run(reloadCommand(locale), contextOf(store, [moderatorRole])));
  // The whole message, as Discord counts it (6,000 characters across all embeds).
  expect(messageErrors(reply, { requireContent: true })).toEqual([]);
  return { dir, store, reply };
}

function texts(reply: MessagePayload): { title?: string; description?: string }[] {
  return (reply.embeds ?? []).map(({ title, description }) => ({ title, description }));
}

describe("/reload with warnings", () => {
  it("reloads, and lists each warning as file:line: message", async () => {
    const { reply, store } = await reloadIn({ "seed.md": SEED_TEXT, ...WARNED });
    expect(store.current.library.interviews).toHaveLength(4);
    expect(texts(reply)).toEqual([
      { title: "Content reloaded", description: "Nothing changed on disk: 4 interviews, 25 questions, 82 lines." },
      {
        title: "6 warnings: they do not stop a reload, but check them",
        description: [
          "• `deleted-heading.md:45: question 4 already has a Summary (line 41), so this one is added to it — is a heading like '### 问题5: …' missing above?`",
          "• `deleted-heading.md:47: question 4 already has an Explanation (line 43), so this one is added to it — is a heading like '### 问题5: …' missing above?`",
          "• `deleted-heading.md:49: question numbers jump from 4 to 6 — is question 5's heading missing?`",
          "• `misspelled-keys.md:3: unknown key 'desciption' — did you mean 'description'?`",
          "• `misspelled-keys.md:4: unknown key 'keywrods' — did you mean 'keywords'?`",
          "• `unclosed-label.md:19: the speaker label '**Guest:' is not closed, so this paragraph is given to the previous speaker (Host) — write '**Guest:**'`",
        ].join("\n"),
      },
    ]);
  });

  it("shows the warnings after the errors when the folder is refused", async () => {
    const { reply, store, dir } = await reloadIn({
      "seed.md": SEED_TEXT,
      "misspelled-keys.md": WARNED["misspelled-keys.md"],
    });
    for (const [name, text] of Object.entries(REFUSED)) await writeFile(path.join(dir, name), text);
    expect(reply.embeds).toHaveLength(2);
    const refused = await deferredMessage(await run(reloadCommand(), contextOf(store, [moderatorRole])));
    expect(messageErrors(refused, { requireContent: true })).toEqual([]);
    const [errors, warnings] = texts(refused);
    expect(errors?.title).toBe("Reload failed: nothing was changed");
    expect(errors?.description).toContain(
      "• `no-colon.md:8: this heading looks like a question but has no colon — write '### Question 1: The first topic' (the question and its text are not shown)`",
    );
    expect(errors?.description).toContain(
      "• `misspelled-label.md:10: unknown label 'Summery' — did you mean 'Summary'? (this text is not shown)`",
    );
    expect(errors?.description).toContain(
      "• `impossible-date.md:5: 'date' 2024-13-45 is not a date: there is no month 13 (write it as YYYY-MM-DD)`",
    );
    expect(warnings?.title).toBe("3 warnings: they do not stop a reload, but check them");
    expect(warnings?.description).toContain(
      "• `misspelled-keys.md:3: unknown key 'desciption' — did you mean 'description'?`",
    );
    expect(warnings?.description).toContain(
      "• `no-colon.md:13: the first question is number 2: is a heading missing above it?`",
    );
    expect(store.current.library.interviews).toHaveLength(2);
  });

  it("a reload without warnings has no warnings embed", async () => {
    const { reply } = await reloadIn({ "seed.md": SEED_TEXT, "base.md": BASE });
    expect(reply.embeds).toHaveLength(1);
  });

  it("hundreds of warnings fit one message, with how many were left out, in the user's language", async () => {
    const files: Record<string, string> = {};
    for (let index = 0; index < 300; index++)
      files[`file-${String(index).padStart(3, "0")}.md`] = edited("description:", "desciption:");
    const { reply } = await reloadIn(files, "zh-CN");
    const [, warnings] = texts(reply);
    expect(warnings?.title).toBe("300 个警告：不影响重新加载，但请检查");
    expect(warnings?.description).toMatch(
      /^• `file-000\.md:3: unknown key 'desciption' — did you mean 'description'\?`\n/,
    );
    expect(warnings?.description).toMatch(/\n……还有 \d+ 个。$/);
  });
});
