/**
 * The container format of the generated lexicon files: named sections of typed numbers or text behind a small
 * JSON header, so the loader gets a handful of typed arrays and long strings instead of a million small objects.
 *
 * Layout: "VLEX" · u32 header length · header JSON (UTF-8) · sections, each starting on a 4-byte boundary.
 */

export type SectionType = "u8" | "u16" | "u32" | "latin1" | "utf8";
export type SectionValue = Uint8Array | Uint16Array | Uint32Array | string;

interface SectionHeader {
  readonly name: string;
  readonly type: SectionType;
  /** Byte offset from the end of the header, and byte length. */
  readonly offset: number;
  readonly bytes: number;
}

interface FileHeader {
  readonly meta: Record<string, unknown>;
  readonly sections: readonly SectionHeader[];
}

const MAGIC = "VLEX";

function typeOf(value: SectionValue, text: "latin1" | "utf8"): SectionType {
  if (typeof value === "string") return text;
  if (value instanceof Uint8Array) return "u8";
  if (value instanceof Uint16Array) return "u16";
  return "u32";
}

/** Serialises sections (strings as Latin-1 when every character fits, else UTF-8) with free-form metadata. */
export function writeSections(meta: Record<string, unknown>, sections: Readonly<Record<string, SectionValue>>): Buffer {
  const headers: SectionHeader[] = [];
  const bodies: Buffer[] = [];
  let offset = 0;
  for (const [name, value] of Object.entries(sections)) {
    const type = typeOf(value, typeof value === "string" && !/[\u0100-\u{10ffff}]/u.test(value) ? "latin1" : "utf8");
    const body =
      typeof value === "string"
        ? Buffer.from(value, type === "latin1" ? "latin1" : "utf8")
        : Buffer.from(value.buffer, value.byteOffset, value.byteLength);
    const padding = (4 - (body.length % 4)) % 4;
    headers.push({ name, type, offset, bytes: body.length });
    bodies.push(body, Buffer.alloc(padding));
    offset += body.length + padding;
  }
  const header: FileHeader = { meta, sections: headers };
  let json = Buffer.from(JSON.stringify(header), "utf8");
  json = Buffer.concat([json, Buffer.alloc((4 - ((8 + json.length) % 4)) % 4, 0x20)]);
  const prefix = Buffer.alloc(8);
  prefix.write(MAGIC, 0, "latin1");
  prefix.writeUInt32LE(json.length, 4);
  return Buffer.concat([prefix, json, ...bodies]);
}

/**
 * The sections of a file written by `writeSections`. Typed arrays are views into `file` (no copy: the file's
 * bytes are the data), text is decoded to strings — except the sections named in `keepBytes`, returned as byte
 * views for the caller to decode piece by piece (a long text read rarely costs no string at all).
 */
export function readSections(
  file: Buffer,
  keepBytes: readonly string[] = [],
): { meta: Record<string, unknown>; sections: Map<string, SectionValue> } {
  if (file.toString("latin1", 0, 4) !== MAGIC) throw new Error("not a lexicon data file");
  const headerBytes = file.readUInt32LE(4);
  const header = JSON.parse(file.toString("utf8", 8, 8 + headerBytes)) as FileHeader;
  const base = 8 + headerBytes;
  const sections = new Map<string, SectionValue>();
  for (const s of header.sections) {
    const start = base + s.offset;
    const end = start + s.bytes;
    const at = file.byteOffset + start;
    if (keepBytes.includes(s.name) || s.type === "u8") {
      sections.set(s.name, file.subarray(start, end));
      continue;
    }
    switch (s.type) {
      case "latin1":
      case "utf8":
        sections.set(s.name, file.toString(s.type, start, end));
        break;
      case "u16":
        sections.set(
          s.name,
          at % 2 === 0
            ? new Uint16Array(file.buffer, at, s.bytes / 2)
            : new Uint16Array(file.buffer.slice(at, at + s.bytes)),
        );
        break;
      case "u32":
        sections.set(
          s.name,
          at % 4 === 0
            ? new Uint32Array(file.buffer, at, s.bytes / 4)
            : new Uint32Array(file.buffer.slice(at, at + s.bytes)),
        );
        break;
    }
  }
  return { meta: header.meta, sections };
}

/** One named section of the expected kind, or a clear error naming what is missing. */
export function section<T extends SectionValue>(
  sections: Map<string, SectionValue>,
  name: string,
  check: (v: SectionValue) => v is T,
): T {
  const value = sections.get(name);
  if (value === undefined || !check(value))
    throw new Error(`lexicon data: section "${name}" is missing or of the wrong type`);
  return value;
}

export const isText = (v: SectionValue): v is string => typeof v === "string";
export const isU8 = (v: SectionValue): v is Uint8Array => v instanceof Uint8Array;
export const isU16 = (v: SectionValue): v is Uint16Array => v instanceof Uint16Array;
export const isU32 = (v: SectionValue): v is Uint32Array => v instanceof Uint32Array;
