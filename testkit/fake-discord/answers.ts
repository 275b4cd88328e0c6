/**
 * What the fake answers a REST request with: the result every route returns, Discord's JSON error
 * bodies, and the 400 that refuses a body breaking Discord's limits.
 */
import type { RecordedRequest } from "./records.js";

export interface RouteResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export function discordError(status: number, code: number, message: string, errors?: string[]): RouteResult {
  return { status, body: { message, code, ...(errors ? { errors } : {}) } };
}

/**
 * A 400 like Discord's "Invalid Form Body" (or 50006 for an empty message) when there are errors and the
 * fake validates; the errors are recorded on the request. Null: the body passes.
 */
export function refusal(validate: boolean, request: RecordedRequest | null, errors: string[]): RouteResult | null {
  if (!validate || errors.length === 0) return null;
  if (request) request.errors = errors;
  const empty = errors.length === 1 && errors[0]?.startsWith("Cannot send an empty message");
  return empty
    ? discordError(400, 50006, "Cannot send an empty message", errors)
    : discordError(400, 50035, "Invalid Form Body", errors);
}
