// One page's lines → filing text: runs of lines that carry figures become pipe
// rows (`label | v1 | v2 |`). Columns come from the geometry: the x-ranges of
// the figures (right-aligned, of different widths) overlap within a column and
// not across columns, so their union is the column — split again by right edges
// where one line has two figures in it; header words over no figure column make
// columns of their own (a column left empty in every row). Lines of a label
// wrapped in its cell sit closer together than the table's rows: such a chain of
// lines is one row, its label joined in reading order, its figures from the one
// line that has them (at the top, the bottom or centred between label lines).

import { lineText } from './lines';
import { PdfLine, Segment } from './types';

export interface Column {
  x0: number;
  x1: number;
}

const SENTENCE_END = /[。；;]$/;
const UNIT_LINE = /单位\s*[:：]|币种\s*[:：]|[□√☑■]\s*(?:不)?适用/;
const HEADING = /^(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]|第[一二三四五六七八九十]+[节章])/;
/** At most this many lines of text between two rows of one table (empty rows of a statement). */
const MAX_TEXT_RUN = 12;

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

interface LabelArea {
  left: number;
  /** The right end of the labels on lines without figures (-Infinity when there are none). */
  right: number;
  /** First segments that are notes in a column of their own (七、78 beside figures whose label wrapped). */
  notes: Set<Segment>;
}

const ANY_LABEL: LabelArea = { left: -Infinity, right: Infinity, notes: new Set() };

/** The label of a row: its first segment, unless that is a figure or a note of a column of its own. */
function labelOf(line: PdfLine, area: LabelArea = ANY_LABEL): Segment | undefined {
  const first = line.segments[0];
  if (!first || first.figure || area.notes.has(first)) return undefined;
  return first;
}

/**
 * Where the labels of a block lie: from the leftmost first segment to the right
 * end of label lines. A first segment right of that area is a note when another
 * line has text at the same place too (a centred 合计 alone stays a label).
 */
function labelAreaOf(lines: PdfLine[]): LabelArea {
  let left = Infinity;
  let right = -Infinity;
  for (const l of lines) {
    const first = l.segments[0];
    if (!first || first.figure) continue;
    left = Math.min(left, first.x0);
    if (!isRowish(l)) right = Math.max(right, first.x1);
  }
  const outside = (s: Segment) => s.x0 >= left + 6 * s.size && s.x1 > right + 0.5 * s.size;
  const notes = new Set<Segment>();
  for (const l of lines) {
    const first = l.segments[0];
    if (!first || first.figure || !isRowish(l) || !outside(first)) continue;
    const shared = lines.some((o) => o !== l && o.segments.some((s, i) => !s.figure && overlap(s, first) > 0 && (i > 0 || outside(s))));
    if (shared) notes.add(first);
  }
  return { left, right, notes };
}

/**
 * A union of figure ranges that holds two figures of one line is two columns
 * (a long figure reached into the next column's range): split it where the
 * right edges of its figures cluster.
 */
function splitByRightEdges(col: Column, figs: Segment[][]): Column[] {
  const inside = figs.map((line) => line.filter((s) => s.x0 >= col.x0 - 0.01 && s.x1 <= col.x1 + 0.01));
  if (!inside.some((l) => l.length > 1)) return [col];
  const all = inside.flat().sort((a, b) => a.x1 - b.x1);
  const groups: Segment[][] = [];
  for (const s of all) {
    const g = groups[groups.length - 1];
    if (g && s.x1 - g[g.length - 1].x1 <= 0.6 * s.size) g.push(s);
    else groups.push([s]);
  }
  return groups.map((g) => ({ x0: Math.min(...g.map((s) => s.x0)), x1: Math.max(...g.map((s) => s.x1)) }));
}

function figureColumns(rows: PdfLine[], area: LabelArea): Column[] {
  const figs: Segment[][] = rows.map((r) => r.segments.filter((s) => s.figure));
  const texts: Column[] = [];
  for (const r of rows) {
    const label = labelOf(r, area);
    for (const s of r.segments) if (s !== label && !s.figure) texts.push({ x0: s.x0, x1: s.x1 });
  }
  const cols = union(figs.flat().map((s) => ({ x0: s.x0, x1: s.x1 }))).flatMap((c) => splitByRightEdges(c, figs));
  // Text cells (a note column: 七、1, 11.7.3) make columns of their own where they overlap no figure column.
  const extra = union(texts.filter((t) => !cols.some((c) => overlap(c, t) > 0)));
  return [...cols, ...extra].sort((a, b) => a.x0 - b.x0);
}

function escapeCell(s: string): string {
  return s.replace(/\|/g, '｜');
}

/** Cells of a line under the columns; the label is the first segment when it lies left of the first column. */
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
    const leftOfColumns = s.x1 <= firstX - 0.5 * s.size || (best === 0 && s.x0 < firstX - 2 * s.size && !s.figure);
    if (best < 0 || (i === 0 && leftOfColumns)) {
      // (A second piece of label stands close to the first; one further off is a cell: 专业构成人数.)
      const closeToLabel = i > 0 && label.length > 0 && s.x0 - line.segments[i - 1].x1 < 2 * s.size;
      if (!s.figure && (i === 0 || closeToLabel) && leftOfColumns) {
        label.push(s.text);
        return;
      }
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
    if (best < 0) {
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

/** A short line of text that may be a row label (not a sentence, a unit line, a heading or header words). */
function isLabelLine(l: PdfLine): boolean {
  return !isRowish(l) && !isSentence(l) && !startsAnother(l) && l.segments.length <= 2 && !HEADING.test(l.segments[0]?.text ?? '');
}

/** A line that starts another table: a unit line, 适用, or header words over several columns without figures. */
function startsAnother(line: PdfLine): boolean {
  if (UNIT_LINE.test(lineText(line))) return true;
  return line.segments.length >= 3 && !line.segments.some((s) => s.figure);
}

interface Block {
  from: number;
  /** Inclusive. */
  to: number;
  rows: number;
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
    const near = (a: PdfLine, b: PdfLine) => a.y - b.y <= 3.5 * Math.max(a.size, b.size);
    while (j < lines.length) {
      if (!near(lines[last], lines[j]) && !near(lines[j - 1], lines[j])) break;
      if (isRowish(lines[j])) {
        last = j;
        rows++;
        j++;
        continue;
      }
      // Text between rows: section labels, empty rows, wrapped labels — if a row follows soon.
      const inner = (l: PdfLine) => !isRowish(l) && !isSentence(l) && !startsAnother(l);
      if (!inner(lines[j])) break;
      let k = j + 1;
      while (k < lines.length && k <= j + MAX_TEXT_RUN && inner(lines[k]) && near(lines[k - 1], lines[k])) k++;
      if (k < lines.length && k <= j + MAX_TEXT_RUN && isRowish(lines[k]) && near(lines[k - 1], lines[k])) {
        last = k;
        rows++;
        j = k + 1;
        continue;
      }
      break;
    }
    // Empty rows of a table that goes on on the next page: label lines down to the page's end.
    // (Only at the table's own row spacing: text under a table stands further off.)
    const gaps: number[] = [];
    for (let k = i + 1; k <= last; k++) gaps.push(lines[k - 1].y - lines[k].y);
    const rowGap = gaps.length ? median(gaps) : 1.6 * lines[i].size;
    let end = last;
    while (end + 1 < lines.length && end + 1 - last <= MAX_TEXT_RUN && isLabelLine(lines[end + 1]) && lines[end].y - lines[end + 1].y <= 1.25 * rowGap) end++;
    if (end === lines.length - 1) last = end;
    blocks.push({ from: i, to: last, rows });
    i = last + 1;
  }
  return blocks;
}

/**
 * Lines just above a block that belong to it: up to two label lines (流动资产：,
 * an empty first row) and, above them, header lines spread over the columns —
 * no sentence, no unit line, no heading.
 */
function headerStart(lines: PdfLine[], block: Block, cols: Column[], floor: number, continues: boolean): { header: number; labels: number } {
  let h = block.from;
  const near = (a: PdfLine, b: PdfLine, f: number) => a.y - b.y <= f * Math.max(a.size, b.size);
  // (A numbered line is a heading, unless it ends in a colon: 一、经营活动产生的现金流量：)
  const plain = (l: PdfLine) => !isSentence(l) && !UNIT_LINE.test(lineText(l)) && (!HEADING.test(l.segments[0]?.text ?? '') || /[:：]$/.test(lineText(l)));
  while (h - 1 > floor && block.from - (h - 1) <= 2) {
    const l = lines[h - 1];
    if (!plain(l) || !isLabelOnly(l, cols) || !near(l, lines[h], 2.2)) break;
    h--;
  }
  // A table going on from the page before: label lines from the page's top.
  // (When the page before ended in a table, numbered labels count too: （二）归属于少数股东的…)
  const labelLine = (l: PdfLine) => (continues ? !isRowish(l) && !isSentence(l) && !startsAnother(l) && l.segments.length <= 2 : isLabelLine(l));
  if (floor === -1 && h > 0 && h <= MAX_TEXT_RUN && lines.slice(0, h).every((l, k) => labelLine(l) && isLabelOnly(l, cols) && near(l, lines[k + 1], 2.2))) h = 0;
  const labels = h;
  while (h - 1 > floor && labels - (h - 1) <= 4) {
    const l = lines[h - 1];
    if (!plain(l) || !near(l, lines[h], 3)) break;
    const firstX = cols.length ? cols[0].x0 : Infinity;
    // Words over the columns (or right of the label area); not a title over the whole table.
    if (!l.segments.some((s) => cols.some((c) => overlap(c, s) > 0) || s.x0 >= firstX - 0.5 * s.size)) break;
    if (l.segments.length === 1 && cols.filter((c) => overlap(c, l.segments[0]) > 0).length !== 1) break;
    h--;
  }
  return { header: h, labels };
}

/** Header words over no column: columns of their own (left empty in every row below). */
function headerColumns(header: PdfLine[], cols: Column[], area: LabelArea): Column[] {
  const firstX = cols.length ? cols[0].x0 : Infinity;
  const labelRight = Number.isFinite(area.right) ? area.right : firstX - 2 * (header[0]?.size ?? 0);
  const extra: Column[] = [];
  for (const l of header)
    l.segments.forEach((s, i) => {
      if (i === 0 && s.x1 <= firstX) return;
      // Words over the label column (项目 in two pieces) are the label's.
      if (s.x0 <= labelRight) return;
      if (!cols.some((c) => overlap(c, s) > 0)) extra.push({ x0: s.x0, x1: s.x1 });
    });
  if (!extra.length) return cols;
  return [...cols, ...union(extra)].sort((a, b) => a.x0 - b.x0);
}

/** One page's lines as filing text lines. */
export function layoutPage(lines: PdfLine[]): string[] {
  return layoutPageIn(lines).text;
}

/**
 * One page's lines as filing text lines, given the columns of the table the page
 * before ended in, if it did (then label lines at this page's top are that
 * table's rows, and its columns are this page's first table's); gives the
 * columns of the table this page ends in.
 */
export function layoutPageIn(lines: PdfLine[], carried?: Column[]): { text: string[]; endColumns?: Column[] } {
  const continues = !!carried;
  const out: string[] = [];
  let endColumns: Column[] | undefined;
  const margins = textMargins(lines);
  const blocks = findBlocks(lines);
  let next = 0;
  let floor = -1;
  for (const b of blocks) {
    const blockLines = lines.slice(b.from, b.to + 1);
    const area = labelAreaOf(blockLines);
    let cols = figureColumns(blockLines.filter(isRowish), area);
    const above = headerStart(lines, b, cols, floor, continues);
    const header = lines.slice(above.header, above.labels);
    // A single row is a table only under a header of its own (a statement's first row at a page's foot).
    if (b.rows < 2 && !header.some((l) => l.segments.length >= 2)) continue;
    cols = headerColumns(header, cols, area);
    // The table of the page before, going on from this page's top: its columns too (one left empty on this page).
    if (carried && floor === -1 && above.header === 0 && !header.length && cols.every((c) => carried.some((p) => overlap(p, c) > 0)))
      cols = [...cols, ...carried.filter((p) => !cols.some((c) => overlap(p, c) > 0))].sort((a, b) => a.x0 - b.x0);
    out.push(...textLines(lines.slice(next, above.header), margins));
    next = above.header;
    out.push(...headerRows(header, cols));
    b.from = above.labels;
    // The end of a label wrapped around the last row's figures.
    while (b.to + 1 < lines.length && isLabelOnly(lines[b.to + 1], cols) && !isSentence(lines[b.to + 1]) && lines[b.to].y - lines[b.to + 1].y <= 0.9 * lines[b.to].size)
      b.to++;
    out.push(...blockRows(lines.slice(b.from, b.to + 1), cols));
    next = b.to + 1;
    floor = b.to;
    endColumns = b.to === lines.length - 1 ? cols : undefined;
  }
  out.push(...textLines(lines.slice(next), margins));
  return { text: out, endColumns };
}

/** Header lines; lines closer than a line of text (a centred cell of two lines) make one row. */
function headerRows(header: PdfLine[], cols: Column[]): string[] {
  const out: string[] = [];
  let stack: { label: string; cells: string[] } | undefined;
  header.forEach((l, i) => {
    const r = cellsOf(l, cols);
    const gap = i > 0 ? header[i - 1].y - l.y : Infinity;
    // Words wrapped within their cells (常州华森医疗器 / 械股份有限公司): every cell of this line goes on a cell of the line above.
    // (A line with a label of its own is a row of its own: 通用设备 under 房屋及建筑物.)
    const wrapped = !!stack && gap <= 1.45 * l.size && !r.label && r.cells.some((c) => c) && r.cells.every((c, k) => !c || stack!.cells[k]);
    if (stack && (gap < 0.9 * l.size || wrapped)) {
      stack.label += r.label;
      r.cells.forEach((c, k) => (stack!.cells[k] += c));
      return;
    }
    if (stack) out.push(pipeRow(stack.label, stack.cells));
    stack = r;
  });
  if (stack) out.push(pipeRow(stack.label, stack.cells));
  return out;
}

function blockRows(block: PdfLine[], cols: Column[]): string[] {
  // The row pitch: the distance between neighbouring rows with figures.
  const pitches: number[] = [];
  for (let i = 1; i < block.length; i++) if (isRowish(block[i]) && isRowish(block[i - 1])) pitches.push(block[i - 1].y - block[i].y);
  const size = median(block.map((l) => l.size));
  // Lines of one cell sit closer than a row pitch (and within about a line of text).
  const wrapGap = pitches.length ? Math.min(0.8 * median(pitches), 1.45 * size) : 1.2 * size;

  let labelRight = -Infinity;
  for (const l of block) {
    const lab = labelOf(l);
    if (lab && lab.x1 <= (cols[0]?.x0 ?? Infinity)) labelRight = Math.max(labelRight, lab.x1);
  }
  // Chains of lines closer than wrapGap, label-only lines and rows with figures only.
  const chains: PdfLine[][] = [];
  for (let i = 0; i < block.length; i++) {
    const l = block[i];
    const joinable = isRowish(l) || isLabelOnly(l, cols);
    const chain = chains[chains.length - 1];
    const prev = block[i - 1];
    const prevJoinable = prev && (isRowish(prev) || isLabelOnly(prev, cols));
    // A wrapped label goes back to the cell's left edge, left of the indented label it continues.
    // (The line it continues is full: its label reaches the right end of the label column.)
    const prevLabel = prev && labelOf(prev);
    const outdented =
      !!prevLabel &&
      isLabelOnly(l, cols) &&
      prevLabel.x1 >= labelRight - 1.5 * size &&
      l.segments[0].x0 < prevLabel.x0 - 0.5 * l.size &&
      l.segments[0].x0 > prevLabel.x0 - 3 * l.size &&
      prev.y - l.y <= 1.6 * size &&
      !/[:：]$/.test(lineText(l)) &&
      !HEADING.test(l.segments[0].text);
    if (chain && joinable && prevJoinable && (prev.y - l.y <= wrapGap || outdented)) chain.push(l);
    else chains.push([l]);
  }
  const out: string[] = [];
  for (const chain of chains) {
    const rowsIn = chain.filter(isRowish);
    if (rowsIn.length <= 1) {
      const main = rowsIn[0] ?? chain[0];
      const r = cellsOf(main, cols);
      r.label = chain.map((l) => (l === main ? r.label : cellsOf(l, cols).label)).join('');
      out.push(pipeRow(r.label, r.cells));
      continue;
    }
    // Rows closer than a wrapped line: each label line goes with the nearest row; one halfway
    // between two rows is a row of its own (an empty row of the table).
    const labels = new Map<PdfLine, string[]>(rowsIn.map((r) => [r, []]));
    const own = new Set<PdfLine>();
    for (const l of chain) {
      if (rowsIn.includes(l)) {
        labels.get(l)!.push(cellsOf(l, cols).label);
        continue;
      }
      const above = rowsIn.filter((r) => r.y > l.y).pop();
      const below = rowsIn.find((r) => r.y < l.y);
      const dA = above ? above.y - l.y : Infinity;
      const dB = below ? l.y - below.y : Infinity;
      if (Math.abs(dA - dB) < 0.1 * Math.min(dA, dB)) own.add(l);
      else labels.get(dA <= dB ? above! : below!)!.push(cellsOf(l, cols).label);
    }
    for (const l of chain) {
      if (own.has(l)) out.push(pipeRow(cellsOf(l, cols).label, cols.map(() => '')));
      else if (labels.has(l)) out.push(pipeRow(labels.get(l)!.join(''), cellsOf(l, cols).cells));
    }
  }
  return out;
}

interface Margins {
  left: number;
  right: number;
}

/** The page's text block: the left end of its lines and the right end of its full lines of text. */
function textMargins(lines: PdfLine[]): Margins {
  let left = Infinity;
  let right = -Infinity;
  for (const l of lines) {
    if (l.segments.length !== 1) continue;
    const s = l.segments[0];
    left = Math.min(left, s.x0);
    if (s.text.length >= 20) right = Math.max(right, s.x1);
  }
  return { left, right };
}

const ASCII_WORD_END = /[A-Za-z0-9]$/;
const ASCII_WORD_START = /^[A-Za-z0-9]/;

/**
 * Lines of text. A paragraph's lines are joined where a line runs to the right
 * margin and the next one starts at the left margin (a paragraph's first line
 * is indented, a heading is short): a sentence, a 详见附注 reference or a defined
 * term is not cut in two by the page's line breaks.
 */
function textLines(lines: PdfLine[], m: Margins): string[] {
  const out: string[] = [];
  let joinable = false;
  let prev: PdfLine | undefined;
  for (const l of lines) {
    const text = escapeCell(lineText(l));
    // (Words apart, 一、 and its text, but no figures standing apart: not a row of a table.)
    const single = !isRowish(l);
    const first = l.segments[0];
    const lastSeg = l.segments[l.segments.length - 1];
    if (
      joinable &&
      prev &&
      single &&
      Math.abs(l.size - prev.size) < 0.5 &&
      prev.y - l.y <= 1.8 * l.size &&
      first.x0 <= m.left + 2.5 * l.size &&
      !HEADING.test(first.text)
    ) {
      const last = out[out.length - 1];
      out[out.length - 1] = last + (ASCII_WORD_END.test(last) && ASCII_WORD_START.test(text) ? ' ' : '') + text;
    } else out.push(text);
    // This line runs on into the next when it fills the line to the right margin.
    joinable = single && Number.isFinite(m.right) && lastSeg.x1 >= m.right - 1.2 * l.size && !SENTENCE_END.test(lastSeg.text);
    prev = l;
  }
  return out;
}
