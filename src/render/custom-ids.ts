/**
 * Button custom ids: one typed encode/decode pair per kind of button, so an id is built and read in one
 * place. The wire format is `command:part:part…`, at most 100 characters, parts escaped so that any value
 * (an interview id, a speaker, a query) can be carried. Everything a button needs is in its id — it works
 * after a restart and on any shard or replica — so the format of ids already sent must never change.
 */

const escapePart = (value: string): string => value.replace(/%/g, "%25").replace(/:/g, "%3A");

function unescapePart(value: string): string {
  return value.replace(/%3A/gi, ":").replace(/%25/g, "%");
}

/** Joins escaped parts after `command`. The codecs below use it; tests use it to forge odd ids. */
export function customId(command: string, ...parts: readonly (string | number)[]): string {
  return [command, ...parts.map((part) => escapePart(String(part)))].join(":");
}

function splitCustomId(id: string): { command: string; args: string[] } {
  const [command = "", ...args] = id.split(":");
  return { command, args: args.map(unescapePart) };
}

/** The command that owns a custom id (its first part): where a pressed button is routed. */
export function customIdCommand(id: string): string {
  return splitCustomId(id).command;
}

/** One kind of id: `decode` returns the data `encode` was given, or undefined for a garbled id (never throws). */
export interface CustomIdCodec<T> {
  /** The first part of every id: for a button, the command its presses are routed to. */
  readonly command: string;
  encode(data: T): string;
  decode(id: string): T | undefined;
}

export interface QuestionsPage {
  readonly interviewId: string;
  /** 1-based; the ◀ button of page 1 carries 0 (it is disabled), and a forged page is clamped when shown. */
  readonly page: number;
}

/** `questions:{page}:{interviewId}` — the ◀ ▶ buttons of /questions. */
export const questionsPage: CustomIdCodec<QuestionsPage> = {
  command: "questions",
  encode: ({ interviewId, page }) => customId("questions", page, interviewId),
  decode(id) {
    const { command, args } = splitCustomId(id);
    const [page = "", interviewId = ""] = args;
    if (command !== "questions" || !/^\d{1,6}$/.test(page)) return undefined;
    return { interviewId, page: Number(page) };
  },
};

export interface QuoteMatch {
  /** The interview the search was narrowed to; undefined (an empty part on the wire) when it covers them all. */
  readonly interviewId: string | undefined;
  readonly query: string;
  readonly speaker: string | undefined;
  /** 0-based among the matches; -1 on the disabled ◀ of the first match, clamped when shown. */
  readonly rank: number;
}

/**
 * `quote:nav:{rank}:{interviewId}:{speaker}:{query}` — the ◀ ▶ buttons of /quote (interview id empty for a
 * search of every interview, speaker empty when none).
 */
export const quoteMatch: CustomIdCodec<QuoteMatch> = {
  command: "quote",
  encode: ({ interviewId, query, speaker, rank }) =>
    customId("quote", "nav", rank, interviewId ?? "", speaker ?? "", query),
  decode(id) {
    const { command, args } = splitCustomId(id);
    const [action, rank = "", ...search] = args;
    const searched = searchOf(search);
    if (command !== "quote" || action !== "nav" || !/^-?\d{1,3}$/.test(rank) || searched === undefined)
      return undefined;
    return { ...searched, rank: Number(rank) };
  },
};

/** What a "did you mean" button searches: the word it offers, where the member searched. */
export type QuoteSuggestion = Omit<QuoteMatch, "rank">;

/**
 * `quote:try:{interviewId}:{speaker}:{query}` — a "did you mean" button: a search of its own (the statistics count
 * it as one), showing its first match. Buttons sent before it existed are ◀ ▶ ids at rank 0, and still work.
 */
export const quoteSuggestion: CustomIdCodec<QuoteSuggestion> = {
  command: "quote",
  encode: ({ interviewId, query, speaker }) => customId("quote", "try", interviewId ?? "", speaker ?? "", query),
  decode(id) {
    const { command, args } = splitCustomId(id);
    const [action, ...search] = args;
    const searched = searchOf(search);
    return command === "quote" && action === "try" ? searched : undefined;
  },
};

/** The `{interviewId}:{speaker}:{query}` end of a search's id; undefined without a query. */
function searchOf([interviewId = "", speaker = "", ...rest]: readonly string[]): QuoteSuggestion | undefined {
  // A query holding a bare `:` (only a hand-made id has one) is read whole.
  const query = rest.join(":");
  if (query === "") return undefined;
  return { interviewId: interviewId || undefined, query, speaker: speaker || undefined };
}

export interface LineRef {
  readonly interviewId: string;
  /** 1-based line number in the interview. */
  readonly line: number;
}

function lineButton(action: "ctx" | "post"): CustomIdCodec<LineRef> {
  return {
    command: "quote",
    encode: ({ interviewId, line }) => customId("quote", action, interviewId, line),
    decode(id) {
      const { command, args } = splitCustomId(id);
      const [found, interviewId = "", line = ""] = args;
      if (command !== "quote" || found !== action || !/^\d{1,7}$/.test(line)) return undefined;
      return { interviewId, line: Number(line) };
    },
  };
}

/** `quote:ctx:{interviewId}:{line}` — the Context button under a quote. */
export const quoteContext: CustomIdCodec<LineRef> = lineButton("ctx");

/** `quote:post:{interviewId}:{line}` — Post in channel, under a private quote. */
export const quotePost: CustomIdCodec<LineRef> = lineButton("post");

/**
 * `quote:del` — Delete, on a quote card in the channel. Who may press it is read from the message (the member
 * whose interaction posted it), so the id carries nothing.
 */
export const quoteDelete: CustomIdCodec<{ readonly delete: true }> = {
  command: "quote",
  encode: () => customId("quote", "del"),
  decode: (id) => (id === "quote:del" ? { delete: true } : undefined),
};

/**
 * `line:{line}:{interviewId}` — not a button but an autocomplete choice's value: picking a suggestion of
 * /quote's keyword sends it as the keyword, and it names that line exactly.
 */
export const pickedLine: CustomIdCodec<LineRef> = {
  command: "line",
  encode: ({ interviewId, line }) => customId("line", line, interviewId),
  decode(value) {
    const { command, args } = splitCustomId(value);
    const [line = "", interviewId] = args;
    if (command !== "line" || interviewId === undefined || args.length !== 2 || !/^\d{1,7}$/.test(line))
      return undefined;
    return { interviewId, line: Number(line) };
  },
};

/**
 * The confirmation buttons under a /content preview. Each carries who may press it and until when (Unix
 * seconds), and what it confirms: the previewed file's hash (the file is fetched again and must match),
 * the version to restore, or the interview to remove.
 */
export type ContentAction = { readonly userId: string; readonly expiresAt: number } & (
  | { readonly action: "publish"; readonly hash: string }
  | { readonly action: "rollback"; readonly commit: string; readonly interviewId: string }
  | { readonly action: "remove"; readonly interviewId: string }
  | { readonly action: "cancel" }
);

const ACTION_CODES = { publish: "pub", rollback: "rb", remove: "rm", cancel: "no" } as const;

/**
 * `content:pub:{user}:{expires}:{hash}`, `content:rb:{user}:{expires}:{commit}:{interviewId}`,
 * `content:rm:{user}:{expires}:{interviewId}`, `content:no:{user}:{expires}` (expires in base 36).
 */
export const contentAction: CustomIdCodec<ContentAction> = {
  command: "content",
  encode(data) {
    const head = [ACTION_CODES[data.action], data.userId, data.expiresAt.toString(36)] as const;
    switch (data.action) {
      case "publish":
        return customId("content", ...head, data.hash);
      case "rollback":
        return customId("content", ...head, data.commit, data.interviewId);
      case "remove":
        return customId("content", ...head, data.interviewId);
      case "cancel":
        return customId("content", ...head);
    }
  },
  decode(id) {
    const { command, args } = splitCustomId(id);
    const [code, userId = "", expires = "", first = "", second = ""] = args;
    if (command !== "content" || !/^\d{17,20}$/.test(userId) || !/^[0-9a-z]{1,8}$/.test(expires)) return undefined;
    const base = { userId, expiresAt: parseInt(expires, 36) };
    if (code === "pub" && /^[0-9a-f]{16}$/.test(first)) return { ...base, action: "publish", hash: first };
    if (code === "rb" && /^[0-9a-f]{12,40}$/.test(first) && second !== "")
      return { ...base, action: "rollback", commit: first, interviewId: second };
    if (code === "rm" && first !== "") return { ...base, action: "remove", interviewId: first };
    if (code === "no") return { ...base, action: "cancel" };
    return undefined;
  },
};
