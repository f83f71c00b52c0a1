// Chunks: stretches of the document between lines that no table can contain —
// long sentences ending in 。 or ；, without pipes, and lines over
// MAX_TABLE_LINE characters, each a chunk of its own that no detector sees.
// Tables are found chunk by chunk, so an edit inside one chunk can be
// re-analysed alone (features/incremental.ts), and a chunk whose cells could
// exceed the document's work budget is never searched (chunkWorkBound).

import { LineMarks } from '../model/lineMarks';
import { Line, Table, Unit } from '../model/types';
import { findTables } from './tables';
import { opensHtmlTable } from './tables/html';
import { endsWithAnyOf } from './text';
import { tableUnitsIn } from './units';
import { lineAt } from './lines';

/** Lines longer than this are never table rows. */
export const MAX_TABLE_LINE = 20000;

export interface Chunk {
  /** First line (a boundary line, or 0) and the line after the last. */
  fromLine: number;
  toLine: number;
  start: number;
  end: number;
}

/** A line no table detector accepts: a sentence of some length, ended, with no pipe. */
export function isBoundaryLine(text: string): boolean {
  return text.length >= 40 && endsWithAnyOf(text, '。；') && !text.includes('|');
}

/** Whether line `i` starts a chunk: a boundary sentence, a line too long for a table, or the line after one. */
export function startsChunk(lines: Line[], i: number): boolean {
  return i > 0 && (isBoundaryLine(lines[i].text) || lines[i].text.length > MAX_TABLE_LINE || lines[i - 1].text.length > MAX_TABLE_LINE);
}

export function chunksOf(lines: Line[], textLength: number): Chunk[] {
  const starts = [0];
  for (let i = 1; i < lines.length; i++) if (startsChunk(lines, i)) starts.push(i);
  return starts.map((from, k) => {
    const to = k + 1 < starts.length ? starts[k + 1] : lines.length;
    return { fromLine: from, toLine: to, start: lines[from].start, end: to < lines.length ? lines[to].start : textLength };
  });
}

/**
 * Tables of one chunk: the detectors see only the chunk's lines, so that the
 * same chunk text gives the same tables wherever it stands. `claimed` is the
 * whole document's array; the chunk's lines are marked in it.
 */
export function tablesOfChunk(
  lines: Line[],
  chunk: Chunk,
  furniture: LineMarks,
  documentUnit: Unit | undefined,
  claimed: Uint8Array,
): Table[] {
  // Lines too long to be table rows are left out of the search (such a line is a chunk of its own), but for
  // a whole HTML table on one line.
  for (let i = chunk.fromLine; i < chunk.toLine; i++) if (lines[i].text.length > MAX_TABLE_LINE && !opensHtmlTable(lines[i].text)) claimed[i] = 1;
  if (chunk.toLine - chunk.fromLine === 1 && claimed[chunk.fromLine]) return [];
  const tables = findTables({ lines, furniture, documentUnit, claimed, from: chunk.fromLine, to: chunk.toLine });
  if (tables.length) inheritUnits(lines, tables, chunk.fromLine);
  return tables;
}

/** A numbered title (三、, （二）, 5、, 7.) or a sentence: what separates one table from the next. */
const NUMBERED_TITLE = /^\s*(?:[一二三四五六七八九十]{1,3}\s*[、．.]|[(（]\s*[一二三四五六七八九十\d]{1,3}\s*[)）]|\d{1,2}\s*[、．]|\d{1,2}\.\D)/;
const isTitleOrSentence = (text: string) => NUMBERED_TITLE.test(text) || (text.length >= 20 && endsWithAnyOf(text, '。；'));
/** Lines outside tables walked back over in search of a unit line. */
const MAX_UNIT_GAP = 200;

/**
 * A table whose unit line was not found right above it — a table the reader cut in pieces (one cell per
 * line, its header cells over many lines, a page break) — is in the unit of the unit line above it, or of the
 * table piece before it, with nothing but cells, header cells and page furniture between: never across a
 * numbered title or a sentence, where a new table starts. Within the chunk: the same chunk text gives the
 * same tables wherever it stands (an edit re-reads one chunk alone, features/incremental.ts).
 */
function inheritUnits(lines: Line[], tables: Table[], fromLine: number): void {
  const ordered = [...tables].sort((a, b) => a.start - b.start);
  for (let k = 0; k < ordered.length; k++) {
    const t = ordered[k];
    // A table in the document's unit takes the unit of a piece right before it only (two short lines
    // between at most: a group heading such as 累计折旧 the reader took for the start of a new table).
    const inDocumentUnit = t.unit.source === 'document';
    if (t.unit.source !== 'default' && !inDocumentUnit) continue;
    const first = lineAt(lines, t.start)!.index;
    if (inDocumentUnit && NUMBERED_TITLE.test(lines[first].text)) continue;
    const prev = k - 1;
    let walked = 0;
    let between = 0;
    for (let i = first - 1; i >= fromLine && walked <= MAX_UNIT_GAP; i--) {
      const l = lines[i];
      if (prev >= 0 && l.start < ordered[prev].end) {
        // The piece before: its unit (found right above it or inherited); where it has none, the walk
        // above it already failed.
        const p = ordered[prev];
        if (p.unit.source === 'table') t.unit = { ...p.unit };
        break;
      }
      walked++;
      if (inDocumentUnit) {
        const text = l.text.trim();
        if (text && (++between > 2 || text.length > 20)) break;
        continue;
      }
      const units = tableUnitsIn(l.text, l.start);
      if (units) {
        t.unit = units.find((u) => u.kind === 'money') ?? units[0];
        break;
      }
      if (isTitleOrSentence(l.text)) break;
    }
  }
}


/**
 * An upper bound on the cells the table detectors can make of a chunk, counted
 * without making any: on each line, a cell per pipe, per run of non-space
 * characters and per separator a glued row may split at (, . % -), or one
 * (the one-cell-per-line layout, blank lines included); and the pipe rows padded to the widest of them
 * (rows shifted by merged cells are aligned on the right). Lines over
 * MAX_TABLE_LINE count nothing. Generous on purpose (about twice what real
 * tables make): it bounds memory whatever the detectors do.
 */
/**
 * A ceiling on chunkWorkBound counted per line, not per character (a line of n characters makes at most
 * 2n pieces and n pipes, and no pipe row is wider than its line): where it fits the budget, so does the bound.
 */
export function chunkWorkCeiling(lines: Line[], chunk: Pick<Chunk, 'fromLine' | 'toLine'>): number {
  let ceiling = 0;
  let longest = 0;
  for (let i = chunk.fromLine; i < chunk.toLine; i++) {
    const n = lines[i].text.length;
    if (n > MAX_TABLE_LINE) continue;
    ceiling += 3 * n + 1;
    if (n > longest) longest = n;
  }
  return ceiling + (chunk.toLine - chunk.fromLine) * (longest + 1);
}

export function chunkWorkBound(lines: Line[], chunk: Pick<Chunk, 'fromLine' | 'toLine'>): number {
  let bound = 0;
  let pipeRows = 0;
  let widest = 0;
  for (let i = chunk.fromLine; i < chunk.toLine; i++) {
    const t = lines[i].text;
    if (t.length > MAX_TABLE_LINE) continue;
    let pipes = 0;
    let pieces = 0;
    let inToken = false;
    for (let k = 0; k < t.length; k++) {
      const c = t.charCodeAt(k);
      if (c === 124) pipes++;
      if (c === 32 || c === 9 || c === 0x3000 || c === 13) {
        inToken = false;
        continue;
      }
      if (!inToken) pieces++;
      inToken = true;
      // , . % ％ - — –: a glued row may split here; a dash row makes a cell of each dash.
      if (c === 44 || c === 46 || c === 37 || c === 0xff05 || c === 45 || c === 0x2014 || c === 0x2013) pieces++;
    }
    bound += Math.max(1, pieces) + pipes;
    if (pipes) {
      pipeRows++;
      widest = Math.max(widest, pipes + 1);
    }
  }
  return bound + pipeRows * widest;
}
