/**
 * The REST side of the fake: each request under `/api/v10` is recorded, its body read (JSON, or
 * multipart's `payload_json`), matched to a route, passed through the steps every route shares, and
 * answered by the route's handler. The steps (tagging the interaction the path names, injected faults,
 * the bot token check) sit in one list in front of every route: a check that applies to every request,
 * such as validating bodies against Discord's OpenAPI description, is one more step there. Checks that
 * depend on a route's state (Discord's limits on an interaction's reply, say) stay in its handler.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { discordError, type RouteResult } from "./answers.js";
import type { RecordedRequest, Records } from "./records.js";

export interface RouteContext {
  request: RecordedRequest;
  /** The values of the route template's `:name` segments. */
  params: Record<string, string>;
}

export interface Route {
  method: string;
  /** E.g. `/interactions/:id/:token/callback`, as recorded in `request.route`. */
  template: string;
  segments: string[];
  /** Needs `Authorization: Bot …` (interaction callbacks and webhooks do not). */
  auth: boolean;
  handle: (ctx: RouteContext) => RouteResult | Promise<RouteResult>;
}

/** A step in front of every route: it may note something on the request, or answer in the route's place (null: go on). */
export type RouteStep = (ctx: RouteContext & { route: Route }) => RouteResult | null | Promise<RouteResult | null>;

export function route(method: string, template: string, auth: boolean, handle: Route["handle"]): Route {
  return { method, template, segments: template.split("/").filter(Boolean), auth, handle };
}

/** The step that refuses a request to an `auth` route without `Authorization: Bot <token>` (the token, when the fake has one). */
export function checkBotToken(token: string | undefined): RouteStep {
  return ({ request, route }) => {
    if (!route.auth) return null;
    const auth = request.headers.authorization;
    if (!auth || !auth.startsWith("Bot ") || (token !== undefined && auth !== `Bot ${token}`))
      return discordError(401, 0, "401: Unauthorized");
    return null;
  };
}

export class RestServer {
  private nextRequestSeq = 1;

  constructor(
    private readonly routes: readonly Route[],
    private readonly steps: readonly RouteStep[],
    private readonly records: Records,
    private readonly closing: AbortSignal,
  ) {}

  /** The node:http request listener. */
  async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = Date.now();
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const prefix = "/api/v10";
    const versioned = url.pathname === prefix || url.pathname.startsWith(`${prefix}/`);
    const rest = versioned ? url.pathname.slice(prefix.length) || "/" : url.pathname;
    const segments = rest.split("/").filter(Boolean).map(safeDecode);
    const request: RecordedRequest = {
      seq: this.nextRequestSeq++,
      time: started,
      method: req.method ?? "GET",
      rawPath: url.pathname,
      path: `/${segments.join("/")}`,
      route: null,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      body: undefined,
    };
    this.records.requests.push(request);

    let result: RouteResult;
    try {
      const parsed = await readBody(req);
      request.body = parsed.body;
      if (parsed.files) request.files = parsed.files;
      result = parsed.error
        ? discordError(400, 50109, "The request body contains invalid JSON.")
        : await this.route(request, segments, versioned);
    } catch (error) {
      result = discordError(
        500,
        0,
        `fake-discord: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
    }
    if (this.closing.aborted) return;

    request.status = result.status;
    request.response = result.body;
    request.durationMs = Date.now() - started;
    const headers: Record<string, string> = { ...result.headers };
    let text = "";
    if (result.body !== undefined && result.status !== 204) {
      headers["content-type"] = "application/json";
      text = JSON.stringify(result.body);
    }
    res.writeHead(result.status, headers);
    res.end(text);
    this.records.answered(request);
  }

  private async route(request: RecordedRequest, segments: string[], versioned: boolean): Promise<RouteResult> {
    const candidates = versioned ? this.routes.filter((r) => matchSegments(r.segments, segments) !== null) : [];
    const route = candidates.find((r) => r.method === request.method);
    if (!route) {
      return candidates.length > 0
        ? discordError(405, 0, "405: Method Not Allowed")
        : discordError(404, 0, "404: Not Found");
    }
    request.route = route.template;
    const ctx = { request, params: matchSegments(route.segments, segments) ?? {}, route };
    for (const step of this.steps) {
      // Awaited only when a step is asynchronous: the others run in the same tick, as one piece.
      const pending = step(ctx);
      const answer = pending instanceof Promise ? await pending : pending;
      if (answer) return answer;
    }
    return route.handle(ctx);
  }
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function matchSegments(template: string[], actual: string[]): Record<string, string> | null {
  if (template.length !== actual.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < template.length; i++) {
    const t = template[i]!;
    const a = actual[i]!;
    if (t.startsWith(":")) params[t.slice(1)] = a;
    else if (t !== a) return null;
  }
  return params;
}

async function readBody(req: IncomingMessage): Promise<{ body: unknown; files?: string[]; error?: true }> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  if (raw.length === 0) return { body: undefined };
  const type = req.headers["content-type"] ?? "";
  if (type.startsWith("multipart/form-data")) {
    // discord.js sends files as multipart with the JSON in `payload_json`.
    const form = await new Response(raw, { headers: { "content-type": type } }).formData();
    const files: string[] = [];
    let body: unknown;
    for (const [name, value] of form.entries()) {
      if (name === "payload_json" && typeof value === "string") body = JSON.parse(value) as unknown;
      else if (typeof value !== "string") files.push(name);
    }
    return { body, files };
  }
  try {
    return { body: JSON.parse(raw.toString("utf8")) as unknown };
  } catch {
    return { body: raw.toString("utf8"), error: true };
  }
}
