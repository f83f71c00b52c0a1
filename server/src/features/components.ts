// "Show the components": for a checked total, where its components are, so the
// editor can select or highlight them (the quick fix on a reconciliation warning).

import { Analysis } from '../analysis/analyze';
import { Check } from '../analysis/reconcile';
import { Range } from '../model/types';
import { kindName } from './checkText';
import { queryOf } from './query';

export interface Components {
  /** The total figure. */
  total: Range;
  /** The component figures, in table order. */
  components: Range[];
  table: number;
  /** "3 rows: 独立门店(含个体户), 连锁店, 专业运营公司". */
  summary: string;
}

/** The check whose total figure is at an offset (a failing one first), as ranges. */
export function componentsAt(analysis: Analysis, offset: number): Components | undefined {
  const query = queryOf(analysis);
  const cell = query.figureAt(offset)?.cell;
  let found: Check | undefined;
  for (const c of cell ? query.checksAt(cell) : []) if (!found || (found.ok && !c.ok)) found = c;
  if (!found) return undefined;
  const f = found.total.figure!;
  const labels = found.components.map((p) => `${p.sign < 0 ? '−' : ''}${p.row.label.replace(/\s+/g, '') || '(no label)'}`);
  return {
    total: { start: f.start, end: f.end },
    components: found.components.filter((p) => p.cell.figure).map((p) => ({ start: p.cell.figure!.start, end: p.cell.figure!.end })),
    table: found.table.id,
    summary: `${kindName(found)} of ${labels.length}: ${labels.slice(0, 8).join(', ')}${labels.length > 8 ? ', …' : ''}`,
  };
}
