// One page's lines → filing text: runs of lines that carry figures become pipe
// rows (`label | v1 | v2 |`). Columns come from the geometry: the x-ranges of
// the figures (right-aligned, of different widths) overlap within a column and
// not across columns, so their union is the column; other cells fall into the
// column they overlap. A line of text alone just above or below a row, within
// the label column and closer than the table's row pitch, is a wrapped label
// and joins that row; the lines just above the first row that spread over the
// columns are header rows.

import { lineText } from './lines';
import { PdfLine, Segment } from './types';

interface Column {
  x0: number;
  x1: number;
}

const SENTENCE_END = /[。；;]$/;
/** At most this many lines of text between two rows of one table (empty rows of a statement). */
const MAX_TEXT_RUN = 12;
const UNIT_LINE = /单位|币种/;

function figures(line: PdfLine): number {
  let n = 0;
  for (const s of line.segments) if (s.figure && /\d/.test(s.text)) n++;
  return n;
}

/** A line that reads as a table row: a figure after the first segment, or figures only. */
function isRowish(line: PdfLine): boolean {
  const segs = line.segments;
  if (!segs.length) return false;
  if (segs.every((s) => s.figure)) return figures(line) > 0;
  for (let i = 1; i < segs.length; i++) if (segs[i].figure) return true;
  return false;
}

function isSentence(line: PdfLine): boolean {
  const last = line.segments[line.segments.length - 1];
  if (!last || SENTENCE_END.test(last.text)) return !!last;
  let n = 0;
  for (const s of line.segments) n += s.text.length;
  return n > 60;
}

function overlap(a: { x0: number; x1: number }, b: { x0: number; x1: number }): number {
  return Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
}

function union(intervals: Column[]): Column[] {
  const sorted = [...intervals].sort((a, b) => a.x0 - b.x0);
  const out: Column[] = [];
  for (const iv of sorted) {
    const last = out[out.length - 1];
    if (last && iv.x0 <= last.x1 + 0.5) last.x1 = Math.max(last.x1, iv.x1);
    else out.push({ ...iv });
  }
  return out;
}

/** The label of a row: its first segment, unless that is a figure. */
function labelOf(line: PdfLine): Segment | undefined {
  const first = line.segments[0];
  return first && !first.figure ? first : undefined;
}

function columnsOf(rows: PdfLine[]): Column[] {
  const figs: Column[] = [];
  const texts: Column[] = [];
  for (const r of rows) {
    const label = labelOf(r);
    for (const s of r.segments) {
      if (s === label) continue;
      (s.figure ? figs : texts).push({ x0: s.x0, x1: s.x1 });
    }
  }
  const cols = union(figs);
  // Text cells (a note column: 七、1, 11.7.3) make columns of their own where they overlap no figure column.
  const extra = union(texts.filter((t) => !cols.some((c) => overlap(c, t) > 0)));
  return [...cols, ...extra].sort((a, b) => a.x0 - b.x0);
}

function escapeCell(s: string): string {
  return s.replace(/\|/g, '｜');
}

/** Cells of a line under the columns; the label is whatever lies left of the first column. */
function cellsOf(line: PdfLine, cols: Column[]): { label: string; cells: string[] } {
  const cells: string[] = cols.map(() => '');
  const label: string[] = [];
  const firstX = cols.length ? cols[0].x0 : Infinity;
  line.segments.forEach((s, i) => {
    let best = -1;
    let bestOverlap = 0;
    cols.forEach((c, k) => {
      const o = overlap(c, s);
      if (o > bestOverlap) {
        bestOverlap = o;
        best = k;
      }
    });
    if (best < 0 && (i === 0 || s.x1 <= firstX) && !s.figure) {
      label.push(s.text);
      return;
    }
    if (best < 0) {
      // Between columns: the nearest one.
      let d = Infinity;
      cols.forEach((c, k) => {
        const dk = Math.max(c.x0 - s.x1, s.x0 - c.x1);
        if (dk < d) {
          d = dk;
          best = k;
        }
      });
    }
    if (best < 0) return;
    if (i === 0 && !s.figure && best === 0 && s.x0 < cols[0].x0 - 0.5 * s.size) {
      label.push(s.text);
      return;
    }
    cells[best] = cells[best] ? `${cells[best]} ${s.text}` : s.text;
  });
  return { label: label.join(' '), cells };
}

function pipeRow(label: string, cells: string[]): string {
  return `${escapeCell(label)} | ${cells.map(escapeCell).join(' | ')} |`;
}

function median(xs: number[]): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

/** Lines of text in the label area only (left of the first column). */
function isLabelOnly(line: PdfLine, cols: Column[]): boolean {
  if (!line.segments.length || isRowish(line)) return false;
  const firstX = cols.length ? cols[0].x0 : Infinity;
  return line.segments.every((s) => s.x1 <= firstX + 0.5 * s.size);
}

interface Block {
  from: number;
  /** Inclusive. */
  to: number;
  headerFrom: number;
}

function findBlocks(lines: PdfLine[]): Block[] {
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    if (!isRowish(lines[i])) {
      i++;
      continue;
    }
    let last = i;
    let rows = 1;
    let j = i + 1;
    while (j < lines.length) {
      const gap = lines[last].y - lines[j].y;
      if (gap > 3.5 * Math.max(lines[last].size, lines[j].size)) break;
      if (isRowish(lines[j])) {
        last = j;
        rows++;
        j++;
        continue;
      }
      // Text between rows: section labels, empty rows, wrapped labels — if a row follows soon.
      if (isSentence(lines[j])) break;
      let k = j + 1;
      while (k < lines.length && k <= j + MAX_TEXT_RUN && !isRowish(lines[k]) && !isSentence(lines[k]) && lines[k - 1].y - lines[k].y <= 3.5 * lines[k].size) k++;
      if (k < lines.length && k <= j + MAX_TEXT_RUN && isRowish(lines[k]) && lines[k - 1].y - lines[k].y <= 3.5 * lines[k].size) {
        last = k;
        rows++;
        j = k + 1;
        continue;
      }
      break;
    }
    if (rows >= 2) blocks.push({ from: i, to: last, headerFrom: i });
    i = last + 1;
  }
  return blocks;
}

/**
 * Lines just above a block that belong to it: label lines (流动资产：, an empty
 * first row) and, above them, header lines spread over the columns — no
 * sentence, no unit line.
 */
function headerStart(lines: PdfLine[], block: Block, cols: Column[], floor: number): { header: number; labels: number } {
  let h = block.from;
  const near = (a: PdfLine, b: PdfLine, f: number) => a.y - b.y <= f * Math.max(a.size, b.size);
  while (h - 1 > floor && block.from - (h - 1) <= MAX_TEXT_RUN) {
    const l = lines[h - 1];
    if (isSentence(l) || UNIT_LINE.test(lineText(l)) || !isLabelOnly(l, cols) || !near(l, lines[h], 2.2)) break;
    h--;
  }
  const labels = h;
  while (h - 1 > floor && labels - (h - 1) <= 4) {
    const l = lines[h - 1];
    if (isSentence(l) || UNIT_LINE.test(lineText(l)) || !near(l, lines[h], 3)) break;
    const inCols = l.segments.filter((s) => cols.some((c) => overlap(c, s) > 0)).length;
    if (!inCols) break;
    h--;
  }
  // Label lines with no header above are still the table's (the header was on the page before).
  return { header: h, labels };
}

/** One page's lines as filing text lines. */
export function layoutPage(lines: PdfLine[]): string[] {
  const out: string[] = [];
  const blocks = findBlocks(lines);
  let next = 0;
  let floor = -1;
  for (const b of blocks) {
    const rowLines = lines.slice(b.from, b.to + 1).filter(isRowish);
    const cols = columnsOf(rowLines);
    const above = headerStart(lines, b, cols, floor);
    b.headerFrom = above.header;
    for (; next < b.headerFrom; next++) out.push(escapeCell(lineText(lines[next])));
    for (let h = b.headerFrom; h < above.labels; h++) {
      const { label, cells } = cellsOf(lines[h], cols);
      out.push(pipeRow(label, cells));
    }
    b.from = above.labels;
    // The end of a label wrapped around the last row's figures (figures centred between two label lines).
    while (b.to + 1 < lines.length && isLabelOnly(lines[b.to + 1], cols) && !isSentence(lines[b.to + 1]) && lines[b.to].y - lines[b.to + 1].y <= 0.9 * lines[b.to].size && !labelOf(lines[b.to]))
      b.to++;
    out.push(...blockRows(lines, b, cols));
    next = b.to + 1;
    floor = b.to;
  }
  for (; next < lines.length; next++) out.push(escapeCell(lineText(lines[next])));
  return out;
}

interface Row {
  line: PdfLine;
  label: string;
  cells: string[];
  /** The row has figures (or is a label-only line that stands as a row of its own). */
  hasCells: boolean;
}

function blockRows(lines: PdfLine[], b: Block, cols: Column[]): string[] {
  const block = lines.slice(b.from, b.to + 1);
  // The row pitch: the distance between neighbouring rows with figures.
  const pitches: number[] = [];
  for (let i = 1; i < block.length; i++) if (isRowish(block[i]) && isRowish(block[i - 1])) pitches.push(block[i - 1].y - block[i].y);
  const size = median(block.map((l) => l.size));
  const pitch = pitches.length ? median(pitches) : 1.6 * size;
  // A wrapped line sits closer than a row pitch (and within about a line of text).
  const wrapGap = Math.min(0.8 * pitch, 1.45 * size);

  const rows: Row[] = block.map((line) => {
    const { label, cells } = cellsOf(line, cols);
    return { line, label, cells, hasCells: isRowish(line) };
  });
  const joined = new Array<boolean>(rows.length).fill(false);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    if (r.hasCells || !isLabelOnly(r.line, cols)) continue;
    const prev = i > 0 && !joined[i - 1] ? rows[i - 1] : undefined;
    const nextRow = i + 1 < rows.length ? rows[i + 1] : undefined;
    const dPrev = prev ? prev.line.y - r.line.y : Infinity;
    const dNext = nextRow ? r.line.y - nextRow.line.y : Infinity;
    // A row of figures without a label (the label wrapped around it, figures centred): this line is its label's start.
    if (nextRow && nextRow.hasCells && !nextRow.label && dNext <= wrapGap * 1.2) {
      nextRow.label = r.label;
      joined[i] = true;
      continue;
    }
    if (prev && prev.hasCells && dPrev <= wrapGap && dPrev <= dNext && r.line.segments[0].x0 >= (labelX(prev.line) ?? 0) - 0.5 * size) {
      prev.label += r.label;
      joined[i] = true;
      continue;
    }
    if (nextRow && nextRow.hasCells && dNext <= wrapGap) {
      nextRow.label = r.label + nextRow.label;
      joined[i] = true;
      continue;
    }
  }
  const out: string[] = [];
  rows.forEach((r, i) => {
    if (joined[i]) return;
    out.push(pipeRow(r.label, r.cells));
  });
  return out;
}

function labelX(line: PdfLine): number | undefined {
  const l = labelOf(line);
  return l?.x0;
}
