/**
 * Render functions the command walk-through cannot reach with odd enough input: /reload reports (any
 * titles, ids, errors, shards) and quotes with any match ranges and any user name, whose payloads fit
 * Discord's limits and ping no one; and button custom ids, which decode what they encode and never throw.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseInterview } from "../../src/content/parse.js";
import type { PlacedReport, ReloadReport } from "../../src/content/reload-report.js";
import type { MessagePayload } from "../../src/render/payload.js";
import {
  pickedLine,
  questionsPage,
  quoteContext,
  quoteMatch,
  quotePost,
  type CustomIdCodec,
} from "../../src/render/custom-ids.js";
import { renderContext, renderQuote, renderSharedQuote } from "../../src/render/quote.js";
import { renderReload } from "../../src/render/reload.js";
import { callbackSchemaErrors, messageErrors } from "../../testkit/fake-discord.js";
import { expectWithinLimits } from "../helpers.js";
import { fuzzParameters, hugeText, inlineText, interviewFile } from "./arbitraries.js";

function expectSendable(message: MessagePayload): void {
  expectWithinLimits(message);
  expect(messageErrors(message, { requireContent: true })).toEqual([]);
  expect(callbackSchemaErrors({ type: 4, data: message })).toEqual([]);
}

const locale = fc.constantFrom("en" as const, "zh-CN" as const, "zh-TW" as const);
const text = fc.oneof(inlineText(), hugeText(400));
const count = fc.oneof(fc.nat({ max: 50 }), fc.nat());
const summary = fc.record({ id: text, title: text, questions: count, lines: count });

const problems = (minLength: number) =>
  fc.array(fc.record({ file: text, line: fc.option(fc.nat(), { nil: undefined }), message: text }), {
    minLength,
    maxLength: 300,
  });

const report: fc.Arbitrary<ReloadReport> = fc.oneof(
  fc.record({
    status: fc.constant("reloaded" as const),
    version: fc.string({ maxLength: 20 }),
    added: fc.array(summary, { maxLength: 60 }),
    removed: fc.array(summary, { maxLength: 60 }),
    changed: fc.array(
      fc.record({ id: text, title: text, questions: fc.tuple(count, count), lines: fc.tuple(count, count) }),
      { maxLength: 60 },
    ),
    stats: fc.record({ interviews: count, questions: count, lines: count, speakers: count }),
    warnings: problems(0),
  }),
  fc.record({
    status: fc.constant("rejected" as const),
    errors: problems(1),
    warnings: problems(0),
  }),
  fc.record({ status: fc.constant("failed" as const), reason: text }),
);

const reports: fc.Arbitrary<PlacedReport[]> = fc.oneof(
  report.map((only) => [{ report: only }]),
  fc.array(fc.record({ shard: fc.nat({ max: 200 }), report }), { minLength: 1, maxLength: 40 }),
);

describe("render functions on arbitrary input", () => {
  it("/reload reports: any titles, ids, errors, warnings and shards fit one message", () => {
    fc.assert(
      fc.property(reports, locale, (placed, language) => expectSendable(renderReload(placed, language))),
      fuzzParameters(300),
    );
  });

  it("quotes, their context and shared copies: any match ranges and any user name", () => {
    const range = fc.tuple(fc.integer({ min: -5, max: 5000 }), fc.integer({ min: -5, max: 5000 }));
    fc.assert(
      fc.property(
        interviewFile,
        fc.nat(),
        fc.array(range, { maxLength: 6 }),
        text,
        locale,
        fc.boolean(),
        (file, at, ranges, userName, language, ephemeral) => {
          const parsed = parseInterview(file.text, file.id, `${file.id}.md`);
          const interview = parsed.ok ? parsed.interview : undefined;
          const line = interview?.lines[at % Math.max(1, interview.lines.length)];
          // A file without a line has nothing to quote: fast-check draws another instead of counting a check that checked nothing.
          fc.pre(interview !== undefined && line !== undefined);
          const navigation = {
            interviewId: at % 2 === 0 ? interview.id : undefined,
            query: userName,
            speaker: line.speaker || undefined,
            rank: at % 25,
            total: 25,
          };
          expectSendable(renderQuote(interview, line, ranges, language, { ephemeral, navigation }));
          expectSendable(renderContext(interview, line, language));
          expectSendable(renderSharedQuote(interview, line, language, userName));
        },
      ),
      fuzzParameters(150),
    );
  });
});

describe("button custom ids on arbitrary input", () => {
  const codecs: readonly CustomIdCodec<unknown>[] = [questionsPage, quoteMatch, quoteContext, quotePost, pickedLine];
  const anyText = fc.oneof(
    fc.string(),
    fc.string({ unit: "grapheme" }),
    fc.constantFrom(":", "%", "%3A", "%25", "%3a", "::"),
  );
  const nonEmpty = anyText.filter((text) => text !== "");
  const line = fc.integer({ min: 0, max: 9_999_999 });

  it("decode what they encoded, whatever the interview id, speaker and query", () => {
    const roundTrip = <T>(codec: CustomIdCodec<T>, data: T): void =>
      expect(codec.decode(codec.encode(data))).toEqual(data);
    fc.assert(
      // An empty speaker is carried as none, an empty interview id as every interview, and a search always has a query.
      fc.property(
        anyText,
        line,
        nonEmpty,
        fc.option(nonEmpty, { nil: undefined }),
        fc.integer({ min: -999, max: 999 }),
        (interviewId, at, query, speaker, rank) => {
          roundTrip(questionsPage, { interviewId, page: at % 1_000_000 });
          roundTrip(quoteContext, { interviewId, line: at });
          roundTrip(quotePost, { interviewId, line: at });
          roundTrip(pickedLine, { interviewId, line: at });
          roundTrip(quoteMatch, { interviewId: interviewId || undefined, query, speaker, rank });
        },
      ),
      fuzzParameters(300),
    );
  });

  it("never throw on a garbled or forged id", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          anyText,
          fc.array(anyText, { maxLength: 8 }).map((parts) => parts.join(":")),
        ),
        (id) => {
          for (const codec of codecs) codec.decode(id);
        },
      ),
      fuzzParameters(300),
    );
  });
});
