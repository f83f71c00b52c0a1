// Items → visual lines → segments. A line is the items whose baselines lie
// within a fraction of the font size of each other; a segment is a run of items
// on a line with gaps smaller than about a character (a wider gap separates
// cells, and two figures are separate cells even closer than that).

import { PdfItem, PdfLine, Segment } from './types';

const FIGURE = /^[(（]?[-−–]?[(（]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?[%％]?[)）]?$/;
const DASH = /^[-−–—－]+$/;

export function isFigure(text: string): boolean {
  return FIGURE.test(text) || DASH.test(text);
}

function isDigitEnd(s: string): boolean {
  const c = s.charCodeAt(s.length - 1);
  return (c >= 48 && c <= 57) || c === 41 || c === 0xff09 || c === 37;
}

function isDigitStart(s: string): boolean {
  const c = s.charCodeAt(0);
  return (c >= 48 && c <= 57) || c === 40 || c === 0xff08 || c === 45;
}

/** Groups a page's items into lines, top to bottom, each with its segments left to right. */
export function buildLines(items: PdfItem[]): PdfLine[] {
  const usable = items
    .filter((i) => i.str.trim() !== '' && i.size > 0 && Number.isFinite(i.size) && Number.isFinite(i.x) && Number.isFinite(i.y))
    .map((i) => (Number.isFinite(i.w) && i.w >= 0 ? i : { ...i, w: 0 }));
  usable.sort((a, b) => b.y - a.y || a.x - b.x);
  const groups: PdfItem[][] = [];
  let current: PdfItem[] = [];
  let y = NaN;
  let size = 0;
  for (const it of usable) {
    if (current.length && Math.abs(it.y - y) <= 0.4 * Math.min(size, it.size)) {
      current.push(it);
      continue;
    }
    if (current.length) groups.push(current);
    current = [it];
    y = it.y;
    size = it.size;
  }
  if (current.length) groups.push(current);
  return groups.map((g) => {
    g.sort((a, b) => a.x - b.x);
    const sizes = g.map((i) => i.size).sort((a, b) => a - b);
    return { y: g[0].y, size: sizes[sizes.length >> 1], segments: segmentsOf(g) };
  });
}

function segmentsOf(items: PdfItem[]): Segment[] {
  const out: Segment[] = [];
  let seg: Segment | undefined;
  for (const it of items) {
    const str = it.str.replace(/\s+/g, ' ').trim();
    const x0 = it.x + (it.str.length - it.str.trimStart().length) * it.size * 0.25;
    const x1 = Math.max(x0, it.x + it.w);
    if (seg) {
      const gap = x0 - seg.x1;
      const size = Math.min(seg.size, it.size);
      const bothFigures = isDigitEnd(seg.text) && isDigitStart(str) && FIGURE.test(str) && FIGURE.test(lastWord(seg.text));
      const split = gap >= 0.9 * size || (bothFigures && gap >= 0.3 * size);
      if (!split) {
        seg.text += (gap > 0.15 * size && !seg.text.endsWith(' ') ? ' ' : '') + str;
        seg.x1 = Math.max(seg.x1, x1);
        continue;
      }
      finish(seg);
      out.push(seg);
    }
    seg = { text: str, x0, x1, size: it.size, figure: false };
  }
  if (seg) {
    finish(seg);
    out.push(seg);
  }
  return out;
}

function lastWord(s: string): string {
  const i = s.lastIndexOf(' ');
  return i < 0 ? s : s.slice(i + 1);
}

function finish(seg: Segment) {
  seg.text = seg.text.trim();
  seg.figure = isFigure(seg.text);
}

/** The line as plain text: segments apart by a run of spaces that grows with the gap. */
export function lineText(line: PdfLine): string {
  let s = '';
  let x = NaN;
  for (const seg of line.segments) {
    if (s) {
      const n = Math.max(2, Math.min(12, Math.round((seg.x0 - x) / (0.5 * line.size))));
      s += ' '.repeat(n);
    }
    s += seg.text;
    x = seg.x1;
  }
  return s;
}
