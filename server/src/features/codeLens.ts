// A code lens above each table: "12 rows × 3 columns · 单位：万元 · 4 totals checked, 1 differ".
// The LSP shell attaches the command that opens the table view.

import { Analysis } from '../analysis/analyze';
import { Range, Table } from '../model/types';
import { queryOf } from './query';
import { isReported } from '../analysis/confidence';

export interface TableLens {
  range: Range;
  title: string;
  /** Table id (index into model.tables). */
  table: number;
}

export function tableLenses(analysis: Analysis): TableLens[] {
  const query = queryOf(analysis);
  const counts = (t: Table) => {
    const checks = query.checksOfTable(t);
    if (!checks.length) return undefined;
    const s = { total: 0, differ: 0, unsure: 0 };
    for (const c of checks) {
      if (c.ok || isReported(c)) s.total++;
      else s.unsure++;
      if (isReported(c) && !analysis.accepted.has(c)) s.differ++;
    }
    return s;
  };
  return analysis.model.tables.map((t) => {
    const rows = t.rows.filter((r) => r.kind !== 'header').length;
    const parts = [`${rows} ${rows === 1 ? 'row' : 'rows'} × ${t.columns.length} ${t.columns.length === 1 ? 'column' : 'columns'}`];
    if (t.unit.source !== 'default') parts.push(`单位：${t.units.length > 1 ? t.units.map((u) => u.name).join('、') : t.unit.name}`);
    const s = counts(t);
    if (analysis.outlineOnly) parts.push('not checked (document too large)');
    else if (!s) parts.push('no totals checked');
    else parts.push(`${s.total} ${s.total === 1 ? 'total' : 'totals'} checked, ${s.differ} differ${s.unsure ? `, ${s.unsure} not confirmed` : ''}`);
    const first = t.captionRange && t.captionRange.start <= t.start ? t.captionRange : { start: t.start, end: t.rows[0]?.end ?? t.end };
    return { range: { start: first.start, end: first.end }, title: parts.join(' · '), table: t.id };
  });
}
