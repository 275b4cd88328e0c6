/** Quote search: build once per content load, then query from commands and autocomplete. */
export { buildSearchIndex, parseQuery, prepareSearchIndex, searchIndexBuffers, searchIndexFromData, type SearchIndexData } from "./engine.js";
export { normalize, normalizeWithMap, type NormalizedText } from "./normalize.js";
export { snippetAround, ELLIPSIS, type Snippet } from "./snippet.js";
export * from "./types.js";
