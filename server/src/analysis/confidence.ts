// Whether a total that does not reconcile is worth a warning. Real discrepancies in published
// filings are rare (8 among some 1,340 hand-checked totals); a reading of a table under which
// its totals fail is far more often a misreading. So a failing check is reported only when its
// reading is free of the signs of a misreading and something confirms it.
//
// Signs of a misreading (any one: not reported):
//  - a line among the total's rows holds a figure that was not placed in a column;
//  - the total's rows run up to the first row of a table that starts right under lines with
//    figures, or that continues a broken-off grid (rows above may have been cut off); header rows
//    that title fewer than half of the columns do not start a table;
//  - a column of small values beside columns of large amounts (a rate read as an amount);
//  - a row among the total's rows, without figures, writes text in most of its cells (a second
//    table's column header: two tables read as one);
// Confirmation (any one):
//  - the same total row reconciles in other columns over the same component rows (each row added by
//    one of them at least, rows with a nil mark in this column aside);
//    else a single component, unless a header or heading bounds it, is not confirmed;
//  - other totals of the table reconcile, one of them in the same column, and they outnumber the
//    failing ones at least two to one;
//  - shares that make 100 % with the rows read, under a share total that says something else;
//  - the block is explicit and complete: bounded above by a header or heading inside the table,
//    the total and every row with figures holding a cell for each column, in a layout where a missing
//    cell leaves a trace (not glued digits, not one cell per line without blank lines; column-major
//    text only where every column's run stood under its title).
// A failing check that is not confirmed gets `doubt`: the hover says why it could not be checked.

import type { Table } from '../model/types';
import { isEmptyCellText } from '../parse/numbers';
import { AMOUNT } from '../parse/text';
import type { Check } from './reconcile';

/** A label holding nil dashes and a number (担保借款---48, -人民币---650合计): cells glued to it that were not split off. */
const NIL_THEN_FIGURE = /[-—–]{2,}\d/;

const EXPLICIT: ReadonlySet<Check['kind']> = new Set(['formula', 'identity']);

/** Sets `confirmed` (and `doubt` where not confirmed) on every failing check of one table. */
export function judgeConfidence(checks: Check[]): void {
  if (!checks.some((c) => !c.ok)) return;
  const confirming = checks.filter(isConfirming);
  const failingRows = new Set(checks.filter((c) => !c.ok).map((c) => c.row));
  for (const c of checks) {
    if (c.ok) continue;
    c.confirmed = false;
    c.doubt = misreadingSign(checks, c);
    if (c.doubt) continue;
    if (coveredInOtherColumns(checks, c)) {
      c.confirmed = true;
      c.confirmedBy = 'row';
      continue;
    }
    // Shares that make 100 % under a total that says otherwise: the whole, known without the total,
    // confirms that every row was read.
    if (c.kind === 'share' && c.components.length >= 2 && Math.abs(c.sum - 100) <= c.tolerance) {
      c.confirmed = true;
      c.confirmedBy = 'whole';
      continue;
    }
    if (c.components.length < 2 && !EXPLICIT.has(c.kind) && !boundedAbove(c.table, blockOf(c).from)) {
      c.doubt = 'it has a single component, so the rows that make up this total could not be told with confidence';
      continue;
    }
    const peers = c.kind === 'crossFoot' ? confirming.filter((o) => o.kind === 'crossFoot') : confirming;
    const others = new Set(peers.map((o) => o.row).filter((r) => r !== c.row));
    const sameColumn = peers.some((o) => o.row !== c.row && o.column === c.column);
    if ((others.size >= 1 && sameColumn && failingRows.size <= others.size) || completeBlock(c)) {
      c.confirmed = true;
      c.confirmedBy = others.size >= 1 && sameColumn && failingRows.size <= others.size ? 'table' : 'block';
      continue;
    }
    c.doubt =
      others.size === 0
        ? 'no other total of this table reconciles, so the way the table was read is not confirmed'
        : `only ${others.size} other total${others.size > 1 ? 's' : ''} of this table reconcile${others.size > 1 ? '' : 's'} against ${failingRows.size} that do not, so the way the table was read is not confirmed`;
  }
}

/** A failing check that deserves a warning. */
export function isReported(c: Check): boolean {
  return !c.ok && c.confirmed === true;
}

function misreadingSign(checks: Check[], c: Check): string | undefined {
  const rows = c.table.rows;
  const { from, to } = blockOf(c);
  for (let i = from; i <= to; i++) if (AMOUNT.test(rows[i].label) || NIL_THEN_FIGURE.test(rows[i].label)) return 'a line among its rows holds a figure that could not be placed in a column';
  for (let i = Math.max(0, from - 1); i < to; i++) {
    const r = rows[i];
    if ((r.kind === 'total' || r.kind === 'subtotal') && !r.cells.some((x) => x.figure))
      return `the line “${r.label.trim()}” above it names a total but holds no figures: a label wrapped around its figures may have been split`;
  }
  for (let i = from + 1; i < to; i++) if (columnHeaderInside(rows[i])) return `the line “${rows[i].label.trim() || rows[i].cells.map((x) => x.text.trim()).join(' ')}” among its rows titles the columns: two tables may have been read as one`;
  if (c.kind === 'columnTotal' && startsTable(c.table, from) && (c.table.cutAbove || c.table.continued))
    return 'its rows run up to the first line of the table, and lines with figures stand just above it: rows may have been cut off';
  const sameRow = checks.filter((o) => o.row === c.row && o.kind === c.kind);
  const failing = sameRow.filter((o) => !o.ok).length;
  if (failing >= 2 && failing > sameRow.length - failing)
    return `it fails in ${failing === sameRow.length ? 'every column' : `${failing} of its ${sameRow.length} columns`}, which points to the wrong rows rather than a wrong figure`;
  if (c.kind !== 'share' && looksLikeRates(checks, c)) return 'its column holds only small values beside columns of large amounts: it is more likely a rate or a change than an amount';
  const flipped = c.kind === 'columnTotal' ? signFlipped(c) : undefined;
  if (flipped) return `it reconciles with the row “${flipped.trim()}” taken with the other sign: that row's sign may have been misread`;
  if (c.kind === 'columnTotal' && averageLike(c)) return 'its column has no title and its total lies within the range of its rows (all of one sign): an average or a price, not a sum';
  return undefined;
}

/**
 * The label of the one component whose sign, turned, makes the total reconcile (a row to subtract read as added,
 * a negative figure printed without its sign): the difference is twice that row's figure. Rows of the size of
 * the rounding tolerance are no evidence.
 */
function signFlipped(c: Check): string | undefined {
  const t = c.total.figure?.value;
  if (t === undefined) return undefined;
  const diff = t - c.sum;
  for (const p of c.components) {
    const v = p.sign * (p.cell.figure?.value ?? 0);
    if (Math.abs(v) > 100 * c.tolerance && Math.abs(diff + 2 * v) <= c.tolerance) return p.row.label;
  }
  return undefined;
}

/**
 * A failing column total of an untitled column, of two rows or more all of the total's sign, that lies within
 * its rows' range: no sum of such rows can, an average of them (元/吨, a rate) does — the column need not add up.
 */
function averageLike(c: Check): boolean {
  // A column whose title says what it holds (an amount, a period) is known to add up: a total within its rows' range there is a misprint.
  if (c.table.columns[c.column]?.title) return false;
  const t = c.total.figure?.value;
  if (t === undefined || t === 0) return false;
  const values = c.components.map((p) => p.sign * (p.cell.figure?.value ?? 0)).filter((v) => v !== 0);
  if (values.length < 2 || values.some((v) => Math.sign(v) !== Math.sign(t))) return false;
  const abs = values.map(Math.abs);
  return Math.abs(t) >= Math.min(...abs) && Math.abs(t) <= Math.max(...abs);
}

/**
 * A row without figures that writes text in more than half of its cells, at least three (证券品种 | 代码 |
 * 成本 | 比例（%） | 期末账面值 | …): the column header of a second table, not a label wrapped onto its
 * own line (有限公司 |  | 资产 |  |).
 */
function columnHeaderInside(r: Table['rows'][number]): boolean {
  if (r.kind === 'header' || r.cells.length < 3 || r.cells.some((x) => x.figure)) return false;
  const texts = r.cells.filter((x) => x.text.trim() !== '' && !isEmptyCellText(x.text)).length;
  return texts >= 3 && texts * 2 > r.cells.length;
}

/** Row indexes of the total's block: from its first component to the total row. */
function blockOf(c: Check): { from: number; to: number } {
  const rows = c.table.rows;
  const to = rows.indexOf(c.row);
  let from = to;
  for (const p of c.components) from = Math.min(from, rows.indexOf(p.row));
  return { from: Math.max(0, from), to };
}

/**
 * Row `from` opens the table: no header row and no row with figures before it. Header rows that title
 * fewer than half of the columns between them (份有限公司 |  |  |  |  | 目的，不打算在短 |: a label and a
 * remark wrapped onto the next page) are the rest of a row cut off above, not a header.
 */
function startsTable(t: Table, from: number): boolean {
  const titled = new Set<number>();
  for (let i = 0; i < from; i++) {
    const r = t.rows[i];
    if (r.cells.some((x) => x.figure)) return false;
    if (r.kind === 'header') r.cells.forEach((x, k) => x.text.trim() && titled.add(k));
  }
  return titled.size * 2 < t.columns.length;
}

/** The row before `from` is a header or a heading without figures (流动资产：, 三、筹资活动产生的现金流量). */
function boundedAbove(t: Table, from: number): boolean {
  const r = t.rows[from - 1];
  return !!r && (r.kind === 'header' || !r.cells.some((x) => x.figure));
}

/**
 * The block is explicit and complete: bounded above inside the table, not at the top of a table that
 * may start late, the total and every row with figures holding a cell for each column, none of them
 * split out of glued digits.
 */
function completeBlock(c: Check): boolean {
  // A row total (cross-footing) has no block: only other rows of the table can confirm it.
  if (c.kind === 'crossFoot') return false;
  // Layouts where a missing cell or row leaves no trace (glued digits, one cell per line without blank
  // lines) never confirm a block by its shape alone.
  if (c.table.layout === 'glued' || c.table.layout === 'cellStream') return false;
  // Column-major text keeps a column only where its run holds a value for every label: complete where
  // each run stood under its own title (else a run may have been taken from another column's place).
  if (c.table.layout === 'columnMajor' && !c.table.columns.every((col) => col.title.trim())) return false;
  const rows = c.table.rows;
  const { from, to } = blockOf(c);
  if (!boundedAbove(c.table, from)) return false;
  // A heading inside the table bounds the block only where no rows with figures above it are left
  // without a total of their own (a 合计 under 利率衍生金融工具： may add the groups above it too).
  for (let i = from - 1; i >= 0; i--) {
    const r = rows[i];
    if (r.kind === 'header' || r.kind === 'total' || r.kind === 'subtotal') break;
    if (r.cells.some((x) => x.figure)) return false;
  }
  const width = c.table.columns.length;
  if (c.row.cells.length !== width) return false;
  for (let i = from; i < to; i++) {
    const r = rows[i];
    if (r.uncertain) return false;
    if (r.cells.some((x) => x.figure) && r.cells.length !== width) return false;
  }
  return true;
}

/**
 * A column whose figures (total and components) all lie within ±100 with at most two decimals, in a
 * table whose other checked columns hold amounts of 1,000 and more: a percentage or a change column
 * whose title was not read, not an amount — unless its title states a count or money unit.
 */
function looksLikeRates(checks: Check[], c: Check): boolean {
  // A column whose title states a count or money unit (数量(万台), 金额（万元）) says what it holds.
  const unit = c.table.columns[c.column]?.unit;
  if (unit && (unit.kind === 'count' || unit.kind === 'money')) return false;
  const small = (v: number) => Math.abs(v) <= 100;
  if (!small(c.total.figure!.value) || !c.components.every((p) => small(p.cell.figure!.value) && p.cell.figure!.decimals <= 2)) return false;
  return checks.some((o) => o.column !== c.column && Math.abs(o.total.figure!.value) >= 1000);
}

/** A check that confirms a reading: it reconciles, over at least two components that are not all nil. */
function isConfirming(c: Check): boolean {
  return c.ok && c.components.length >= 2 && c.components.some((p) => p.cell.figure!.value !== 0);
}

/**
 * The same total row reconciles in other columns over the rows this check adds: in one of them, the
 * same rows but for rows empty in one of the two columns; or each of its rows added, with the same
 * sign, by one of them at least (iHerb | 77,152.96 | 64,218.66 | 49,057.15, with a nil mark in one
 * column or another) — and they add no row that has a figure in this column that this check leaves out.
 */
function coveredInOtherColumns(checks: Check[], c: Check): boolean {
  const covered = new Set<Table['rows'][number]>();
  for (const o of checks) {
    if (o === c || o.row !== c.row || !o.ok || !o.components.some((p) => p.cell.figure!.value !== 0)) continue;
    if (!consistentRows(o, c)) continue;
    // The same rows but for rows empty in one of the two columns.
    if (consistentRows(c, o)) return true;
    for (const p of o.components) covered.add(p.row);
  }
  return c.components.length > 0 && c.components.every((p) => covered.has(p.row));
}

/**
 * The rows the reconciling check adds are this check's rows, with the same signs, or rows that print a
 * nil mark (-, —) in this check's column, or leave it blank where the layout keeps empty cells: present,
 * and empty there.
 */
function consistentRows(o: Check, c: Check): boolean {
  const mine = new Map(c.components.map((p) => [p.row, p.sign]));
  for (const p of o.components) {
    const sign = mine.get(p.row);
    if (sign !== undefined) {
      if (sign !== p.sign) return false;
      continue;
    }
    const cell = p.row.cells.length === c.row.cells.length ? p.row.cells[c.column] : undefined;
    if (!cell || cell.figure) return false;
    // Empty there: a nil mark, a blank cell in a layout where an empty cell leaves a trace, or a cell the
    // text left out where the table's totals placed the row's figures (parse/tables/gluedResolve.ts).
    if (cell.text.trim() ? !isEmptyCellText(cell.text) : !BLANK_IS_EMPTY.has(c.table.layout) && !cell.vanished) return false;
  }
  return true;
}

/**
 * Layouts where a blank cell is an empty cell, not a value lost or moved: explicit cells (pipes, HTML,
 * Markdown, list literals), columns placed by position (pdftotext -layout), blank lines counted for
 * empty cells. (Not: space-separated rows, glued digits, cell streams, column-major runs, where an
 * empty cell leaves no trace.)
 */
const BLANK_IS_EMPTY: ReadonlySet<Table['layout']> = new Set<Table['layout']>(['pipe', 'html', 'markdown', 'list', 'aligned', 'cellPerLine']);

