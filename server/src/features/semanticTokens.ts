// Semantic tokens so that themes colour a filing: headings (namespace), table
// captions (class), row labels (property), total rows' labels (keyword), figures
// (number; totals also `readonly`), units (type). One token per line piece,
// sorted, never overlapping.

import { Analysis } from '../analysis/analyze';
import { Line, Range, Section } from '../model/types';
import { isSpaceCode } from '../parse/text';

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
  const lines = model.lines;
  let last = -1;
  // The line a token starts in: the tokens come by start, so it is found by walking on from the last one's.
  let line = 0;
  for (const t of raw) {
    if (t.start < last) continue;
    last = t.end;
    while (line + 1 < lines.length && lines[line + 1].start <= t.start) line++;
    pushPieces(lines, line, t, out);
  }
  return out;
}

/** The pieces of a token on each line from `from` on that it covers, spaces at their ends left out. */
function pushPieces(lines: Line[], from: number, t: Token, out: Token[]): void {
  for (let i = from; i < lines.length && lines[i].start < t.end; i++) {
    const l = lines[i];
    let start = Math.max(t.start, l.start);
    let end = Math.min(t.end, l.end);
    const text = l.text;
    while (start < end && isSpaceCode(text.charCodeAt(start - l.start))) start++;
    while (end > start && isSpaceCode(text.charCodeAt(end - 1 - l.start))) end--;
    if (end > start) out.push({ start, end, type: t.type, modifiers: t.modifiers });
  }
}
