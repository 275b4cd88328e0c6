/**
 * /content end to end: a moderator attaches an interview file, sees the private preview, publishes it,
 * rolls it back, removes it; everyone else is refused; a broken file writes nothing; a second process
 * serving the same folder picks the change up. The compiled bot, the fake Discord (its CDN serves the
 * attachments), and the content folder as a real git repository.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { textShown } from "../helpers.js";
import { startBotOnFake, type E2eSetup } from "../../testkit/e2e-setup.js";
import { InteractionSigner, post } from "../../testkit/signer.js";
import {
  PERMISSIONS,
  type FakeAttachment,
  type FakeDiscord,
  type InteractionPayload,
  type InteractionSpec,
  type MessageData,
  type RawUser,
} from "../../testkit/fake-discord.js";

const MODERATOR: Partial<RawUser> = { id: "1300000000000000001", username: "mira", global_name: "Mira" };
const OTHER_MODERATOR: Partial<RawUser> = { id: "1300000000000000002", username: "otto", global_name: "Otto" };

/** A small interview whose one answer holds `sentence`. */
function interview(sentence: string, title = "Lantern keepers"): string {
  return [
    "---",
    `title: ${title}`,
    "description: Two keepers on the night shift",
    "date: 2020-01-01",
    "---",
    "",
    "### Question 1: The lamp",
    "",
    "- **Summary**: How the lamp is kept.",
    "- **Transcript**:",
    "",
    "**Host:** What do you do first?",
    "",
    `**Keeper:** ${sentence}`,
    "",
    "### Question 2: The weather",
    "",
    "- **Summary**: Storms.",
    "- **Transcript**:",
    "",
    "**Host:** And in a storm?",
    "",
    "**Keeper:** We stay awake.",
    "",
  ].join("\n");
}

function buttonsOf(data: MessageData | undefined): { label: string; custom_id: string }[] {
  return ((data?.components ?? []) as { components?: { label: string; custom_id: string }[] }[]).flatMap(
    (row) => row.components ?? [],
  );
}

describe("/content on a fake Discord", () => {
  let e2e: E2eSetup;
  let fake: FakeDiscord;
  let contentDir: string;
  const signer = new InteractionSigner();
  /** A second process serving the same folder: an HTTP-mode replica (which watches the folder). */
  let replica: string;

  beforeAll(async () => {
    e2e = await startBotOnFake({ discord: { heartbeatIntervalMs: 1000 } });
    ({ fake, contentDir } = e2e);
    const listening = "listening for interactions";
    const bot = await e2e.startBot({
      env: { MODE: "http", PORT: "0", DISCORD_PUBLIC_KEY: signer.publicKeyHex, DISCORD_TOKEN: undefined },
      readyMessage: listening,
    });
    replica = `http://127.0.0.1:${String((await bot.waitForLog((line) => line.msg === listening)).port)}`;
  });

  /** /quote answered by the second process, once it holds `expected` (it notices the folder within seconds). */
  async function quoteOnReplica(keyword: string, expected: string): Promise<string> {
    const deadline = Date.now() + 8000;
    for (;;) {
      const payload = fake.interactionPayload({ kind: "command", name: "quote", options: { keyword } });
      const body = JSON.stringify(payload);
      const answered = await post(`${replica}/interactions`, body, { headers: signer.headers(body) });
      const shown = textShown((answered.body as { data?: MessageData }).data);
      if (shown.includes(expected) || Date.now() > deadline) return shown;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  afterAll(() => e2e?.stop());

  const git = (...args: string[]): string =>
    execFileSync("git", [`--git-dir=${path.join(contentDir, ".git")}`, ...args], { encoding: "utf8" });

  /** Sends an interaction; for a deferred answer, waits for the edit and returns its body. */
  async function answer(
    spec: InteractionSpec,
  ): Promise<{ payload: InteractionPayload; type: number; data?: MessageData }> {
    const payload = fake.interactionPayload(spec);
    const callback = await fake.sendInteraction(payload);
    if (callback.type !== 5 && callback.type !== 6) return { payload, type: callback.type, data: callback.data };
    const edit = await fake.waitForOriginalEdit(payload.id, 15_000);
    expect(edit.status).toBe(200);
    return { payload, type: callback.type, data: edit.body as MessageData };
  }

  function upload(
    attachment: FakeAttachment,
    who: { user?: Partial<RawUser>; permissions?: string } = {},
  ): ReturnType<typeof answer> {
    return answer({
      kind: "command",
      name: "content",
      subcommand: "upload",
      options: { file: attachment.id },
      attachments: [attachment],
      user: who.user ?? MODERATOR,
      permissions: who.permissions ?? PERMISSIONS.manageGuild,
    });
  }

  /** Presses a button of the message an earlier interaction answered with. */
  function press(
    on: InteractionPayload,
    label: string,
    who: { user?: Partial<RawUser>; permissions?: string } = {},
  ): ReturnType<typeof answer> {
    const message = fake.originalMessage(on.id);
    const found = buttonsOf(message as MessageData | undefined).find((b) => b.label === label);
    if (!found) throw new Error(`no ${label} button on the message`);
    return answer({
      kind: "button",
      customId: found.custom_id,
      message,
      user: who.user ?? MODERATOR,
      permissions: who.permissions ?? PERMISSIONS.manageGuild,
    });
  }

  /** `/content <subcommand>` by the moderator. */
  const moderatorAsks = (subcommand: string, options: Record<string, string>): ReturnType<typeof answer> =>
    answer({
      kind: "command",
      name: "content",
      subcommand,
      options,
      user: MODERATOR,
      permissions: PERMISSIONS.manageGuild,
    });

  async function quote(keyword: string): Promise<string> {
    const reply = await answer({ kind: "command", name: "quote", options: { keyword } });
    return textShown(reply.data);
  }

  it("registers /content for moderators only, with its four subcommands", () => {
    const command = fake.commands(fake.ids.guild).find((c) => c.name === "content");
    expect(command?.default_member_permissions).toBe(String(PERMISSIONS.manageGuild));
    expect((command?.options as { name: string }[]).map((o) => o.name)).toEqual([
      "upload",
      "history",
      "rollback",
      "remove",
    ]);
  });

  it("suggests the served interviews while a moderator types which one to remove, roll back or list", async () => {
    for (const subcommand of ["remove", "rollback", "history"]) {
      const suggested = await answer({
        kind: "autocomplete",
        name: "content",
        subcommand,
        focused: "interview",
        value: "altman",
        user: MODERATOR,
        permissions: PERMISSIONS.manageGuild,
      });
      expect(suggested.type).toBe(8);
      expect(suggested.data?.choices).toEqual([
        { name: "sam Altman五月访谈回顾 (altman-all-in-2024-05)", value: "altman-all-in-2024-05" },
      ]);
    }
  });

  it("previews an uploaded interview privately, publishes it as a version, and /quote finds its lines", async () => {
    const file = fake.addAttachment("lantern-keepers.md", interview("I polish the brass before sunset."));
    const preview = await upload(file);
    expect(preview.type).toBe(5);
    const shown = textShown(preview.data);
    expect(shown).toContain("Preview: add “Lantern keepers”");
    expect(shown).toContain("`lantern-keepers` · 2 questions · 4 transcript lines · 2 speakers");
    expect(shown).toContain("1. The lamp");
    expect(shown).toContain("2. The weather");
    expect(shown).toContain("New: no interview called `lantern-keepers` is being served.");
    expect(buttonsOf(preview.data).map((b) => b.label)).toEqual(["Publish", "Cancel"]);
    expect(fake.originalMessage(preview.payload.id)?.flags).toBe(64);
    // Nothing is written before Publish.
    expect(existsSync(path.join(contentDir, "lantern-keepers.md"))).toBe(false);
    // (The search may still offer 守灯人's 擦亮, "polish", but no line of the removed interview.)
    expect(await quote("polish the brass")).not.toContain("before sunset");

    const published = await press(preview.payload, "Publish");
    expect(published.type).toBe(6);
    const report = textShown(published.data);
    expect(report).toMatch(/^Done: version `[0-9a-f]{12}`, by Mira\./);
    expect(report).toContain("Content reloaded");
    expect(report).toContain("Lantern keepers");
    expect(buttonsOf(published.data)).toEqual([]);

    expect(await quote("polish the brass")).toContain("I **polish the brass** before sunset.");
    const elsewhere = "I **polish the brass** before sunset.";
    expect(await quoteOnReplica("polish the brass", elsewhere)).toContain(elsewhere);
    expect(await readFile(path.join(contentDir, "lantern-keepers.md"), "utf8")).toBe(
      interview("I polish the brass before sunset."),
    );
    expect(git("log", "-1", "--format=%an <%ae>|%s")).toBe("Mira <1300000000000000001@discord>|Add lantern-keepers\n");
    // The temporary file of the atomic write is gone.
    expect(readdirSync(contentDir).filter((name) => name.endsWith(".tmp"))).toEqual([]);
  });

  it("publishes a file whose name is not ASCII (its address is percent-encoded)", async () => {
    const preview = await upload(fake.addAttachment("守灯人.md", interview("灯塔的铜器每天擦亮。", "守灯人")));
    expect(textShown(preview.data)).toContain("Preview: add “守灯人”");
    const published = await press(preview.payload, "Publish");
    expect(textShown(published.data)).toMatch(/^Done: version/);
    expect(await quote("铜器每天擦亮")).toContain("灯塔的**铜器每天擦亮**。");
    expect(git("log", "-1", "--format=%s")).toBe("Add 守灯人\n");
  });

  it("treats a second upload of the same file as nothing to publish", async () => {
    const again = fake.addAttachment("lantern-keepers.md", interview("I polish the brass before sunset."));
    const preview = await upload(again);
    expect(textShown(preview.data)).toContain("This is the version being served already: there is nothing to publish.");
    expect(buttonsOf(preview.data)).toEqual([]);
  });

  it("refuses a plain member, even with the command shown to them, and a press by anyone but the uploader", async () => {
    const file = fake.addAttachment("lantern-keepers.md", interview("A member's version."));
    const refused = await upload(file, { user: { id: "1300000000000000009" }, permissions: PERMISSIONS.member });
    expect(refused.type).toBe(4);
    expect(refused.data?.content).toMatch(/^Only moderators can change the content/);
    expect(refused.data?.flags).toBe(64);

    const preview = await upload(file);
    const byMember = await press(preview.payload, "Publish", {
      user: { id: "1300000000000000009" },
      permissions: PERMISSIONS.member,
    });
    expect(byMember.data?.content).toMatch(/^Only moderators can change the content/);
    const byOther = await press(preview.payload, "Publish", { user: OTHER_MODERATOR });
    expect(byOther.data?.content).toBe("Only the moderator who asked for this preview can press its buttons.");
    const cancelled = await press(preview.payload, "Cancel");
    expect(cancelled.type).toBe(7);
    expect(cancelled.data?.content).toBe("Cancelled: nothing was changed.");
    expect(await quote("A member's version")).toMatch(/^No line matches/);
  });

  it("answers an invalid file with its errors and writes nothing", async () => {
    const head = git("rev-parse", "HEAD");
    const broken = interview("Fine words.").replace("### Question 2: The weather", "### Question 2 The weather");
    const preview = await upload(fake.addAttachment("lantern-keepers.md", broken));
    const shown = textShown(preview.data);
    expect(shown).toContain("This file cannot be published: nothing was changed");
    expect(shown).toContain("lantern-keepers.md:16: this heading looks like a question but has no colon");
    expect(buttonsOf(preview.data)).toEqual([]);
    expect(await readFile(path.join(contentDir, "lantern-keepers.md"), "utf8")).toBe(
      interview("I polish the brass before sunset."),
    );
    expect(git("rev-parse", "HEAD")).toBe(head);

    const huge = await upload(fake.addAttachment("huge.md", Buffer.alloc(6 * 1024 * 1024, "a")));
    expect(huge.type).toBe(4);
    expect(huge.data?.content).toBe("That file is 6.0 MB; an interview may be at most 5.0 MB.");

    const notMarkdown = await upload(fake.addAttachment("notes.txt", "hello"));
    expect(textShown(notMarkdown.data)).toContain("notes.txt: only Markdown files (.md) can be published");
  });

  it("refuses to publish when the attachment changed after the preview", async () => {
    const file = fake.addAttachment("lantern-keepers.md", interview("Previewed words."));
    const preview = await upload(file);
    fake.replaceAttachment(file, interview("Swapped words."));
    const pressed = await press(preview.payload, "Publish");
    expect(pressed.data?.content).toBe("The attached file is no longer the one previewed. Run /content upload again.");
    expect(await quote("Swapped words")).toMatch(/^No line matches/);
  });

  it("replaces with a diff, lists the versions, and rolls back to the previous answer", async () => {
    const first = git("log", "-1", "--format=%H", "--", "lantern-keepers.md").trim();
    const file = fake.addAttachment("lantern-keepers.md", interview("I trim the wick at dusk."));
    const preview = await upload(file);
    const shown = textShown(preview.data);
    expect(shown).toContain("Preview: replace “Lantern keepers”");
    expect(shown).toContain("Questions added: none · removed: none · changed: 1\nTranscript lines: +1 −1");
    await press(preview.payload, "Publish");
    expect(await quote("trim the wick")).toContain("I **trim the wick** at dusk.");
    expect(await quoteOnReplica("trim the wick", "I **trim the wick**")).toContain("I **trim the wick** at dusk.");

    const history = await moderatorAsks("history", { interview: "lantern-keepers" });
    const versions = textShown(history.data);
    expect(versions).toContain("Versions of “lantern-keepers”");
    expect(versions).toMatch(/Mira \(1300000000000000001\)\nReplace lantern-keepers/);
    expect(versions).toContain(`\`${first.slice(0, 12)}\``);

    const rollback = await moderatorAsks("rollback", { interview: "lantern-keepers", version: first.slice(0, 7) });
    expect(textShown(rollback.data)).toContain(`Preview: roll “Lantern keepers” back to version ${first.slice(0, 12)}`);
    const restored = await press(rollback.payload, "Roll back");
    expect(textShown(restored.data)).toContain("Content reloaded");
    expect(await quote("polish the brass")).toContain("I **polish the brass** before sunset.");
    expect(await quote("trim the wick")).toMatch(/^No line matches/);
    expect(await quoteOnReplica("trim the wick", "No line matches")).toMatch(/^No line matches/);
    expect(git("log", "-1", "--format=%s")).toBe(`Roll back lantern-keepers to ${first.slice(0, 12)}\n`);
  });

  it("removes an interview after confirmation, and its history keeps it for a rollback", async () => {
    const before = git("rev-parse", "HEAD").trim();
    const preview = await moderatorAsks("remove", { interview: "lantern-keepers" });
    expect(textShown(preview.data)).toContain("Preview: remove “Lantern keepers”");
    const removed = await press(preview.payload, "Remove");
    expect(textShown(removed.data)).toContain("Removed");
    expect(existsSync(path.join(contentDir, "lantern-keepers.md"))).toBe(false);
    // (The search may still offer 守灯人's 擦亮, "polish", but no line of the removed interview.)
    expect(await quote("polish the brass")).not.toContain("before sunset");

    const rollback = await moderatorAsks("rollback", { interview: "lantern-keepers", version: before });
    expect(textShown(rollback.data)).toContain("New: no interview called `lantern-keepers` is being served.");
    const restored = await press(rollback.payload, "Roll back");
    expect(textShown(restored.data)).toContain("Added (1)");
    expect(await quote("polish the brass")).toContain("I **polish the brass** before sunset.");
  });
});
