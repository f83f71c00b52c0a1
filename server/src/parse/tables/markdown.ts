// Markdown pipe tables, as Markdown extractions write them:
//   | 项目 | 2024年 | 2023年 |
//   |:---|---:|---:|
//   | 合计 | 1,234.56 | 1,000.00 |
// A header row, then a separator row (dashes, alignment colons), then the rows; the leading pipe
// opens the first cell (the row label), the trailing pipe closes the last. Every row has all its
// cells (Markdown has no merged cells), so an empty cell is an empty cell, never a shift.
// A table broken by a page and started again under the same header goes on as one table.

import { Line } from '../../model/types';
import { trimmedEnd, trimmedStart } from '../text';
import { AddTable, MAX_ROWS_PER_TABLE, TableContext } from './context';
import { addGrid, GridCell, GridRow } from './grid';

const PIPE = 124;
const BACKSLASH = 92;
/** A separator cell: dashes with optional alignment colons. */
const SEPARATOR_CELL = /^\s*:?-+:?\s*$/;
const ESCAPED_PIPE = /\\\|/g;

/** The cells of a pipe row that starts with a pipe, with offsets; undefined for any other line. */
export function markdownCells(line: Line): GridCell[] | undefined {
  const t = line.text;
  const from = trimmedStart(t);
  const to = trimmedEnd(t);
  if (to - from < 3 || t.charCodeAt(from) !== PIPE) return undefined;
  const cells: GridCell[] = [];
  let start = from + 1;
  let escaped = false;
  for (let i = from + 1; i <= to; i++) {
    const c = i < to ? t.charCodeAt(i) : PIPE;
    if (c === BACKSLASH && i + 1 < to && t.charCodeAt(i + 1) === PIPE) {
      escaped = true;
      i++;
      continue;
    }
    if (c !== PIPE) continue;
    // The last part, after a closing pipe, is not a cell.
    if (i === to && start === to) break;
    const raw = t.slice(start, i);
    cells.push({ text: escaped ? raw.replace(ESCAPED_PIPE, '|') : raw, start: line.start + start, end: line.start + i, escaped });
    escaped = false;
    start = i + 1;
  }
  return cells.length >= 2 ? cells : undefined;
}

/** A separator line by its characters alone (pipes, dashes, colons, spaces, at least one dash): the cheap test first. */
function separatorLine(text: string): boolean {
  let dash = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 45) dash = true;
    else if (c !== PIPE && c !== 58 && c !== 32 && c !== 9) return false;
  }
  return dash;
}

export function isSeparatorRow(cells: GridCell[]): boolean {
  return cells.every((c) => SEPARATOR_CELL.test(c.text));
}

function sameHeader(a: GridCell[], b: GridCell[]): boolean {
  return a.length === b.length && a.every((c, i) => c.text.trim() === b[i].text.trim());
}

export function findMarkdownTables(ctx: TableContext, add: AddTable) {
  const { lines } = ctx;
  const end = ctx.to ?? lines.length;
  const rowAt = (i: number): GridCell[] | undefined => (i < end && !ctx.claimed[i] ? markdownCells(lines[i]) : undefined);
  for (let i = ctx.from ?? 0; i + 1 < end; i++) {
    if (lines[i].text.indexOf('|') < 0 || !separatorLine(lines[i + 1].text)) continue;
    const header = rowAt(i);
    if (!header || isSeparatorRow(header)) continue;
    const sep = rowAt(i + 1);
    if (!sep || !isSeparatorRow(sep)) continue;
    const block: GridRow[] = [{ line: i, start: lines[i].start, end: lines[i].end, items: header }];
    const separators = [i + 1];
    let j = i + 2;
    let last = i + 1;
    while (j < end && block.length < MAX_ROWS_PER_TABLE) {
      const cells = rowAt(j);
      if (cells && !isSeparatorRow(cells)) {
        block.push({ line: j, start: lines[j].start, end: lines[j].end, items: cells });
        last = j++;
        continue;
      }
      // After blank lines and page furniture, the same header and a separator: the table goes on.
      let k = j;
      while (k < end && (ctx.furniture.has(k) || trimmedEnd(lines[k].text) === 0)) k++;
      const again = rowAt(k);
      const againSep = again && rowAt(k + 1);
      if (again && againSep && isSeparatorRow(againSep) && sameHeader(again, header)) {
        block.push({ line: k, start: lines[k].start, end: lines[k].end, items: again });
        separators.push(k + 1);
        last = k + 1;
        j = k + 2;
        continue;
      }
      break;
    }
    addGrid(block, 'markdown', add, ctx);
    // The separator rows belong to the table read (they are no rows of it, so add() did not claim them).
    if (ctx.claimed[i]) for (const s of separators) ctx.claimed[s] = 1;
    i = last;
  }
}
