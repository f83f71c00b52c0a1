// Finding tables in the text, in each layout the filings use:
//  - list rows:            ['合计', '25,001', '25,211']   (JSON-lines extractions)
//  - HTML tables:          <table><tr><td>合计</td><td>25,001</td>…  (one table per line, spans laid out)
//  - Markdown tables:      | 合计 | 25,001 | 25,211 |  under a |---|---| separator row
//  - pipe rows:            合计 | 25,001 | 25,211 |          (merged cells shift columns left)
//  - one cell per line:    label, blank, cell, blank, …      (extra blank lines for empty cells)
//  - column-major:       labels as one run of lines, each column's values as another (pdftotext without -layout)
//  - cell stream:          label, cell, cell, … without blank lines between (a blank line or nothing for an empty cell)
//  - aligned columns:      合计      3,550,196.05      7,066,350.78   (pdftotext -layout: read by position)
//  - space-separated rows: 合计 3,550,196.05 7,066,350.78
//  - glued rows:           合计28,770,992.0165,364,545.23    (split on grouping and two decimals)
//  - glued rows, several on a line: 存货36,519,459.37…其他流动资产566,050.29…流动资产合计…
// Page furniture between rows is skipped, so a table goes on across page breaks.

import { Table, TableLayout } from '../model/types';
import { findAlignedTables } from './tables/alignedColumns';
import { assembleTable } from './tables/assemble';
import { findCellPerLineTables } from './tables/cellPerLine';
import { findCellStreamTables } from './tables/cellStream';
import { findColumnMajorTables } from './tables/columnMajor';
import { findGluedLineTables } from './tables/gluedLines';
import { AddTable, RawRow, TableContext } from './tables/context';
import { ANGLE, LIST_OPEN, PIPE, SHORT, someLines, UNIT_WORDS_ONLY, VALUE_LINE, VALUE_START, WIDE_GAP } from './tables/lineClass';
import { findHtmlTables } from './tables/html';
import { findLineTables } from './tables/lineRows';
import { findListTables } from './tables/listRows';
import { findMarkdownTables } from './tables/markdown';
import { findPipeTables } from './tables/pipe';
import { AMOUNT, DIGIT, hasNonSpace } from './text';

export type { TableContext } from './tables/context';

/**
 * The readers, in the order they run (each claims its lines before the next looks). A reader's
 * signature (tables/lineClass.ts) is what at least `lines` free lines of a chunk must all have
 * for it to find a table there (lines of page furniture only where `furniture` is set: the
 * reader may take such a line as a row); where they do not, it is not run on the chunk at all.
 */
interface Reader {
  find: (ctx: TableContext, add: AddTable) => void;
  signature?: number;
  lines?: number;
  furniture?: boolean;
}

const READERS: Reader[] = [
  // A list literal starts its line with [.
  { find: findListTables, signature: LIST_OPEN, furniture: true },
  // An HTML table opens with a tag.
  { find: findHtmlTables, signature: ANGLE, furniture: true },
  // A Markdown table: a header row of pipes.
  { find: findMarkdownTables, signature: PIPE, furniture: true },
  { find: findPipeTables, signature: PIPE, furniture: true },
  // Column-major text: runs of values one per line after a run of labels.
  { find: findColumnMajorTables, signature: VALUE_LINE, lines: 2 },
  // Two figures at least, each a short line of its own.
  { find: findCellPerLineTables, signature: VALUE_START | SHORT | UNIT_WORDS_ONLY, lines: 2 },
  // A line of values only (a row's values on lines of their own; one such line can make two rows).
  { find: findCellStreamTables, signature: VALUE_LINE },
  // A figure padded away from its label (or indented) by two spaces or more.
  { find: findAlignedTables, signature: WIDE_GAP },
  // A line of two glued rows or more, or a header of glued periods (a year).
  { find: findGluedLineTables },
  { find: findLineTables },
];

export function findTables(ctx: TableContext): Table[] {
  const tables: Table[] = [];
  const add = (layout: TableLayout, rows: RawRow[], continued = false) => {
    const t = assembleTable(ctx, layout, rows, tables.length);
    if (t) {
      if (continued) t.continued = true;
      if (rows.length && figuresJustAbove(ctx, rows[0].line)) t.cutAbove = true;
      tables.push(t);
      for (const r of rows) for (let i = r.line; i <= r.lastLine; i++) ctx.claimed[i] = 1;
    }
  };
  for (const r of READERS) if (!r.signature || someLines(ctx, r.signature, r.lines, r.furniture ?? false)) r.find(ctx, add);
  tables.sort((a, b) => a.start - b.start);
  tables.forEach((t, i) => (t.id = i));
  return tables;
}

/**
 * Whether the table may start late: walking up from its first line over lines without digits (items
 * left empty, wrapped labels, group headings), the first line with digits holds figures — rows of the
 * same table that were not read — rather than a header, a caption or a sentence.
 */
function figuresJustAbove(ctx: TableContext, first: number): boolean {
  let seen = 0;
  // Within the chunk searched: the same chunk text gives the same tables wherever it stands.
  for (let i = first - 1; i >= (ctx.from ?? 0) && i >= first - 40 && seen < 15; i--) {
    if (ctx.furniture.has(i)) continue;
    const t = ctx.lines[i].text;
    if (t.length > 400) return false;
    if (!hasNonSpace(t)) continue;
    // The first line of a page (under a page marker, a form feed, a page number) may be a running header
    // not recognised as one: the rows above the page break may be the table's all the same.
    if (firstOfPage(ctx, i)) continue;
    seen++;
    if (CLOSES_ABOVE.test(t)) return false;
    if (!DIGIT.test(t)) continue;
    return (AMOUNT.test(t) || numberTokens(t) >= 2) && !closedByTotal(ctx, i);
  }
  return false;
}

/** Whether line i is the first line of text after page furniture (blank lines between). */
function firstOfPage(ctx: TableContext, i: number): boolean {
  for (let k = i - 1; k >= (ctx.from ?? 0) && k >= i - 3; k--) {
    if (ctx.furniture.has(k)) return true;
    if (hasNonSpace(ctx.lines[k].text)) return false;
  }
  return false;
}

/**
 * The figures ending at line `last` are the total row of a block above (合计 74,077.14 …, or 合计 on its
 * own line with its figures one per line after it): that block is finished, so no rows of the table
 * below were left above it.
 */
function closedByTotal(ctx: TableContext, last: number): boolean {
  for (let i = last, seen = 0; i >= (ctx.from ?? 0) && seen < 16; i--) {
    if (ctx.furniture.has(i)) continue;
    const t = ctx.lines[i].text;
    if (!hasNonSpace(t)) continue;
    seen++;
    if (TOTAL_LABEL.test(t)) return true;
    if (!FIGURES_ONLY.test(t)) return false;
  }
  return false;
}

/** A total row's label at the start of a line (合计, 合 计, 流动资产合计, 合计 74,077.14 …). */
const TOTAL_LABEL = /^\s*[^\d\s,.，。：:]{0,20}(?:合\s*计|小\s*计|总\s*计)(?:\s|$|[(（\d-])/;
/** A line of figures and nil marks only (one cell per line, or a row's values on a line of their own). */
const FIGURES_ONLY = /^[\s\d,.%()（）\-—–]+$/;

const CLOSES_ABOVE = /[。：:]\s*$|单位/;
const NUMBER_TOKEN = /(?:^|\s)[(（-]?\d[\d,]*(?:\.\d+)?[)）]?%?(?=\s|$)/g;

function numberTokens(t: string): number {
  NUMBER_TOKEN.lastIndex = 0;
  let n = 0;
  while (NUMBER_TOKEN.exec(t)) n++;
  return n;
}
