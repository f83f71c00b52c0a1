// Semantic tokens so that themes colour a filing: headings (namespace), table
// captions (class), row labels (property), total rows' labels (keyword), figures
// (number; totals also `readonly`), units (type). One token per line piece,
// sorted, never overlapping.

import { Analysis } from '../analysis/analyze';
import { Line, Range, Section } from '../model/types';

export const TOKEN_TYPES = ['namespace', 'class', 'property', 'keyword', 'number', 'type'] as const;
export const TOKEN_MODIFIERS = ['declaration', 'readonly'] as const;
export type TokenType = (typeof TOKEN_TYPES)[number];

export const SEMANTIC_LEGEND = { tokenTypes: [...TOKEN_TYPES] as string[], tokenModifiers: [...TOKEN_MODIFIERS] as string[] };

export interface Token extends Range {
  /** Index into TOKEN_TYPES. */
  type: number;
  /** Bit set over TOKEN_MODIFIERS. */
  modifiers: number;
}

const T = (t: TokenType) => TOKEN_TYPES.indexOf(t);
const DECLARATION = 1;
const READONLY = 2;

export function semanticTokens(analysis: Analysis, within?: Range): Token[] {
  const model = analysis.model;
  const raw: Token[] = [];
  const add = (r: Range | undefined, type: TokenType, modifiers = 0) => {
    if (!r || r.end <= r.start) return;
    if (within && (r.end < within.start || r.start > within.end)) return;
    raw.push({ start: r.start, end: r.end, type: T(type), modifiers });
  };
  const walk = (s: Section) => {
    add(s.heading, 'namespace', DECLARATION);
    s.children.forEach(walk);
  };
  model.sections.forEach(walk);
  for (const table of model.tables) {
    if (within && (table.end < within.start || table.start > within.end)) continue;
    add(table.captionRange, 'class');
    for (const u of table.units.length ? table.units : [table.unit]) if (u.source === 'table') add(u.range, 'type');
    for (const c of table.columns) if (c.unit?.range) add(c.unit.range, 'type');
    for (const row of table.rows) {
      if (row.kind === 'header') continue;
      const total = row.kind === 'total' || row.kind === 'subtotal';
      add(row.labelRange, total ? 'keyword' : 'property');
    }
  }
  for (const p of analysis.figures) {
    if (within && (p.figure.end < within.start || p.figure.start > within.end)) continue;
    const total = !!p.row && (p.row.kind === 'total' || p.row.kind === 'subtotal' || (!!p.cell && analysis.checkOfCell.has(p.cell)));
    add(p.figure, 'number', total ? READONLY : 0);
    if (p.figure.unit?.range) add(p.figure.unit.range, 'type');
  }
  raw.sort((a, b) => a.start - b.start || b.end - a.end);
  // Drop overlaps (a caption that is also a heading keeps the heading), then split at line ends.
  const out: Token[] = [];
  let last = -1;
  for (const t of raw) {
    if (t.start < last) continue;
    last = t.end;
    for (const piece of splitAtLines(model.lines, t)) out.push({ ...piece, type: t.type, modifiers: t.modifiers });
  }
  return out;
}

function splitAtLines(lines: Line[], r: Range): Range[] {
  let lo = 0;
  let hi = lines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lines[mid].start <= r.start) lo = mid;
    else hi = mid - 1;
  }
  const out: Range[] = [];
  for (let i = lo; i < lines.length && lines[i].start < r.end; i++) {
    let start = Math.max(r.start, lines[i].start);
    let end = Math.min(r.end, lines[i].end);
    const text = lines[i].text;
    while (start < end && /\s/.test(text[start - lines[i].start])) start++;
    while (end > start && /\s/.test(text[end - 1 - lines[i].start])) end--;
    if (end > start) out.push({ start, end });
  }
  return out;
}
