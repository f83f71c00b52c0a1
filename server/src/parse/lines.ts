// Splitting the text into lines (\n, \r\n and lone \r all end a line) and
// finding page furniture: running page headers, page numbers, table-of-contents entries.

import { LineMarks } from '../model/lineMarks';
import { Line } from '../model/types';
import { hasNonSpace, isSpaceCode, SPACED_PIPE, trimmedEnd, trimmedStart } from './text';

/** The line that contains an offset (binary search over the line starts). */
export function lineAt(lines: Line[], offset: number): Line | undefined {
  let lo = 0;
  let hi = lines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lines[mid].start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lines[lo];
}

export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  const n = text.length;
  if (text.indexOf('\r') < 0) {
    // Only \n ends lines (the common case): let indexOf find them.
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', start)) {
      lines.push({ index: lines.length, start, end: i, text: text.slice(start, i) });
      start = i + 1;
    }
    lines.push({ index: lines.length, start, end: n, text: text.slice(start, n) });
    return lines;
  }
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      lines.push({ index: lines.length, start, end: i, text: text.slice(start, i) });
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
    }
  }
  lines.push({ index: lines.length, start, end: n, text: text.slice(start, n) });
  return lines;
}

/** Pushes the lines of text[from, to) onto `out`; `to` is the text's end (`last`) or a line's start (whose terminator is not a line). */
function pushLines(text: string, from: number, to: number, last: boolean, out: Line[]): void {
  let start = from;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      out.push({ index: out.length, start, end: i, text: text.slice(start, i) });
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
    }
  }
  if (last) out.push({ index: out.length, start, end: to, text: text.slice(start, to) });
}

/**
 * The lines of a text edited from one whose lines are `prev` ([start, oldEnd) of the old text became
 * [start, newEnd) of the new), as splitLines gives them: the lines before the edit are the same objects,
 * those after it are moved (the same objects where the edit moved nothing), and only the lines the edit
 * touched are split again. Where a line starts depends on the character before it and its own first one
 * (\r\n is one end): a start whose two characters are both outside the edit is a start in both texts.
 * Returns the number of lines instead when there are more than `most`, making none.
 */
export function linesAfterEdit(prev: Line[], text: string, edit: { start: number; oldEnd: number; newEnd: number }, most: number): Line[] | number {
  const delta = edit.newEnd - edit.oldEnd;
  const { first, after } = editedLines(prev, edit);
  const from = prev[first].start;
  const to = after < prev.length ? prev[after].start + delta : text.length;
  const last = after >= prev.length;
  const count = first + countLines(text, from, to, last) + (prev.length - after);
  if (count > most) return count;
  const out = prev.slice(0, first);
  pushLines(text, from, to, last, out);
  const dl = out.length - after;
  if (delta === 0 && dl === 0) for (let j = after; j < prev.length; j++) out.push(prev[j]);
  else for (let j = after; j < prev.length; j++) {
    const l = prev[j];
    out.push({ index: j + dl, start: l.start + delta, end: l.end + delta, text: l.text });
  }
  return out;
}

/**
 * The old lines an edit touches, [first, after): the line before the one the edit starts in (its end may
 * change from \r to \r\n) up to the first line that starts after the edit, the character before it included.
 * The lines before `first` are the same in the new text, those from `after` on are moved by the edit.
 */
export function editedLines(prev: Line[], edit: { start: number; oldEnd: number }): { first: number; after: number } {
  const first = Math.max(0, lineAt(prev, edit.start)!.index - 1);
  let after = lineAt(prev, edit.oldEnd)!.index + 1;
  while (after < prev.length && prev[after].start - 1 < edit.oldEnd) after++;
  return { first, after };
}

/** The number of lines pushLines makes of text[from, to). */
function countLines(text: string, from: number, to: number, last: boolean): number {
  let n = last ? 1 : 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) n++;
    else if (c === 13) {
      n++;
      if (text.charCodeAt(i + 1) === 10) i++;
    }
  }
  return n;
}

const MARKER = /^(?:\/\/|#|<!--)?\s*filing-lens:/;
const TOC = /(?:\.{4,}|…{2,}|·{4,}|-{6,}|_{6,})\s*\d{1,4}\s*$/;
/** Leader dots that end a line without the page number (lost in the extraction): a contents entry too. */
const TOC_NO_PAGE = /(?:\.{8,}|…{4,}|·{8,})\s*$/;
const COMPOSITE_PAGE = /^\s*(?:\d{1,3}(?:-\d{1,4}){2,}|\d{1,4}\s*\/\s*\d{1,4}|第\s*\d{1,4}\s*页(?:\s*[,，]?\s*共\s*\d{1,4}\s*页)?|[-—]\s*\d{1,4}\s*[-—])\s*$/;
const PLAIN_PAGE = /^\s*\d{1,4}\s*$/;
/** A page marker line of some PDF extractions: [P12]. */
const PAGE_MARKER = /^\s*\[P\d{1,5}\]\s*$/;
/** A page number and a running header on one line: "125   某某股份有限公司   募集说明书", or the number after the header. */
const PAGE_TOKEN = /^(?:\d{1,3}(?:-\d{1,4}){2,}|\d{1,4}\s*\/\s*\d{1,4}|\d{1,4})$/;

const isDigitCode = (c: number) => c >= 48 && c <= 57;

/**
 * A page number before the text of the line, two or more spaces apart
 * ("125   某某股份有限公司…"): where the text starts, or -1. Scanned by hand (an
 * expression anchored at the end would be tried at every position of the line).
 */
function leadingPageEnd(text: string): number {
  let i = trimmedStart(text);
  if (!isDigitCode(text.charCodeAt(i))) return -1;
  const from = i;
  while (i < text.length && !isSpaceCode(text.charCodeAt(i))) i++;
  // "78 / 189": the token goes on over the slash.
  let j = i;
  while (j < text.length && text.charCodeAt(j) === 32) j++;
  if (text.charCodeAt(j) === 47 /* / */) {
    j++;
    while (j < text.length && text.charCodeAt(j) === 32) j++;
    while (j < text.length && isDigitCode(text.charCodeAt(j))) j++;
    i = j;
  }
  if (i - from > 12 || !PAGE_TOKEN.test(text.slice(from, i))) return -1;
  let k = i;
  while (k < text.length && isSpaceCode(text.charCodeAt(k))) k++;
  return k - i >= 2 && k < text.length ? k : -1;
}

/** A page number after the text of the line, two or more spaces apart: where the spaces before it start, or -1. */
function trailingPageStart(text: string): number {
  const to = trimmedEnd(text);
  if (to === 0 || !isDigitCode(text.charCodeAt(to - 1))) return -1;
  let i = to;
  while (i > 0 && !isSpaceCode(text.charCodeAt(i - 1))) i--;
  let j = i;
  while (j > 0 && text.charCodeAt(j - 1) === 32) j--;
  if (j > 0 && text.charCodeAt(j - 1) === 47 /* / */) {
    j--;
    while (j > 0 && text.charCodeAt(j - 1) === 32) j--;
    while (j > 0 && isDigitCode(text.charCodeAt(j - 1))) j--;
    i = j;
  }
  if (to - i > 12 || !PAGE_TOKEN.test(text.slice(i, to))) return -1;
  let k = i;
  while (k > 0 && isSpaceCode(text.charCodeAt(k - 1))) k--;
  return i - k >= 2 && k > 0 ? k : -1;
}

/** Whether the line carries a page number beside its text. */
function hasOwnPageNumber(text: string): boolean {
  if (text.indexOf('  ') < 0) return false;
  return leadingPageEnd(text) >= 0 || trailingPageStart(text) >= 0;
}
const SPACE_RUN = /\s+/g;
const FIGURE_IN_KEY = /\d,\d{3}|\d\.\d/;
const LIST_ROW = /^\[\s*['"]/;
const COLON_END = /[:：]$/;
const TOC_TITLE = /^目\s*录$/;
const SENTENCE_OR_COMMA_END = /[。；;，,]$/;
const CHAPTER_TITLE = /第\s*[一二三四五六七八九十百零〇\d]+\s*[节章篇]/;
/** A line that starts with a heading's number: 第三节, 一、, （二）, 3、, 3.1. */
const NUMBERED_START = /^(?:第\s*[一二三四五六七八九十百零〇\d]+\s*[节章篇]|[一二三四五六七八九十]+\s*[、．.]|[(（]\s*[一二三四五六七八九十\d]+\s*[)）]|\d{1,2}(?:\.\d{1,2})*\s*[、．.])/;
const BARE_CHAPTER = /^第\s*[一二三四五六七八九十百零〇\d]+\s*[节章篇]$/;

/** The key under which a running header is known: the line without its page number, spaces collapsed. */
export function headerKey(text: string): string {
  let t = text;
  if (t.charCodeAt(0) === 12 /* \f */) t = t.slice(1);
  const from = leadingPageEnd(t);
  if (from > 0) t = t.slice(from);
  const to = trailingPageStart(t);
  if (to > 0) t = t.slice(0, to);
  return t.replace(SPACE_RUN, ' ').trim();
}

/** Whether a line is a page anchor: a [Pn] marker, a composite page number (1-1-200, 78 / 189, 第3页), or starts a page (\f). */
function isStrongAnchor(text: string): boolean {
  return text.charCodeAt(0) === 12 || PAGE_MARKER.test(text) || isCompositePage(text);
}

const SLASH_PAGE = /^\s*(\d{1,4})\s*\/\s*(\d{1,4})\s*$/;

/** A composite page number: 1-1-200, 8-2-2-12, 78 / 189 (not a date: 2023/2), 第3页, - 5 -. */
export function isCompositePage(text: string): boolean {
  if (!COMPOSITE_PAGE.test(text)) return false;
  const m = SLASH_PAGE.exec(text);
  return !m || Number(m[1]) <= Number(m[2]);
}

/**
 * Marks lines that are page furniture. A running header (one of `knownHeaders`,
 * found by runningHeaders over the whole document) is furniture only where it
 * stands at a page boundary: next to a page anchor ([Pn], a form feed, a page
 * number). A bare number is a page number only next to such an anchor or header,
 * so that one-cell-per-line tables keep their counts.
 */
export function findFurniture(lines: Line[], knownHeaders?: Set<string>): LineMarks {
  return furnitureOf(lines, knownHeaders ?? runningHeaders(lines)).furniture;
}

/**
 * What an edited text takes over of the previous model's furniture: the first pass (`ownMarks`, what a line's
 * own text and the three lines on either side make it) of the lines whose neighbours the edit left alone, under
 * the same running headers. Old lines [first, after) became new lines [first, after + dl).
 */
export interface FurnitureReuse {
  ownMarks: LineMarks;
  first: number;
  after: number;
  dl: number;
}

/**
 * findFurniture, with its first pass (`ownMarks`: markers, contents lines, composite page numbers and running
 * headers at a page boundary — each line by its own text and the three lines on either side) kept apart, so
 * that an edited text takes it over for the lines far from the edit (`reuse`). The rest (bare page numbers,
 * contents entries around contents lines) is worked out again over the whole document.
 */
export function furnitureOf(lines: Line[], headers: Set<string>, reuse?: FurnitureReuse): { furniture: LineMarks; ownMarks: LineMarks } {
  const furniture = new LineMarks(lines.length);
  const firstCodes = new Set([...headers].map((h) => h.charCodeAt(0)));
  const R = 3;
  let from = 0;
  let to = lines.length;
  if (reuse) {
    // Lines up to R away from an edited line are marked again; the others take their marks.
    from = Math.max(0, reuse.first - R);
    to = Math.min(lines.length, reuse.after + reuse.dl + R);
    furniture.copyFrom(reuse.ownMarks, 0, 0, from);
    furniture.copyFrom(reuse.ownMarks, to - reuse.dl, to, lines.length - to);
  }
  for (let li = from; li < to; li++) markOwn(lines, li, headers, firstCodes, furniture);
  const ownMarks = furniture.clone();
  const tocLines = furniture.linesOf('toc');
  for (let li = 0; li < lines.length; li++) {
    const l = lines[li];
    if (furniture.has(l.index) || !mayBePlainPage(l.text) || !PLAIN_PAGE.test(l.text)) continue;
    // One page number per page boundary: a number next to one already found is a cell.
    if ([l.index - 1, l.index + 1].some((j) => furniture.get(j) === 'pageNumber' && !PAGE_MARKER.test(lines[j].text))) continue;
    // The page's number a few lines under its [Pn] marker (under the page's header block): [P93] … 92.
    if (pageAfterMarker(lines, furniture, l.index)) {
      furniture.set(l.index, 'pageNumber');
      continue;
    }
    // Next to a running header, just after a page marker or a form feed, or right before a form feed (the footer of a page).
    for (const d of [-2, -1, 1]) {
      const k = furniture.get(l.index + d);
      const near = lines[l.index + d];
      if (k === 'pageHeader' || (near && d < 0 && (PAGE_MARKER.test(near.text) || (d === -1 && near.text.charCodeAt(0) === 12))) || (near && d === 1 && near.text.charCodeAt(0) === 12)) {
        furniture.set(l.index, 'pageNumber');
        break;
      }
    }
  }
  markTocNeighbours(lines, furniture, tocLines);
  return { furniture, ownMarks };
}

/** The first pass of findFurniture on one line: by its own text and the three lines on either side. */
function markOwn(lines: Line[], li: number, headers: Set<string>, firstCodes: Set<number>, furniture: LineMarks): void {
  const l = lines[li];
  const text = l.text;
  const from = trimmedStart(text);
  if (from === text.length) return;
  const to = trimmedEnd(text);
  // Page numbers and table-of-contents lines end in a digit, 页, ] or a dash; markers name filing-lens.
  const last = text.charCodeAt(to - 1);
  // (A marker line starts with filing-lens:, or with a comment sign before it.)
  const first = text.charCodeAt(from);
  const candidate =
    (last >= 48 && last <= 57) || last === 0x9875 /* 页 */ || last === 45 /* - */ || last === 0x2014 /* — */ || last === 93 /* ] */ ||
    last === 46 /* . */ || last === 0x2026 /* … */ || last === 0xb7 /* · */ ||
    ((first === 102 /* f */ || first === 47 /* / */ || first === 35 /* # */ || first === 60) /* < */ && text.includes('filing-lens:'));
  if (candidate) {
    const t = text.slice(from, to);
    if (MARKER.test(t)) {
      furniture.set(l.index, 'marker');
      return;
    }
    // (Only the end of the line is looked at: a long run of leader dots must not make the match quadratic.)
    const end = t.length > 200 ? t.slice(-200) : t;
    if (TOC.test(end) || TOC_NO_PAGE.test(end)) {
      furniture.set(l.index, 'toc');
      return;
    }
    if (isCompositePage(t) || PAGE_MARKER.test(t)) {
      furniture.set(l.index, 'pageNumber');
      return;
    }
  }
  if (headers.size === 0 || to - from > 400 || to - from < 2) return;
  // (A cheap test first: the line starts like a header, or with a page number before one.)
  let c = first;
  if (c === 12) c = text.charCodeAt(trimmedStart(text.slice(1)) + 1);
  if (c >= 48 && c <= 57 && !firstCodes.has(c)) {
    const k = leadingPageEnd(c === first ? text : text.slice(1));
    if (k < 0) return;
    c = (c === first ? text : text.slice(1)).charCodeAt(k);
  }
  if (!firstCodes.has(c)) return;
  if (headers.has(headerKey(text)) && atPageBoundary(lines, l.index, headers)) furniture.set(l.index, 'pageHeader');
}

/** A running header stands next to a page anchor (within three lines), or carries its page number itself. */
function atPageBoundary(lines: Line[], i: number, headers: Set<string>): boolean {
  const text = lines[i].text;
  if (text.charCodeAt(0) === 12 || hasOwnPageNumber(text)) return true;
  for (let d = -3; d <= 3; d++) {
    if (d === 0) continue;
    const l = lines[i + d];
    if (!l) continue;
    if (isStrongAnchor(l.text) || PLAIN_PAGE.test(l.text)) return true;
    if (d === 1 && l.text.charCodeAt(0) === 12) return true;
  }
  // Two headers on consecutive lines (company name, then the report's name).
  const prev = lines[i - 1];
  const next = lines[i + 1];
  return (prev !== undefined && prev.text.length < 400 && headers.has(headerKey(prev.text)) && prev.text.trim() !== text.trim()) ||
    (next !== undefined && next.text.length < 400 && headers.has(headerKey(next.text)) && next.text.trim() !== text.trim());
}

/**
 * Lines that belong to a table of contents without ending in a page number:
 * an entry whose title wraps onto the next (dotted) line, a bare 第X节 whose title
 * and page are on the next line, an entry with its page number glued on ("…任职情况187").
 */
function markTocNeighbours(lines: Line[], furniture: LineMarks, tocLines: number[]): void {
  if (tocLines.length < 3) return;
  const nextText = (i: number, step: number): number => {
    for (let j = i + step, n = 0; j >= 0 && j < lines.length && n < 3; j += step, n++) {
      if (hasNonSpace(lines[j].text)) return j;
    }
    return -1;
  };
  for (const t of tocLines) {
    // Walk back from each entry over lines that lead into it.
    for (let i = nextText(t, -1), steps = 0; i >= 0 && steps < 3; i = nextText(i, -1), steps++) {
      if (furniture.has(i)) break;
      const s = lines[i].text.trim();
      if (s.length > 120 || SENTENCE_OR_COMMA_END.test(s) || TOC_TITLE.test(s.replace(SPACE_RUN, ''))) break;
      const before = nextText(i, -1);
      const lead = before < 0 || furniture.get(before) === 'toc' || TOC_TITLE.test(lines[before].text.trim().replace(SPACE_RUN, ''));
      const gluedPage = /\D\d{1,4}$/.test(s) && before >= 0 && furniture.get(before) === 'toc';
      // A numbered title whose rest, with the leaders, is the entry's next line (四、本次交易符合…第四 / 条规定的说明……).
      const wrapped = steps === 0 && NUMBERED_START.test(s) && !NUMBERED_START.test(lines[t].text.trim());
      if (BARE_CHAPTER.test(s) || lead || gluedPage || wrapped) furniture.set(i, 'toc');
      else break;
    }
  }
}

const MARKER_NUMBER = /\[P(\d{1,5})\]/;

/** A bare number within eight lines after a [Pn] marker, at most five below n, with no page number between. */
function pageAfterMarker(lines: Line[], furniture: LineMarks, i: number): boolean {
  const value = Number(lines[i].text.trim());
  for (let j = i - 1; j >= 0 && j >= i - 8; j--) {
    const t = lines[j].text;
    if (t.length > 12) continue;
    const m = PAGE_MARKER.test(t) ? MARKER_NUMBER.exec(t) : null;
    if (m) {
      const n = Number(m[1]);
      return value <= n && value >= n - 5;
    }
    if (furniture.get(j) === 'pageNumber') return false;
  }
  return false;
}

/** A cheap test before PLAIN_PAGE: the line starts and ends with a digit (spaces aside). */
function mayBePlainPage(text: string): boolean {
  const from = trimmedStart(text);
  if (from === text.length) return false;
  const to = trimmedEnd(text);
  if (to - from > 4) return false;
  const a = text.charCodeAt(from);
  const b = text.charCodeAt(to - 1);
  return a >= 48 && a <= 57 && b >= 48 && b <= 57;
}

/** Whether a text may be a running header at all: not a table row, not a sentence, not a number. */
function headerShaped(key: string): boolean {
  if (key.length < 2 || key.length > 200) return false;
  if (LIST_ROW.test(key) || SPACED_PIPE.test(key) || key.includes('|') || COLON_END.test(key) || SENTENCE_OR_COMMA_END.test(key)) return false;
  if (PLAIN_PAGE.test(key) || COMPOSITE_PAGE.test(key) || PAGE_MARKER.test(key) || FIGURE_IN_KEY.test(key)) return false;
  return /[^\d\s.,%()（）\-—]/.test(key);
}

/**
 * Running page headers, by repetition and position: the texts that stand at a
 * page boundary — the first line of a page after a form feed or a [Pn] marker,
 * the line before the next page, a line next to a composite page number
 * (1-1-200, 78 / 189), a line that carries its own page number — at least three
 * times. Next to bare numbers only (11, 12, 13 …), the numbers must increase as
 * page numbers do. What the line says does not matter; a table row repeated
 * elsewhere (the same table in the consolidated and the parent notes) is not at
 * page boundaries and is not a header.
 */
export function runningHeaders(lines: Line[]): Set<string> {
  return headersOf(lines).headers;
}

/** Kinds of page anchor, as runningHeaders reads them. */
const enum Anchor {
  None,
  FormFeed,
  Marker,
  Composite,
  Plain,
  OwnNumber,
}

/** What kind of page anchor a line is for runningHeaders (a line that carries a page number beside its text included). */
function anchorOf(text: string): Anchor {
  if (text.length > 400) return Anchor.None;
  if (text.charCodeAt(0) === 12) return Anchor.FormFeed;
  const from = trimmedStart(text);
  if (from === text.length) return Anchor.None;
  const to = trimmedEnd(text);
  const last = text.charCodeAt(to - 1);
  if (last === 93 /* ] */ && PAGE_MARKER.test(text)) return Anchor.Marker;
  const digitStart = text.charCodeAt(from) >= 48 && text.charCodeAt(from) <= 57;
  const digitEnd = last >= 48 && last <= 57;
  if (!digitStart && !digitEnd) return Anchor.None;
  if (to - from <= 12 && isCompositePage(text)) return Anchor.Composite;
  if (to - from <= 4 && PLAIN_PAGE.test(text)) return Anchor.Plain;
  return hasOwnPageNumber(text) ? Anchor.OwnNumber : Anchor.None;
}

/**
 * The running headers of an edited text, taken over from the previous model where no page anchor stands
 * within eight lines of the edit, in the old text or the new: every anchor reads the lines up to four
 * before it and eight after it (the first two lines of text of a page), so each then counts the same texts.
 * Where the document has no strong anchor (`pages` 0), bare page numbers count the lines they stand at: the
 * edit must not have moved lines then. Undefined where the headers are to be found again.
 */
export function headersAfterEdit(prevLines: Line[], prev: { headers: Set<string>; pages: number }, lines: Line[], first: number, after: number): { headers: Set<string>; pages: number } | undefined {
  const dl = lines.length - prevLines.length;
  if (dl !== 0 && prev.pages === 0) return undefined;
  const W = 8;
  for (let i = Math.max(0, first - W); i < Math.min(prevLines.length, after + W); i++) if (anchorOf(prevLines[i].text) !== Anchor.None) return undefined;
  for (let i = Math.max(0, first - W); i < Math.min(lines.length, after + dl + W); i++) if (anchorOf(lines[i].text) !== Anchor.None) return undefined;
  return prev;
}

/** runningHeaders, with the number of strong page anchors (form feeds, [Pn] markers, composite page numbers). */
export function headersOf(lines: Line[]): { headers: Set<string>; pages: number } {
  const strong = new Map<string, number>();
  const weak = new Map<string, { n: number; last: number; up: number; firstLine: number; lastLine: number }>();
  const n = lines.length;
  const nonBlank = (i: number, step: number, skipNumbers: boolean): number => {
    for (let j = i + step, k = 0; j >= 0 && j < n && k < 4; j += step, k++) {
      const t = lines[j].text;
      if (!hasNonSpace(t) || (t.length === 1 && t.charCodeAt(0) === 12)) continue;
      if (skipNumbers && t.length < 40 && (PLAIN_PAGE.test(t) || isCompositePage(t) || PAGE_MARKER.test(t))) continue;
      return j;
    }
    return -1;
  };
  let pages = 0;
  const addWeak = (key: string, page: number, line: number) => {
    const w = weak.get(key) ?? { n: 0, last: -1, up: 0, firstLine: line, lastLine: line };
    if (page > w.last) w.up++;
    w.n++;
    w.last = page;
    w.lastLine = line;
    weak.set(key, w);
  };
  const addStrong = (j: number) => {
    if (j < 0 || lines[j].text.length > 400) return;
    const key = headerKey(lines[j].text);
    if (headerShaped(key)) strong.set(key, (strong.get(key) ?? 0) + 1);
  };
  for (let i = 0; i < n; i++) {
    const text = lines[i].text;
    const anchor = anchorOf(text);
    if (anchor === Anchor.None) continue;
    if (anchor === Anchor.FormFeed) {
      pages++;
      // A page starts here: its first line of text, and the last line of the page before.
      const first = hasNonSpace(text.slice(1)) && !PLAIN_PAGE.test(text.slice(1)) && !isCompositePage(text.slice(1)) ? i : nonBlank(i, 1, true);
      addStrong(first);
      if (first >= 0) addStrong(nonBlank(first, 1, true));
      continue;
    }
    if (anchor === Anchor.Marker) {
      pages++;
      const first = nonBlank(i, 1, true);
      addStrong(first);
      if (first >= 0) addStrong(nonBlank(first, 1, true));
      continue;
    }
    if (anchor === Anchor.Composite) {
      pages++;
      addStrong(nonBlank(i, 1, false));
      addStrong(nonBlank(i, -1, false));
      continue;
    }
    if (anchor === Anchor.Plain) {
      const page = Number(text.trim());
      for (const j of [nonBlank(i, -1, false), nonBlank(i, 1, false)]) {
        if (j < 0 || lines[j].text.length > 400) continue;
        const key = headerKey(lines[j].text);
        if (!headerShaped(key) || key.length < 4) continue;
        addWeak(key, page, j);
      }
      continue;
    }
    // A page number and a header on one line.
    const key = headerKey(text);
    if (headerShaped(key)) {
      const lead = leadingPageEnd(text);
      const token = (lead >= 0 ? text.slice(0, lead) : text.slice(trailingPageStart(text))).trim();
      const digits = /\d+$/.exec(token);
      addWeak(key, digits ? Number(digits[0]) : -1, i);
    }
  }
  // Other lines stand at page boundaries now and then (a table's column header repeated after a
  // page break, a line that happens to end a page): a running header is among the most frequent
  // texts there, at least half as frequent as the most frequent one, unless it names a chapter.
  const out = new Set<string>();
  let most = 0;
  for (const count of strong.values()) most = Math.max(most, count);
  const common = Math.max(3, most / 2);
  for (const [key, count] of strong) if (key.length >= 4 && count >= (CHAPTER_TITLE.test(key) ? 3 : common)) out.add(key);
  // Next to bare numbers only (no page anchors in the document): numbers that increase, a page apart.
  if (pages === 0) for (const [key, w] of weak) if (w.n >= 3 && w.up >= 0.8 * w.n && (w.lastLine - w.firstLine) / (w.n - 1) >= 12) out.add(key);
  return { headers: out, pages };
}

/**
 * A running header that is a chapter's title (第三节 管理层讨论与分析 on every page of
 * the chapter) is the chapter's heading where it first stands: that line is content.
 */
export function keepChapterHeadings(lines: Line[], furniture: LineMarks): void {
  const exact = new Map<string, number>();
  const firstMarked = new Map<string, number>();
  for (let li = 0; li < lines.length; li++) {
    const l = lines[li];
    const kind = furniture.get(l.index);
    if (kind !== undefined && kind !== 'pageHeader') continue;
    // (Only lines with 第 near their start can be a chapter's title.)
    const at = l.text.indexOf('第');
    if (at < 0 || at > 12 || l.text.length > 200) continue;
    const key = headerKey(l.text);
    if (!CHAPTER_START.test(key)) continue;
    // The heading is the title on a line of its own (no page number beside it).
    if (!exact.has(key) && l.text.charCodeAt(0) !== 12 && l.text.replace(SPACE_RUN, ' ').trim() === key) exact.set(key, l.index);
    if (kind === 'pageHeader' && !firstMarked.has(key)) firstMarked.set(key, l.index);
  }
  for (const [key, line] of firstMarked) furniture.clear(exact.get(key) ?? line);
}
const CHAPTER_START = /^第\s*[一二三四五六七八九十百零〇\d]+\s*[节章篇]/;
