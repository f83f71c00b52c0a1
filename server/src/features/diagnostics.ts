// Diagnostics: one warning per total that does not reconcile, with related
// information pointing at each component cell.

import { acceptLine } from '../analysis/accept';
import { Analysis } from '../analysis/analyze';
import { Check } from '../analysis/reconcile';
import { isReported } from '../analysis/confidence';
import { Coverage, coverageMessage } from '../analysis/coverage';
import { FilingModel, Range } from '../model/types';
import { fmt } from './format';
import { checkMessage } from './checkText';

export { checkMessage };
import type { Tie } from '../analysis/ties';
import { tieProblems } from './tieDiagnostics';

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

/** The information that a document is over the size limit (and only its outline is shown). */
export function tooLargeProblem(message: string): Problem {
  return { range: { start: 0, end: 0 }, severity: 'information', code: 'too-large', message, related: [] };
}

export function diagnostics(
  analysis: Pick<Analysis, 'checks' | 'accepted'> & { coverage?: Coverage; ties?: Tie[]; model?: Pick<FilingModel, 'overBudget'> },
  opts: { maxFileSizeMessage?: string } = {},
): Problem[] {
  const out: Problem[] = [];
  if (opts.maxFileSizeMessage) out.push(tooLargeProblem(opts.maxFileSizeMessage));
  const over = analysis.model?.overBudget;
  if (over) out.push({ range: { start: 0, end: 0 }, severity: 'information', code: 'over-budget', message: overBudgetMessage(over), related: [] });
  const unread = !over && analysis.coverage && coverageMessage(analysis.coverage);
  if (unread) out.push({ range: { start: 0, end: 0 }, severity: 'information', code: 'unread-totals', message: unread, related: [] });
  for (const c of analysis.checks) {
    if (!isReported(c) || analysis.accepted.has(c)) continue;
    out.push({
      range: { start: c.total.figure!.start, end: c.total.figure!.end },
      severity: oneCent(c) ? 'information' : 'warning',
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
  out.push(...tieProblems(analysis.ties));
  // In text order (a stable sort keeps the order of checks on one figure), as the re-analysis of an edited chunk gives them.
  return out.sort((a, b) => a.range.start - b.range.start);
}

/** A difference of one cent in a total in 元 (each row a rounded product): worth knowing, not a warning. */
function oneCent(c: Check): boolean {
  return c.decimals >= 2 && c.unitName === '元' && Math.abs(Math.abs(c.difference) - 10 ** -c.decimals) < 10 ** -(c.decimals + 3);
}

export function overBudgetMessage(over: NonNullable<FilingModel['overBudget']>): string {
  return over.of === 'lines'
    ? `Filing Lens: this document has too many lines for its size (${fmt(over.used ?? 0, 0)}, over the budget of ${fmt(over.budget, 0)}); it is not analysed, not even for an outline.`
    : `Filing Lens: this document has more table cells and figures than can be analysed (over ${fmt(over.budget, 0)}, the budget for its size); only the outline is shown.`;
}
