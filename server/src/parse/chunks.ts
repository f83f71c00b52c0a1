// Chunks: stretches of the document between lines that no table can contain —
// long sentences ending in 。 or ；, without pipes. Tables are found chunk by
// chunk, so an edit inside one chunk can be re-analysed alone (analysis/incremental.ts).

import { LineMarks } from '../model/lineMarks';
import { Line, Table, Unit } from '../model/types';
import { findTables } from './tables';
import { opensHtmlTable } from './tables/html';
import { endsWithAnyOf } from './text';

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

export function chunksOf(lines: Line[], textLength: number): Chunk[] {
  const starts = [0];
  for (let i = 1; i < lines.length; i++) if (isBoundaryLine(lines[i].text)) starts.push(i);
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
  // Lines too long to be table rows are left out of the search (but for a whole HTML table on one line).
  for (let i = chunk.fromLine; i < chunk.toLine; i++) if (lines[i].text.length > MAX_TABLE_LINE && !opensHtmlTable(lines[i].text)) claimed[i] = 1;
  const tables = findTables({ lines, furniture, documentUnit, claimed, from: chunk.fromLine, to: chunk.toLine });
  return tables;
}
