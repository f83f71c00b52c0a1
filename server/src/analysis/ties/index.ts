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
import { ALL_TIES, Tie, TieOptions } from './types';

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
      out.push(...f());
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
