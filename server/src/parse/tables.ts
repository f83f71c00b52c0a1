// Finding tables in the text, in each layout the filings use:
//  - pipe rows:            合计 | 25,001 | 25,211 |          (merged cells shift columns left)
//  - one cell per line:    label, blank, cell, blank, …      (extra blank lines for empty cells)
//  - space-separated rows: 合计 3,550,196.05 7,066,350.78
//  - glued rows:           合计28,770,992.0165,364,545.23    (split on grouping and two decimals)
// Page furniture between rows is skipped, so a table goes on across page breaks.

import { Cell, Column, FurnitureKind, Line, Range, Row, Table, TableLayout, Unit } from '../model/types';
import {
  figureOfCell,
  isBreakdownLabel,
  isSubtractLabel,
  labelFormula,
  labelTag,
  makeCell,
  periodsIn,
  rowKindOf,
  tagAndFormula,
  tagLike,
} from './cells';
import { isEmptyCellText, splitGlued } from './numbers';
import { columnUnitIn, DEFAULT_UNIT, tableUnitsIn } from './units';

export interface TableContext {
  lines: Line[];
  furniture: Map<number, FurnitureKind>;
  documentUnit?: Unit;
  /** Lines already in a table (indexed like `lines`). */
  claimed: Uint8Array;
  /** The stretch of lines to search, [from, to); the whole of `lines` by default. */
  from?: number;
  to?: number;
  /** Blank lines of the stretch (worked out on first use). */
  blank?: Uint8Array;
}

type AddTable = (layout: TableLayout, rows: RawRow[], continued?: boolean) => void;

/** A row before its table is assembled. */
interface RawRow extends Range {
  label: string;
  labelRange: Range;
  cells: Cell[];
  line: number;
  lastLine: number;
  header: boolean;
  uncertain?: boolean;
  repeatedHeader?: boolean;
}

const MAX_LABEL = 48;
const MAX_ROWS_PER_TABLE = 20000;

export function findTables(ctx: TableContext): Table[] {
  const tables: Table[] = [];
  const add = (layout: TableLayout, rows: RawRow[], continued = false) => {
    const t = assembleTable(ctx, layout, rows, tables.length);
    if (t) {
      if (continued) t.continued = true;
      tables.push(t);
      for (const r of rows) for (let i = r.line; i <= r.lastLine; i++) ctx.claimed[i] = 1;
    }
  };
  findPipeTables(ctx, add);
  findCellPerLineTables(ctx, add);
  findLineTables(ctx, add);
  tables.sort((a, b) => a.start - b.start);
  tables.forEach((t, i) => (t.id = i));
  return tables;
}

function isContent(ctx: TableContext, i: number): boolean {
  const from = ctx.from ?? 0;
  if (!ctx.blank) {
    const to = ctx.to ?? ctx.lines.length;
    ctx.blank = new Uint8Array(to - from);
    for (let k = from; k < to; k++) ctx.blank[k - from] = /\S/.test(ctx.lines[k].text) ? 0 : 1;
  }
  return !ctx.blank[i - from] && !ctx.furniture.has(i);
}

// ---------------------------------------------------------------------------
// Pipe rows

function pipeCount(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 124) n++;
  return n;
}

function splitPipeRow(line: Line): RawRow {
  const parts: { text: string; start: number }[] = [];
  let pos = 0;
  const t = line.text;
  for (let i = 0; i <= t.length; i++) {
    if (i === t.length || t[i] === '|') {
      parts.push({ text: t.slice(pos, i), start: line.start + pos });
      pos = i + 1;
    }
  }
  // The pipe that closes the row leaves an empty last part.
  if (parts.length > 1 && parts[parts.length - 1].text.trim() === '') parts.pop();
  const first = parts[0];
  const label = first.text.trim();
  const labelStart = first.start + first.text.indexOf(label);
  const cells = parts.slice(1).map((p) => makeCell(p.text, p.start));
  return {
    label,
    labelRange: { start: labelStart, end: labelStart + label.length },
    cells,
    line: line.index,
    lastLine: line.index,
    start: line.start,
    end: line.end,
    header: false,
  };
}

function findPipeTables(ctx: TableContext, add: AddTable) {
  const { lines } = ctx;
  const end = ctx.to ?? lines.length;
  let i = ctx.from ?? 0;
  while (i < end) {
    if (ctx.claimed[i] || !isPipeLine(lines[i].text)) {
      i++;
      continue;
    }
    const rows: RawRow[] = [];
    let j = i;
    let last = i;
    while (j < end && rows.length < MAX_ROWS_PER_TABLE) {
      if (ctx.furniture.has(j) || lines[j].text.trim() === '') {
        j++;
        continue;
      }
      if (!isPipeLine(lines[j].text)) {
        // A page break the furniture finder missed: a line or two, then the table's header again.
        const resume = resumeAfterBreak(ctx, j, rows[0]);
        if (resume < 0) break;
        j = resume;
        continue;
      }
      rows.push(splitPipeRow(lines[j]));
      last = j;
      j++;
    }
    add('pipe', rows);
    i = last + 1;
  }
}

/** The line where a pipe table resumes after up to three lines of page furniture, or -1. */
function resumeAfterBreak(ctx: TableContext, from: number, firstRow: RawRow | undefined): number {
  if (!firstRow) return -1;
  const key = ctx.lines[firstRow.line].text.trim();
  let seen = 0;
  for (let j = from; j < (ctx.to ?? ctx.lines.length) && seen <= 3; j++) {
    const t = ctx.lines[j].text.trim();
    if (!t) continue;
    if (isPipeLine(t)) return t === key ? j : -1;
    if (t.length > 80) return -1;
    seen++;
  }
  return -1;
}

function isPipeLine(text: string): boolean {
  if (text.indexOf('|') < 0) return false;
  return pipeCount(text) >= 2 || (pipeCount(text) === 1 && /\S\s*\|\s*\S/.test(text) && /\|\s*$/.test(text) === false && /\d/.test(text) && /\s\|\s/.test(text));
}

// ---------------------------------------------------------------------------
// One cell per line

interface Slot {
  text: string;
  /** The slot's item type, worked out once. */
  type?: ItemType;
  start: number;
  end: number;
  line: number;
  lastLine: number;
  /** Blank lines between the previous slot and this one. */
  blankBefore: number;
  lineCount: number;
}

type ItemType = 'num' | 'empty' | 'text';
interface Item {
  type: ItemType;
  slot?: Slot;
  /** For an empty cell: where it would be. */
  at: number;
  line: number;
}

function typeOfSlot(slot: Slot): ItemType {
  return (slot.type ??= slotType(slot.text));
}

function slotType(text: string): ItemType {
  const t = text.trim();
  if (!t) return 'empty';
  if (isEmptyCellText(t) || figureOfCell(t, 0)) return 'num';
  return 'text';
}

function findCellPerLineTables(ctx: TableContext, add: AddTable) {
  const { lines } = ctx;
  // Slots: runs of non-blank content lines, separated by blank lines.
  const slots: Slot[] = [];
  let blank = 0;
  let cur: Slot | undefined;
  for (let i = ctx.from ?? 0; i < (ctx.to ?? lines.length); i++) {
    if (ctx.furniture.has(i)) continue;
    const t = lines[i].text.trim();
    if (!t || ctx.claimed[i]) {
      if (cur) slots.push(cur);
      cur = undefined;
      if (ctx.claimed[i]) {
        // A claimed line breaks any grid through it.
        slots.push({ text: '\u0000', start: lines[i].start, end: lines[i].end, line: i, lastLine: i, blankBefore: 99, lineCount: 1 });
        blank = 0;
      } else blank++;
      continue;
    }
    if (cur && t.length <= MAX_LABEL && cur.lineCount < 3 && typeOfSlot(cur) === 'text' && slotType(t) === 'text') {
      // A wrapped label: consecutive lines without a blank line between them.
      cur.text += t;
      cur.end = lines[i].end;
      cur.lastLine = i;
      cur.lineCount++;
      continue;
    }
    if (cur) {
      slots.push(cur);
      blank = 0;
    }
    cur = { text: t, start: lines[i].start + lines[i].text.indexOf(t), end: lines[i].start + lines[i].text.indexOf(t) + t.length, line: i, lastLine: i, blankBefore: blank, lineCount: 1 };
    blank = 0;
  }
  if (cur) slots.push(cur);

  // Regions: runs of short slots separated by single (or odd) blank runs, containing figures.
  let s = 0;
  while (s < slots.length) {
    let e = s;
    while (e < slots.length && slotFits(slots[e]) && (e === s || slots[e].blankBefore >= 1)) e++;
    // Only a run with figures in it can hold a table.
    if (e - s >= 6) {
      let figures = 0;
      for (let q = s; q < e && figures < 2; q++) if (typeOfSlot(slots[q]) === 'num') figures++;
      if (figures >= 2) fitRegion(ctx, slots.slice(s, e), add);
    }
    s = Math.max(e, s + 1);
  }
}

function slotFits(slot: Slot): boolean {
  return slot.text !== '\u0000' && slot.text.length <= 60 && slot.lineCount <= 3 && !/[。；]$/.test(slot.text) && !/\s\|\s/.test(slot.text);
}

const PREAMBLE = /^(?:编制单位|.{0,12}单位\s*(?:[:：]|为)|金额单位|币种\s*[:：]|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$|\d{4}\s*年\s*(?:1-\d{1,2}|半年度?)\s*月?$)/;

/**
 * Lays slots out as rows of `ncols` items from slot `start`: a label slot, then
 * cells; a run of 2k+1 blank lines before a slot stands for k empty cells. Empty
 * cells never run past the end of a row, so stray blank lines (a line lost in
 * extraction) do not shift the rows after them.
 */
function layRows(region: Slot[], start: number, ncols: number, maxRows = Infinity): Item[][] {
  return [...rowsOf(region, start, ncols, maxRows)];
}

function* rowsOf(region: Slot[], start: number, ncols: number, maxRows = Infinity): Generator<Item[]> {
  let count = 0;
  let i = start;
  while (i < region.length && count < maxRows) {
    const label = region[i];
    const row: Item[] = [{ type: typeOfSlot(label), slot: label, at: label.start, line: label.line }];
    let j = i + 1;
    while (row.length < ncols) {
      const prev = row[row.length - 1];
      const next = region[j];
      const empties = next ? Math.max(0, Math.floor((next.blankBefore - 1) / 2)) : ncols;
      for (let q = 0; q < empties && row.length < ncols; q++) row.push({ type: 'empty', at: prev.slot?.end ?? prev.at, line: prev.line });
      if (row.length >= ncols) break;
      if (!next) break;
      row.push({ type: typeOfSlot(next), slot: next, at: next.start, line: next.line });
      j++;
    }
    if (row.length < ncols) break;
    count++;
    yield row;
    i = j;
  }
}

function fitRegion(ctx: TableContext, region: Slot[], add: AddTable) {
  let from = 0;
  let guard = 0;
  while (region.length - from >= 6 && guard++ < 100000) {
    const fit = bestGrid(region, from);
    if (!fit) {
      // Nothing starts in this window (the rest of a table with no header, notes between tables): look further on.
      from += GRID_SEARCH_WINDOW;
      continue;
    }
    const laid = layRows(region, fit.start, fit.ncols, fit.rows);
    const rows = laid.map((chunk, r) => rowFromItems(chunk, r === 0));
    let next = afterRows(region, laid);
    // A label that wraps over a blank line ("其中:子公司支付给少数股东的" … "股利、利润") breaks the
    // grid for one or two slots: take them into the label above and go on with the same columns.
    for (let resumed = true; resumed && next < region.length; ) {
      resumed = false;
      for (let skip = 1; skip <= 2 && next + skip < region.length; skip++) {
        const stray = region.slice(next, next + skip);
        if (stray.some((sl) => typeOfSlot(sl) !== 'text' || sl.text.length > 24)) break;
        const more = dataRowsFrom(region, next + skip, fit.ncols);
        if (more.length < 2) continue;
        const resumedRows = more.map((chunk) => rowFromItems(chunk, false));
        const strayText = stray.map((sl) => sl.text).join('');
        // The stray text ends the label above, or starts the next one when that is a bare 合计 (…所有者权益 / 合计).
        if (/^(?:合\s*计|小\s*计|总\s*计)$/.test(resumedRows[0].label)) {
          resumedRows[0].label = strayText + resumedRows[0].label;
          resumedRows[0].labelRange = { start: stray[0].start, end: resumedRows[0].labelRange.end };
        } else rows[rows.length - 1].label += strayText;
        rows.push(...resumedRows);
        next = afterRows(region, more);
        resumed = true;
        break;
      }
    }
    // A grid that starts right where the previous one stopped is the same table after a misread row.
    add('cellPerLine', rows, from > 0 && fit.start === from);
    from = next;
  }
}

function afterRows(region: Slot[], laid: Item[][]): number {
  const lastSlot = laid[laid.length - 1].filter((it) => it.slot).pop()!.slot!;
  return region.indexOf(lastSlot) + 1;
}

/** Rows of a grid resumed without a header: a text label, then figures or empty cells only. */
function dataRowsFrom(region: Slot[], start: number, ncols: number): Item[][] {
  const out: Item[][] = [];
  for (const row of rowsOf(region, start, ncols)) {
    if (row[0].type !== 'text' || row.slice(1).some((it) => it.type === 'text')) break;
    out.push(row);
  }
  return out.some((r) => r.slice(1).some((it) => it.type === 'num')) ? out : [];
}

function rowFromItems(chunk: Item[], header: boolean): RawRow {
  const head = chunk[0];
  const label = head.slot?.text ?? '';
  const labelStart = head.slot?.start ?? head.at;
  const cells = chunk.slice(1).map((it) => (it.slot ? makeCell(it.slot.text, it.slot.start) : { start: it.at, end: it.at, text: '' }));
  const lastItem = chunk[chunk.length - 1];
  return {
    label,
    labelRange: { start: labelStart, end: labelStart + label.length },
    cells,
    line: head.slot?.line ?? head.line,
    lastLine: Math.max(...chunk.map((c) => c.slot?.lastLine ?? c.line)),
    start: labelStart,
    end: lastItem.slot?.end ?? lastItem.at,
    header,
  };
}

/** How many slots after the search point a grid's header may start. */
const GRID_SEARCH_WINDOW = 12;

/** The best grid (columns, first slot, rows) over a run of slots, or undefined. */
function bestGrid(region: Slot[], from: number): { ncols: number; start: number; rows: number } | undefined {
  // The best grid of each start in the window.
  const candidates: { ncols: number; start: number; rows: number; score: number; end: number }[] = [];
  const maxStart = Math.min(from + GRID_SEARCH_WINDOW, region.length - 4);
  for (let start = from; start <= maxStart; start++) {
    const first = region[start];
    if (typeOfSlot(first) !== 'text' || PREAMBLE.test(first.text)) continue;
    // A header row's first cell is a title, not a figure: a label followed straight by a figure starts no grid.
    const second = region[start + 1];
    if (second && second.blankBefore <= 2 && typeOfSlot(second) === 'num') continue;
    let best: { ncols: number; rows: number; score: number } | undefined;
    for (let ncols = 2; ncols <= 14; ncols++) {
      const g = gridRows(rowsOf(region, start, ncols));
      if (g.rows < 3 || g.score <= 0) continue;
      if (!best || g.score > best.score) best = { ncols, rows: g.rows, score: g.score };
    }
    if (best) candidates.push({ ...best, start, end: afterRows(region, layRows(region, start, best.ncols, best.rows)) });
  }
  if (!candidates.length) return undefined;
  // The first grid, unless one that overlaps it reads better (a caption read as a header makes a worse grid
  // over the same rows); a grid after it is found on a later pass.
  const first = candidates[0];
  const rival = candidates.filter((c) => c.start < first.end).reduce((x, y) => (y.score > x.score ? y : x));
  return { ncols: rival.ncols, start: rival.start, rows: rival.rows };
}

/**
 * How many laid-out rows read as a header and consistent data rows, and how good
 * the reading is: figures in data columns count for it, text in data columns
 * against it (a grid of the wrong width puts labels there).
 */
function gridRows(laid: Iterator<Item[]>): { rows: number; score: number } {
  const none = { rows: 0, score: 0 };
  const first = laid.next();
  if (first.done) return none;
  const header = first.value;
  const ncols = header.length;
  // Header: text cells (a period, a column title); at least one not empty.
  let headerText = 0;
  for (let c = 1; c < ncols; c++) {
    const it = header[c];
    if (it.type === 'num' || (it.slot && /单位\s*[:：为]/.test(it.slot.text))) return none;
    if (it.type === 'text') headerText++;
  }
  if (headerText < Math.max(1, ncols - 2)) return none;
  const colType: (ItemType | undefined)[] = new Array(ncols).fill(undefined);
  const nums = new Array(ncols).fill(0);
  const texts = new Array(ncols).fill(0);
  let n = 1;
  for (let next = laid.next(); !next.done; next = laid.next()) {
    const row = next.value;
    if (row[0].type !== 'text') break;
    // Twelve rows without a single figure: lines of prose, not a table.
    if (n > 12 && !nums.some((x) => x > 0)) return none;
    let ok = true;
    for (let c = 1; c < ncols && ok; c++) {
      const it = row[c];
      if (it.type === 'empty') continue;
      if (colType[c] === undefined) colType[c] = it.type;
      else if (colType[c] === 'num' && it.type === 'text') ok = false;
    }
    if (!ok) break;
    for (let c = 1; c < ncols; c++) {
      if (row[c].type === 'num') nums[c]++;
      else if (row[c].type === 'text') texts[c]++;
    }
    n++;
  }
  const figures = nums.reduce((a, b) => a + b, 0);
  if (!colType.some((t) => t === 'num') || figures < 2) return none;
  // A column of text (款项性质, 账龄) is fine; a column mixing text and figures is a misread.
  let mixed = 0;
  let text = 0;
  for (let c = 1; c < ncols; c++) {
    mixed += Math.min(nums[c], texts[c]);
    text += texts[c];
  }
  // Text in data columns is allowed (款项性质, 账龄) but costs a little, so a narrower grid that puts it in the label column wins a tie.
  return { rows: n, score: figures - 3 * mixed - 0.5 * text };
}

// ---------------------------------------------------------------------------
// Space-separated and glued rows, one row per line

const SPACE = /[\s\u3000]+/;

/** Reads a row from a line: a label and its cells, split by spaces or out of glued digits. */
export function lineRow(line: Line): RawRow | undefined {
  const text = line.text;
  // A row ends in a figure or an empty-cell dash, is not a paragraph, and has no pipes.
  if (text.length > 600 || !/[\d%％\-—–)）０-９]\s*$/.test(text)) return undefined;
  const t = text.trimEnd();
  if (!t.trim() || pipeCount(t) >= 2 || /[。；]$/.test(t)) return undefined;
  // Space-separated: trailing tokens that are figures or empty marks.
  const tokens: { text: string; start: number }[] = [];
  const re = /[^\s\u3000]+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(t))) tokens.push({ text: m[0], start: line.start + m.index });
  let k = tokens.length;
  const cells: Cell[] = [];
  while (k > 0) {
    const tok = tokens[k - 1];
    const cell = makeCell(tok.text, tok.start);
    if (!cell.figure && !isEmptyCellText(tok.text)) break;
    cells.unshift(cell);
    k--;
  }
  const cellTokens = tokens.slice(k);
  if (cellTokens.length > 0 && (k > 0 || cellTokens.length >= 2)) {
    const labelTokens = tokens.slice(0, k);
    const label = labelTokens.map((x) => x.text).join(' ');
    const figures = cells.filter((c) => c.figure);
    const strong = figures.some((x) => /[,.%％]/.test(x.text)) || (figures.length === 0 && cellTokens.length >= 2 && k > 0);
    if (label.length <= MAX_LABEL && !/[。；;，,]$/.test(label) && (strong || (figures.length >= 2 && label.length <= 24)) && !looksLikeProse(label)) {
      const labelStart = labelTokens.length ? labelTokens[0].start : line.start;
      const labelEnd = labelTokens.length ? labelTokens[labelTokens.length - 1].start + labelTokens[labelTokens.length - 1].text.length : line.start;
      return {
        label,
        labelRange: { start: labelStart, end: labelEnd },
        cells,
        line: line.index,
        lastLine: line.index,
        start: line.start,
        end: line.start + t.length,
        header: false,
      };
    }
  }
  // A label, then only dashes: a row of empty cells (减:销售费用-折旧(c)----).
  const dashes = /^(.*?[^\s\-—–\d,.%％])([-—–]{2,})$/.exec(t);
  if (dashes && dashes[1].trim().length <= MAX_LABEL && !looksLikeProse(dashes[1].trim()) && !/[。；;，]/.test(dashes[1])) {
    const label = dashes[1].trim();
    const labelStart = line.start + text.indexOf(label);
    const tailStart = line.start + dashes[1].length;
    return {
      label,
      labelRange: { start: labelStart, end: labelStart + label.length },
      cells: Array.from(dashes[2], (ch, i) => ({ start: tailStart + i, end: tailStart + i + 1, text: ch })),
      line: line.index,
      lastLine: line.index,
      start: line.start,
      end: line.start + t.length,
      header: false,
      uncertain: false,
    };
  }
  // Glued: a label, then digits, separators, dashes and percent signs with no space.
  const g = /^(.*?[^\d,.%％\-—\s])([\d,.%％\-—]*\d[\d,.%％\-—]*)$/.exec(t);
  if (g && !SPACE.test(g[2])) {
    const label = g[1].trim();
    const tail = g[2];
    if (label.length > MAX_LABEL || /[。；;，]/.test(label) || looksLikeProse(label)) return undefined;
    if (!/[,.]\d/.test(tail) && !/%/.test(tail)) return undefined;
    const split = splitGlued(tail);
    if (!split) return undefined;
    const tailStart = line.start + g[1].length;
    const labelStart = line.start + text.indexOf(label);
    return {
      label,
      labelRange: { start: labelStart, end: labelStart + label.length },
      cells: split.tokens.map((tok) => makeCell(tok.raw, tailStart + tok.start)),
      line: line.index,
      lastLine: line.index,
      start: line.start,
      end: line.start + t.length,
      header: false,
      uncertain: split.ambiguous,
    };
  }
  return undefined;
}

function looksLikeProse(label: string): boolean {
  const l = label.replace(/^(?:其中|减|加)\s*[:：]/, '').replace(/[(（][^)）]*[)）]/g, '');
  return /(?:为|约|达|至|是|了|及|和|共|增长|下降|分别|占|较|比|的)$/.test(l) || /[，。；：:]\S/.test(l);
}

const HEADER_START = /^(?:项\s*目|类\s*别|名\s*称|科\s*目|账\s*龄|细分业务类别|业务类型|产品类型|单位名称|客户名称|主要客户(?:名称)?|区\s*域|地\s*区|年\s*度|序\s*号)/;

/** A header line for line-based tables: a label word followed by periods or column titles. */
function headerLine(line: Line): RawRow | undefined {
  const t = line.text.trim();
  if (!t || t.length > 160) return undefined;
  const periods = periodsIn(t);
  const lead = line.text.indexOf(t);
  const base = line.start + lead;
  const labelMatch = HEADER_START.exec(t);
  if (periods.length >= 2 || (periods.length >= 1 && labelMatch)) {
    // Periods and the label must make up the line: a sentence that names two years is prose.
    // What comes before the first period is the label column's title (项目, 费用类别项目).
    const lead = labelMatch ? labelMatch[0].length : periods[0].start;
    if (lead > 16) return undefined;
    let leftover = t.slice(0, periods[periods.length - 1].end);
    for (const p of periods.slice().reverse()) leftover = leftover.slice(0, p.start) + leftover.slice(p.end);
    leftover = leftover.slice(Math.min(lead, leftover.length)) + t.slice(periods[periods.length - 1].end);
    leftover = leftover.replace(/[\s|:：()（）、/]/g, '').replace(SUBHEADER_WORD, '');
    if (leftover.length <= 4) {
    const labelEnd = labelMatch ? labelMatch[0].length : periods[0].start;
    const label = t.slice(0, labelEnd).trim();
    const cells: Cell[] = periods.map((p) => ({ start: base + p.start, end: base + p.end, text: p.text }));
    // A last column that totals the periods: …2018年度合计
    const tail = /^\s*(合\s*计|总\s*计|小\s*计)\s*$/.exec(t.slice(periods[periods.length - 1].end));
    if (tail) {
      const at = base + periods[periods.length - 1].end + tail[0].indexOf(tail[1]);
      cells.push({ start: at, end: at + tail[1].length, text: tail[1].replace(/\s+/g, '') });
    }
    return { label, labelRange: { start: base, end: base + label.length }, cells, line: line.index, lastLine: line.index, start: base, end: base + t.length, header: true };
    }
  }
  if (labelMatch) {
    const rest = t.slice(labelMatch[0].length);
    const parts: Cell[] = [];
    const re = /[^\s\u3000]+/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(rest))) {
      const s = base + labelMatch[0].length + m.index;
      parts.push({ start: s, end: s + m[0].length, text: m[0] });
    }
    if (parts.length >= 1 && parts.length <= 16 && parts.every((p) => !figureOfCell(p.text, 0) && p.text.length <= 16)) {
      return { label: labelMatch[0], labelRange: { start: base, end: base + labelMatch[0].length }, cells: parts, line: line.index, lastLine: line.index, start: base, end: base + t.length, header: true };
    }
  }
  return undefined;
}

// Column words of a second header row, glued: 收入毛利毛利率收入毛利毛利率 …
const SUBHEADER_WORD = /(?:营业收入|收入金额|获取的订单金额|中标金额|订单金额|收入占比|占收入比例|占比|毛利率|毛利|收入|成本|金额|增速|增长率|比例|数量|单价|余额|账面余额|坏账准备|账面价值|计提比例|净额|变动|差异|本期|上期|期末|期初)(?:\s*[(（][^)）]{0,10}[)）])?/g;

/** A header row of column words under a periods row, or undefined. */
function subheaderLine(line: Line): RawRow | undefined {
  const t = line.text.trim();
  if (!t || t.length > 160 || /\d/.test(t.replace(/[(（][^)）]*[)）]/g, ''))) return undefined;
  const base = line.start + line.text.indexOf(t);
  const cells: Cell[] = [];
  let covered = 0;
  SUBHEADER_WORD.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = SUBHEADER_WORD.exec(t))) {
    if (t.slice(covered, m.index).trim() !== '') return undefined;
    cells.push({ start: base + m.index, end: base + m.index + m[0].length, text: m[0] });
    covered = m.index + m[0].length;
  }
  if (t.slice(covered).trim() !== '' || cells.length < 2) return undefined;
  return { label: '', labelRange: { start: base, end: base }, cells, line: line.index, lastLine: line.index, start: base, end: base + t.length, header: true };
}

function findLineTables(ctx: TableContext, add: AddTable) {
  const { lines } = ctx;
  const start = ctx.from ?? 0;
  const end = ctx.to ?? lines.length;
  let i = start;
  while (i < end) {
    if (ctx.claimed[i] || !isContent(ctx, i)) {
      i++;
      continue;
    }
    const first = lineRow(lines[i]);
    if (!first) {
      i++;
      continue;
    }
    // Look back for header lines and a wrapped label just above the first row.
    const rows: RawRow[] = [];
    const pending: Line[] = [];
    let back = i - 1;
    let seen = 0;
    const headers: RawRow[] = [];
    while (back >= start && seen < 4) {
      if (ctx.claimed[back]) break;
      if (!isContent(ctx, back)) {
        back--;
        continue;
      }
      const h = headerLine(lines[back]) ?? (headers.length === 0 && seen === 0 ? subheaderLine(lines[back]) : undefined);
      if (h) {
        headers.unshift(h);
        back--;
        seen++;
        continue;
      }
      break;
    }
    // A column-words row needs its periods row above it.
    if (headers.length && headers[0].label === '' && headers.length === 1) headers.length = 0;
    rows.push(...headers);
    let j = i;
    let gap = 0;
    let lastRowLine = i;
    while (j < end && rows.length < MAX_ROWS_PER_TABLE) {
      if (ctx.claimed[j]) break;
      if (!isContent(ctx, j)) {
        j++;
        continue;
      }
      const row = lineRow(lines[j]);
      if (row) {
        if (pending.length) {
          // Lines of text between rows: the start of this row's label if it wraps, else rows without figures (减项:).
          const attached = attachWrappedLabel(row, pending);
          rows.push(...pending.slice(0, attached ? -1 : undefined).map((l) => labelOnlyRow(l)));
          pending.length = 0;
        }
        rows.push(row);
        lastRowLine = j;
        gap = 0;
        j++;
        continue;
      }
      const h = headerLine(lines[j]) ?? (rows.length && rows[rows.length - 1].header ? subheaderLine(lines[j]) : undefined);
      if (h) {
        rows.push(...pending.splice(0).map((l) => labelOnlyRow(l)));
        rows.push(h);
        lastRowLine = j;
        gap = 0;
        j++;
        continue;
      }
      const t = lines[j].text.trim();
      if (t.length <= MAX_LABEL && !/[。；;]$/.test(t) && gap < 3 && !/^续上?表/.test(t)) {
        pending.push(lines[j]);
        gap++;
        j++;
        continue;
      }
      if (/^续上?表/.test(t) && gap < 3) {
        j++;
        continue;
      }
      break;
    }
    // Label-only lines between rows are empty rows; those after the last row are not the table's.
    const dataRows = rows.filter((r) => !r.header);
    if (dataRows.length >= 2 || (dataRows.length === 1 && dataRows[0].cells.filter((c) => c.figure).length >= 2 && headers.length > 0)) {
      add(dataRows.some((r) => r.uncertain !== undefined) ? 'glued' : 'space', rows);
      i = lastRowLine + 1;
    } else i++;
  }
}

function labelOnlyRow(l: Line): RawRow {
  const t = l.text.trim();
  const s = l.start + l.text.indexOf(t);
  return { label: t, labelRange: { start: s, end: s + t.length }, cells: [], line: l.index, lastLine: l.index, start: s, end: s + t.length, header: false };
}

/** The line of text just above a row, when it is the start of the row's label (wrapped); true if attached. */
function attachWrappedLabel(row: RawRow, pending: Line[]): boolean {
  const last = pending[pending.length - 1];
  const t = last.text.trim();
  // A wrapped label fills its line: long, and not a complete label such as 库存现金.
  const wrapped = t.length >= 9 && !/[)）:：]$/.test(t) && rowKindOf(row.label) === 'data' && !/^(?:其中|减|加)/.test(row.label);
  if (row.label === '' || wrapped) {
    row.label = t + row.label;
    row.labelRange = { start: last.start + last.text.indexOf(t), end: row.labelRange.end };
    row.line = last.index;
    return true;
  }
  return false;
}

// ---------------------------------------------------------------------------
// Assembling: columns, header titles, tag columns, units, caption

function mode(values: number[]): number {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best = 0;
  let bestCount = 0;
  for (const [v, c] of counts) if (c > bestCount || (c === bestCount && v > best)) [best, bestCount] = [v, c];
  return best;
}

const NOT_ADDITIVE = /结存|存量|毛利率|增长率|增速|增幅|变动率|变动比例|单价|均价|平均|人均|比率|周转|倍|账龄|年限|利率|费率|税率|折旧率|残值率|期限|天数|次数\/|占比|比例|比重|率|单位|价格|注释|序号|排名|股数|持股|是否|备注|说明|原因|内容|名称|性质|币种|时间|日期|期间|地区|区域|事由|变动|差异|增减/;
const SHARE = /占比|比例|比重|占.*(?:的)?比/;

function assembleTable(ctx: TableContext, layout: TableLayout, raw: RawRow[], id: number): Table | undefined {
  const rows0 = raw.filter((r) => r.header || r.cells.length > 0 || r.label);
  if (rows0.length < 2) return undefined;
  // Leading rows without figures are header rows.
  let h = 0;
  while (h < rows0.length && h < 4 && !rows0[h].cells.some((c) => c.figure) && (rows0[h].header || layout === 'pipe' || layout === 'cellPerLine')) {
    rows0[h].header = true;
    h++;
  }
  // Rows of periods or years with no amounts are header rows (中国联通 | 2021年 | 2020年 | 2019年 starts a block).
  for (const r of rows0.slice(h)) {
    if (r.header) continue;
    const figs = r.cells.filter((c) => c.figure);
    const years = figs.filter((c) => /^(?:19|20)\d\d$/.test(c.text)).length;
    const periods = r.cells.filter((c) => {
      if (c.figure || !/\d/.test(c.text)) return false;
      const p = periodsIn(c.text);
      return p.length === 1 && p[0].text.length >= c.text.replace(/\s/g, '').length - 1;
    }).length;
    if ((figs.length > 0 && years === figs.length && years >= 2) || (figs.length === 0 && periods >= 2)) r.header = true;
  }
  // A header row repeated after a page break is a header row again.
  const headerLabels = new Set(rows0.slice(0, h).map((r) => r.label + '|' + r.cells.map((c) => c.text).join('|')));
  for (const r of rows0.slice(h)) {
    if (!r.cells.some((c) => c.figure) && headerLabels.has(r.label + '|' + r.cells.map((c) => c.text).join('|'))) {
      r.header = true;
      r.repeatedHeader = true;
    }
  }
  const dataRaw = rows0.filter((r) => !r.header);
  if (!dataRaw.some((r) => r.cells.some((c) => c.figure))) return undefined;
  if (layout === 'pipe') rightAlignRowSpans(dataRaw);
  let ncols = Math.max(1, mode(dataRaw.filter((r) => r.cells.some((c) => c.figure)).map((r) => r.cells.length)));
  // Glued rows: the header says how many columns there are, where it can.
  const fromHeader = headerColumnCount(rows0.slice(0, h));
  if (layout === 'glued' && fromHeader && fromHeader !== ncols && dataRaw.some((r) => r.cells.length === fromHeader || (r.uncertain !== undefined && resplit(ctx, r, fromHeader)))) {
    ncols = fromHeader;
  }

  // Glued rows with several readings: take the reading with the table's column count.
  if (layout === 'glued') {
    for (const r of dataRaw) {
      if (r.uncertain === undefined || r.cells.length === ncols) continue;
      const again = resplit(ctx, r, ncols);
      if (again) {
        r.cells = again.cells;
        r.uncertain = again.uncertain;
      }
    }
  }

  const headerRows = rows0.filter((r) => r.header);
  const columns = buildColumns(headerRows.filter((r) => r.line < (dataRaw[0]?.line ?? Infinity)), ncols);

  // A tag column (注释: i, ii=1+2, a, b …) holds formula tags, not figures.
  let tagColumn = false;
  if (ncols >= 2) {
    const titled = /注释|序号|编号|代码|标识/.test(columns[0]?.title ?? '');
    const firsts = dataRaw.filter((r) => r.cells.length === ncols).map((r) => r.cells[0].text).filter((t) => t);
    const formulaLike = firsts.filter((t) => /[=+]/.test(t) || /^[ivx]+$|^[a-zA-Z]$/.test(t)).length;
    tagColumn = (titled && firsts.every((t) => tagLike(t))) || (formulaLike >= 2 && firsts.every((t) => tagLike(t) || /^\d{1,3}(,\d{3})*$/.test(t)) && firsts.filter((t) => tagLike(t)).length >= firsts.length * 0.6);
  }

  const rows: Row[] = rows0.map((r) => {
    let cells = r.cells;
    let tag: string | undefined;
    let formula: string | undefined;
    if (tagColumn && !r.header) {
      // A merged tag cell: the row has no tag, its figures start in the tag column and its last cell is empty
      // (a first figure too long to be a tag says so; otherwise the other rows having a last figure does).
      const first = cells[0];
      const shifted =
        cells.length === ncols && cells[ncols - 1].text === '' && !!first?.figure && !/[=+]/.test(first.text) &&
        (first.text.replace(/,/g, '').length > 2 || (cells.filter((c) => c.figure).length === ncols - 1 && othersEndInFigures(rows0, ncols)));
      if (shifted) cells = cells.slice(0, -1);
      else if (cells.length > 0) {
        ({ tag, formula } = tagAndFormula(cells[0].text));
        cells = cells.slice(1);
      }
    } else if (tagColumn && r.header) {
      cells = cells.slice(1);
    }
    if (!formula) {
      const lf = labelFormula(r.label);
      if (lf) ({ tag, formula } = { tag: lf.tag ?? tag, formula: lf.formula });
    }
    if (!tag) tag = labelTag(r.label);
    // A row that carries its own letter tag, 付现销售费用小计(e), is a line of a formula table, not a total of the rows above.
    const kind = r.header ? 'header' : formula ? 'formula' : tag && /^[a-z]$/.test(tag) ? 'data' : rowKindOf(r.label);
    return {
      label: r.label,
      labelRange: r.labelRange,
      cells: r.header ? cells : cells.map((c) => c),
      kind,
      breakdown: isBreakdownLabel(r.label),
      subtract: isSubtractLabel(r.label),
      formula,
      tag,
      line: r.line,
      start: r.start,
      end: r.end,
      uncertain: r.uncertain || undefined,
      repeatedHeader: r.repeatedHeader || undefined,
    } as Row;
  });
  const finalColumns = tagColumn ? columns.slice(1) : columns;

  // Units: the table's unit line or caption, the label header (数量(个)), the document's.
  const first = rows0[0];
  const { caption, captionRange, units } = captionAndUnits(ctx, first.line);
  const labelHeaderUnit = headerRows.length ? columnUnitIn(headerRows[0].label) : undefined;
  const unit: Unit = labelHeaderUnit ?? units?.find((u) => u.kind === 'money') ?? units?.[0] ?? ctx.documentUnit ?? DEFAULT_UNIT;
  // A table unit line listing several units (单位：万户、万元): columns whose title names one take it.
  if (units && units.length > 1) {
    for (const c of finalColumns) {
      if (c.unit) continue;
      const named = units.find((u) => c.title.includes(u.name));
      if (named) c.unit = { ...named, source: 'table' };
      else if (/户/.test(c.title)) c.unit = units.find((u) => u.kind === 'count');
    }
  }
  const last = rows[rows.length - 1];
  return {
    id,
    caption,
    captionRange,
    layout,
    columns: finalColumns,
    rows,
    unit,
    units: units ?? [],
    start: Math.min(first.start, captionRange?.start ?? first.start),
    end: last.end,
  };
}

/**
 * Pipe tables with row spans (a period or a business line merged over several
 * rows) write the rows under the span one cell to the left, with empty cells at
 * the end. Where several rows show that, every row is aligned on its right end.
 */
function rightAlignRowSpans(rows: RawRow[]) {
  const strippedLength = (r: RawRow) => {
    let n = r.cells.length;
    while (n > 0 && r.cells[n - 1].text === '') n--;
    return n;
  };
  const shifted = rows.filter((r) => strippedLength(r) > 0 && strippedLength(r) < r.cells.length);
  if (shifted.length < 2) return;
  const width = Math.max(...rows.map(strippedLength));
  // A text column at the right end may itself span rows; then the right end is no anchor.
  const full = rows.filter((r) => strippedLength(r) === width);
  if (!full.every((r) => r.cells[width - 1].figure || isEmptyCellText(r.cells[width - 1].text))) return;
  for (const r of rows) {
    const n = strippedLength(r);
    if (n === 0) continue;
    const kept = r.cells.slice(0, n);
    const at = kept[0].start;
    const pad: Cell[] = Array.from({ length: width - n }, () => ({ start: at, end: at, text: '' }));
    r.cells = [...pad, ...kept];
  }
}

/** The glued cells of a row read again as exactly `ncols` cells. */
function resplit(ctx: TableContext, r: RawRow, ncols: number): { cells: Cell[]; uncertain: boolean } | undefined {
  if (!r.cells.length) return undefined;
  const line = ctx.lines[r.lastLine];
  const from = r.cells[0].start - line.start;
  const to = r.cells[r.cells.length - 1].end - line.start;
  if (from < 0 || to > line.text.length) return undefined;
  const again = splitGlued(line.text.slice(from, to), ncols);
  if (!again) return undefined;
  const base = r.cells[0].start;
  return { cells: again.tokens.map((tok) => makeCell(tok.raw, base + tok.start)), uncertain: again.ambiguous };
}

/** Columns named by the header rows above the data: periods, or column words under them. */
function headerColumnCount(headers: RawRow[]): number | undefined {
  let periods = 0;
  let words = 0;
  for (const hr of headers) {
    if (hr.label === '' && hr.cells.length) words = hr.cells.length;
    else if (hr.cells.length) periods = hr.cells.length;
  }
  if (words && words >= periods) return words;
  return periods || undefined;
}

function othersEndInFigures(rows: RawRow[], ncols: number): boolean {
  // Other rows of the table have a figure in the last column.
  return rows.filter((x) => !x.header && x.cells.length === ncols && x.cells[ncols - 1].figure).length >= 2;
}

function buildColumns(headerRows: RawRow[], ncols: number): Column[] {
  const titles: string[][] = Array.from({ length: ncols }, () => []);
  // A header row that cannot be laid over the columns leaves them unnamed: such columns are not added up.
  let unclear = false;
  for (const h of headerRows) {
    const nonEmpty = h.cells.filter((c) => c.text !== '');
    const trailingEmpty = nonEmpty.length < h.cells.length && h.cells.slice(0, nonEmpty.length).every((c) => c.text !== '');
    if (h.cells.length === ncols && !trailingEmpty) h.cells.forEach((c, i) => c.text && titles[i].push(c.text));
    else if (nonEmpty.length === ncols) nonEmpty.forEach((c, i) => titles[i].push(c.text));
    else if (trailingEmpty && h.label && nonEmpty.length + 1 === ncols) {
      // A header row under a merged label cell starts one cell to the left.
      [h.label, ...nonEmpty.map((c) => c.text)].forEach((t, i) => titles[i].push(t));
    }
    else if (nonEmpty.length > 0 && ncols % nonEmpty.length === 0) {
      const span = ncols / nonEmpty.length;
      nonEmpty.forEach((c, i) => {
        for (let k = 0; k < span; k++) titles[i * span + k].push(c.text);
      });
    } else if (nonEmpty.length > 0) unclear = true;
  }
  return titles.map((parts) => {
    const title = parts.join(' ');
    const unit = columnUnitIn(title);
    const share = SHARE.test(title) && !/增/.test(title);
    const words = title.replace(/[(（][^)）]*[)）]/g, '');
    const additive = title ? !NOT_ADDITIVE.test(words) && unit?.kind !== 'percent' : !unclear;
    return { title, unit, additive, share };
  });
}

const CAPTION_HINT = /如下|下表|情况|明细|构成|列示|表\s*\d*$|[:：]$/;

function captionAndUnits(ctx: TableContext, firstLine: number): { caption: string; captionRange?: Range; units?: Unit[] } {
  let units: Unit[] | undefined;
  let caption = '';
  let captionRange: Range | undefined;
  let seen = 0;
  for (let i = firstLine - 1; i >= (ctx.from ?? 0) && seen < 4; i--) {
    if (!isContent(ctx, i)) continue;
    if (ctx.claimed[i]) break;
    const l = ctx.lines[i];
    const t = l.text.trim();
    seen++;
    const u = tableUnitsIn(l.text, l.start);
    if (u && !units) units = u;
    const withoutUnit = t.replace(/[(（]?\s*(?:金额|货币)?单位\s*[:：][^)）]*[)）]?/, '').trim();
    if (!caption && withoutUnit && !/^编制单位/.test(withoutUnit) && !/^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$/.test(withoutUnit)) {
      // A caption introduces the table (…如下表：, 单位 lines aside) or names it; a sentence that ends in 。 only if it says 如下.
      const sentence = /[。；]$/.test(withoutUnit) && !/如下|下表/.test(withoutUnit);
      if (!sentence && (withoutUnit.length <= 80 || CAPTION_HINT.test(withoutUnit))) {
        // A long introducing line: its last sentence (…。报告期各期末,…分类如下:).
        const last = withoutUnit.split(/[。；]/).filter((x) => x.trim()).pop() ?? withoutUnit;
        caption = last.length > 80 ? '…' + last.slice(-60) : last.trim();
        const s = l.start + l.text.indexOf(t);
        captionRange = { start: s, end: s + t.length };
      }
      if (units) break;
    }
    if (caption && units) break;
  }
  return { caption, captionRange, units };
}
