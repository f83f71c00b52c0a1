// List rows, as JSON-lines extractions write a table: one Python list literal per line,
//   ['流动资产合计', '810,551,258.15', '822,007,189.31']
// empty cells '', section rows all empty, the header possibly over several rows, page furniture
// (and the header row again) between the rows of one table. Where the PDF cell held stacked
// sub-rows, their values are glued in one cell ('23,917.468,006.71135.31', '74.55%24.96%0.42%'):
// such a row is split into its sub-rows only where a label cell stacks as many labels
// ('12345合计', '高压超级结MOSFET中低压屏蔽栅MOSFET超级硅MOSFET'); otherwise it is uncertain.

import { Cell, Line } from '../../model/types';
import { figureOfCell, makeCell, periodsIn } from '../cells';
import { isEmptyCellText, splitGlued } from '../numbers';
import { isSpaceCode, trimmedEnd, trimmedStart } from '../text';
import { AddTable, MAX_ROWS_PER_TABLE, RawRow, TableContext } from './context';

/** One string of a list literal: its text (escapes decoded) and where its content stands in the document. */
export interface ListItem {
  text: string;
  start: number;
  end: number;
  /** The source had escapes, so the text is not the source slice. */
  escaped: boolean;
}

const QUOTE = 39; // '
const DOUBLE_QUOTE = 34; // "
const BACKSLASH = 92;
const COMMA = 44;
const OPEN = 91; // [
const CLOSE = 93; // ]

/**
 * The strings of a line that is a Python list literal of strings (['a', "b's", '']), with the offsets
 * of each string's content (`base` is the line's offset); undefined for any other line.
 */
export function parseListLiteral(text: string, base = 0): ListItem[] | undefined {
  let i = trimmedStart(text);
  const end = trimmedEnd(text);
  if (end - i < 4 || text.charCodeAt(i) !== OPEN || text.charCodeAt(end - 1) !== CLOSE) return undefined;
  i++;
  while (i < end && isSpaceCode(text.charCodeAt(i))) i++;
  const q0 = text.charCodeAt(i);
  if (q0 !== QUOTE && q0 !== DOUBLE_QUOTE) return undefined;
  const items: ListItem[] = [];
  for (;;) {
    while (i < end && isSpaceCode(text.charCodeAt(i))) i++;
    const q = text.charCodeAt(i);
    if (q === CLOSE && items.length) return i === end - 1 ? items : undefined; // a trailing comma
    if (q !== QUOTE && q !== DOUBLE_QUOTE) return undefined;
    const from = ++i;
    let escaped = false;
    while (i < end) {
      const c = text.charCodeAt(i);
      if (c === q) break;
      if (c === BACKSLASH) {
        escaped = true;
        i += 2;
      } else i++;
    }
    if (i >= end) return undefined;
    const raw = text.slice(from, i);
    items.push({ text: escaped ? unescape(raw) : raw, start: base + from, end: base + i, escaped });
    i++;
    while (i < end && isSpaceCode(text.charCodeAt(i))) i++;
    const sep = text.charCodeAt(i);
    if (sep === CLOSE) return i === end - 1 ? items : undefined;
    if (sep !== COMMA) return undefined;
    i++;
  }
}

const ESCAPE = /\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|x[0-9a-fA-F]{2}|[\s\S])/g;
const SIMPLE_ESCAPES: Record<string, string> = { n: ' ', t: ' ', r: ' ', f: ' ', v: ' ', a: '', b: '', '0': '' };

function unescape(raw: string): string {
  return raw.replace(ESCAPE, (_, e: string) => {
    if (e.length > 1) {
      const code = parseInt(e.slice(1), 16);
      // Private-use glyphs (bullets of a Symbol font) are not text.
      if (code >= 0xe000 && code <= 0xf8ff) return '';
      return code <= 0x10ffff ? String.fromCodePoint(code) : '';
    }
    return SIMPLE_ESCAPES[e] ?? e;
  });
}

function itemCell(item: ListItem): Cell {
  if (!item.escaped) return makeCell(item.text, item.start);
  return { start: item.start, end: item.end, text: item.text.trim(), figure: undefined };
}

/** A cell that holds only digits, separators, signs and percent marks, but not one figure: stacked values. */
const GLUED_VALUES = /^[\d,.%\-—–()（）]+$/;
const DIGIT_RUN = /\d/;

function isStacked(text: string): boolean {
  return text.length >= 3 && GLUED_VALUES.test(text) && DIGIT_RUN.test(text) && !isEmptyCellText(text) && !figureOfCell(text, 0);
}

/** A bare whole number without grouping (a row number, 序号). */
const BARE_INTEGER = /^\d+$/;

interface ListLine {
  line: Line;
  items: ListItem[];
}

/** How many leading cells of the rows are label text (产品类别 | 产品品类 | amounts …): at least one. */
function labelColumns(rows: ListLine[]): number {
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
      if (figureOfCell(t, 0) || isStacked(t)) {
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

/** A label cell read as `n` stacked labels, with their offsets, or undefined. */
export function stackedLabels(item: ListItem, n: number): { text: string; start: number }[] | undefined {
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
    if (endOfPart < t.length && /[A-Za-z]/.test(t[endOfPart])) continue;
    parts.push({ text: t.slice(from, endOfPart), start: item.start + from });
    from = endOfPart;
  }
  if (parts.length !== n || parts.some((p) => p.text.trim().length <= word.length)) return undefined;
  return parts;
}

function labelOf(items: ListItem[], k: number): { label: string; start: number; end: number } {
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

/** The rows of one list line: one row, or its stacked sub-rows. */
function rowsOf(l: ListLine, k: number): RawRow[] {
  const { line, items } = l;
  const lab = labelOf(items, k);
  const cells = items.slice(k).map(itemCell);
  const row: RawRow = {
    label: lab.label,
    labelRange: { start: lab.start, end: lab.end },
    cells,
    line: line.index,
    lastLine: line.index,
    start: line.start,
    end: line.end,
    header: false,
  };
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
      line: line.index,
      lastLine: line.index,
      start: labelStart,
      end: ends.length ? Math.max(...ends) : labelStart + text.length,
      header: false,
    };
  });
}

function hasFigure(items: ListItem[], k: number): boolean {
  for (let i = k; i < items.length; i++) {
    const t = items[i].text;
    if (!items[i].escaped && (figureOfCell(t, 0) || isStacked(t.trim()))) return true;
  }
  return false;
}

function listLine(ctx: TableContext, i: number): ListLine | undefined {
  const line = ctx.lines[i];
  const c = line.text.charCodeAt(trimmedStart(line.text));
  if (c !== OPEN) return undefined;
  const items = parseListLiteral(line.text, line.start);
  return items ? { line, items } : undefined;
}

export function findListTables(ctx: TableContext, add: AddTable) {
  const { lines } = ctx;
  const end = ctx.to ?? lines.length;
  let i = ctx.from ?? 0;
  while (i < end) {
    const first = ctx.claimed[i] ? undefined : listLine(ctx, i);
    if (!first) {
      i++;
      continue;
    }
    const block: ListLine[] = [first];
    let j = i + 1;
    let last = i;
    while (j < end && block.length < MAX_ROWS_PER_TABLE) {
      if (ctx.furniture.has(j) || trimmedEnd(lines[j].text) === 0) {
        j++;
        continue;
      }
      const next = ctx.claimed[j] ? undefined : listLine(ctx, j);
      if (next) {
        block.push(next);
        last = j;
        j++;
        continue;
      }
      break;
    }
    addBlock(block, add, ctx);
    i = last + 1;
  }
}

function sameItems(a: ListLine, b: ListLine): boolean {
  if (a.items.length !== b.items.length) return false;
  for (let i = 0; i < a.items.length; i++) if (a.items[i].text.trim() !== b.items[i].text.trim()) return false;
  return true;
}

const allEmpty = (items: ListItem[]) => items.every((it, i) => i === 0 || it.text.trim() === '');

/** Leading header rows: the rows before the first figure, up to the last of them with text in its cells (at most 4). */
function headerCount(block: ListLine[]): number {
  let h = 0;
  for (let i = 0; i < block.length && i < 4 && !hasFigure(block[i].items, 1); i++) if (!allEmpty(block[i].items)) h = i + 1;
  return h;
}

/**
 * A block of list lines cut into tables: where the header rows come again without a page break before them
 * (a table of several blocks, each under its own title and header: 2021年6月30日 / 岗位类别 | 人数 | 比例 …).
 */
function splitBlock(block: ListLine[], ctx: TableContext): ListLine[][] {
  const out: ListLine[][] = [];
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
        if (titled && !afterFurniture(ctx, part[top].line.index, part[top - 1].line.index)) cut = top;
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

/** Whether page furniture stands between two lines. */
function afterFurniture(ctx: TableContext, line: number, previous: number): boolean {
  for (let i = previous + 1; i < line; i++) if (ctx.furniture.has(i)) return true;
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

function addBlock(block: ListLine[], add: AddTable, ctx: TableContext) {
  for (const part of splitBlock(block, ctx)) {
    const h = headerCount(part);
    const k = labelColumns(part.slice(h));
    const rows: RawRow[] = [];
    part.forEach((l, idx) => {
      if (idx < h) {
        const lab = labelOf(l.items, k);
        const cells = l.items.slice(k).map(itemCell);
        // A header cell merged over several columns is written once, then as empty cells: above another
        // header row, an empty cell after a title belongs to that title (煤炭销量 | '' | '' | 煤炭平均价格 | '' …).
        if (idx < h - 1) {
          for (let c = 1; c < cells.length; c++) if (cells[c].text === '' && cells[c - 1].text !== '') cells[c] = { ...cells[c], text: cells[c - 1].text };
        }
        rows.push({
          label: lab.label,
          labelRange: { start: lab.start, end: lab.end },
          cells,
          line: l.line.index,
          lastLine: l.line.index,
          start: l.line.start,
          end: l.line.end,
          header: true,
        });
      } else rows.push(...rowsOf(l, k));
    });
    markBands(rows);
    add('list', rows);
  }
}
