// Column relations: a column that is, row after row, the difference or the sum of two columns before it
// (差异 = 本次申报 − 各期申报, 账面价值 = 账面余额 − 坏账准备, 调整数 = 调整后 − 调整前), found from the
// figures themselves, whatever the header says or whether it was read at all.
//
// A relation is taken only where the table's own rows establish it: it holds, within rounding, in at
// least three rows whose figures are all non-zero and not copies of one another, no other pair of
// columns explains the column as well, and it fails in at most one row in three of those where it
// holds. Then every row with the three figures is checked against it, so that the one row that does not
// agree (a misprint, a figure changed after the rest was worked out) is found. Rows with an empty cell,
// a cell of another kind (a percentage beside amounts) or a count of cells unlike the columns' are left
// out: their cells may not stand in the columns they seem to.
//
// Pure: plain data in, plain data out; the caller (reconcile.ts) turns each relation into checks.

import type { Cell, Row, Table } from '../../model/types';
import { reconcilesRounded } from '../check';
import { isEmptyCellText } from '../../parse/numbers';

export interface RelationRow {
  row: Row;
  /** The cell that is the difference or the sum. */
  column: number;
  parts: { row: Row; cell: Cell; sign: 1 | -1 }[];
  /** The operands: "本次申报 − 各期申报". */
  description: string;
  /** The relation and what establishes it: "差异 = 本次申报 − 各期申报 in 3 other rows". */
  relation: string;
  /** How many other rows hold it. */
  holding: number;
}

/** Columns at most this far to the left of the related column are tried as its operands. */
const WINDOW = 3;
/** Rows that establish a relation. */
const MIN_HOLDING = 3;

interface Operands {
  a: number;
  b: number;
  /** column c = a + sign · b */
  sign: 1 | -1;
}

/** Rows whose cells stand in the table's columns, each cell a figure or empty. */
function usableRows(table: Table): Row[] {
  const n = table.columns.length;
  return table.rows.filter((r) => r.kind !== 'header' && !r.uncertain && r.cells.length === n);
}

function figureOf(r: Row, col: number) {
  const f = r.cells[col]?.figure;
  return f && !f.uncertain ? f : undefined;
}

/** Whether c = a + sign·b holds in this row: 'holds', 'fails', or undefined when the row cannot tell. */
function test(r: Row, c: number, op: Operands, strict: boolean): 'holds' | 'fails' | undefined {
  const fc = figureOf(r, c);
  const fa = figureOf(r, op.a);
  const fb = figureOf(r, op.b);
  if (!fc || !fa || !fb) return undefined;
  // One kind of figure across the three: amounts, or percentages (a change in percentage points).
  if (fa.percent !== fc.percent || fb.percent !== fc.percent) return undefined;
  // A unit written on one of the figures alone: they may not be in one unit.
  if (fa.unit || fb.unit || fc.unit) return undefined;
  if (strict) {
    // To establish the relation a row must not hold it trivially: no zero, no operand equal to the result.
    if (fa.value === 0 || fb.value === 0 || fc.value === 0) return undefined;
    if (Math.abs(fa.value) === Math.abs(fc.value) || Math.abs(fb.value) === Math.abs(fc.value)) return undefined;
  }
  return reconcilesRounded(r.cells[c], [
    { cell: r.cells[op.a], sign: 1 },
    { cell: r.cells[op.b], sign: op.sign },
  ])
    ? 'holds'
    : 'fails';
}

/** The relations of a table's columns, one entry per row checked. */
export function columnRelations(table: Table): RelationRow[] {
  const n = table.columns.length;
  if (n < 3) return [];
  const rows = usableRows(table);
  if (rows.length < MIN_HOLDING + 1) return [];
  const out: RelationRow[] = [];
  const used = new Set<number>();
  for (let c = 2; c < n; c++) {
    if (table.columns[c].share) continue;
    const found: { op: Operands; holding: Row[] }[] = [];
    for (let a = Math.max(0, c - WINDOW); a < c; a++) {
      for (let b = Math.max(0, c - WINDOW); b < c; b++) {
        if (a === b || used.has(a) || used.has(b)) continue;
        for (const sign of [1, -1] as const) {
          // a + b and b + a are one relation.
          if (sign === 1 && b < a) continue;
          const op = { a, b, sign };
          const holding: Row[] = [];
          let failing = 0;
          for (const r of rows) {
            const strict = test(r, c, op, true);
            if (strict === 'holds') holding.push(r);
            if ((strict ?? test(r, c, op, false)) === 'fails') failing++;
          }
          if (failing * 3 <= holding.length && independent(holding, c, a)) found.push({ op, holding });
        }
      }
    }
    // Two ways of explaining one column: the figures do not say which one the table means.
    if (found.length !== 1) continue;
    const { op, holding } = found[0];
    used.add(c);
    const name = (i: number) => columnName(table, i);
    const description = `${name(op.a)} ${op.sign < 0 ? '−' : '+'} ${name(op.b)}`;
    const others = (r: Row) => holding.filter((h) => h !== r).length;
    // Each row the relation can be checked on, once. A row that does not agree is reported only where it is
    // written like the rows that do (`misprint`): the same cells filled, the same decimals in the three
    // columns, and figures that no other order of the three cells would reconcile (cells placed in the wrong
    // columns, not a wrong figure).
    const checked: { r: Row; holds: boolean; misprint: boolean }[] = [];
    for (const r of rows) {
      const t = test(r, c, op, false);
      if (t === undefined) continue;
      const holds = t === 'holds';
      checked.push({ r, holds, misprint: !holds && likeHolding(r, holding, [c, op.a, op.b]) && !permuted(r, c, op) });
    }
    // Rows that do not agree, a nil mark read as zero (加：投资收益 | - | 12,190,494.61 | -): more than one,
    // and the relation is not exact in this table (an elimination, an adjustment carried down to the rows
    // derived from it) — the rows that do not agree are not reported. A row with figures whose cells could
    // not be placed in the columns (uncertain) may be one too, among the rows the relation is checked on: one
    // before the first of them or after the last says nothing of them.
    let anomalies = checked.filter((x) => x.misprint).length;
    for (const r of rows) if (nilFails(r, c, op)) anomalies++;
    const span = checked.map((x) => table.rows.indexOf(x.r));
    const lo = Math.min(...span);
    const hi = Math.max(...span);
    for (let i = lo + 1; i < hi; i++) {
      const r = table.rows[i];
      if (r.kind !== 'header' && r.uncertain && r.cells.some((x) => x.figure)) anomalies++;
    }
    for (const { r, holds, misprint } of checked) {
      if (!holds && (!misprint || anomalies > 1)) continue;
      out.push({
        row: r,
        column: c,
        parts: [
          { row: r, cell: r.cells[op.a], sign: 1 },
          { row: r, cell: r.cells[op.b], sign: op.sign },
        ],
        description,
        relation: `${name(c)} = ${description} in ${others(r)} other rows of the table`,
        holding: others(r),
      });
    }
  }
  return out;
}

/** A nil mark written in a cell (-, 不适用): zero, unlike an empty cell. */
function nilMark(x: Cell | undefined): boolean {
  return !!x && !x.figure && isEmptyCellText(x.text) && x.text.trim() !== '';
}

/** Whether c = a + sign·b fails in a row with a nil mark (-, 不适用) among the three cells read as zero, and a figure among the others. */
function nilFails(r: Row, c: number, op: Operands): boolean {
  if (![c, op.a, op.b].some((i) => nilMark(r.cells[i]))) return false;
  const v = (i: number) => figureOf(r, i)?.value ?? (nilMark(r.cells[i]) ? 0 : undefined);
  const vc = v(c);
  const va = v(op.a);
  const vb = v(op.b);
  if (vc === undefined || va === undefined || vb === undefined || (vc === 0 && va === 0 && vb === 0)) return false;
  return Math.abs(vc - (va + op.sign * vb)) > 1e-9 * Math.max(1, Math.abs(vc), Math.abs(va), Math.abs(vb)) + 0.5;
}

/**
 * Rows that establish a relation independently: at least MIN_HOLDING whose result stands in a different
 * proportion to the first operand (a projection growing by the same steps, T+1, T+2, T+3, adds up in
 * every row for one reason, not for several).
 */
function independent(holding: Row[], c: number, a: number): boolean {
  if (holding.length < MIN_HOLDING) return false;
  const ratios: number[] = [];
  for (const r of holding) {
    const q = figureOf(r, c)!.value / figureOf(r, a)!.value;
    if (!ratios.some((x) => Math.abs(x - q) <= 0.01 * Math.max(Math.abs(x), Math.abs(q)))) ratios.push(q);
    if (ratios.length >= MIN_HOLDING) return true;
  }
  return false;
}

/** The row fills the cells the holding rows all fill (and leaves empty those they all leave empty), and writes the related figures with their decimals. */
function likeHolding(r: Row, holding: Row[], related: number[]): boolean {
  for (let i = 0; i < r.cells.length; i++) {
    const filled = (x: Row) => !!figureOf(x, i);
    const first = filled(holding[0]);
    if (holding.every((h) => filled(h) === first) && filled(r) !== first) return false;
  }
  for (const i of related) {
    const d = figureOf(holding[0], i)!.decimals;
    if (holding.every((h) => figureOf(h, i)!.decimals === d) && figureOf(r, i)!.decimals !== d) return false;
  }
  return true;
}

/** Whether the three figures of the row reconcile as x = y ± z in another order. */
function permuted(r: Row, c: number, op: Operands): boolean {
  const cells = [r.cells[c], r.cells[op.a], r.cells[op.b]];
  for (let i = 0; i < 3; i++) {
    const x = cells[i];
    const y = cells[(i + 1) % 3];
    const z = cells[(i + 2) % 3];
    const plus = (cell: Cell) => ({ cell, sign: 1 as const });
    const minus = (cell: Cell) => ({ cell, sign: -1 as const });
    if (reconcilesRounded(x, [plus(y), plus(z)]) || reconcilesRounded(x, [plus(y), minus(z)]) || reconcilesRounded(x, [plus(z), minus(y)])) return true;
  }
  return false;
}

function columnName(table: Table, i: number): string {
  const t = table.columns[i].title.replace(/\s+/g, '');
  return t && t.length <= 16 ? t : `column ${i + 1}`;
}
