// Ties (勾稽关系): a figure equals another figure, or a combination of others, elsewhere in the
// filing — a statement line and its note, a roll-forward and its balances, two statements, two
// periods. Made only between figures whose identity (line item, period, consolidated or parent,
// unit) is certain; a tie that cannot be made with certainty is not made.

import type { Cell, Row, Table } from '../../model/types';

export type TieFamily = 'rollForwards' | 'statements' | 'notes' | 'periods' | 'equity' | 'prose';

export const TIE_FAMILIES: readonly TieFamily[] = ['rollForwards', 'statements', 'notes', 'periods', 'equity', 'prose'];

export type TieOptions = Record<TieFamily, boolean>;

export const ALL_TIES: TieOptions = { rollForwards: true, statements: true, notes: true, periods: true, equity: true, prose: true };

/**
 * One figure at one end of a tie, with its value in 元 (or in its count unit): a table cell, or a
 * figure in prose (`prose`: no table, row or column; `cell` is the figure's own span).
 */
export interface TieEnd {
  table?: Table;
  row?: Row;
  column?: number;
  cell: Cell;
  /** A figure in prose, on this line (0-based). */
  prose?: { line: number };
  /** Value in the base unit (元 for money). */
  value: number;
  /** Half a unit of the last digit shown, in the base unit. */
  tolerance: number;
  /** What this figure is, for messages: "合并资产负债表 货币资金 [期末]". */
  name: string;
}

export interface Tie {
  family: TieFamily;
  /** target = Σ sign · part (an equality has one part of sign +1). */
  target: TieEnd;
  parts: { end: TieEnd; sign: 1 | -1 }[];
  sum: number;
  difference: number;
  tolerance: number;
  ok: boolean;
  /** "期初余额 + 本期增加 − 本期减少 = 期末余额", "附注 合计 = 报表项目" … */
  description: string;
}

/** The line (0-based) a tie end stands on. */
export function endLine(e: TieEnd): number {
  return e.row?.line ?? e.prose?.line ?? 0;
}

/** Every figure taking part in the tie. */
export function tieEnds(t: Tie): TieEnd[] {
  return [t.target, ...t.parts.map((p) => p.end)];
}

export function makeTie(family: TieFamily, target: TieEnd, parts: { end: TieEnd; sign: 1 | -1 }[], description: string): Tie {
  let sum = 0;
  let tolerance = target.tolerance;
  for (const p of parts) {
    sum += p.sign * p.end.value;
    tolerance += p.end.tolerance;
  }
  const difference = target.value - sum;
  // Relative slack for floating point on large sums (doubles carry ~16 digits: 1e-12 of 10¹¹ 元 is 0.1 元, far under a unit).
  const ok = Math.abs(difference) <= tolerance + 1e-12 * Math.max(1, Math.abs(target.value));
  return { family, target, parts, sum, difference, tolerance, ok, description };
}
