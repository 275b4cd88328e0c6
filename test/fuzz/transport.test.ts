/**
 * The transport boundary on mangled payloads: `Verbatim.handle` reads any raw interaction without
 * throwing, and answers each one it accepts exactly once, within Discord's limits.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { APIInteraction } from "discord-api-types/v10";
import { commands } from "../../commands/index.js";
import { Verbatim } from "../../src/interactions/app.js";
import type { ContentStore } from "../../src/serving/store.js";
import { fromRawInteraction } from "../../src/interactions/interaction.js";
import { silentLogger } from "../../src/log.js";
import { callbackSchemaErrors, editSchemaErrors, messageErrors } from "../../testkit/fake-discord.js";
import { seedStore } from "../helpers.js";
import { fuzzParameters, inlineText } from "./arbitraries.js";

/** A field as Discord sends it, or anything at all in its place. */
function mangled<T>(valid: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 4, arbitrary: valid },
    { weight: 1, arbitrary: fc.anything() },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
}

const option = fc.record({
  name: mangled(fc.constantFrom("interview", "page", "private", "question", "keyword", "speaker")),
  type: mangled(fc.constantFrom(1, 2, 3, 4, 5, 10)),
  value: mangled(fc.oneof(inlineText(), fc.integer(), fc.boolean())),
  focused: mangled(fc.boolean()),
  options: mangled(fc.constant([])),
});

const rawInteraction = fc.record({
  id: mangled(fc.constant("1200000000000000001")),
  application_id: fc.constant("1187654321098765432"),
  type: mangled(fc.constantFrom(1, 2, 3, 4, 5)),
  token: fc.constant("token"),
  version: fc.constant(1),
  locale: mangled(fc.constantFrom("en-US", "zh-CN", "zh-TW")),
  guild_id: mangled(fc.constant("1187654321098765000")),
  member: mangled(
    fc.record({
      user: mangled(
        fc.record({
          id: mangled(fc.constant("1100000000000000002")),
          username: mangled(inlineText()),
          global_name: mangled(inlineText()),
        }),
      ),
      roles: mangled(fc.array(mangled(fc.constant("1187654321098765111")), { maxLength: 3 })),
      permissions: mangled(fc.constantFrom("0", "32", "8", "2147483648", "-1", "1e3")),
    }),
  ),
  data: mangled(
    fc.record({
      name: mangled(fc.constantFrom("questions", "summary", "quote", "reload")),
      options: mangled(fc.array(mangled(option), { maxLength: 4 })),
      custom_id: mangled(inlineText()),
      component_type: mangled(fc.constantFrom(2, 3)),
    }),
  ),
  message: mangled(fc.record({ flags: mangled(fc.constantFrom(0, 64)) })),
});

let store: ContentStore;
beforeAll(async () => {
  store = await seedStore();
});

describe("the transport boundary on mangled payloads", () => {
  it("reads any payload without throwing, and answers each accepted one exactly once, within limits", async () => {
    await fc.assert(
      fc.asyncProperty(rawInteraction, async (raw) => {
        const payload = raw as unknown as APIInteraction;
        const accepted = fromRawInteraction(payload) !== undefined;
        const callbacks: { type: number; data?: unknown }[] = [];
        const edits: unknown[] = [];
        const app = new Verbatim({ commands, store, log: silentLogger });
        await app.handle(payload, {
          callback: (body) => {
            callbacks.push(body);
            return Promise.resolve();
          },
          editOriginal: (body) => {
            edits.push(body);
            return Promise.resolve();
          },
          deleteOriginal: () => Promise.resolve(),
        });
        expect(callbacks).toHaveLength(accepted ? 1 : 0);
        for (const callback of callbacks) {
          const { type, data } = callback;
          if (type === 4 || type === 7) expect(messageErrors(data, { requireContent: type === 4 })).toEqual([]);
          expect(callbackSchemaErrors(callback)).toEqual([]);
        }
        for (const edit of edits) {
          expect(messageErrors(edit, { requireContent: false })).toEqual([]);
          expect(editSchemaErrors(edit)).toEqual([]);
        }
      }),
      fuzzParameters(300),
    );
  });
});
