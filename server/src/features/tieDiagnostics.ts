// Diagnostics for broken ties: a warning on the figure the tie is about, with related information
// at both ends (every figure of the tie).

import { Tie, tieEnds } from '../analysis/ties';
import type { Problem } from './diagnostics';
import { fmt } from './format';
import { FAMILY_NAME } from './ties';

export function tieProblems(ties: Tie[] | undefined): Problem[] {
  const out: Problem[] = [];
  for (const t of ties ?? []) {
    if (t.ok) continue;
    const at = tieEnds(t).find((e) => e.cell.figure);
    if (!at) continue;
    const f = at.cell.figure!;
    const d = Math.min(2, f.decimals);
    const parts = t.parts.map((p, i) => `${i === 0 ? (p.sign < 0 ? '− ' : '') : p.sign < 0 ? ' − ' : ' + '}${p.end.name} ${fmt(p.end.value, d)}`).join('');
    out.push({
      range: { start: f.start, end: f.end },
      severity: 'warning',
      code: `tie-${t.family}`,
      message: `Tie (${FAMILY_NAME[t.family]}) broken: ${t.target.name} ${fmt(t.target.value, d)} ≠ ${parts} (difference ${fmt(Math.abs(t.difference), d)} 元; ${t.description})`,
      related: tieEnds(t)
        .filter((e) => e.cell.figure)
        .map((e) => ({ range: { start: e.cell.figure!.start, end: e.cell.figure!.end }, message: `${e.name}: ${e.cell.figure!.raw}` })),
    });
  }
  return out;
}
