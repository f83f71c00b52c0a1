// All the ties of a filing, by family (each family can be turned off).

import type { FilingModel, Table } from '../../model/types';
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
 * A broken equality whose expected figure stands in another column of the same row at the other end
 * (归属于母公司所有者权益 189,539,368,797.29 read under 小计 where the row also holds it one column over): the
 * columns were read wrong, not the filing — no tie is made. A tie that holds, or of more than two figures, is kept.
 */
export function columnsInDoubt(t: Tie): boolean {
  if (t.ok || t.parts.length !== 1 || t.parts[0].sign !== 1) return false;
  const elsewhere = (at: TieEnd, value: number, tolerance: number) =>
    !!at.row && at.row.cells.some((c, i) => i !== at.column && c !== at.cell && c.figure && Math.abs(c.figure.value * (at.value / (at.cell.figure?.value || at.value || 1)) - value) <= tolerance);
  const other = t.parts[0].end;
  const tol = t.tolerance + 1e-12 * Math.abs(t.target.value);
  return elsewhere(t.target, other.value, tol) || elsewhere(other, t.target.value, tol);
}
