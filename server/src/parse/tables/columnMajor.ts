// Column-major text (pdftotext without -layout, pdfminer): a table written column by column. The
// labels of a stretch come as one run of lines, each column's values as another run of lines, one
// value a line, the column's title just above its run:
//
//   期末余额            库存现金           期初余额
//   94,489.12          银行存款           60,005.25
//   298,404,901.47     其他货币资金       600,398,398.65
//   49,181,586.72      合计               19,991,148.22
//   347,680,977.31                       620,449,552.12
//
// (three runs, one after the other in the text). An empty cell leaves no trace in such a run, and
// the extraction may run the values of two columns into one run where an empty cell leaves a gap. So
// a run is a column only where it holds exactly as many values as there are labels — then no cell of
// it is empty and every value stands in the row of its place — and a table is made only where the
// arithmetic shows that the labels are its rows: in one of its columns at least the last row (the
// 合计 the labels end with) is the sum of the rows above it. A run of any other length is left out
// (its cells cannot be placed for certain); a table none of whose columns adds up is not made.
//
// Cheap rejection: a stretch is looked at only where a line of a few characters ends in 合计/总计/小计.

import { Cell } from '../../model/types';
import { isSubtractLabel, makeCell } from '../cells';
import { AddTable, isContent, MAX_LABEL, RawRow, TableContext } from './context';
import { AMOUNT, trimmedEnd, trimmedStart } from '../text';

/** A value alone on its line: an amount with grouping or decimals, in parentheses or signed. */
const VALUE_LINE = /^[-(（]?\d{1,3}(?:,\d{3})*(?:\.\d{1,4})?[)）]?$|^-?\d+\.\d{1,4}$/;
/** A nil mark alone on its line (an empty cell the extraction kept). */
const NIL_LINE = /^[-—–/／]$/;
/** A label that closes its rows: the anchor of a table. */
const TOTAL_LABEL = /(?:合\s*计|总\s*计)$/;
/** Words that title the label column (dropped from the top of the label run). */
const LABEL_TITLE = /^(?:项\s*目|名\s*称|类\s*别|类\s*型|种\s*类|账\s*龄|单位名称|(?:具体)?项目名称|款项性质|性\s*质|关联方|被投资单位|客户名称|供应商名称)$/;
/** Lines that are not labels and end a label run upwards: choices, units, notes, numbered headings. */
const NOT_LABEL = /[√□]\s*不?适用|单位\s*[:：]|币种|说明|^\d+\s*[、.．]\s*\S|^[(（]\d+[)）]|[。；]$/;
/** A numbered item: 1、基本养老保险, 2. 失业保险费. */
const NUMBERED_ITEM = /^\d+\s*[、.．]\s*\S/;
/** Lines that bound a table's stretch: numbered headings (1、 (1) 十一、 第三节). */
const STRETCH_END = /^\d+\s*[、.．]\s*\S|^[(（][\d一二三四五六七八九十]+[)）]|^[一二三四五六七八九十]{1,3}\s*[、.．]|^第[一二三四五六七八九十]+节/;

/** Words of a column title (期初余额, 本期发生额, 账面余额, 2023 年金额 …). */
const COLUMN_TITLE = /余额|发生额|金额|期末|期初|本期|上期|年初|年末|本年|上年|账面|(?:19|20)\d\d\s*年/;

const MAX_LABELS = 60;
const WINDOW_UP = 60;
const WINDOW_DOWN = 120;

const enum Kind {
  Other = 0,
  Blank = 1,
  Value = 2,
  Nil = 3,
  Text = 4,
}

export function findColumnMajorTables(ctx: TableContext, add: AddTable) {
  const from = ctx.from ?? 0;
  const to = ctx.to ?? ctx.lines.length;
  // Cheap rejection: the anchors are short lines ending in 计.
  let anchors: number[] | undefined;
  for (let i = from; i < to; i++) {
    const t = ctx.lines[i].text;
    if (t.length === 0 || t.length > MAX_LABEL) continue;
    const end = trimmedEnd(t);
    if (end === 0 || end > 40 || t.charCodeAt(end - 1) !== 0x8ba1 /* 计 */) continue;
    (anchors ??= []).push(i);
  }
  if (!anchors) return;
  const kinds = new Uint8Array(to - from);
  const kindOf = (i: number): Kind => {
    const k = kinds[i - from];
    if (k) return k - 1;
    const v = classify(ctx, i);
    kinds[i - from] = v + 1;
    return v;
  };
  const used = new Uint8Array(to - from);
  for (const a of anchors) {
    if (ctx.claimed[a] || used[a - from] || kindOf(a) !== Kind.Text) continue;
    if (!TOTAL_LABEL.test(ctx.lines[a].text.trim())) continue;
    const rows = readTable(ctx, a, from, to, kindOf, used);
    if (rows) add('columnMajor', rows);
  }
}

function classify(ctx: TableContext, i: number): Kind {
  if (!isContent(ctx, i)) return ctx.furniture.has(i) ? Kind.Other : Kind.Blank;
  if (ctx.claimed[i]) return Kind.Other;
  const t = ctx.lines[i].text;
  const s = trimmedStart(t);
  const e = trimmedEnd(t);
  if (e - s > MAX_LABEL) return Kind.Other;
  const body = s === 0 && e === t.length ? t : t.slice(s, e);
  if (VALUE_LINE.test(body)) return (body.includes(',') || body.includes('.')) ? Kind.Value : Kind.Other;
  if (NIL_LINE.test(body)) return Kind.Nil;
  if (AMOUNT.test(body)) return Kind.Other;
  return Kind.Text;
}

interface Run {
  first: number;
  last: number;
  lines: number[];
}

function readTable(
  ctx: TableContext,
  anchor: number,
  from: number,
  to: number,
  kindOf: (i: number) => Kind,
  used: Uint8Array,
): RawRow[] | undefined {
  const text = (i: number) => ctx.lines[i].text.trim();
  // The label run: the text lines above the anchor, up to a line that is no label.
  let top = anchor;
  const label = (i: number) => i >= from && anchor - i <= MAX_LABELS && kindOf(i) === Kind.Text && !used[i - from];
  while (label(top - 1) && !NOT_LABEL.test(text(top - 1))) top--;
  // Numbered items (1、基本养老保险 / 2、失业保险费) are labels where they run up to the title of the
  // label column (项目), not headings.
  let item = top;
  while (label(item - 1) && NUMBERED_ITEM.test(text(item - 1))) item--;
  if (item < top && label(item - 1) && LABEL_TITLE.test(text(item - 1))) top = item;
  // A title of the label column (项目, 名称 …) starts the labels: what stands above it is a caption.
  for (let i = anchor - 1; i >= top; i--) {
    if (LABEL_TITLE.test(text(i))) {
      top = i + 1;
      break;
    }
  }
  // The labels: one a line, but a line of a single character ends the label above it (a name wrapped
  // in a narrow column: 常州华森医疗器械有限公 / 司).
  const labels: Label[] = [];
  for (let i = top; i <= anchor; i++) {
    const l = trimmedLine(ctx, i);
    const prev = labels[labels.length - 1];
    if (prev && l.text.length === 1 && i < anchor) {
      prev.text += l.text;
      prev.end = l.end;
      prev.lastLine = i;
    } else labels.push({ ...l, line: i, lastLine: i });
  }
  const n = labels.length;
  if (n < 2) return undefined;
  // A label run stands apart from the values: one right above it or right below its total is a row of a
  // row-major table (label, value, label, value …), not a column's label.
  const touches = (i: number) => i >= from && i < to && (kindOf(i) === Kind.Value || kindOf(i) === Kind.Nil);
  if (touches(top - 1) || touches(anchor + 1)) return undefined;
  // The stretch: up to the numbered headings around it, another total label, lines already read.
  const bound = (i: number) => ctx.claimed[i] || used[i - from] || (kindOf(i) === Kind.Text && (STRETCH_END.test(text(i)) || TOTAL_LABEL.test(text(i))));
  let lo = top;
  while (lo - 1 >= from && top - lo < WINDOW_UP && !bound(lo - 1)) lo--;
  let hi = anchor;
  while (hi + 1 < to && hi - anchor < WINDOW_DOWN && !bound(hi + 1)) hi++;
  // The runs of values, in the order of the text (the columns from left to right).
  const runs: Run[] = [];
  // Runs of another length that are not a column of their own adding up (its empty cells vanished): values
  // whose place is unknown, which a run of the right length may have been made of. Counted from the title
  // of the label column (项目) on where one stands above the labels: what is above it is another table's.
  let strays = 0;
  let own = lo;
  for (let i = top - 1; i >= lo; i--) {
    if (kindOf(i) === Kind.Text && LABEL_TITLE.test(text(i))) {
      own = i;
      break;
    }
  }
  for (let i = lo; i <= hi; i++) {
    if (i >= top && i <= anchor) continue;
    const k = kindOf(i);
    if (k !== Kind.Value && k !== Kind.Nil) continue;
    const lines: number[] = [];
    let figures = 0;
    let j = i;
    for (; j <= hi && !(j >= top && j <= anchor); j++) {
      const kj = kindOf(j);
      if (kj !== Kind.Value && kj !== Kind.Nil) break;
      if (kj === Kind.Value) figures++;
      lines.push(j);
    }
    // A run closes a block of the extraction: a label right under it starts the next row of a row-major
    // stream (label, its values, label …), whose values happen to be as many as the labels above.
    // Then the whole stretch is such a stream.
    const next = j < to ? kindOf(j) : Kind.Blank;
    if (next === Kind.Text && figures > 0 && lines.length === n) return undefined;
    if (lines.length === n && figures > 0) runs.push({ first: i, last: j - 1, lines });
    else if (figures > 0 && i > own && !closes(lines.map((l) => lineCell(ctx, l)), [])) strays++;
    i = j;
  }
  const subtract = labels.map((l) => isSubtractLabel(l.text));
  let columns: Cell[][];
  let titles: Cell[];
  let read: number[];
  if (runs.length) {
    columns = runs.map((r) => r.lines.map((l) => lineCell(ctx, l)));
    // A column of small values that does not add up is a rate (计提比例, 占比), whatever title it was given.
    const keep = columns.map((c) => closes(c, subtract) || !smallValues(c));
    const kept = runs.filter((_, k) => keep[k]);
    columns = columns.filter((_, k) => keep[k]);
    titles = kept.map((r) => runTitle(ctx, r.first, lo, top, anchor, kindOf));
    // The labels are the table's rows where some column adds up under them, or where the layout says so
    // itself: the table's one column stands right under its own title (期末余额, 本期发生额 …) and holds
    // as many values as there are labels, and no other values stand in the stretch but columns that add
    // up by themselves — a figure misprinted in the only column of a table is still read. Several
    // columns none of which adds up point to runs taken from the wrong places.
    read = runs.flatMap((r) => r.lines);
    if (!columns.some((cells) => closes(cells, subtract))) {
      const cont = continuedPage(ctx, lo, top, runs, kindOf);
      if (cont) {
        labels.unshift(...cont.labels);
        const sub = labels.map((l) => isSubtractLabel(l.text));
        const keepCont = cont.columns.map((c) => !!c && (closes(c, sub) || !smallValues(c)));
        if (!cont.columns.some((c) => c && closes(c, sub))) return undefined;
        columns = cont.columns.filter((_, k) => keepCont[k]) as Cell[][];
        const paired = runs.filter((_, k) => keepCont[k]);
        titles = cont.titles.filter((_, k) => keepCont[k]);
        read = [...cont.read, ...paired.flatMap((r) => r.lines)];
        for (const l of cont.labels) for (let i = l.line; i <= l.lastLine; i++) used[i - from] = 1;
      } else if (columns.length !== 1 || strays > 0 || !COLUMN_TITLE.test(titles[0].text)) return undefined;
    }
  } else {
    const single = singleCells(ctx, anchor, hi, n, kindOf, subtract);
    if (!single) return undefined;
    ({ columns, read } = single);
    titles = columns.map(() => ({ start: ctx.lines[anchor].end, end: ctx.lines[anchor].end, text: '' }));
  }

  const out: RawRow[] = [];
  const first = Math.min(labels[0].line, ...read);
  const last = Math.max(anchor, ...read);
  // The table's range covers its runs as well as its labels: the header row starts at the first line read.
  const at = ctx.lines[first].start;
  out.push({ label: '', labelRange: { start: at, end: at }, cells: titles, line: first, lastLine: first, header: true, start: at, end: at });
  for (let r = 0; r < labels.length; r++) {
    const l = labels[r];
    const cells = columns.map((c) => c[r]);
    out.push({
      label: l.text,
      labelRange: { start: l.start, end: l.end },
      cells,
      line: l.line,
      lastLine: l.lastLine,
      header: false,
      start: l.start,
      end: l.end,
    });
  }
  out[out.length - 1].end = Math.max(out[out.length - 1].end, ctx.lines[last].end);
  // The lines read are used, and the runs claimed here: the rows claim only their label lines.
  for (const l of read) used[l - from] = ctx.claimed[l] = 1;
  for (let i = top; i <= anchor; i++) used[i - from] = 1;
  return out;
}

type Label = { text: string; start: number; end: number; line: number; lastLine: number };

/**
 * The rows of a table that a page break cut: on the page before, its first labels (under 项目) and
 * each column's run for them; on this page, the rest of the labels with the total, and a run of as
 * many values for each column. Each column is its run from the page before followed by its run here,
 * paired in the order of the text; a column whose run on the page before is not as long as the labels
 * there (an empty cell vanished) is left out (undefined). Undefined where the two pages do not pair.
 * (The columns are those of the first runs of this page, one for each run of the page before.)
 */
function continuedPage(
  ctx: TableContext,
  lo: number,
  top: number,
  runs: Run[],
  kindOf: (i: number) => Kind,
): { labels: Label[]; columns: (Cell[] | undefined)[]; titles: Cell[]; read: number[] } | undefined {
  const text = (i: number) => ctx.lines[i].text.trim();
  // The page break: the last furniture line above this page's labels, with only this page's column
  // runs, titles, unit lines and blanks between.
  let brk = -1;
  for (let i = top - 1; i >= lo; i--) {
    if (ctx.furniture.has(i)) {
      brk = i;
      break;
    }
  }
  if (brk < 0 || runs.some((r) => r.first < brk)) return undefined;
  // The labels of the page before: the nearest run of label lines above the break, past the values, the
  // column titles and unit lines that stand between.
  let end = brk - 1;
  for (; end >= lo; end--) {
    const k = kindOf(end);
    if (k !== Kind.Text) continue;
    const t = text(end);
    if (COLUMN_TITLE.test(t) || NOT_LABEL.test(t)) continue;
    break;
  }
  let start = end;
  while (start - 1 >= lo && kindOf(start - 1) === Kind.Text && !NOT_LABEL.test(text(start - 1)) && !LABEL_TITLE.test(text(start - 1))) start--;
  if (end < lo || start < lo) return undefined;
  // Under the title of the label column, or at the top of the stretch.
  if (!(start - 1 < lo || LABEL_TITLE.test(text(start - 1)))) return undefined;
  const labels: Label[] = [];
  for (let i = start; i <= end; i++) {
    const l = trimmedLine(ctx, i);
    if (COLUMN_TITLE.test(l.text) && !LABEL_TITLE.test(l.text)) return undefined;
    labels.push({ ...l, line: i, lastLine: i });
  }
  // The runs of the page before, between its labels and the break: one for each column of this page.
  const before: number[][] = [];
  for (let i = end + 1; i < brk; i++) {
    const k = kindOf(i);
    if (k !== Kind.Value && k !== Kind.Nil) continue;
    const lines: number[] = [];
    for (; i < brk && (kindOf(i) === Kind.Value || kindOf(i) === Kind.Nil); i++) lines.push(i);
    if (lines.length > labels.length) return undefined;
    before.push(lines);
  }
  // This page's runs pair with those in order; runs after them belong to what follows the table.
  if (!before.length || before.length > runs.length) return undefined;
  const columns = runs.slice(0, before.length).map((r, k) => (before[k].length === labels.length ? [...before[k], ...r.lines].map((l) => lineCell(ctx, l)) : undefined));
  if (!columns.some((c) => c)) return undefined;
  // Each column's title stands over its run on the page before (this page's runs stand under the labels).
  const titles = before.map((b) => runTitle(ctx, b[0], lo, start, end, kindOf));
  return { labels, columns, titles, read: before.filter((b) => b.length === labels.length).flat() };
}

/** A line without its surrounding white space, with its offsets. */
function trimmedLine(ctx: TableContext, i: number): { text: string; start: number; end: number } {
  const line = ctx.lines[i];
  const s = trimmedStart(line.text);
  const e = trimmedEnd(line.text);
  return { text: line.text.slice(s, e), start: line.start + s, end: line.start + e };
}

function lineCell(ctx: TableContext, i: number): Cell {
  const l = trimmedLine(ctx, i);
  return makeCell(l.text, l.start);
}

/**
 * Whether the last cell is the sum of the cells above it: a row labelled 减： subtracted, or added where
 * the filing writes the deduction as a negative figure.
 */
function closes(cells: Cell[], subtract: boolean[]): boolean {
  const total = cells[cells.length - 1].figure;
  if (!total) return false;
  let sum = 0;
  let deducted = 0;
  let tol = 0.5 * 10 ** -total.decimals;
  for (let i = 0; i < cells.length - 1; i++) {
    const f = cells[i].figure;
    if (!f) continue;
    sum += f.value;
    if (subtract[i]) deducted += f.value;
    tol += 0.5 * 10 ** -f.decimals;
  }
  if (deducted !== 0 && Math.abs(sum - 2 * deducted - total.value) <= tol + 1e-9) return true;
  return Math.abs(sum - total.value) <= tol + 1e-9;
}

/** A column's title: the text line just above its run (blank lines skipped), not a label, unit or choice. */
function runTitle(ctx: TableContext, first: number, lo: number, top: number, anchor: number, kindOf: (i: number) => Kind): Cell {
  for (let i = first - 1, seen = 0; i >= lo && seen < 2; i--) {
    const k = kindOf(i);
    if (k === Kind.Blank || (k === Kind.Other && ctx.furniture.has(i))) continue;
    seen++;
    if (k !== Kind.Text || (i >= top && i <= anchor)) break;
    const t = ctx.lines[i].text.trim();
    if (NOT_LABEL.test(t) || TOTAL_LABEL.test(t)) continue;
    return lineCell(ctx, i);
  }
  return { start: ctx.lines[first].start, end: ctx.lines[first].start, text: '' };
}

/**
 * Values one to a run after the labels (each cell its own block: label, label, …, value, blank, value …):
 * as many as labels times columns. They are read row by row or column by column, whichever order the
 * arithmetic shows — some column's total is the sum of its rows under that order and under no column
 * of the other — and not at all where it does not tell.
 */
function singleCells(ctx: TableContext, anchor: number, hi: number, n: number, kindOf: (i: number) => Kind, subtract: boolean[]): { columns: Cell[][]; read: number[] } | undefined {
  const read: number[] = [];
  let ended = false;
  for (let i = anchor + 1; i <= hi; i++) {
    const k = kindOf(i);
    if (k === Kind.Value || k === Kind.Nil) {
      // Only cells standing alone: a run of several values is another layout. Between the cells only
      // column titles: values after a label make the text row-major (label, its cells, label …).
      if (ended || (read.length && read[read.length - 1] === i - 1)) return undefined;
      read.push(i);
    } else if (k === Kind.Other && !ctx.furniture.has(i)) break;
    else if (k === Kind.Text && read.length && !COLUMN_TITLE.test(ctx.lines[i].text)) ended = true;
  }
  const k = read.length / n;
  if (!Number.isInteger(k) || k < 1 || k > 6) return undefined;
  const cells = read.map((l) => lineCell(ctx, l));
  const byRow = Array.from({ length: k }, (_, c) => Array.from({ length: n }, (_, r) => cells[r * k + c]));
  const byColumn = Array.from({ length: k }, (_, c) => cells.slice(c * n, c * n + n));
  const rowScore = byRow.filter((c) => closes(c, subtract)).length;
  const columnScore = k === 1 ? rowScore : byColumn.filter((c) => closes(c, subtract)).length;
  if (rowScore > 0 && columnScore === 0) return { columns: byRow, read };
  if (columnScore > 0 && rowScore === 0) return { columns: byColumn, read };
  if (k === 1 && rowScore > 0) return { columns: byRow, read };
  return undefined;
}

/** Whether every figure of the column is at most 100 (rates and shares, not amounts). */
function smallValues(cells: Cell[]): boolean {
  return cells.every((c) => !c.figure || Math.abs(c.figure.value) <= 100);
}
