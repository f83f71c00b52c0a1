// Selection ranges (expand selection): figure → cell → row → table → section →
// enclosing sections → document. Innermost first; each range contains the one before.

import { Analysis } from '../analysis/analyze';
import { queryOf } from './query';
import { Range } from '../model/types';

export function selectionRangesAt(analysis: Analysis, offset: number): Range[] {
  const model = analysis.model;
  const chain: Range[] = [];
  const query = queryOf(analysis);
  const placed = query.figureAt(offset);
  if (placed) chain.push({ start: placed.figure.start, end: placed.figure.end });
  const table = query.tableAt(offset);
  if (table) {
    const row = table.rows.find((r) => r.start <= offset && offset <= r.end);
    if (row) {
      const cell = row.cells.find((c) => c.start <= offset && offset <= c.end);
      if (cell) chain.push({ start: cell.start, end: cell.end });
      else if (row.labelRange.start <= offset && offset <= row.labelRange.end) chain.push(row.labelRange);
      chain.push({ start: row.start, end: row.end });
    }
    chain.push({ start: table.start, end: table.end });
    if (table.captionRange && table.captionRange.start < table.start) chain.push({ start: table.captionRange.start, end: table.end });
  }
  for (const s of query.sectionsAt(offset).reverse()) {
    if (s.heading.start <= offset && offset <= s.heading.end) chain.push({ start: s.heading.start, end: s.heading.end });
    chain.push({ start: Math.min(s.range.start, s.heading.start), end: s.range.end });
  }
  chain.push({ start: 0, end: model.text.length });
  // Keep a strictly growing chain: each range contains the one before and is larger.
  const out: Range[] = [];
  for (const r of chain) {
    if (r.start > offset || r.end < offset) continue;
    const last = out[out.length - 1];
    if (last && (r.start > last.start || r.end < last.end || (r.start === last.start && r.end === last.end))) continue;
    out.push(r);
  }
  return out;
}
