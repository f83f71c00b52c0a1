// HTML tables, as MinerU-style extractions write them: a whole table on one line,
//   <table><tr><td rowspan="2">项目</td><td colspan="2">2019 年 12 月 31 日</td></tr>…</table>
// between lines of prose. Parsed with htmlparser2 (entities, implied end tags, attributes), with the
// source offset of every piece of text; row and column spans are laid out into the grid, and the
// grid is read like every explicit grid (grid.ts).

import { Parser } from 'htmlparser2';
import { AddTable, MAX_ROWS_PER_TABLE, TableContext } from './context';
import { addGrid, GridCell, GridRow } from './grid';
import { figureOfCell } from '../cells';

/** Lines a table may run over when its tags are not all on one line. */
const MAX_TABLE_LINES = 2000;
const MAX_SPAN = 100;
const TABLE_TAG = /<table[\s>]/i;
/** A line of markup (or blank) in a table written over several lines. */
const MARKUP_LINE = /^\s*(?:<|$)/;
const SPACE_RUN = /\s+/g;

interface Piece {
  text: string;
  start: number;
  end: number;
  /** The source is not the text (an entity). */
  decoded: boolean;
}

interface HtmlCell {
  pieces: Piece[];
  colspan: number;
  rowspan: number;
  header: boolean;
  /** Where the cell's tag ends, for the empty cells it spans. */
  at: number;
}

interface HtmlRow {
  line: number;
  start: number;
  end: number;
  cells: HtmlCell[];
}

/** A parsed table: its rows, the line it ends on. */
export interface HtmlTable {
  rows: HtmlRow[];
  lastLine: number;
}

/** The tables that start on a line, and the last line given to the parser. */
export interface HtmlTables {
  tables: HtmlTable[];
  lastLine: number;
}

function span(value: string | undefined): number {
  const n = value === undefined ? 1 : parseInt(value, 10);
  return Number.isFinite(n) && n >= 1 ? Math.min(n, MAX_SPAN) : 1;
}

/**
 * The tables that start on line `first` (and the lines after it, until the outermost table closes):
 * rows and cells with document offsets. Tables nested in a cell add their text to that cell.
 */
export function parseHtmlTables(ctx: TableContext, first: number, end: number): HtmlTables {
  const { lines } = ctx;
  const tables: HtmlTable[] = [];
  // Offsets in what the parser was given → document offsets, line by line.
  const fed: number[] = [];
  let line = first;
  // The line (index into fed) a parser offset falls on: positions only grow, so a cursor moves forward.
  let cursor = 0;
  const fedLine = (pos: number): number => {
    if (pos < fed[cursor]) cursor = 0;
    while (cursor + 1 < fed.length && fed[cursor + 1] <= pos) cursor++;
    return cursor;
  };
  const toDoc = (pos: number): number => {
    const k = fedLine(pos);
    const l = lines[first + k];
    return l.start + Math.min(pos - fed[k], l.text.length);
  };
  const lineOf = (pos: number): number => first + fedLine(pos);
  let depth = 0;
  let table: HtmlTable | undefined;
  let row: HtmlRow | undefined;
  let cell: HtmlCell | undefined;
  let open = false;
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (name === 'table') {
          depth++;
          if (depth === 1) {
            table = { rows: [], lastLine: lineOf(parser.startIndex) };
            open = true;
          }
          return;
        }
        if (depth !== 1 || !table) return;
        if (name === 'tr') {
          row = { line: lineOf(parser.startIndex), start: toDoc(parser.startIndex), end: toDoc(parser.endIndex + 1), cells: [] };
          if (table.rows.length < MAX_ROWS_PER_TABLE) table.rows.push(row);
        } else if ((name === 'td' || name === 'th') && row) {
          cell = { pieces: [], colspan: span(attribs.colspan), rowspan: span(attribs.rowspan), header: name === 'th', at: toDoc(parser.endIndex + 1) };
          row.cells.push(cell);
        } else if (cell && (name === 'br' || name === 'p' || name === 'div')) {
          cell.pieces.push({ text: ' ', start: toDoc(parser.startIndex), end: toDoc(parser.startIndex), decoded: true });
        }
      },
      ontext(text) {
        if (!cell || depth < 1) return;
        const start = parser.startIndex;
        const stop = parser.endIndex + 1;
        const s = toDoc(start);
        const e = toDoc(stop);
        cell.pieces.push({ text, start: s, end: e, decoded: e - s !== text.length || lineOf(start) !== lineOf(stop - 1) });
      },
      onclosetag(name) {
        if (name === 'table') {
          if (depth === 1 && table) {
            table.lastLine = lineOf(parser.startIndex);
            tables.push(table);
            table = row = cell = undefined;
            open = false;
          }
          depth = Math.max(0, depth - 1);
          return;
        }
        if (depth !== 1) return;
        if (name === 'td' || name === 'th') cell = undefined;
        else if (name === 'tr') {
          if (row) row.end = toDoc(parser.endIndex + 1);
          row = cell = undefined;
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  let pos = 0;
  for (; line < end && line - first < MAX_TABLE_LINES; line++) {
    // A table still open at the end of its line goes on over lines of markup only (a pretty-printed table).
    if (line > first && !MARKUP_LINE.test(lines[line].text)) break;
    fed.push(pos);
    const t = lines[line].text + '\n';
    parser.write(t);
    pos += t.length;
    if (!open) break;
  }
  const lastLine = first + fed.length - 1;
  parser.end();
  return { tables, lastLine };
}

/** A cell's text and offsets: the source slice where the cell is one piece of plain text, else the decoded text. */
function gridCell(c: HtmlCell): GridCell {
  const pieces = c.pieces.filter((p) => p.text.trim() !== '');
  if (pieces.length === 1 && !pieces[0].decoded) return { text: pieces[0].text, start: pieces[0].start, end: pieces[0].end, escaped: false };
  if (!pieces.length) return { text: '', start: c.at, end: c.at, escaped: false };
  const text = c.pieces.map((p) => p.text).join('').replace(SPACE_RUN, ' ').trim();
  return { text, start: pieces[0].start, end: pieces[pieces.length - 1].end, escaped: true };
}

/** The grid of a table: row and column spans laid out. A spanned position repeats a title, never a figure. */
export function htmlGrid(table: HtmlTable): GridRow[] {
  const grid: GridRow[] = [];
  // Cells still spanning down: per column, the cell and the rows it has left.
  const down: ({ cell: GridCell; left: number } | undefined)[] = [];
  for (const r of table.rows) {
    const items: GridCell[] = [];
    const cells = r.cells.map(gridCell);
    const figures = cells.map((g) => g.text !== '' && !!figureOfCell(g.text, 0));
    const anyFigure = figures.some((f) => f);
    const place = (col: number, g: GridCell) => {
      items[col] = g;
    };
    let col = 0;
    const takeDown = () => {
      while (down[col] && down[col]!.left > 0) {
        const d = down[col]!;
        place(col, d.cell);
        d.left--;
        col++;
      }
    };
    r.cells.forEach((c, n) => {
      takeDown();
      const g = cells[n];
      place(col, g);
      const copy: GridCell = { text: figures[n] ? '' : g.text, start: g.end, end: g.end, escaped: true };
      // Across: a title (a <th>, or a row without figures) is the title of every column it spans.
      for (let k = 1; k < c.colspan; k++) place(col + k, c.header || !anyFigure ? copy : { text: '', start: g.end, end: g.end, escaped: true });
      for (let k = 0; k < c.colspan; k++) down[col + k] = c.rowspan > 1 ? { cell: k === 0 ? copy : { ...copy, text: c.header || !anyFigure ? copy.text : '' }, left: c.rowspan - 1 } : undefined;
      col += c.colspan;
    });
    takeDown();
    for (let k = 0; k < items.length; k++) if (!items[k]) items[k] = { text: '', start: r.start, end: r.start, escaped: true };
    if (items.length) grid.push({ line: r.line, start: r.start, end: r.end, items });
  }
  return grid;
}

/** Whether a line opens an HTML table (such a line may be longer than other table rows: a whole table is one line). */
export function opensHtmlTable(text: string): boolean {
  return text.indexOf('<') >= 0 && TABLE_TAG.test(text);
}

/** Lines longer than this are table rows only as HTML tables (as parse/chunks.ts caps the others). */
const LONG_LINE = 20000;

export function findHtmlTables(ctx: TableContext, add: AddTable) {
  const { lines } = ctx;
  const end = ctx.to ?? lines.length;
  for (let i = ctx.from ?? 0; i < end; i++) {
    const text = lines[i].text;
    if (ctx.claimed[i] || !opensHtmlTable(text)) continue;
    const { tables, lastLine } = parseHtmlTables(ctx, i, end);
    let last = lastLine;
    for (const t of tables) {
      const grid = htmlGrid(t);
      if (grid.length) addGrid(grid, 'html', add, ctx);
      last = Math.max(last, t.lastLine);
    }
    // A long line is no row of any other layout, table or not.
    for (let k = i; k <= last; k++) if (lines[k].text.length > LONG_LINE) ctx.claimed[k] = 1;
    i = last;
  }
}
