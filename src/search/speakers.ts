/** The speakers of a library, matched the way queries are (case, width, script), for filters and autocomplete. */
import { normalize, queryWords } from "./normalize.js";

interface Speaker {
  /** As first written in the content. */
  readonly name: string;
  readonly normalized: string;
  /** Normalised words of the name (`sam Altman` → sam, altman), at least two characters each. */
  readonly parts: readonly string[];
}

export class SpeakerDirectory {
  private readonly speakers: Speaker[] = [];
  private readonly idByNormalized = new Map<string, number>();
  /** Names as written → ids: every line names its speaker, so this is asked once per line. */
  private readonly idByName = new Map<string, number>();

  /** The id of this speaker, registering the name on first sight. Names equal once normalised share an id. */
  idOf(name: string): number {
    const known = this.idByName.get(name);
    if (known !== undefined) return known;
    const normalized = normalize(name);
    let id = this.idByNormalized.get(normalized);
    if (id === undefined) {
      id = this.speakers.length;
      const parts = queryWords(name).filter((part) => [...part].length >= 2);
      this.speakers.push({ name, normalized, parts });
      this.idByNormalized.set(normalized, id);
    }
    this.idByName.set(name, id);
    return id;
  }

  get count(): number {
    return this.speakers.length;
  }

  get names(): readonly string[] {
    return this.speakers.map((speaker) => speaker.name);
  }

  /**
   * The speakers a filter names: an exact (normalised) name, else every speaker one of whose name words
   * starts with it (`sam` → sam Altman).
   */
  resolve(filter: string): number[] {
    const wanted = normalize(filter);
    if (wanted === "") return [];
    const exact = this.idByNormalized.get(wanted);
    if (exact !== undefined) return [exact];
    return this.ids().filter((id) => this.speakerAt(id).parts.some((part) => part.startsWith(wanted)));
  }

  /**
   * Query words that name a speaker (`sam 短信`: sam), and the speakers they name. Only when words remain to
   * search for: a query that is just a name searches the text for it.
   */
  namedIn(words: readonly string[]): { readonly speakers: number[]; readonly rest: string[] } | undefined {
    const named = new Set<number>();
    const rest: string[] = [];
    for (const word of words) {
      const ids = this.namedBy(word);
      ids.forEach((id) => named.add(id));
      if (ids.length === 0) rest.push(word);
    }
    return named.size > 0 && rest.length > 0 ? { speakers: [...named], rest } : undefined;
  }

  /** The speakers a normalised word names: their whole name or a part of it (`sam` → "sam Altman"). */
  namedBy(word: string): number[] {
    return this.ids().filter((id) => {
      const speaker = this.speakerAt(id);
      return speaker.normalized === word || speaker.parts.includes(word);
    });
  }

  /** Speaker names matching the query for autocomplete: name prefix, then word prefix, then substring. */
  find(query: string, limit: number): string[] {
    const wanted = normalize(query);
    const scored = this.speakers
      .map((speaker, order) => ({ speaker, order, score: wanted === "" ? 1 : matchScore(speaker, wanted) }))
      .filter((entry) => entry.score > 0)
      .sort((a, b) => b.score - a.score || a.order - b.order);
    return scored.slice(0, limit).map((entry) => entry.speaker.name);
  }

  private ids(): number[] {
    return this.speakers.map((_, id) => id);
  }

  private speakerAt(id: number): Speaker {
    const speaker = this.speakers[id];
    if (speaker === undefined) throw new RangeError(`no speaker has id ${id}`);
    return speaker;
  }
}

function matchScore(speaker: Speaker, wanted: string): number {
  if (speaker.normalized.startsWith(wanted)) return 3;
  if (speaker.parts.some((part) => part.startsWith(wanted))) return 2;
  return speaker.normalized.includes(wanted) ? 1 : 0;
}
