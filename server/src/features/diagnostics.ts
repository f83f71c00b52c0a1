// Diagnostics: one warning per total that does not reconcile, with related
// information pointing at each component cell.

import { acceptLine } from '../analysis/accept';
import { Analysis } from '../analysis/analyze';
import { Check } from '../analysis/reconcile';
import { Range } from '../model/types';
import { fmt } from './format';

export interface Problem {
  range: Range;
  severity: 'error' | 'warning' | 'information';
  code: string;
  message: string;
  related: { range: Range; message: string }[];
  check?: Check;
  /** The line the "accept this difference" quick fix inserts, and where (the end of the total's row). */
  accept?: { text: string; offset: number };
}

export function diagnostics(analysis: Pick<Analysis, 'checks' | 'accepted'>, opts: { maxFileSizeMessage?: string } = {}): Problem[] {
  const out: Problem[] = [];
  if (opts.maxFileSizeMessage) out.push({ range: { start: 0, end: 0 }, severity: 'information', code: 'too-large', message: opts.maxFileSizeMessage, related: [] });
  for (const c of analysis.checks) {
    if (c.ok || analysis.accepted.has(c)) continue;
    out.push({
      range: { start: c.total.figure!.start, end: c.total.figure!.end },
      severity: 'warning',
      code: c.kind,
      message: checkMessage(c),
      related: c.components.map((p) => ({
        range: { start: p.cell.figure!.start, end: p.cell.figure!.end },
        message: `${p.sign < 0 ? '− ' : ''}${p.row.label || '(no label)'}: ${p.cell.figure!.raw}`,
      })),
      check: c,
      accept: { text: acceptLine(c), offset: c.row.end },
    });
  }
  // In document order (a stable sort: checks of one figure keep their order), as the re-analysis of one chunk lists them.
  out.sort((a, b) => a.range.start - b.range.start);
  return out;
}

/** "合计 25,211 ≠ sum of 3 rows 25,212 (difference 1 户)" */
export function checkMessage(c: Check): string {
  const d = c.decimals;
  const label = c.row.label.replace(/\s+/g, '') || 'total';
  const what =
    c.kind === 'formula' ? `${c.description.replace(/\s+/g, ' ').trim()} =` : c.kind === 'identity' ? `${c.description} =` : `sum of ${c.description}`;
  const col = c.table.columns[c.column]?.title;
  const where = col ? ` [${col}]` : '';
  return `${label}${where} ${fmt(c.total.figure!.value, d)} ≠ ${what} ${fmt(c.sum, d)} (difference ${fmt(Math.abs(c.difference), d)} ${c.unitName})`;
}
