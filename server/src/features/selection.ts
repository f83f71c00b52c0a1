// Selection ranges (expand selection): figure → cell → row → table → section →
// enclosing sections → document. Innermost first; each range contains the one before.

import { Analysis, figureAt } from '../analysis/analyze';
import { Range, Section, Table } from '../model/types';

export function selectionRangesAt(analysis: Analysis, offset: number): Range[] {
  const model = analysis.model;
  const chain: Range[] = [];
  const placed = figureAt(analysis, offset);
  if (placed) chain.push({ start: placed.figure.start, end: placed.figure.end });
  const table = tableContaining(model.tables, offset);
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
  const sections: Section[] = [];
  let level = model.sections;
  for (;;) {
    const s = level.find((x) => x.range.start <= offset && offset <= x.range.end);
    if (!s) break;
    sections.push(s);
    level = s.children;
  }
  for (const s of sections.reverse()) {
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

export function tableContaining(tables: Table[], offset: number): Table | undefined {
  for (const t of tables) if (t.start <= offset && offset <= t.end) return t;
  return undefined;
}
