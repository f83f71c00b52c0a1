// Explicit grids — list rows, HTML tables, Markdown tables — read into rows the same way: header
// rows (the rows before the first figure; a title merged over columns titles each column under it),
// leading label columns (产品类别 | 产品品类 | amounts …), band rows that head a group, stacked values
// split into sub-rows where a label stacks as many labels, and a table cut where its header comes again
// without a page break.

import { Cell, TableLayout } from '../../model/types';
import { figureOfCell, makeCell, periodsIn } from '../cells';
import { isEmptyCellText, splitGlued } from '../numbers';
import { AddTable, RawRow, TableContext } from './context';
import { hasNonSpace } from '../text';

/** One cell of a grid: its text and where its content stands in the document. */
export interface GridCell {
  text: string;
  start: number;
  end: number;
  /** The text is not the source slice (escapes, entities, markup inside): no figure offsets from it. */
  escaped: boolean;
}

/** One row of a grid: its cells, its line, and its range in the document. */
export interface GridRow {
  line: number;
  start: number;
  end: number;
  items: GridCell[];
}

function itemCell(item: GridCell): Cell {
  if (!item.escaped) return makeCell(item.text, item.start);
  return { start: item.start, end: item.end, text: item.text.trim(), figure: undefined };
}

/** A cell that holds only digits, separators, signs and percent marks, but not one figure: stacked values. */
const GLUED_VALUES = /^[\d,.%\-—–()（）]+$/;
const DIGIT_RUN = /\d/;
/** Figures side by side in one cell, with white space between them. */
const SPACED_VALUES = /^[\d,.%\-—–()（）]*\d[\d,.%\-—–()（）]*(?:\s+[\d,.%\-—–()（）]*\d[\d,.%\-—–()（）]*)+$/;

/** Whether a text can start a figure (a digit, a sign, a parenthesis): the cheap test before the patterns. */
function startsLikeFigure(text: string): boolean {
  const c = text.charCodeAt(0);
  return (c >= 48 && c <= 57) || c === 45 || c === 40 || c === 0xff08 || c === 0x2014 || c === 0x2013;
}

/** Figures side by side in one cell, with white space between them (a line break in HTML). */
function spacedValues(text: string): boolean {
  return text.length < 200 && startsLikeFigure(text) && SPACED_VALUES.test(text);
}

function isStacked(text: string): boolean {
  if (!startsLikeFigure(text)) return false;
  return text.length >= 3 && GLUED_VALUES.test(text) && DIGIT_RUN.test(text) && !isEmptyCellText(text) && !figureOfCell(text, 0);
}

/** A bare whole number without grouping (a row number, 序号). */
const BARE_INTEGER = /^\d+$/;

/** How many leading cells of the rows are label text (产品类别 | 产品品类 | amounts …): at least one. */
function labelColumns(rows: GridRow[]): number {
  let width = 0;
  for (const r of rows) width = Math.max(width, r.items.length);
  let k = 1;
  for (; k < width - 1; k++) {
    let text = false;
    let figure = false;
    for (const r of rows) {
      const it = r.items[k];
      if (!it) continue;
      const t = it.text.trim();
      if (!t || isEmptyCellText(t)) continue;
      if (BARE_INTEGER.test(t)) continue;
      if (figureOfCell(t, 0) || isStacked(t) || spacedValues(t)) {
        figure = true;
        break;
      }
      text = true;
    }
    if (figure || !text) break;
  }
  return k;
}

/** Row numbers glued together, with a total word after them: 12345合计, 5合计, 1234. */
const ROW_NUMBERS = /^(\d+?)(合\s*计|小\s*计|总\s*计)?$/;
/** The last word of a label when it is Latin letters (MOSFET), to split stacked labels on. */
const LATIN_TAIL = /[A-Za-z]{2,}$/;
const LATIN_LETTER = /[A-Za-z]/;

/** A label cell read as `n` stacked labels, with their offsets, or undefined. */
export function stackedLabels(item: GridCell, n: number): { text: string; start: number }[] | undefined {
  if (item.escaped || n < 2) return undefined;
  const t = item.text;
  const m = ROW_NUMBERS.exec(t);
  if (m) {
    // Consecutive row numbers k, k+1, …, then the total word.
    const digits = m[1];
    const count = digits.length + (m[2] ? 1 : 0);
    if (count !== n) return undefined;
    for (let i = 1; i < digits.length; i++) if (digits.charCodeAt(i) !== digits.charCodeAt(i - 1) + 1) return undefined;
    const parts = Array.from(digits, (d, i) => ({ text: d, start: item.start + i }));
    if (m[2]) parts.push({ text: m[2], start: item.start + digits.length });
    return parts;
  }
  const tail = LATIN_TAIL.exec(t);
  if (!tail) return undefined;
  const word = tail[0];
  const parts: { text: string; start: number }[] = [];
  let from = 0;
  for (let at = t.indexOf(word); at >= 0; at = t.indexOf(word, at + word.length)) {
    const endOfPart = at + word.length;
    // A part is more than the word itself (中低压屏蔽栅MOSFET), and the word ends there.
    if (endOfPart < t.length && LATIN_LETTER.test(t[endOfPart])) continue;
    parts.push({ text: t.slice(from, endOfPart), start: item.start + from });
    from = endOfPart;
  }
  if (parts.length !== n || parts.some((p) => p.text.trim().length <= word.length)) return undefined;
  return parts;
}

function labelOf(items: GridCell[], k: number): { label: string; start: number; end: number } {
  let label = '';
  let start = -1;
  let end = -1;
  for (let i = 0; i < k && i < items.length; i++) {
    const t = items[i].text.trim();
    if (!t) continue;
    label = label ? label + ' ' + t : t;
    if (start < 0) start = items[i].start + items[i].text.indexOf(t);
    end = items[i].escaped ? items[i].end : items[i].start + items[i].text.indexOf(t) + t.length;
  }
  if (start < 0) start = end = items[0]?.start ?? 0;
  return { label, start, end };
}

/** A grid line as a row: its first k items make the label, the rest are its cells. */
function rawRow(l: GridRow, k: number, header: boolean, cells: Cell[]): RawRow {
  const lab = labelOf(l.items, k);
  return { label: lab.label, labelRange: { start: lab.start, end: lab.end }, cells, line: l.line, lastLine: l.line, start: l.start, end: l.end, header };
}

/** The rows of one grid row: one row, or its stacked sub-rows. */
function rowsOf(l: GridRow, k: number): RawRow[] {
  const { items } = l;
  const row = rawRow(l, k, false, items.slice(k).map(itemCell));
  const { cells } = row;
  // Values stacked with spaces or line breaks between them (<td>23,917.46<br>8,006.71</td>): which sub-row
  // each belongs to is not marked, so the row is uncertain (a number with a stray space, '1 00.00%', is one figure).
  if (cells.some((c) => !c.figure && spacedValues(c.text) && !figureOfCell(c.text.replace(SPACE_RUN, ''), 0))) return [{ ...row, uncertain: true }];
  const stackedAt = cells.map((c, i) => (!c.figure && isStacked(c.text) ? i : -1)).filter((i) => i >= 0);
  if (!stackedAt.length) return [row];
  // Every value cell of the row must stack the same number of values, read one way only.
  const splits = new Map<number, { raw: string; start: number }[]>();
  let n = 0;
  for (const i of stackedAt) {
    const item = items[k + i];
    const s = splitGlued(item.text);
    if (!s || s.ambiguous || s.tokens.length < 2 || (n && s.tokens.length !== n)) return [{ ...row, uncertain: true }];
    n = s.tokens.length;
    splits.set(i, s.tokens.map((tok) => ({ raw: tok.raw, start: item.start + tok.start })));
  }
  // Other cells may be text (a column of names) or empty, never a single figure.
  if (cells.some((c, i) => !splits.has(i) && DIGIT_RUN.test(c.text))) return [{ ...row, uncertain: true }];
  let labels: { text: string; start: number }[] | undefined;
  for (let i = 0; i < k && !labels; i++) labels = stackedLabels(items[i], n);
  if (!labels) return [{ ...row, uncertain: true }];
  return labels.map((p, s) => {
    const subCells = cells.map((c, i) => {
      const tok = splits.get(i)?.[s];
      return tok ? makeCell(tok.raw, tok.start) : { start: c.start, end: c.start, text: '' };
    });
    const text = p.text.trim();
    const labelStart = p.start + p.text.indexOf(text);
    const ends = subCells.filter((c) => c.text).map((c) => c.end);
    return {
      label: text,
      labelRange: { start: labelStart, end: labelStart + text.length },
      cells: subCells,
      line: l.line,
      lastLine: l.line,
      start: labelStart,
      end: ends.length ? Math.max(...ends) : labelStart + text.length,
      header: false,
    };
  });
}

export function hasFigure(items: GridCell[], k: number): boolean {
  for (let i = k; i < items.length; i++) {
    const t = items[i].text;
    if ((!items[i].escaped && figureOfCell(t, 0)) || isStacked(t.trim()) || spacedValues(t.trim())) return true;
  }
  return false;
}

function sameItems(a: GridRow, b: GridRow): boolean {
  if (a.items.length !== b.items.length) return false;
  for (let i = 0; i < a.items.length; i++) if (a.items[i].text.trim() !== b.items[i].text.trim()) return false;
  return true;
}

const allEmpty = (items: GridCell[]) => items.every((it, i) => i === 0 || it.text.trim() === '');

/** Leading header rows: the rows before the first figure, up to the last of them with text in its cells (at most 4). */
function headerCount(block: GridRow[]): number {
  let h = 0;
  for (let i = 0; i < block.length && i < 4 && !hasFigure(block[i].items, 1); i++) if (!allEmpty(block[i].items)) h = i + 1;
  return h;
}

/**
 * A block of list lines cut into tables: where the header rows come again without a page break before them
 * (a table of several blocks, each under its own title and header: 2021年6月30日 / 岗位类别 | 人数 | 比例 …).
 */
function splitBlock(block: GridRow[], ctx: TableContext): GridRow[][] {
  const out: GridRow[][] = [];
  let from = 0;
  for (;;) {
    const part = block.slice(from);
    const h = headerCount(part);
    let cut = -1;
    if (h > 0) {
      for (let i = h; i < part.length && cut < 0; i++) {
        if (!sameItems(part[i], part[h - 1])) continue;
        const top = i - (h - 1);
        if (top <= h - 1) continue;
        let titled = true;
        for (let q = top; q < i; q++) if (hasFigure(part[q].items, 1)) titled = false;
        if (titled && !pageBreakBetween(ctx, part[top].line, part[top - 1].line)) cut = top;
      }
    }
    // A title row that states a unit (主要财务数据：…(单位：万元), its other cells empty) over a header row starts a table.
    for (let i = 1; i + 1 < part.length && (cut < 0 || i < cut); i++) {
      if (UNIT_TITLE.test(part[i].items[0]?.text ?? '') && allEmpty(part[i].items) && !hasFigure(part[i + 1].items, 0) && part[i + 1].items.filter((it) => it.text.trim()).length >= 2) {
        cut = i;
        break;
      }
    }
    if (cut < 0) {
      out.push(part);
      return out;
    }
    out.push(part.slice(0, cut));
    from += cut;
  }
}

const UNIT_TITLE = /单位\s*[:：为]/;

/** Whether a page break stands between two rows: page furniture, or any line the front end let a table go on over. */
function pageBreakBetween(ctx: TableContext, line: number, previous: number): boolean {
  for (let i = previous + 1; i < line; i++) if (ctx.furniture.has(i) || hasNonSpace(ctx.lines[i].text)) return true;
  return false;
}

/** Enumerators and colons around a band label: 一、经营活动产生的现金流量, 流动资产： */
const BAND_AFFIX = /^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+[.．、])|[:：]$/g;
const SPACE_RUN = /\s+/g;

/**
 * Band rows: a label with every cell present and empty, named again by a later row of the table
 * (流动资产 … 流动资产合计; 二、投资活动产生的现金流量 … 投资活动产生的现金流量净额).
 */
function markBands(rows: RawRow[]) {
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    if (r.header || !r.cells.length || r.cells.some((c) => c.text !== '') || r.uncertain) continue;
    const name = r.label.replace(SPACE_RUN, '').replace(BAND_AFFIX, '');
    if (name.length < 3) continue;
    // A period heading the block below it (2020年12月31日, then its rows and their 合计).
    const p = periodsIn(name);
    if (p.length === 1 && p[0].text.length === name.length && i > 0) {
      r.band = true;
      continue;
    }
    for (let j = i + 2; j < rows.length; j++) {
      const l = rows[j].label.replace(SPACE_RUN, '');
      if (!rows[j].header && l.startsWith(name) && l.length > name.length && rows[j].cells.some((c) => c.figure)) {
        r.band = true;
        break;
      }
    }
  }
}

/** The tables of a run of grid rows, each given to `add` under `layout`. */
export function addGrid(block: GridRow[], layout: TableLayout, add: AddTable, ctx: TableContext) {
  for (const part of splitBlock(block, ctx)) {
    const h = headerCount(part);
    const k = labelColumns(part.slice(h));
    const rows: RawRow[] = [];
    part.forEach((l, idx) => {
      if (idx < h) {
        const cells = l.items.slice(k).map(itemCell);
        // A header cell merged over several columns is written once, then as empty cells: above another
        // header row, an empty cell after a title belongs to that title (煤炭销量 | '' | '' | 煤炭平均价格 | '' …).
        if (idx < h - 1) {
          for (let c = 1; c < cells.length; c++) if (cells[c].text === '' && cells[c - 1].text !== '') cells[c] = { ...cells[c], text: cells[c - 1].text };
        }
        rows.push(rawRow(l, k, true, cells));
      } else rows.push(...rowsOf(l, k));
    });
    markBands(rows);
    add(layout, rows);
  }
}
