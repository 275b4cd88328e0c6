/**
 * "Read in context": with PUBLIC_URL set, /quote and /summary replies sent through the fake Discord carry
 * a link button, and the address it holds, fetched from the bot's own server, is the page with that anchor.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeDiscord } from "../../testkit/fake-discord.js";
import { startBotOnFake, type E2eSetup } from "../../testkit/e2e-setup.js";
import { freePort } from "../../testkit/ports.js";
import { SEED_ID } from "../helpers.js";

interface LinkButton {
  readonly style: number;
  readonly label: string;
  readonly url: string;
}

/** The link buttons of a message Discord received. */
function linksIn(message: unknown): LinkButton[] {
  const rows = (message as { components?: { components: { style: number; url?: string }[] }[] }).components ?? [];
  return rows.flatMap((row) => row.components).filter((c): c is LinkButton => c.url !== undefined);
}

/** The text of the element with `id` on the page (its tags dropped). */
function elementText(page: string, id: string): string | undefined {
  const match = new RegExp(`<li id="${id}">([\\s\\S]*?)</li>`).exec(page);
  return match?.[1]?.replace(/<[^>]+>/g, "");
}

describe("Read in context links (PUBLIC_URL)", () => {
  let e2e: E2eSetup;
  let fake: FakeDiscord;
  let publicUrl: string;

  beforeAll(async () => {
    const port = await freePort();
    publicUrl = `http://127.0.0.1:${port}`;
    e2e = await startBotOnFake({ content: "seed", env: { HTTP_PORT: String(port), PUBLIC_URL: publicUrl } });
    fake = e2e.fake;
  });

  afterAll(() => e2e?.stop());

  it("a /quote reply links to its line, and that address is the page with the line at its anchor", async () => {
    const callback = (await fake.sendInteraction(
      fake.interactionPayload({ kind: "command", name: "quote", options: { keyword: "短信" } }),
    )) as unknown as { data: { embeds: { description: string; footer: { text: string } }[] } };
    const [link] = linksIn(callback.data);
    expect(link).toMatchObject({ style: 5, label: "Read in context" });
    const line = /^Line (\d+)/.exec(callback.data.embeds[0]?.footer.text ?? "")?.[1];
    expect(link?.url).toBe(`${publicUrl}/interviews/${SEED_ID}#line-${line}`);

    const response = await fetch(link!.url);
    expect(response.status).toBe(200);
    const shown = elementText(await response.text(), `line-${line}`);
    const quoted = callback.data.embeds[0]?.description.replace(/\*\*/g, "");
    expect(shown).toContain(quoted);
  });

  it("a private reply, in Chinese, and its public copy carry the link too", async () => {
    const payload = fake.interactionPayload({
      kind: "command",
      name: "quote",
      options: { keyword: "董事会", private: true },
      locale: "zh-CN",
    });
    await fake.sendInteraction(payload);
    const original = fake.originalMessage(payload.id);
    const [link] = linksIn(original);
    expect(link).toMatchObject({ style: 5, label: "在网页中阅读上下文" });
    expect(link?.url).toMatch(new RegExp(`^${publicUrl}/interviews/${SEED_ID}#line-\\d+$`));

    const rows = (original as { components: { components: { custom_id?: string }[] }[] }).components;
    const post = rows.flatMap((row) => row.components).find((c) => c.custom_id?.startsWith("quote:post") === true);
    expect(post).toBeDefined();
    const shared = await fake.sendInteraction(
      fake.interactionPayload({ kind: "button", customId: post!.custom_id!, message: original, locale: "zh-TW" }),
    );
    expect(linksIn((shared as { data: unknown }).data)).toEqual([
      { type: 2, style: 5, label: "在網頁中閱讀上下文", url: link!.url },
    ]);
  });

  it("a /summary reply links to its question's section", async () => {
    const callback = (await fake.sendInteraction(
      fake.interactionPayload({ kind: "command", name: "summary", options: { question: "3" } }),
    )) as { data: unknown };
    const [link] = linksIn(callback.data);
    expect(link?.url).toBe(`${publicUrl}/interviews/${SEED_ID}#question-3`);
    const page = await (await fetch(link!.url)).text();
    expect(page).toContain('<section id="question-3"');
  });
});
