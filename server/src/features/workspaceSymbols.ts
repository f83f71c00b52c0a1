// Workspace symbols: section titles and table captions across the open filings,
// matched against the query (substring first, then characters in order).

import { Analysis } from '../analysis/analyze';
import { Range, Section, Table } from '../model/types';
import { tableName } from './outline';

export interface WorkspaceSymbolItem {
  uri: string;
  name: string;
  kind: 'section' | 'table';
  range: Range;
  /** The enclosing section's title, if any. */
  container?: string;
}

export function workspaceSymbols(docs: { uri: string; analysis: Analysis }[], query: string, limit = 1000): WorkspaceSymbolItem[] {
  const q = query.replace(/\s+/g, '').toLowerCase();
  const scored: { item: WorkspaceSymbolItem; score: number }[] = [];
  const key = (s: string) => s.replace(/\s+/g, '').toLowerCase();
  // The name with its marker, or the title alone (so that "商户" is a prefix of "一、商户数量").
  const consider = (item: WorkspaceSymbolItem, title: string) => {
    const score = Math.max(matchScore(key(item.name), q), matchScore(key(title), q));
    if (score > 0) scored.push({ item, score });
  };
  for (const { uri, analysis } of docs) {
    const model = analysis.model;
    const tableItem = (t: Table, container?: string) =>
      consider({ uri, name: tableName(t), kind: 'table', range: t.captionRange ?? { start: t.start, end: t.rows[0]?.end ?? t.end }, container }, t.caption);
    const walk = (s: Section, container?: string) => {
      const h = s.heading;
      const name = `${h.marker} ${h.title}`.trim();
      consider({ uri, name, kind: 'section', range: { start: h.start, end: h.end }, container }, h.title);
      for (const t of s.tables) tableItem(t, name);
      for (const c of s.children) walk(c, name);
    };
    model.sections.forEach((s) => walk(s));
    model.topTables.forEach((t) => tableItem(t));
  }
  // Stable: best score first, then document order.
  return scored
    .map((s, i) => ({ ...s, i }))
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .slice(0, limit)
    .map((s) => s.item);
}

/** 0: no match; 3: prefix; 2: substring; 1: the query's characters in order. */
export function matchScore(name: string, query: string): number {
  if (!query) return 1;
  const at = name.indexOf(query);
  if (at === 0) return 3;
  if (at > 0) return 2;
  let i = 0;
  for (const ch of name) if (ch === query[i]) i++;
  return i === query.length ? 1 : 0;
}
