// Reading an edited document again without reading again what did not change.
// The tables of a chunk (parse/chunks.ts tablesOfChunk) depend only on the
// chunk's lines and on document-wide context: the page furniture of those lines
// and the document's unit statement. A chunk of the new text whose text and
// context are those of a chunk of the previous model takes that chunk's tables
// and claimed lines: as they are (the same objects) where the chunk did not move
// — it stands before the edit —, else as copies with every offset and line index
// shifted by the edit. Everything else is read as in a first analysis: there is
// one code path, and a chunk is either taken whole or read whole.

import { LineMarks } from '../model/lineMarks';
import { Cell, Figure, FilingModel, Line, Range, Row, Table, Unit } from '../model/types';
import { Chunk, isBoundaryLine } from './chunks';

/** Where two texts differ: [start, oldEnd) in the old text became [start, newEnd) in the new. */
export function changedRange(oldText: string, newText: string): { start: number; oldEnd: number; newEnd: number } {
  const min = Math.min(oldText.length, newText.length);
  // Blocks first (a string comparison is native), then characters.
  let p = 0;
  for (let block = 4096; block >= 16; block >>= 4) while (p + block <= min && oldText.slice(p, p + block) === newText.slice(p, p + block)) p += block;
  while (p < min && oldText.charCodeAt(p) === newText.charCodeAt(p)) p++;
  let s = 0;
  const o = oldText.length;
  const n = newText.length;
  for (let block = 4096; block >= 16; block >>= 4) while (s + block <= min - p && oldText.slice(o - s - block, o - s) === newText.slice(n - s - block, n - s)) s += block;
  while (s < min - p && oldText.charCodeAt(o - 1 - s) === newText.charCodeAt(n - 1 - s)) s++;
  return { start: p, oldEnd: o - s, newEnd: n - s };
}

/** A chunk's tables taken from the previous model; `shared` when they are the previous model's own objects. */
export interface ReusedChunk {
  tables: Table[];
  shared: boolean;
  /** The chunk's prose figures (they depend on its lines, claimed lines and furniture alone), moved with it. */
  proseFigures: () => Figure[];
}

/**
 * For the chunks of a new text, the tables of the same chunk in the previous model, where its text and its
 * context are unchanged (the claimed lines are copied into `claimed`); undefined for a chunk to read.
 * Undefined altogether when the previous model kept no tables (outline only, over its budget) or its
 * document unit is not the new one.
 */
export function chunkReuse(
  prev: FilingModel,
  edit: { start: number; oldEnd: number; newEnd: number },
  lines: Line[],
  furniture: LineMarks,
  documentUnit: Unit | undefined,
  copies?: Map<Table, Table>,
): ((chunk: Chunk, claimed: Uint8Array) => ReusedChunk | undefined) | undefined {
  if (!prev.claimed || !prev.chunkTables || prev.overBudget) return undefined;
  const { start: p, oldEnd, newEnd } = edit;
  const delta = newEnd - oldEnd;
  const lineDelta = lines.length - prev.lines.length;
  /** An offset of the previous text in the new one (offsets inside the edit never reach here). */
  const map = (o: number) => (o >= oldEnd ? o + delta : o);
  if (!sameUnit(prev.documentUnit, documentUnit, map, p, oldEnd)) return undefined;
  const byStart = new Map<number, number>();
  prev.chunks.forEach((c, j) => byStart.set(c.start, j));
  const prevClaimed = prev.claimed;
  const prevTables = prev.tables;
  const firstTable = prev.chunkTables;
  return (c, claimed) => {
    // Before the edit the chunk stands where it stood; after it, moved by the edit; else its text changed.
    const before = c.end <= p;
    if (!before && c.start < newEnd) return undefined;
    // After an edit that moved nothing (a character replaced by another on the same line), a chunk stands where it stood.
    const still = before || (delta === 0 && lineDelta === 0);
    const d = before ? 0 : delta;
    const dl = before ? 0 : lineDelta;
    const j = byStart.get(c.start - d);
    if (j === undefined) return undefined;
    const old = prev.chunks[j];
    if (old.end !== c.end - d || old.fromLine !== c.fromLine - dl || old.toLine !== c.toLine - dl) return undefined;
    // A chunk that does not start with a boundary sentence (the line after one too long for a table) may take
    // the unit of a line above it (chunks.ts inheritUnits): read again.
    if (c.fromLine > 0 && !isBoundaryLine(lines[c.fromLine].text)) return undefined;
    for (let i = c.fromLine; i < c.toLine; i++) if (furniture.get(i) !== prev.furniture.get(i - dl)) return undefined;
    for (let i = c.fromLine; i < c.toLine; i++) claimed[i] = prevClaimed[i - dl];
    const tables = prevTables.slice(firstTable[j], firstTable[j + 1]);
    if (!still) {
      for (let k = 0; k < tables.length; k++) {
        const copy = shiftedTable(tables[k], map, dl);
        copies?.set(copy, tables[k]);
        tables[k] = copy;
      }
    }
    const proseFigures = () => {
      const list = prev.proseFigures;
      // The first figure of the chunk (the list is sorted by start).
      let lo = 0;
      let hi = list.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (list[mid].start < old.start) lo = mid + 1;
        else hi = mid;
      }
      const out: Figure[] = [];
      for (let i = lo; i < list.length && list[i].start < old.end; i++) out.push(still ? list[i] : shiftedFigure(list[i], map));
      return out;
    };
    return { tables, shared: still, proseFigures };
  };
}

function shiftedFigure(f: Figure, map: (o: number) => number, unit = (u: Unit): Unit => (u.range ? { ...u, range: { start: map(u.range.start), end: map(u.range.end) } } : u)): Figure {
  const g = { ...f, start: map(f.start), end: map(f.end) };
  if (f.unit) g.unit = unit(f.unit);
  return g;
}

function sameUnit(a: Unit | undefined, b: Unit | undefined, map: (o: number) => number, p: number, oldEnd: number): boolean {
  if (!a || !b) return a === b;
  if (a.name !== b.name || a.factor !== b.factor || a.kind !== b.kind || a.currency !== b.currency || a.source !== b.source) return false;
  if (!a.range || !b.range) return a.range === b.range;
  // A statement inside the edited stretch may read the same and stand elsewhere: read again.
  if (a.range.end > p && a.range.start < oldEnd) return false;
  return b.range.start === map(a.range.start) && b.range.end === map(a.range.end);
}

/**
 * A copy of a table whose offsets are mapped by `map` and line indexes moved by `dl`: every object that
 * holds an offset is a copy (its other fields as they were); columns and units without one are shared.
 */
export function shiftedTable(t: Table, map: (o: number) => number, dl: number): Table {
  const units = new Map<Unit, Unit>();
  const unit = (u: Unit): Unit => {
    if (!u.range) return u;
    let s = units.get(u);
    if (!s) units.set(u, (s = { ...u, range: range(u.range) }));
    return s;
  };
  const range = (r: Range): Range => ({ start: map(r.start), end: map(r.end) });
  const figure = (f: Figure): Figure => shiftedFigure(f, map, unit);
  const cell = (c: Cell): Cell => {
    const d = { ...c, start: map(c.start), end: map(c.end) };
    if (c.figure) d.figure = figure(c.figure);
    return d;
  };
  const row = (r: Row): Row => ({ ...r, start: map(r.start), end: map(r.end), labelRange: range(r.labelRange), cells: r.cells.map(cell), line: r.line + dl });
  const out: Table = { ...t, start: map(t.start), end: map(t.end), rows: t.rows.map(row), unit: unit(t.unit), units: t.units.map(unit) };
  if (t.captionRange) out.captionRange = range(t.captionRange);
  out.columns = t.columns.map((c) => (c.unit?.range ? { ...c, unit: unit(c.unit) } : c));
  return out;
}
