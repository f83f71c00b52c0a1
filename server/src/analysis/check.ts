// A check and its arithmetic: the tolerance every family of checks shares. A figure shown to d decimals
// stands for ± half a unit of its last digit (XBRL Calculations 1.1); a total is consistent when its
// interval meets the interval of the sum. Counts and amounts in 元 to the cent are exact.

import type { Cell, Row, Table } from '../model/types';

export type CheckKind = 'columnTotal' | 'formula' | 'identity' | 'share' | 'crossFoot';

export interface CheckOptions {
  columnTotals: boolean;
  formulas: boolean;
  statementIdentities: boolean;
  shares: boolean;
  crossFooting: boolean;
}

export const ALL_CHECKS: CheckOptions = { columnTotals: true, formulas: true, statementIdentities: true, shares: true, crossFooting: true };

export interface Component {
  row: Row;
  cell: Cell;
  sign: 1 | -1;
}

export interface Check {
  kind: CheckKind;
  table: Table;
  row: Row;
  /** Column index (cells of the total row). */
  column: number;
  total: Cell;
  components: Component[];
  /** Sum of the components, in the unit written. */
  sum: number;
  difference: number;
  tolerance: number;
  /** Decimals to show the sum with. */
  decimals: number;
  ok: boolean;
  /** Unit name for messages (户, 万元, %, 元); empty where the text states no unit. */
  unitName: string;
  /** What was summed, for the message: "3 rows", "i + ii", "流动资产合计 + 非流动资产合计". */
  description: string;
  /** For a check that does not reconcile: whether the table's reading is confirmed (analysis/confidence.ts). */
  confirmed?: boolean;
  /** Why a check that does not reconcile is not confirmed. */
  doubt?: string;
  /** What confirmed it: the same rows in another column, other totals of the table, a complete block, or shares that make 100 %. */
  confirmedBy?: 'row' | 'table' | 'block' | 'whole';
  /**
   * Kept only because it reconciles: a column that need not add up by nature — percentages whose total
   * is not 100 % (占营业收入比例 of the top five customers, 45.14 %), rates, a column whose title was not
   * read — so one that does not is never reported; one that does, over two rows or more, confirms the
   * rows it adds (analysis/confidence.ts).
   */
  confirmOnly?: boolean;
  /**
   * A cross-footing found from the figures (analysis/columnRelations.ts): the relation and the rows that
   * establish it, "差异 = 本次申报 − 各期申报 in 3 other rows of the table"; `description` is its right side.
   */
  relation?: string;
  /** The rows other than this one that hold the relation. */
  relationRows?: number;
}

const RMB_PREFIX = /^人民币/;

function scaleOf(cells: Cell[]): number {
  return Math.max(0, ...cells.map((c) => c.figure?.decimals ?? 0));
}

export function toUnits(value: number, decimals: number): number {
  return Math.round(value * 10 ** decimals);
}

interface Evaluation {
  sum: number;
  difference: number;
  tolerance: number;
  decimals: number;
  ok: boolean;
}

function evaluate(table: Table, column: number, total: Cell, parts: { cell: Cell; sign: 1 | -1 }[], rounded = false): Evaluation {
  return arithmetic(total, parts, rounded || !exactColumn(table, column, total));
}

/**
 * Whether total = Σ sign · part within the rounding of every figure, each taken as rounded (a column worked
 * out from others): the arithmetic of every check, for a caller that looks for a relation before making one.
 */
export function reconcilesRounded(total: Cell, parts: { cell: Cell; sign: 1 | -1 }[]): boolean {
  return arithmetic(total, parts, true).ok;
}

/** The sum of the parts against the total, in units of the finest decimal shown; `rounded`: with the tolerance of rounded figures. */
function arithmetic(total: Cell, parts: { cell: Cell; sign: 1 | -1 }[], rounded: boolean): Evaluation {
  const all = [total, ...parts.map((p) => p.cell)];
  const d = Math.min(8, scaleOf(all));
  let sumUnits = 0;
  for (const p of parts) sumUnits += p.sign * toUnits(p.cell.figure!.value, d);
  const totalUnits = toUnits(total.figure!.value, d);
  const diffUnits = totalUnits - sumUnits;
  let tolUnits = 0;
  if (rounded) {
    // Half a unit of the last digit shown, for the total and each component.
    for (const c of all) tolUnits += 0.5 * 10 ** (d - (c.figure?.decimals ?? 0));
  }
  return {
    sum: sumUnits / 10 ** d,
    difference: diffUnits / 10 ** d,
    tolerance: tolUnits / 10 ** d,
    decimals: d,
    ok: Math.abs(diffUnits) <= tolUnits + 1e-9,
  };
}

/**
 * Figures that were not rounded: counts (户, 个), and amounts in 元 to the cent.
 * They get no tolerance.
 */
function exactColumn(table: Table, column: number, total: Cell): boolean {
  const unit = total.figure?.unit ?? table.columns[column]?.unit ?? table.unit;
  if (total.figure?.percent) return false;
  if (unit.source === 'default') return false;
  const decimals = total.figure?.decimals ?? 0;
  if (unit.kind === 'count') return unit.factor === 1 && decimals === 0;
  if (unit.kind === 'money' && unit.factor === 1 && decimals >= 2) return true;
  return false;
}

function unitNameOf(table: Table, column: number, total: Cell): string {
  if (total.figure?.percent) return '%';
  const unit = total.figure?.unit ?? table.columns[column]?.unit ?? table.unit;
  // No unit stated for the figure, its column, its table or the document: none is named.
  if (unit.source === 'default') return '';
  return unit.name.replace(RMB_PREFIX, '');
}

/** `rounded`: every figure is taken as rounded, even amounts to the cent (a column worked out from others, which may be rounded). */
export function makeCheck(kind: CheckKind, table: Table, row: Row, column: number, parts: Component[], description: string, rounded = false): Check | undefined {
  const total = row.cells[column];
  if (!total?.figure) return undefined;
  const ev = evaluate(table, column, total, parts, rounded);
  return { kind, table, row, column, total, components: parts, ...ev, unitName: unitNameOf(table, column, total), description };
}

