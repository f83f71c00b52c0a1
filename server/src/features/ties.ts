// Ties on a figure (勾稽关系): where else it appears and whether they agree (hover), the tied
// figures to go to (Go to Definition) and every figure of its ties (Find All References).

import { Analysis, figureAt } from '../analysis/analyze';
import { endLine, Tie, TieEnd, tieEnds } from '../analysis/ties';
import { Figure, Range } from '../model/types';
import { fmt } from './format';
import { memoOf } from './memo';

export const FAMILY_NAME: Record<Tie['family'], string> = {
  rollForwards: 'roll-forward',
  statements: 'statement ↔ statement',
  notes: 'statement ↔ note',
  periods: 'period ↔ period',
  equity: 'equity statement',
  prose: 'prose ↔ table',
};

/** The ties a figure (in a table cell or in prose) takes part in. */
export function tiesOfFigure(analysis: Pick<Analysis, 'ties' | 'memo'>, figure: Figure): Tie[] {
  const index = memoOf(analysis, 'tiesByFigure', () => {
    const out = new Map<Figure, Tie[]>();
    for (const t of analysis.ties ?? []) for (const e of tieEnds(t)) if (e.cell.figure) out.set(e.cell.figure, [...(out.get(e.cell.figure) ?? []), t]);
    return out;
  });
  return index.get(figure) ?? [];
}

function tiesAt(analysis: Analysis, offset: number): { figure: Figure; ties: Tie[] } | undefined {
  const placed = figureAt(analysis, offset);
  if (!placed) return undefined;
  const ties = tiesOfFigure(analysis, placed.figure);
  return ties.length ? { figure: placed.figure, ties } : undefined;
}

const decimalsOf = (t: Tie) => Math.max(0, ...tieEnds(t).map((e) => (e.cell.figure ? e.cell.figure.decimals - Math.round(Math.log10(e.value && e.cell.figure.value ? Math.abs(e.value / e.cell.figure.value) : 1)) : 0)));

function endText(e: TieEnd, sign?: 1 | -1): string {
  return `${sign === -1 ? '− ' : ''}${e.name}: ${e.cell.figure ? e.cell.figure.raw : '(empty)'}`;
}

/** Hover lines for a figure that takes part in ties. */
export function tieHoverLines(analysis: Analysis, figure: Figure | undefined): string[] {
  if (!figure) return [];
  const ties = tiesOfFigure(analysis, figure);
  if (!ties.length) return [];
  const lines = ['', `**Ties (勾稽关系)** — ${ties.filter((t) => t.ok).length} of ${ties.length} agree`];
  for (const t of ties.slice(0, 12)) {
    const d = Math.min(2, decimalsOf(t));
    const head = t.ok
      ? `- ✓ ${FAMILY_NAME[t.family]}: ${t.description}`
      : `- ✗ ${FAMILY_NAME[t.family]}: ${t.description} — ${fmt(t.target.value, d)} ≠ ${fmt(t.sum, d)}, difference ${fmt(Math.abs(t.difference), d)} 元`;
    lines.push(head);
    for (const e of [{ end: t.target, sign: 1 as const }, ...t.parts]) if (e.end.cell.figure !== figure) lines.push(`  - ${endText(e.end, e.sign)} (line ${endLine(e.end) + 1})`);
  }
  if (ties.length > 12) lines.push(`- … ${ties.length - 12} more`);
  return lines;
}

export interface TiedFigures {
  origin: Range;
  /** The other figures of its ties: statement ↔ note, statement ↔ statement and period ties first. */
  targets: { range: Range; name: string; ok: boolean }[];
}

const rangeOf = (e: TieEnd): Range => ({ start: e.cell.figure!.start, end: e.cell.figure!.end });

/** Go to Definition on a tied figure: the figures it is tied to. */
export function tiedFiguresAt(analysis: Analysis, offset: number): TiedFigures | undefined {
  const at = tiesAt(analysis, offset);
  if (!at) return undefined;
  const order: Tie['family'][] = ['notes', 'statements', 'periods', 'prose', 'rollForwards'];
  const ties = [...at.ties].sort((a, b) => order.indexOf(a.family) - order.indexOf(b.family));
  const seen = new Set<Figure>([at.figure]);
  const targets: TiedFigures['targets'] = [];
  for (const t of ties) {
    for (const e of tieEnds(t)) {
      if (!e.cell.figure || seen.has(e.cell.figure)) continue;
      seen.add(e.cell.figure);
      targets.push({ range: rangeOf(e), name: e.name, ok: t.ok });
    }
  }
  const f = at.figure;
  return targets.length ? { origin: { start: f.start, end: f.end }, targets } : undefined;
}

/** Find All References on a tied figure: every figure of its ties, itself included. */
export function tieReferencesAt(analysis: Analysis, offset: number): Range[] {
  const at = tiesAt(analysis, offset);
  if (!at) return [];
  const seen = new Set<Figure>();
  const out: Range[] = [];
  for (const t of at.ties) {
    for (const e of tieEnds(t)) {
      if (!e.cell.figure || seen.has(e.cell.figure)) continue;
      seen.add(e.cell.figure);
      out.push(rangeOf(e));
    }
  }
  return out.sort((a, b) => a.start - b.start);
}
