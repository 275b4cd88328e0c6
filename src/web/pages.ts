/**
 * The web pages, as HTML strings: the index of interviews, one page per interview (every question and the
 * whole transcript, each line at its permalink anchor), the search (the same search as /quote) and the
 * friendly 404. Pure: content and search in, markup out; site.ts serves them.
 *
 * Links are relative ("./", "../"), so the site works under any path a proxy gives it (PUBLIC_URL).
 */
import type { ContentLibrary, Interview, Question, TranscriptLine } from "../content/model.js";
import { interviewPath, lineAnchor, questionAnchor } from "../render/permalinks.js";
import { foundAsNote } from "../render/quote.js";
import { t, type Locale } from "../render/strings.js";
import { wordsFoundAs } from "../search/index.js";
import { MAX_QUERY_LENGTH, type MatchRange, type SearchIndex, type SearchOutcome } from "../search/types.js";
import { html, SafeHtml, webLink, type HtmlValue } from "./html.js";
import { contentLanguage, htmlLang } from "./language.js";
import { STYLESHEET } from "./style.js";

/** As many hits as /quote pages through with ◀ ▶. */
export const SEARCH_RESULTS = 25;

/** Our own constant stylesheet, inserted as it is (the CSP allows it by its hash). */
const STYLE = new SafeHtml(STYLESHEET);

interface PageFrame {
  readonly locale: Locale;
  readonly title: string;
  /** From this page to the site's root: "./" at the top level, "../" under interviews/. */
  readonly root: string;
  readonly version: string;
  readonly body: SafeHtml;
}

function page({ locale, title, root, version, body }: PageFrame): string {
  return html`<!doctype html>
<html lang="${htmlLang(locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${title}</title>
<style>${STYLE}</style>
</head>
<body>
<a class="skip" href="#main">${t(locale, "web.skip")}</a>
<header><nav aria-label="Verbatim"><a class="brand" href="${root}">Verbatim</a> <a href="${root}">${t(locale, "web.interviews")}</a> <a href="${root}search">${t(locale, "web.search")}</a></nav></header>
<main id="main">
${body}
</main>
<footer><p>${t(locale, "web.contentVersion", { version })}</p></footer>
</body>
</html>
`.markup;
}

/** The search form, narrowed to one interview when `interviewId` is given and chosen. */
function searchForm(
  locale: Locale,
  root: string,
  library: ContentLibrary,
  query: string,
  interviewId: string | undefined,
): SafeHtml {
  const options = library.interviews.map(
    (interview) =>
      html`<option value="${interview.id}"${interview.id === interviewId ? html` selected` : ""}>${interview.title}</option>`,
  );
  return html`<form class="search" role="search" method="get" action="${root}search">
<label for="q">${t(locale, "web.searchLabel")}</label>
<div class="row"><input id="q" name="q" type="search" value="${query}" maxlength="${MAX_QUERY_LENGTH}" required aria-describedby="q-hint"> <button type="submit">${t(locale, "web.search")}</button></div>
<p id="q-hint" class="hint">${t(locale, "web.searchHint")}</p>
<label for="interview">${t(locale, "web.scope")}</label>
<select id="interview" name="interview"><option value="">${t(locale, "web.allInterviews")}</option>${options}</select>
</form>`;
}

/** Newest first, as /questions and /summary default to the newest; undated last. */
function byDateDescending(interviews: readonly Interview[]): Interview[] {
  return [...interviews].sort((a, b) => (b.date ?? "").localeCompare(a.date ?? ""));
}

/** Date, size and (when given) source of an interview, in one line. */
function interviewFacts(interview: Interview, locale: Locale, source?: string): SafeHtml {
  const size = t(locale, "web.interviewInfo", { questions: interview.questions.length, lines: interview.lines.length });
  const date = interview.date ? html`<time datetime="${interview.date}">${interview.date}</time> · ` : "";
  const link = source ? html` · <a href="${source}" rel="noopener noreferrer">${t(locale, "web.source")}</a>` : "";
  return html`<p class="meta">${date}${size}${link}</p>`;
}

/** The description, unless it only repeats the title. */
function description(interview: Interview, lang: string, className: string): SafeHtml | "" {
  if (!interview.description || interview.description === interview.title) return "";
  return html`<p class="${className}" lang="${lang}">${interview.description}</p>`;
}

export function indexPage(library: ContentLibrary, locale: Locale): string {
  const root = "./";
  const items = byDateDescending(library.interviews).map((interview) => {
    const lang = contentLanguage(interview);
    return html`<li>
<h2><a href="${root}${interviewPath(interview.id)}" lang="${lang}">${interview.title}</a></h2>
${description(interview, lang, "lead")}
${interviewFacts(interview, locale)}
</li>`;
  });
  const list =
    items.length === 0 ? html`<p>${t(locale, "error.noContent")}</p>` : html`<ol class="interviews">${items}</ol>`;
  const body = html`<h1>${t(locale, "web.interviews")}</h1>
${list}
${searchForm(locale, root, library, "", undefined)}`;
  return page({ locale, title: `Verbatim — ${t(locale, "web.interviews")}`, root, version: library.version, body });
}

function lineItem(line: TranscriptLine, locale: Locale): SafeHtml {
  const anchor = lineAnchor(line.number);
  return html`<li id="${anchor}"><p class="meta"><a href="#${anchor}">${t(locale, "web.line", { line: line.number })}</a> · <b class="speaker">${line.speaker || "?"}</b></p><p class="text">${line.text}</p></li>`;
}

function questionSection(question: Question, locale: Locale, lang: string): SafeHtml {
  const anchor = questionAnchor(question.number);
  const summary = question.summary
    ? html`<h3>${t(locale, "web.summary")}</h3><p lang="${lang}">${question.summary}</p>`
    : "";
  const explanation = question.explanation
    ? html`<h3>${t(locale, "summary.explanation")}</h3><p lang="${lang}">${question.explanation}</p>`
    : "";
  const transcript =
    question.lines.length > 0
      ? html`<h3>${t(locale, "summary.transcript")}</h3><ol class="transcript" lang="${lang}">${question.lines.map((line) => lineItem(line, locale))}</ol>`
      : "";
  return html`<section id="${anchor}" aria-labelledby="${anchor}-title">
<h2 id="${anchor}-title">${t(locale, "summary.question", { number: question.number })}: <span lang="${lang}">${question.title}</span></h2>
${summary}
${explanation}
${transcript}
</section>`;
}

export function interviewPage(library: ContentLibrary, interview: Interview, locale: Locale): string {
  const root = "../";
  const lang = contentLanguage(interview);
  const contents = interview.questions.map(
    (question) => html`<li><a href="#${questionAnchor(question.number)}" lang="${lang}">${question.title}</a></li>`,
  );
  const body = html`<article>
<h1 lang="${lang}">${interview.title}</h1>
${description(interview, lang, "lead")}
${interviewFacts(interview, locale, webLink(interview.sourceUrl))}
${searchForm(locale, root, library, "", interview.id)}
<nav aria-labelledby="contents"><h2 id="contents">${t(locale, "web.questions")}</h2><ol class="contents">${contents}</ol></nav>
${interview.questions.map((question) => questionSection(question, locale, lang))}
</article>`;
  return page({ locale, title: interview.title, root, version: library.version, body });
}

/** Stands for markup in a translated sentence: the sentence is escaped around it. */
const SLOT = "\u0000";

function withMarkup(sentence: string, markup: HtmlValue): SafeHtml {
  const [before = "", after = ""] = sentence.split(SLOT);
  return html`${before}${markup}${after}`;
}

/** The line's text with each matched range in <mark>: the ranges /quote shows in bold. */
function highlighted(text: string, ranges: readonly MatchRange[]): SafeHtml {
  const parts: (string | SafeHtml)[] = [];
  let at = 0;
  for (const [start, end] of ranges) {
    if (start < at || end <= start || end > text.length) continue;
    parts.push(text.slice(at, start), html`<mark>${text.slice(start, end)}</mark>`);
    at = end;
  }
  parts.push(text.slice(at));
  return html`${parts}`;
}

function searchResults(
  library: ContentLibrary,
  outcome: SearchOutcome,
  query: string,
  locale: Locale,
  root: string,
): SafeHtml {
  if (!outcome.ok) {
    const key = { empty: "error.emptyQuery", "too-long": "error.tooLong", "no-terms": "error.noTerms" } as const;
    return html`<p role="status">${t(locale, key[outcome.error], { max: MAX_QUERY_LENGTH })}</p>`;
  }
  if (outcome.hits.length === 0) {
    const suggestions = outcome.suggestions.slice(0, 5).map((suggestion, i) => {
      const href = `${root}search?${new URLSearchParams({ q: suggestion }).toString()}`;
      return html`${i > 0 ? " · " : ""}<a href="${href}">${suggestion}</a>`;
    });
    const didYouMean =
      suggestions.length > 0
        ? html`<p>${withMarkup(t(locale, "error.didYouMean", { suggestions: SLOT }), suggestions)}</p>`
        : "";
    return html`<div role="status"><p>${t(locale, "error.noMatch", { query })}</p>
${didYouMean}
<p>${t(locale, "web.tryOther")}</p></div>`;
  }
  const interviews = new Map(library.interviews.map((interview) => [interview.id, interview]));
  const hits = outcome.hits.map((hit) => {
    const interview = interviews.get(hit.interviewId);
    if (interview === undefined) return "";
    const lang = contentLanguage(interview);
    const href = `${root}${interviewPath(interview.id)}#${lineAnchor(hit.line.number)}`;
    const answer = hit.answerTo !== undefined ? html` · ${t(locale, "quote.answerTo", { line: hit.answerTo })}` : "";
    const note = foundAsNote(locale, wordsFoundAs(hit, query));
    const foundAs = note === undefined ? "" : html` · ${note}`;
    return html`<li><p class="meta"><a href="${href}">${t(locale, "web.line", { line: hit.line.number })}</a> · <b class="speaker" lang="${lang}">${hit.line.speaker || "?"}</b> · <span lang="${lang}">${interview.title}</span>${answer}${foundAs}</p>
<p class="text" lang="${lang}">${highlighted(hit.line.text, hit.ranges)}</p></li>`;
  });
  return html`<p role="status">${t(locale, "web.results", { count: outcome.hits.length, query })}</p>
<ol class="hits">${hits}</ol>`;
}

export interface SearchRequest {
  /** Undefined: the page before a search (the form alone). */
  readonly query: string | undefined;
  /** Only this interview's lines; undefined (or an id no interview has): every interview's. */
  readonly interviewId: string | undefined;
}

export function searchPage(
  library: ContentLibrary,
  search: SearchIndex,
  request: SearchRequest,
  locale: Locale,
): string {
  const root = "./";
  const interviewId = library.interviews.some((interview) => interview.id === request.interviewId)
    ? request.interviewId
    : undefined;
  const { query } = request;
  const results =
    query === undefined
      ? ""
      : searchResults(library, search.search(query, { interviewId, limit: SEARCH_RESULTS }), query, locale, root);
  const body = html`<h1>${t(locale, "web.search")}</h1>
${searchForm(locale, root, library, query ?? "", interviewId)}
${results}`;
  const title = query === undefined ? t(locale, "web.search") : `${query} — ${t(locale, "web.search")}`;
  return page({ locale, title: `Verbatim — ${title}`, root, version: library.version, body });
}

export function notFoundPage(library: ContentLibrary, locale: Locale, root: string): string {
  const body = html`<h1>${t(locale, "web.notFoundTitle")}</h1>
<p>${t(locale, "web.notFoundText")}</p>
<p><a href="${root}">${t(locale, "web.allInterviewsLink")}</a></p>
${searchForm(locale, root, library, "", undefined)}`;
  return page({ locale, title: `Verbatim — ${t(locale, "web.notFoundTitle")}`, root, version: library.version, body });
}
