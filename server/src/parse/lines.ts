// Splitting the text into lines (\n, \r\n and lone \r all end a line) and
// finding page furniture: running page headers, page numbers, table-of-contents entries.

import { LineMarks } from '../model/lineMarks';
import { Line } from '../model/types';
import { SPACED_PIPE, trimmedEnd, trimmedStart } from './text';

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

const MARKER = /^(?:\/\/|#|<!--)?\s*filing-lens:/;
const TOC = /(?:\.{4,}|…{2,}|·{4,}|-{6,}|_{6,})\s*\d{1,4}\s*$/;
const COMPOSITE_PAGE = /^\s*(?:\d{1,3}(?:-\d{1,4}){2,}|\d{1,4}\s*\/\s*\d{1,4}|第\s*\d{1,4}\s*页(?:\s*[,，]?\s*共\s*\d{1,4}\s*页)?|[-—]\s*\d{1,4}\s*[-—])\s*$/;
const PLAIN_PAGE = /^\s*\d{1,4}\s*$/;
const HEADER_WORDS = /年度报告|报告全文|半年度报告|有限公司|专项说明|说明书|回复|问询|www\.|Tel\.|Fax|招股/;
const COLON_END = /[:：]$/;

/**
 * Marks lines that are page furniture. A running header is a line repeated at
 * least three times that names the report or the company (table header rows
 * repeat too, but do not read like that); a bare number counts as a page number
 * only next to a running header, so that one-cell-per-line tables keep their counts.
 */
export function findFurniture(lines: Line[], knownHeaders?: Set<string>): LineMarks {
  const furniture = new LineMarks(lines.length);
  const headers = knownHeaders ?? runningHeaders(lines);
  const headerLengths = new Set([...headers].map((h) => h.length));
  for (const l of lines) {
    const text = l.text;
    const from = trimmedStart(text);
    if (from === text.length) continue;
    const to = trimmedEnd(text);
    // Page numbers and table-of-contents lines end in a digit, 页 or a dash; markers name filing-lens.
    const last = text.charCodeAt(to - 1);
    // (A marker line starts with filing-lens:, or with a comment sign before it.)
    const first = text.charCodeAt(from);
    const candidate =
      (last >= 48 && last <= 57) || last === 0x9875 /* 页 */ || last === 45 /* - */ || last === 0x2014 /* — */ ||
      ((first === 102 /* f */ || first === 47 /* / */ || first === 35 /* # */ || first === 60) /* < */ && text.includes('filing-lens:'));
    if (!candidate && !headerLengths.has(to - from)) continue;
    const t = text.slice(from, to);
    if (!candidate && !headers.has(t)) continue;
    if (MARKER.test(t)) furniture.set(l.index, 'marker');
    // (Only the end of the line is looked at: a long run of leader dots must not make the match quadratic.)
    else if (TOC.test(t.length > 200 ? t.slice(-200) : t)) furniture.set(l.index, 'toc');
    else if (COMPOSITE_PAGE.test(t)) furniture.set(l.index, 'pageNumber');
    else if (headers.has(t)) furniture.set(l.index, 'pageHeader');
  }
  for (const l of lines) {
    if (furniture.has(l.index) || !mayBePlainPage(l.text) || !PLAIN_PAGE.test(l.text)) continue;
    for (const d of [-2, -1, 1, 2]) {
      if (furniture.get(l.index + d) === 'pageHeader') {
        furniture.set(l.index, 'pageNumber');
        break;
      }
    }
  }
  return furniture;
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

/** Running page headers: lines repeated at least three times that name the report or the company. */
export function runningHeaders(lines: Line[]): Set<string> {
  const counts = new Map<string, number>();
  for (const l of lines) {
    if (l.text.length < 6) continue;
    const t = l.text.trim();
    if (t.length >= 6 && t.length <= 200 && HEADER_WORDS.test(t)) counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  const out = new Set<string>();
  for (const [t, n] of counts) if (n >= 3 && !COLON_END.test(t) && !SPACED_PIPE.test(t)) out.add(t);
  return out;
}
