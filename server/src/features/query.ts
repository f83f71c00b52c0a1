// One query object over an analysis: what is at an offset (a figure, a table, the sections around it, a
// defined term) and which checks a cell or a table has. Every feature asks here instead of keeping its
// own binary search, table walk or map of checks by cell. Its indexes are built on first use and kept in
// the analysis's memo (features/memo.ts), so they go with the analysis they index.

import { Analysis, figureAt, PlacedFigure } from '../analysis/analyze';
import type { Check } from '../analysis/reconcile';
import type { Cell, Range, Section, Table } from '../model/types';
import { definedTerms, TermEntry, TermHit } from './definedTerms';
import { memoOf } from './memo';

export interface AnalysisQuery {
  /** The figure at an offset (its first character to just after its last). */
  figureAt(offset: number): PlacedFigure | undefined;
  /** The figures that meet a range, in text order. */
  figuresIn(within: Range): PlacedFigure[];
  /** The table whose rows span the offset. */
  tableAt(offset: number): Table | undefined;
  /** The table containing an offset, caption included, else one ending at most two lines above it. */
  tableNear(offset: number): Table | undefined;
  /** The checks whose total is this cell. */
  checksAt(cell: Cell): Check[];
  /** The checks of a table. */
  checksOfTable(table: Table): Check[];
  /** The sections around an offset, outermost first. */
  sectionsAt(offset: number): Section[];
  /** The defined term written at an offset (the longest one there), with its 释义 entry. */
  termAt(offset: number): TermHit | undefined;
}

/** The defined term written at an offset (the longest one there), with its entry. */
export function termAt(analysis: Analysis, offset: number): TermHit | undefined {
  return queryOf(analysis).termAt(offset);
}

export function queryOf(analysis: Analysis): AnalysisQuery {
  return memoOf(analysis, 'query', () => makeQuery(analysis));
}

function makeQuery(analysis: Analysis): AnalysisQuery {
  const model = analysis.model;
  let byCell: Map<Cell, Check[]> | undefined;
  let byTable: Map<Table, Check[]> | undefined;
  const checkIndexes = () => {
    if (!byCell || !byTable) {
      byCell = new Map();
      byTable = new Map();
      for (const c of analysis.checks) {
        const a = byCell.get(c.total);
        if (a) a.push(c);
        else byCell.set(c.total, [c]);
        const b = byTable.get(c.table);
        if (b) b.push(c);
        else byTable.set(c.table, [c]);
      }
    }
    return { byCell, byTable };
  };
  let terms: { byFirst: Map<string, string[]>; entryOf: Map<string, TermEntry>; rank: Map<string, number>; longest: number } | undefined;
  const termIndex = () => {
    if (terms) return terms;
    const byFirst = new Map<string, string[]>();
    const entryOf = new Map<string, TermEntry>();
    const rank = new Map<string, number>();
    let longest = 0;
    for (const entry of definedTerms(analysis)) {
      for (const term of entry.terms) {
        // The first entry that defines a term is its entry.
        if (entryOf.has(term)) continue;
        entryOf.set(term, entry);
        rank.set(term, rank.size);
        const list = byFirst.get(term[0]);
        if (list) list.push(term);
        else byFirst.set(term[0], [term]);
        longest = Math.max(longest, term.length);
      }
    }
    return (terms = { byFirst, entryOf, rank, longest });
  };
  return {
    figureAt: (offset) => figureAt(analysis, offset),
    figuresIn(within) {
      const list = analysis.figures;
      let lo = 0;
      let hi = list.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (list[mid].figure.end < within.start) lo = mid + 1;
        else hi = mid;
      }
      const out: PlacedFigure[] = [];
      for (let i = lo; i < list.length && list[i].figure.start <= within.end; i++) out.push(list[i]);
      return out;
    },
    tableAt(offset) {
      for (const t of model.tables) if (t.start <= offset && offset <= t.end) return t;
      return undefined;
    },
    tableNear(offset) {
      const text = model.text;
      let before: Table | undefined;
      for (const t of model.tables) {
        const start = Math.min(t.start, t.captionRange?.start ?? t.start);
        if (start <= offset && offset <= t.end) return t;
        if (t.end < offset) before = t;
      }
      if (!before) return undefined;
      let breaks = 0;
      for (let i = before.end; i < offset && breaks <= 2; i++) if (text.charCodeAt(i) === 10) breaks++;
      return breaks <= 2 ? before : undefined;
    },
    checksAt: (cell) => checkIndexes().byCell.get(cell) ?? [],
    checksOfTable: (table) => checkIndexes().byTable.get(table) ?? [],
    sectionsAt(offset) {
      const out: Section[] = [];
      let level = model.sections;
      for (;;) {
        const s = level.find((x) => x.range.start <= offset && offset <= x.range.end);
        if (!s) break;
        out.push(s);
        level = s.children;
      }
      return out;
    },
    termAt(offset) {
      const { byFirst, entryOf, rank, longest } = termIndex();
      if (!longest) return undefined;
      const text = model.text;
      let best: TermHit | undefined;
      // A term covers the offset when it starts at most its length before it (the offset just after it counts);
      // the longest wins, and of two as long the one the 释义 lists first; its earliest such occurrence.
      const better = (term: string) => !best || term.length > best.term.length || (term.length === best.term.length && rank.get(term)! < rank.get(best.term)!);
      for (let s = Math.max(0, offset - longest); s <= offset && s < text.length; s++) {
        const list = byFirst.get(text[s]);
        if (!list) continue;
        for (const term of list) {
          if (s < offset - term.length || !better(term) || (best && best.term === term)) continue;
          if (text.startsWith(term, s)) best = { term, range: { start: s, end: s + term.length }, entry: entryOf.get(term)! };
        }
      }
      return best;
    },
  };
}
