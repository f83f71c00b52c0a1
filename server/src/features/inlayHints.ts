// Inlay hints: after a figure of a 万元 / 亿元 / 千元 table, its value in 元
// (off by default: dense tables); after a checked total, ✓ when it reconciles or
// the computed sum when it does not.

import { Analysis } from '../analysis/analyze';
import { Range } from '../model/types';
import { fmt, normalize, unitOf } from './format';
import { checkNote, checkState, worstCheck } from './checkText';
import { queryOf } from './query';

export interface InlayOptions {
  normalizedValues: boolean;
  totals: boolean;
}

export const DEFAULT_INLAY_OPTIONS: InlayOptions = { normalizedValues: false, totals: true };

export interface Hint {
  /** Where the hint goes: right after the figure. */
  offset: number;
  label: string;
  tooltip: string;
  kind: 'normalized' | 'total';
}

export function inlayHints(analysis: Analysis, within: Range, options: InlayOptions = DEFAULT_INLAY_OPTIONS): Hint[] {
  const out: Hint[] = [];
  if (!options.normalizedValues && !options.totals) return out;
  const query = queryOf(analysis);
  for (const p of query.figuresIn(within)) {
    const { figure, table, column, cell, row } = p;
    if (!table) continue;
    if (options.normalizedValues && !figure.percent) {
      const unit = unitOf(figure, table, column, row);
      if (unit.kind === 'money' && unit.factor > 1) {
        const n = normalize(figure, unit);
        out.push({ offset: figure.end, label: `=${n.text}`, tooltip: `${figure.raw} ${unit.name} = ${n.text}`, kind: 'normalized' });
      }
    }
    const checks = cell && options.totals ? query.checksAt(cell) : [];
    if (checks.length) {
      const worst = worstCheck(checks);
      const accepted = analysis.accepted.has(worst);
      const state = checkState(worst, accepted);
      if (state === 'ok') {
        out.push({ offset: figure.end, label: '✓', tooltip: checks.map((c) => checkNote(c, false)).join('\n'), kind: 'total' });
      } else if (state === 'unconfirmed') {
        out.push({ offset: figure.end, label: '?', tooltip: checkNote(worst, accepted), kind: 'total' });
      } else {
        out.push({ offset: figure.end, label: `≠ ${fmt(worst.sum, worst.decimals)}${accepted ? ' (accepted)' : ''}`, tooltip: checkNote(worst, accepted), kind: 'total' });
      }
    }
  }
  return out;
}
