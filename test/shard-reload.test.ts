/** /reload across shards, without processes: the broadcast, a shard that cannot answer, and the reply. */
import { cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Client } from "discord.js";
import { describe, expect, it } from "vitest";
import { ContentStore } from "../src/serving/store.js";
import { reloadEveryShard } from "../src/discord/shards.js";
import { silentLogger } from "../src/log.js";
import { renderReload } from "../src/render/reload.js";

/**
 * A client as a shard process has it: `shard.broadcastEval` runs the function against the shard's
 * client, as discord.js does after sending its source there; shard 1's process is gone.
 */
function shardedClient(): Client {
  const client = {
    shard: {
      count: 2,
      broadcastEval(fn: (client: unknown, context: unknown) => unknown, options: { shard: number; context: unknown }) {
        if (options.shard === 1) return Promise.reject(new Error("Shard 1's Client took too long to become ready."));
        // Through a string, like discord.js: the function may only use its arguments.
        // eslint-disable-next-line @typescript-eslint/no-implied-eval, @typescript-eslint/no-unsafe-call -- as discord.js does
        const evaluated = new Function(`return (${fn.toString()})`)() as typeof fn;
        return Promise.resolve(evaluated(client, JSON.parse(JSON.stringify(options.context))));
      },
    },
  };
  return client as unknown as Client;
}

describe("/reload with shards", () => {
  it("reloads each shard through the broadcast; a shard that cannot answer keeps its content and is named", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "verbatim-shard-reload-"));
    try {
      await cp("content", dir, { recursive: true });
      const { store } = await ContentStore.open(dir);
      const reloadEverywhere = reloadEveryShard(shardedClient(), store, silentLogger);
      await writeFile(
        path.join(dir, "second.md"),
        "---\ntitle: Second\n---\n### Question 1: Hi\n- **Transcript**\n**Host:** hello there\n",
      );

      const reports = await reloadEverywhere();
      expect(reports).toEqual([
        {
          shard: 0,
          report: expect.objectContaining({
            status: "reloaded",
            added: [{ id: "second", title: "Second", questions: 1, lines: 1 }],
          }),
        },
        { shard: 1, report: { status: "failed", reason: "Shard 1's Client took too long to become ready." } },
      ]);
      // What crosses between processes is plain JSON.
      expect(JSON.parse(JSON.stringify(reports))).toEqual(reports);
      expect(store.current.library.interviews).toHaveLength(2);

      const embed = renderReload(reports, "en").embeds?.[0];
      expect(embed?.title).toBe("Content reloaded, but 1 shard kept the old content");
      expect(embed?.fields?.[0]).toEqual({ name: "Added (1)", value: "+ Second (`second`): 1 question, 1 line" });
      expect(embed?.fields?.at(-1)?.value).toMatch(
        /^✅ shard 0: reloaded \(version [0-9a-f]{8}\)\n❌ shard 1: kept its old content — Shard 1's Client took too long/,
      );
      const zh = renderReload(reports, "zh-CN").embeds?.[0];
      expect(zh?.fields?.at(-1)?.name).toBe("分片");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("says the reload failed when no shard could reload", () => {
    const embed = renderReload([{ shard: 0, report: { status: "failed", reason: "gone" } }], "en").embeds?.[0];
    expect(embed?.title).toBe("Reload failed: nothing was changed");
    expect(embed?.fields).toEqual([{ name: "Shards", value: "❌ shard 0: kept its old content — gone" }]);
  });
});
