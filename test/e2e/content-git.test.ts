/**
 * Content from a git remote (CONTENT_GIT_URL) end to end: a local bare repository as the remote, two
 * replicas cloning it (a gateway bot and an HTTP-mode replica, each with its own folder), a push reaching
 * both within the poll interval, a publish from Discord committed and pushed, a push the remote refuses,
 * a rollback, and a broken commit that neither replica serves.
 */
import { execFileSync } from "node:child_process";
import { chmod, cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { textShown } from "../helpers.js";
import type { BotProcess } from "../../testkit/bot-process.js";
import { setUpFake, type E2eSetup } from "../../testkit/e2e-setup.js";
import {
  PERMISSIONS,
  type FakeDiscord,
  type InteractionPayload,
  type InteractionSpec,
  type MessageData,
} from "../../testkit/fake-discord.js";
import { InteractionSigner } from "../../testkit/signer.js";

const MODERATOR = { id: "1300000000000000001", username: "mira", global_name: "Mira" };

function interview(title: string, sentence: string): string {
  return `---\ntitle: ${title}\ndate: 2020-01-01\n---\n\n### Question 1: Only\n\n- **Transcript**:\n\n**Guest:** ${sentence}\n`;
}

interface Health {
  content: { interviews: number; version: string; commit?: string };
}

describe("content from a git remote", () => {
  let e2e: E2eSetup;
  let fake: FakeDiscord;
  let scratch: string;
  let remote: string;
  /** A developer's clone of the remote, where tests commit and push as an editor would. */
  let editor: string;
  let gatewayBot: BotProcess;
  let gatewayHealth: string;
  let httpHealth: string;

  const git = (cwd: string, ...args: string[]): string =>
    execFileSync("git", ["-c", "user.name=Editor", "-c", "user.email=editor@example.com", ...args], {
      cwd,
      encoding: "utf8",
    }).trim();

  async function push(file: string, text: string, message: string): Promise<string> {
    await writeFile(path.join(editor, file), text);
    git(editor, "add", "-A");
    git(editor, "commit", "-q", "-m", message);
    git(editor, "push", "-q", "origin", "HEAD:main");
    return git(editor, "rev-parse", "HEAD");
  }

  const health = async (base: string): Promise<Health> => (await (await fetch(`${base}/healthz`)).json()) as Health;

  /** Polls both replicas' /healthz until each serves `commit` (or fails after `ms`). */
  async function bothServe(commit: string, ms = 8000): Promise<void> {
    const deadline = Date.now() + ms;
    for (;;) {
      const served = [(await health(gatewayHealth)).content.commit, (await health(httpHealth)).content.commit];
      if (served.every((c) => c === commit)) return;
      if (Date.now() > deadline) throw new Error(`replicas serve ${served.join(", ")}, not ${commit}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  async function answer(spec: InteractionSpec): Promise<{ payload: InteractionPayload; data?: MessageData }> {
    const payload = fake.interactionPayload(spec);
    const callback = await fake.sendInteraction(payload);
    if (callback.type !== 5 && callback.type !== 6) return { payload, data: callback.data };
    const edit = await fake.waitForOriginalEdit(payload.id, 15_000);
    return { payload, data: edit.body as MessageData };
  }

  async function pressFirst(on: InteractionPayload): Promise<MessageData | undefined> {
    const message = fake.originalMessage(on.id);
    const rows = (message?.components ?? []) as { components: { custom_id: string }[] }[];
    const customId = rows[0]?.components[0]?.custom_id ?? "";
    return (await answer({ kind: "button", customId, message, user: MODERATOR, permissions: PERMISSIONS.manageGuild }))
      .data;
  }

  /** `/content upload` of a new file by the moderator: the preview. */
  function upload(name: string, text: string): ReturnType<typeof answer> {
    const file = fake.addAttachment(name, text);
    return answer({
      kind: "command",
      name: "content",
      subcommand: "upload",
      options: { file: file.id },
      attachments: [file],
      user: MODERATOR,
      permissions: PERMISSIONS.manageGuild,
    });
  }

  const quote = async (keyword: string): Promise<string> =>
    textShown((await answer({ kind: "command", name: "quote", options: { keyword } })).data);

  beforeAll(async () => {
    const signer = new InteractionSigner();
    e2e = await setUpFake({ discord: { heartbeatIntervalMs: 1000 } });
    fake = e2e.fake;
    scratch = await mkdtemp(path.join(tmpdir(), "verbatim-git-"));
    await chmod(scratch, 0o755);
    remote = path.join(scratch, "remote.git");
    editor = path.join(scratch, "editor");
    execFileSync("git", ["init", "-q", "--bare", "-b", "main", remote]);
    execFileSync("git", ["clone", "-q", remote, editor]);
    await cp(e2e.contentDir, editor, { recursive: true });
    git(editor, "add", "-A");
    git(editor, "commit", "-q", "-m", "Seed content");
    git(editor, "push", "-q", "origin", "HEAD:main");

    const gitEnv = { CONTENT_GIT_URL: remote, CONTENT_POLL_SECONDS: "1" };
    gatewayBot = await e2e.startBot({
      env: { ...gitEnv, CONTENT_DIR: path.join(scratch, "replica-gateway"), HTTP_PORT: "0" },
    });
    const ops = await gatewayBot.waitForLog((line) => line.msg === "operations server listening (/healthz, /metrics)");
    gatewayHealth = `http://127.0.0.1:${String(ops.port)}`;
    const httpBot = await e2e.startBot({
      env: {
        ...gitEnv,
        CONTENT_DIR: path.join(scratch, "replica-http"),
        MODE: "http",
        PORT: "0",
        DISCORD_PUBLIC_KEY: signer.publicKeyHex,
        DISCORD_TOKEN: undefined,
      },
      readyMessage: "listening for interactions",
    });
    const listening = await httpBot.waitForLog((line) => line.msg === "listening for interactions");
    httpHealth = `http://127.0.0.1:${String(listening.port)}`;
  });

  afterAll(async () => {
    await e2e?.stop();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  it("clones the remote at start: both replicas serve its commit", async () => {
    await bothServe(git(editor, "rev-parse", "HEAD"), 3000);
  });

  it("brings a push to both replicas within the poll interval", async () => {
    const commit = await push("pushed.md", interview("Pushed", "A sentence that came by git push."), "Add pushed");
    await bothServe(commit);
    expect(await quote("came by git push")).toContain("A sentence that **came by git push**.");
  });

  it("commits and pushes a publish from Discord, and the other replica follows", async () => {
    const preview = await upload("uploaded.md", interview("Uploaded", "Words published from Discord."));
    expect(textShown(preview.data)).toContain("Preview: add “Uploaded”");
    // The remote moves on meanwhile: the publish goes on top of it, whether a poll saw it yet or not.
    const meanwhile = await push(
      "meanwhile.md",
      interview("Meanwhile", "Pushed while a preview was open."),
      "Meanwhile",
    );
    const published = textShown(await pressFirst(preview.payload));
    expect(published).toMatch(/^Done: version `[0-9a-f]{12}`, by Mira\./);
    const head = execFileSync("git", ["--git-dir", remote, "rev-parse", "main"], { encoding: "utf8" }).trim();
    expect(published).toContain(head.slice(0, 12));
    expect(execFileSync("git", ["--git-dir", remote, "log", "-1", "--format=%an %ae"], { encoding: "utf8" })).toBe(
      "Mira 1300000000000000001@discord\n",
    );
    expect(git(editor, "fetch", "-q", "origin")).toBe("");
    expect(git(editor, "merge-base", "--is-ancestor", meanwhile, "origin/main")).toBe("");
    await bothServe(head);
    expect(await quote("while a preview was open")).toContain("Pushed **while a preview was open**.");
    git(editor, "pull", "-q", "--ff-only", "origin", "main");
  });

  it("tells the moderator why when the remote refuses the push, and changes nothing", async () => {
    const hook = path.join(remote, "hooks", "pre-receive");
    await writeFile(hook, "#!/bin/sh\necho 'content is frozen for review' >&2\nexit 1\n", { mode: 0o755 });
    try {
      const before = (await health(gatewayHealth)).content;
      const preview = await upload("refused.md", interview("Refused", "Words the remote refused."));
      const refused = textShown(await pressFirst(preview.payload));
      expect(refused).toMatch(
        /^The content repository refused the change, so nothing was changed: .*frozen for review/s,
      );
      expect((await health(gatewayHealth)).content).toEqual(before);
      expect(await quote("the remote refused")).toMatch(/^No line matches/);
    } finally {
      await rm(hook);
    }
  });

  it("rolls back through the remote", async () => {
    const first = await push("pushed.md", interview("Pushed", "The second wording of the pushed line."), "Reword");
    await bothServe(first);
    const previous = git(editor, "rev-parse", "HEAD~1");
    const preview = await answer({
      kind: "command",
      name: "content",
      subcommand: "rollback",
      options: { interview: "pushed", version: previous },
      user: MODERATOR,
      permissions: PERMISSIONS.manageGuild,
    });
    expect(textShown(await pressFirst(preview.payload))).toContain("Content reloaded");
    const head = execFileSync("git", ["--git-dir", remote, "rev-parse", "main"], { encoding: "utf8" }).trim();
    await bothServe(head);
    expect(await quote("came by git push")).toContain("A sentence that **came by git push**.");
    git(editor, "pull", "-q", "--ff-only", "origin", "main");
  });

  it("never serves a broken commit from the remote: both replicas keep the good one", async () => {
    const good = (await health(gatewayHealth)).content.commit ?? "";
    const broken = await push("broken.md", "---\ntitle: [unclosed\n---\n", "Break the content");
    await gatewayBot.waitForLog(
      (line) =>
        line.msg === "the remote's commit has errors; still serving the last good commit" && line.commit === broken,
    );
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect((await health(gatewayHealth)).content.commit).toBe(good);
    expect((await health(httpHealth)).content.commit).toBe(good);

    // /reload fetches too, and reports the errors of the commit it refused.
    const reload = await answer({ kind: "command", name: "reload", permissions: PERMISSIONS.manageGuild });
    expect(textShown(reload.data)).toContain("broken.md");
    expect((await health(gatewayHealth)).content.commit).toBe(good);
    expect(broken).not.toBe(good);
  });
});
