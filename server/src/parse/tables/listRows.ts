// List rows, as JSON-lines extractions write a table: one Python list literal per line,
//   ['流动资产合计', '810,551,258.15', '822,007,189.31']
// empty cells '', section rows all empty, the header possibly over several rows, page furniture
// (and the header row again) between the rows of one table. Where the PDF cell held stacked
// sub-rows, their values are glued in one cell ('23,917.468,006.71135.31', '74.55%24.96%0.42%'):
// such a row is split into its sub-rows only where a label cell stacks as many labels
// ('12345合计', '高压超级结MOSFET中低压屏蔽栅MOSFET超级硅MOSFET'); otherwise it is uncertain.

import { isSpaceCode, trimmedEnd, trimmedStart } from '../text';
import { AddTable, MAX_ROWS_PER_TABLE, TableContext } from './context';
import { addGrid, GridCell, GridRow } from './grid';

/** One string of a list literal: its text (escapes decoded) and where its content stands in the document. */
export type ListItem = GridCell;

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
    items.push({ text: escaped ? decodeEscapes(raw) : raw, start: base + from, end: base + i, escaped });
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

function decodeEscapes(raw: string): string {
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

function listLine(ctx: TableContext, i: number): GridRow | undefined {
  const line = ctx.lines[i];
  const c = line.text.charCodeAt(trimmedStart(line.text));
  if (c !== OPEN) return undefined;
  const items = parseListLiteral(line.text, line.start);
  return items ? { line: i, start: line.start, end: line.end, items } : undefined;
}

/** A page number as extractions write it: 1-1-200, 8-2-2-88, 66 / 195, - 12 -. */
const PAGE_NUMBER = /^(?:\d{1,4}(?:-\d{1,4}){1,3}|\d{1,4}\s*\/\s*\d{1,4}|-\s*\d{1,4}\s*-)$/;

function sameRow(a: GridRow, b: GridRow): boolean {
  return a.items.length === b.items.length && a.items.every((it, i) => it.text === b.items[i].text);
}

/** The line where a list table resumes after a page number (and one more short line), or -1. */
function afterPageBreak(ctx: TableContext, from: number, end: number, first: GridRow, furnitureBefore: boolean): number {
  let pageNumber = furnitureBefore;
  let other = 0;
  for (let j = from; j < end && j < from + 4; j++) {
    const t = ctx.lines[j].text.trim();
    if (!t) continue;
    if (ctx.furniture.has(j)) {
      pageNumber = true;
      continue;
    }
    if (PAGE_NUMBER.test(t)) {
      if (pageNumber) return -1;
      pageNumber = true;
      continue;
    }
    const row = t.charCodeAt(0) === OPEN ? listLine(ctx, j) : undefined;
    if (row) return pageNumber && sameRow(row, first) ? j : -1;
    if (++other > 1 || t.length > 40) return -1;
  }
  return -1;
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
    const block: GridRow[] = [first];
    let j = i + 1;
    let last = i;
    let broken = false;
    while (j < end && block.length < MAX_ROWS_PER_TABLE) {
      // A list literal is a row even where it repeats often enough to look like a running header.
      const next = ctx.claimed[j] ? undefined : listLine(ctx, j);
      if (!next && (ctx.furniture.has(j) || trimmedEnd(lines[j].text) === 0)) {
        broken ||= ctx.furniture.has(j);
        j++;
        continue;
      }
      // Across a page break, rows of another width are another table.
      if (next && broken && next.items.length !== block[block.length - 1].items.length) break;
      const pageBroken = broken;
      broken = false;
      if (next) {
        block.push(next);
        last = j;
        j++;
        continue;
      }
      // A page break the furniture finder did not see whole (too few pages to tell a running header): a page
      // number and at most one more short line, then the table's first row again.
      const resume = afterPageBreak(ctx, j, end, block[0], pageBroken);
      if (resume > j) {
        j = resume;
        continue;
      }
      break;
    }
    addGrid(block, 'list', add, ctx);
    i = last + 1;
  }
}

