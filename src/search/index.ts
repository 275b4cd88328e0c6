/** Quote search: build once per content load, then query from commands and autocomplete. */
export { prepareSearchIndex, searchIndexBuffers, type SearchIndexData } from "./index-data.js";
export { buildSearchIndex, searchIndexFromData } from "./search-index.js";
export { normalize, normalizeWithMap, type NormalizedText } from "./normalize.js";
export { snippetAround, ELLIPSIS, type Snippet } from "./snippet.js";
export { wordsFoundAs } from "./highlight.js";
export * from "./types.js";
