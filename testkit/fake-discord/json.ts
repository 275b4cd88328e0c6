/** Narrowing of parsed JSON, for the fake's checks of what the bot sends: objects and strings. */

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The value when it is a string, else "". */
export function str(value: unknown): string {
  return typeof value === "string" ? value : "";
}
