// Period ↔ period: a note's opening column (期初余额 / 上年年末余额) against the balance sheet's
// opening column for the same item — unless the filing restates that item (an adjustment table,
// 调整数, with a figure for it), when the two are meant to differ.

import { itemOf } from './identity';
import type { TieContext } from './context';
import { noteTies } from './notes';
import type { Tie } from './types';
import type { Table } from '../../model/types';
import { tableMemo } from './perTable';

/** Items with a figure in a 调整数 / 调整金额 / 影响金额 column: restated, so openings may differ. */
export function restatedItems(ctx: TieContext): Set<string> {
  const out = new Set<string>();
  for (const t of ctx.model.tables) for (const item of restatedIn(t, readRestated)) out.add(item);
  return out;
}

/** The items a table restates (per table object: perTable.ts). */
const restatedIn = tableMemo<string[]>();

function readRestated(t: Table): string[] {
  const cols = t.columns.flatMap((c, i) => (/调整|影响金额|重述|差异/.test(c.title) ? [i] : []));
  const out: string[] = [];
  if (!cols.length) return out;
  for (const r of t.rows) if (cols.some((c) => r.cells[c]?.figure && r.cells[c].figure!.value !== 0)) out.push(itemOf(r.label));
  return out;
}

export function periodTies(ctx: TieContext): Tie[] {
  const restated = restatedItems(ctx);
  return noteTies(ctx, ['begin']).filter((t) => !(t.target.row && restated.has(itemOf(t.target.row.label))));
}
