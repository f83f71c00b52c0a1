// All the ties of a filing, by family (each family can be turned off).

import type { Cell, FilingModel, Table } from '../../model/types';
import { withCopies } from './perTable';
import { tieContext } from './context';
import { equityTies } from './equity';
import { noteTies } from './notes';
import { periodTies } from './periods';
import { proseTies } from './prose';
import { rollForwardTies } from './rollForward';
import { statementTies } from './statements';
import { ALL_TIES, Tie, TieEnd, TieOptions } from './types';

export * from './types';

/**
 * The ties of a parsed filing. Never throws: a family that fails on odd input gives no ties. `copies` (copy →
 * source, analysis/analyze.ts) lets a table an edit moved take its source's per-table summaries (perTable.ts).
 */
export function findTies(model: FilingModel, options: TieOptions = ALL_TIES, copies?: ReadonlyMap<Table, Table>): Tie[] {
  return withCopies(copies, () => allTies(model, options));
}

function allTies(model: FilingModel, options: TieOptions): Tie[] {
  const out: Tie[] = [];
  const guard = (f: () => Tie[]) => {
    try {
      for (const t of f()) if (!columnsInDoubt(t)) out.push(t);
    } catch {
      // A tie not made is the safe answer.
    }
  };
  let ctx: ReturnType<typeof tieContext> | undefined;
  const context = () => (ctx ??= tieContext(model));
  if (options.rollForwards) guard(() => rollForwardTies(model.tables, model.lines));
  if (options.statements) guard(() => statementTies(context()));
  if (options.notes) guard(() => noteTies(context(), ['end', 'cur', 'prev']));
  if (options.periods) guard(() => periodTies(context()));
  if (options.equity) guard(() => equityTies(context()));
  if (options.prose) guard(() => proseTies(context()));
  return out;
}

/**
 * A broken equality whose two figures are both the filing's own, paired wrong: the figure expected stands in
 * another column of the same row at one end, and the figure found there stands in the other end's table
 * (归属于母公司所有者权益 189,539,368,797.29 read under the column of 所有者权益合计 196,957,506,705.34, which the
 * balance sheet prints too). The columns were read wrong, not the filing: no tie is made. A figure changed
 * in the filing appears nowhere else, and its tie stays broken; a tie that holds, or of more than two
 * figures, is kept.
 */
export function columnsInDoubt(t: Tie): boolean {
  if (t.ok || t.parts.length !== 1 || t.parts[0].sign !== 1) return false;
  const other = t.parts[0].end;
  const tol = t.tolerance + 1e-12 * Math.abs(t.target.value);
  const scale = (e: TieEnd) => e.value / (e.cell.figure?.value || e.value || 1);
  const near = (c: Cell, e: TieEnd, value: number) => !!c.figure && Math.abs(c.figure.value * scale(e) - value) <= tol;
  // `value` in another column of `at`'s row.
  const inRow = (at: TieEnd, value: number) => !!at.row && at.row.cells.some((c, i) => i !== at.column && c !== at.cell && near(c, at, value));
  // `value` anywhere in `at`'s table but the row `found` stands in (both ends may be of one table).
  const inTable = (at: TieEnd, value: number, found: TieEnd) => !!at.table && at.table.rows.some((r) => r !== found.row && r.cells.some((c) => c !== at.cell && near(c, at, value)));
  return (inRow(other, t.target.value) && inTable(t.target, other.value, other)) || (inRow(t.target, other.value) && inTable(other, t.target.value, t.target));
}
