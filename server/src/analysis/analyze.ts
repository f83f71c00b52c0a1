// One analysis of a document: the parsed model, the reconciliation checks, and
// an index of every figure for hovers. Built once per document version.

import { Cell, Figure, FilingModel, Row, Table } from '../model/types';
import { parseFilingSteps, runSteps } from '../parse/document';
import { ALL_CHECKS, Check, CheckOptions, reconcileTable } from './reconcile';
import { acceptedDifferences } from './accept';
import { Coverage, coverage } from './coverage';
import { ALL_TIES, findTies, Tie, TieOptions } from './ties';

export interface PlacedFigure {
  figure: Figure;
  table?: Table;
  row?: Row;
  cell?: Cell;
  column?: number;
}

export interface Analysis {
  model: FilingModel;
  checks: Check[];
  /** Checks whose total is this cell. */
  checkOfCell: Map<Cell, Check>;
  /** Every figure, in tables and prose, sorted by start offset. */
  figures: PlacedFigure[];
  /** Checks the document accepts with a `filing-lens: accept` marker. */
  accepted: Set<Check>;
  /** Only the outline was computed: asked for (a document over the size limit), or the document is over its work budget (model.overBudget). */
  outlineOnly: boolean;
  /** Total rows of the filing and those that carry a check (empty in outline-only mode); worked out on first reading. */
  coverage: Coverage;
  /** Ties between statements, notes and periods (勾稽关系): analysis/ties; worked out on first reading. */
  ties: Tie[];
  /**
   * Indexes the features build over this analysis on first use (features/memo.ts: defined terms, ties by
   * figure): kept with the analysis they index, not in module state.
   */
  memo: Map<string, unknown>;
  /** The checks asked for (a later analysis takes over this one's checks only under the same). */
  checkOptions?: CheckOptions;
}

export interface AnalyzeOptions {
  checks?: CheckOptions;
  outlineOnly?: boolean;
  /** Work and line budgets (parse/document.ts: by the document's size unless given). */
  workBudget?: number;
  lineBudget?: number;
  ties?: TieOptions;
  /**
   * The analysis of an earlier version of the same document: the chunks the edit left alone keep their
   * tables (parse/reuse.ts), and a table kept as it is keeps its checks. The result is the same as without.
   */
  previous?: Analysis;
}

export function analyze(text: string, options: AnalyzeOptions = {}): Analysis {
  return runSteps(analyzeSteps(text, options));
}

/** analyze, in steps (a chunk of tables, a few tables' checks), for callers that must not block. */
export function* analyzeSteps(text: string, options: AnalyzeOptions = {}): Generator<void, Analysis> {
  const prev = options.previous;
  const copies = new Map<Table, Table>();
  const model = yield* parseFilingSteps(text, { outlineOnly: options.outlineOnly, workBudget: options.workBudget, lineBudget: options.lineBudget, previous: prev?.model, copies });
  const outlineOnly = !!options.outlineOnly || !!model.overBudget;
  const checkOptions = options.checks ?? ALL_CHECKS;
  const checks: Check[] = [];
  if (!outlineOnly) {
    // The checks of a table depend on the table alone: a table the previous analysis had (the same object) keeps them.
    const kept = prev && !prev.outlineOnly && sameOptions(prev.checkOptions, checkOptions) ? checksByTable(prev) : undefined;
    let n = 0;
    for (const t of model.tables) {
      const old = kept?.get(t);
      const source = kept && copies.get(t);
      // A copy of a previous table (moved by the edit) takes copies of its checks.
      const moved = source && movedChecks(kept.get(source), source, t);
      if (old) checks.push(...old);
      else if (moved) checks.push(...moved);
      else {
        checks.push(...reconcileTable(t, checkOptions));
        if (++n % 32 === 0) yield;
      }
    }
  }
  const checkOfCell = new Map<Cell, Check>();
  for (const c of checks) checkOfCell.set(c.total, c);
  const inTables: PlacedFigure[] = [];
  for (const table of model.tables) for (const p of placedFigures(table)) inTables.push(p);
  const figures = mergeByStart(inTables, model.proseFigures);
  const analysis: Analysis = { model, checks, checkOfCell, figures, accepted: acceptedDifferences(text, checks), outlineOnly, coverage: { totalRows: [], checked: [] }, ties: [], checkOptions, memo: new Map() };
  // Coverage and ties are whole-document results that only diagnostics, hovers on figures and references read:
  // worked out on first reading (the same values; a request that needs neither does not wait for them).
  if (!outlineOnly) {
    const tieOptions = options.ties ?? ALL_TIES;
    let cover: Coverage | undefined;
    let ties: Tie[] | undefined;
    Object.defineProperty(analysis, 'coverage', { enumerable: true, get: () => (cover ??= coverage(model, checks)) });
    // (The copies an edit made let the ties of a moved table be translated from its source's; dropped once read,
    // so that an analysis does not keep the previous one's tables alive.)
    let moved: Map<Table, Table> | undefined = copies;
    const findOnce = () => {
      const out = findTies(model, tieOptions, moved);
      moved = undefined;
      return out;
    };
    Object.defineProperty(analysis, 'ties', { enumerable: true, get: () => (ties ??= findOnce()) });
  }
  return analysis;
}

/**
 * The figures of a table's rows, placed. A table is never changed once made (only a copy gets another id), so
 * the list is made once per table object: an analysis that shares a table with the previous one shares its list.
 */
const placed = new WeakMap<Table, PlacedFigure[]>();
function placedFigures(table: Table): PlacedFigure[] {
  let out = placed.get(table);
  if (out) return out;
  out = [];
  for (const row of table.rows) {
    if (row.kind === 'header') continue;
    for (let column = 0; column < row.cells.length; column++) {
      const cell = row.cells[column];
      if (cell.figure) out.push({ figure: cell.figure, table, row, cell, column });
    }
  }
  placed.set(table, out);
  return out;
}

function sameOptions(a: CheckOptions | undefined, b: CheckOptions): boolean {
  return !!a && (Object.keys(b) as (keyof CheckOptions)[]).every((k) => a[k] === b[k]) && Object.keys(a).length === Object.keys(b).length;
}

/**
 * Checks of `from` made over `to`, a copy of it (the same rows and cells, moved): each row and cell
 * referred to is the one in the same place of the copy. Undefined if a check refers to anything else.
 */
function movedChecks(checks: Check[] | undefined, from: Table, to: Table): Check[] | undefined {
  if (!checks) return undefined;
  if (!checks.length) return [];
  // (Rows by their index; a cell by its index in its row, looked for in the row the check names first.)
  const rowIndex = new Map<Row, number>();
  for (let i = 0; i < from.rows.length; i++) rowIndex.set(from.rows[i], i);
  const rowOf = (r: Row): Row | undefined => {
    const i = rowIndex.get(r);
    return i === undefined ? undefined : to.rows[i];
  };
  const cellIn = (cell: Cell, r: Row): Cell | undefined => {
    const k = r.cells.indexOf(cell);
    return k >= 0 ? rowOf(r)?.cells[k] : undefined;
  };
  const cellOf = (cell: Cell, near: Row): Cell | undefined => {
    const found = cellIn(cell, near);
    if (found) return found;
    for (const r of from.rows) if (r !== near && r.cells.includes(cell)) return cellIn(cell, r);
    return undefined;
  };
  const out: Check[] = [];
  for (const c of checks) {
    const row = rowOf(c.row);
    const total = cellOf(c.total, c.row);
    if (!row || !total) return undefined;
    const components: Check['components'] = [];
    for (const x of c.components) {
      const r = rowOf(x.row);
      const cell = cellOf(x.cell, x.row);
      if (!r || !cell) return undefined;
      components.push({ ...x, row: r, cell });
    }
    out.push({ ...c, table: to, row, total, components });
  }
  return out;
}

/** The checks of each table of an analysis (an empty list for a table without any). */
function checksByTable(a: Analysis): Map<Table, Check[]> {
  const out = new Map<Table, Check[]>();
  for (const t of a.model.tables) out.set(t, []);
  for (const c of a.checks) out.get(c.table)?.push(c);
  return out;
}

/**
 * Table figures and prose figures (sorted) in one list sorted by start, table figures first
 * on equal starts. Tables come in text order, so their figures usually need no sort.
 */
function mergeByStart(inTables: PlacedFigure[], prose: Figure[]): PlacedFigure[] {
  const byStart = (a: PlacedFigure, b: PlacedFigure) => a.figure.start - b.figure.start;
  for (let i = 1; i < inTables.length; i++) {
    if (inTables[i].figure.start < inTables[i - 1].figure.start) {
      inTables.sort(byStart);
      break;
    }
  }
  const out: PlacedFigure[] = new Array(inTables.length + prose.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < inTables.length || j < prose.length) {
    if (j >= prose.length || (i < inTables.length && inTables[i].figure.start <= prose[j].start)) out[k++] = inTables[i++];
    else out[k++] = { figure: prose[j++] };
  }
  return out;
}

/** The figure at an offset (binary search), or undefined. */
export function figureAt(analysis: Analysis, offset: number): PlacedFigure | undefined {
  const list = analysis.figures;
  let lo = 0;
  let hi = list.length - 1;
  // A figure glued to the one before (1,007.44502.55) starts where that one ends: the offset of its first
  // character is its own; the offset right after a figure's last character still finds it.
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const f = list[mid].figure;
    if (offset < f.start) hi = mid - 1;
    else if (offset >= f.end) lo = mid + 1;
    else return list[mid];
  }
  return hi >= 0 && list[hi].figure.end === offset ? list[hi] : undefined;
}
