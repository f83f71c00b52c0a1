// One cell per line: label, blank, cell, blank … — a grid search over the blank-line-separated slots.

import { figureOfCell, makeCell } from '../cells';
import { isEmptyCellText } from '../numbers';
import { SENTENCE_END, SPACED_PIPE, trimmedEnd, trimmedStart } from '../text';
import { AddTable, MAX_LABEL, RawRow, TableContext } from './context';
import { lineHas, UNIT_WORDS_ONLY, VALUE_START } from './lineClass';

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

export function findCellPerLineTables(ctx: TableContext, add: AddTable) {
  const { lines } = ctx;
  // Slots: runs of non-blank content lines, separated by blank lines.
  const slots: Slot[] = [];
  let blank = 0;
  let cur: Slot | undefined;
  for (let i = ctx.from ?? 0; i < (ctx.to ?? lines.length); i++) {
    if (ctx.furniture.has(i)) continue;
    const text = lines[i].text;
    const from = trimmedStart(text);
    const t = from === text.length ? '' : text.slice(from, trimmedEnd(text));
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
    // (A line that does not start as a figure or a nil mark does, or has CJK words in it, is text, by its class.)
    const isText = !lineHas(ctx, i, VALUE_START | UNIT_WORDS_ONLY);
    if (cur && t.length <= MAX_LABEL && cur.lineCount < 3 && typeOfSlot(cur) === 'text' && (isText || slotType(t) === 'text')) {
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
    cur = { text: t, type: isText ? 'text' : undefined, start: lines[i].start + from, end: lines[i].start + from + t.length, line: i, lastLine: i, blankBefore: blank, lineCount: 1 };
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
  return slot.text !== '\u0000' && slot.text.length <= 60 && slot.lineCount <= 3 && !SENTENCE_END.test(slot.text) && !SPACED_PIPE.test(slot.text);
}

const PREAMBLE = /^(?:编制单位|.{0,12}单位\s*(?:[:：]|为)|金额单位|币种\s*[:：]|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$|\d{4}\s*年\s*(?:1-\d{1,2}|半年度?)\s*月?$)/;

/**
 * Lays slots out as rows of `ncols` items from slot `start`: a label slot, then
 * cells; a run of 2k+1 blank lines before a slot stands for k empty cells. Empty
 * cells never run past the end of a row, so stray blank lines (a line lost in
 * extraction) do not shift the rows after them.
 */
function layRows(region: Slot[], codes: RegionCodes, start: number, ncols: number, maxRows = Infinity): Item[][] {
  return [...rowsOf(region, codes, start, ncols, maxRows)];
}

/**
 * One row laid out from slot i (see layRows): the slot of each of its `ncols` items
 * in `out`, -1 for an empty cell. Returns the slot after the row, or -1 when the
 * region ends before the row is complete. (The grid search and the rows kept share it.)
 */
function layRow(codes: RegionCodes, i: number, ncols: number, out: Int32Array): number {
  const len = codes.types.length;
  out[0] = i;
  let k = 1;
  let j = i + 1;
  while (k < ncols) {
    const e = j < len ? codes.empties[j] : ncols;
    for (let q = 0; q < e && k < ncols; q++) out[k++] = -1;
    if (k >= ncols || j >= len) break;
    out[k++] = j++;
  }
  return k < ncols ? -1 : j;
}

function* rowsOf(region: Slot[], codes: RegionCodes, start: number, ncols: number, maxRows = Infinity): Generator<Item[]> {
  const slotsOfRow = new Int32Array(ncols);
  let count = 0;
  let i = start;
  while (i < region.length && count < maxRows) {
    const next = layRow(codes, i, ncols, slotsOfRow);
    if (next < 0) break;
    const row: Item[] = [];
    let prev: Slot = region[i];
    for (const s of slotsOfRow) {
      if (s < 0) row.push({ type: 'empty', at: prev.end, line: prev.line });
      else {
        prev = region[s];
        row.push({ type: typeOfSlot(prev), slot: prev, at: prev.start, line: prev.line });
      }
    }
    count++;
    yield row;
    i = next;
  }
}

const CHAPTER_TITLE = /^[一二三四五六七八九十]{1,3}、\s*[\u4e00-\u9fff][^:：]*$/;

function fitRegion(ctx: TableContext, region: Slot[], add: AddTable) {
  const codes = regionCodes(region);
  let from = 0;
  let guard = 0;
  while (region.length - from >= 6 && guard++ < 100000) {
    const fit = bestGrid(region, codes, from);
    if (!fit) {
      // Nothing starts in this window (the rest of a table with no header, notes between tables): look further on.
      from += GRID_SEARCH_WINDOW;
      continue;
    }
    const laid = layRows(region, codes, fit.start, fit.ncols, fit.rows);
    const rows = laid.map((chunk, r) => rowFromItems(chunk, r === 0));
    let next = afterRows(region, laid);
    // A label that wraps over a blank line ("其中:子公司支付给少数股东的" … "股利、利润") breaks the
    // grid for one or two slots: take them into the label above and go on with the same columns.
    for (let resumed = true; resumed && next < region.length; ) {
      resumed = false;
      for (let skip = 1; skip <= 2 && next + skip < region.length; skip++) {
        const stray = region.slice(next, next + skip);
        if (stray.some((sl) => typeOfSlot(sl) !== 'text' || sl.text.length > 24)) break;
        const more = dataRowsFrom(region, codes, next + skip, fit.ncols);
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
    // A chapter's title after the last row, every cell empty (三、公司基本情况 after a statement), is no row of it.
    while (rows.length > 2 && CHAPTER_TITLE.test(rows[rows.length - 1].label) && rows[rows.length - 1].cells.every((c) => !c.text.trim())) rows.pop();
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
function dataRowsFrom(region: Slot[], codes: RegionCodes, start: number, ncols: number): Item[][] {
  const out: Item[][] = [];
  for (const row of rowsOf(region, codes, start, ncols)) {
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
function bestGrid(region: Slot[], codes: RegionCodes, from: number): { ncols: number; start: number; rows: number } | undefined {
  // The best grid of each start in the window.
  const candidates: { ncols: number; start: number; rows: number; score: number; end: number }[] = [];
  const maxStart = Math.min(from + GRID_SEARCH_WINDOW, region.length - 4);
  for (let start = from; start <= maxStart; start++) {
    const first = region[start];
    if (codes.types[start] !== TEXT || PREAMBLE.test(first.text)) continue;
    // A header row's first cell is a title, not a figure: a label followed straight by a figure starts no grid.
    const second = region[start + 1];
    if (second && second.blankBefore <= 2 && codes.types[start + 1] === NUM) continue;
    let best: { ncols: number; rows: number; score: number; end: number } | undefined;
    for (let ncols = 2; ncols <= MAX_GRID_COLUMNS; ncols++) {
      const g = scoreGrid(codes, start, ncols);
      if (!g || g.rows < 3 || g.score <= 0) continue;
      if (!best || g.score > best.score) best = { ncols, rows: g.rows, score: g.score, end: g.end };
    }
    if (best) candidates.push({ ...best, start });
  }
  if (!candidates.length) return undefined;
  // The first grid, unless one that overlaps it reads better (a caption read as a header makes a worse grid
  // over the same rows); a grid after it is found on a later pass.
  const first = candidates[0];
  const rival = candidates.filter((c) => c.start < first.end).reduce((x, y) => (y.score > x.score ? y : x));
  return { ncols: rival.ncols, start: rival.start, rows: rival.rows };
}

const MAX_GRID_COLUMNS = 14;
const NUM = 0;
const EMPTY = 1;
const TEXT = 2;
const CODE: Record<ItemType, number> = { num: NUM, empty: EMPTY, text: TEXT };

/** A region's slots as numbers, for the grid search: item types, empty cells before each slot, unit lines. */
interface RegionCodes {
  types: Uint8Array;
  /** Empty cells that the blank lines before a slot stand for (2k+1 blank lines = k). */
  empties: Int32Array;
  /** Slots that state a unit (单位：元): never a header cell. */
  unitLine: Uint8Array;
}

function regionCodes(region: Slot[]): RegionCodes {
  const n = region.length;
  const codes: RegionCodes = { types: new Uint8Array(n), empties: new Int32Array(n), unitLine: new Uint8Array(n) };
  for (let i = 0; i < n; i++) {
    codes.types[i] = CODE[typeOfSlot(region[i])];
    codes.empties[i] = Math.max(0, Math.floor((region[i].blankBefore - 1) / 2));
    codes.unitLine[i] = UNIT_LINE.test(region[i].text) ? 1 : 0;
  }
  return codes;
}

const UNIT_LINE = /单位\s*[:：为]/;

// Scratch space for scoreGrid (one row, and per-column tallies); never more than MAX_GRID_COLUMNS wide.
const rowType = new Uint8Array(MAX_GRID_COLUMNS);
const rowSlot = new Int32Array(MAX_GRID_COLUMNS);
const colType = new Uint8Array(MAX_GRID_COLUMNS);
const nums = new Int32Array(MAX_GRID_COLUMNS);
const texts = new Int32Array(MAX_GRID_COLUMNS);
const UNSET = 255;

interface GridScore {
  rows: number;
  score: number;
  end: number;
}
const gridScore: GridScore = { rows: 0, score: 0, end: 0 };

/**
 * How many rows, laid out by layRow, read as a header and consistent data rows,
 * how good the reading is, and the slot after the last of them: figures in data
 * columns count for it, text in data columns against it (a grid of the wrong
 * width puts labels there). Only slot types are looked at; no rows are built.
 */
function scoreGrid(codes: RegionCodes, start: number, ncols: number): GridScore | undefined {
  const { types } = codes;
  const len = types.length;
  for (let c = 0; c < ncols; c++) {
    colType[c] = UNSET;
    nums[c] = 0;
    texts[c] = 0;
  }
  let n = 0;
  let end = start;
  let anyNum = false;
  let i = start;
  while (i < len) {
    const j = layRow(codes, i, ncols, rowSlot);
    if (j < 0) break;
    for (let c = 0; c < ncols; c++) rowType[c] = rowSlot[c] < 0 ? EMPTY : types[rowSlot[c]];
    if (n === 0) {
      // Header: text cells (a period, a column title); at least one not empty.
      let headerText = 0;
      for (let c = 1; c < ncols; c++) {
        if (rowType[c] === NUM || (rowSlot[c] >= 0 && codes.unitLine[rowSlot[c]])) return undefined;
        if (rowType[c] === TEXT) headerText++;
      }
      if (headerText < Math.max(1, ncols - 2)) return undefined;
    } else {
      if (rowType[0] !== TEXT) break;
      // Twelve rows without a single figure: lines of prose, not a table.
      if (n > 12 && !anyNum) return undefined;
      let ok = true;
      for (let c = 1; c < ncols && ok; c++) {
        const t = rowType[c];
        if (t === EMPTY) continue;
        if (colType[c] === UNSET) colType[c] = t;
        else if (colType[c] === NUM && t === TEXT) ok = false;
      }
      if (!ok) break;
      for (let c = 1; c < ncols; c++) {
        if (rowType[c] === NUM) {
          nums[c]++;
          anyNum = true;
        } else if (rowType[c] === TEXT) texts[c]++;
      }
    }
    n++;
    end = j;
    i = j;
  }
  if (n === 0) return undefined;
  let figures = 0;
  let numColumn = false;
  let mixed = 0;
  let text = 0;
  for (let c = 1; c < ncols; c++) {
    figures += nums[c];
    if (colType[c] === NUM) numColumn = true;
    // A column of text (款项性质, 账龄) is fine; a column mixing text and figures is a misread.
    mixed += Math.min(nums[c], texts[c]);
    text += texts[c];
  }
  if (!numColumn || figures < 2) return undefined;
  // Text in data columns is allowed (款项性质, 账龄) but costs a little, so a narrower grid that puts it in the label column wins a tie.
  // (One result object, reused: the caller reads it before the next call.)
  gridScore.rows = n;
  gridScore.score = figures - 3 * mixed - 0.5 * text;
  gridScore.end = end;
  return gridScore;
}
