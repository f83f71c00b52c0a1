// Re-analysing an edit: when a change falls inside one chunk (parse/chunks.ts)
// and touches nothing with a document-wide effect (the unit statement, running
// page headers, accept markers, chunk boundaries), only that chunk's tables are
// found and reconciled again; the problems elsewhere keep their places, shifted
// by the length of the change. Otherwise the caller analyses the whole text.

import { Problem, diagnostics } from './diagnostics';
import { FilingModel, Range } from '../model/types';
import { chunkWorkBound, isBoundaryLine, MAX_TABLE_LINE, startsChunk, tablesOfChunk } from '../parse/chunks';
import { utf8Length, workBudget } from '../parse/document';
import { findFurniture, headerKey, splitLines } from '../parse/lines';
import { changedRange } from '../parse/reuse';
import { documentUnitIn } from '../parse/units';
import { acceptedDifferences } from '../analysis/accept';
import { Analysis } from '../analysis/analyze';
import { ALL_CHECKS, Check, CheckOptions, reconcile } from '../analysis/reconcile';

export interface EditedProblems {
  problems: Problem[];
  /** The stretch of the new text that was analysed again. */
  reanalysed: Range;
  /** The checks of the tables found again in that stretch (all of them, reconciling or not). */
  checks: Check[];
}

export { changedRange };

export function problemsAfterEdit(prev: Analysis, prevProblems: Problem[], text: string, checks: CheckOptions = ALL_CHECKS): EditedProblems | undefined {
  const model = prev.model;
  if (prev.outlineOnly) return undefined;
  const old = model.text;
  const { start, oldEnd, newEnd } = changedRange(old, text);
  const delta = text.length - old.length;
  if (start === old.length && oldEnd === old.length && delta === 0) return { problems: prevProblems, reanalysed: { start, end: start }, checks: [] };
  const chunks = model.chunks;
  const k = chunks.findIndex((c) => c.start <= start && (oldEnd < c.end || (oldEnd === c.end && c.end === old.length)));
  if (k < 0) return undefined;
  const chunk = chunks[k];
  // The chunk's first line is the boundary that separates it from the one before: it must stay as it is.
  const first = model.lines[chunk.fromLine];
  if (chunk.fromLine > 0 && start <= first.end) return undefined;
  // A chunk that starts after a line too long for a table (not at a boundary sentence) may take the unit of a
  // line above it (chunks.ts inheritUnits): the whole analysis decides.
  if (chunk.fromLine > 0 && !isBoundaryLine(first.text)) return undefined;
  // A line too long for a table is a chunk of its own, and so makes the next line start one: editing it may move chunk bounds.
  for (let i = chunk.fromLine; i < chunk.toLine; i++) if (model.lines[i].text.length > MAX_TABLE_LINE) return undefined;
  const oldPart = old.slice(start, oldEnd);
  const newPart = text.slice(start, newEnd);
  if (!globallyNeutral(model, start, oldEnd, oldPart, newPart, text)) return undefined;

  const newChunkText = text.slice(chunk.start, chunk.end + delta);
  const lines = splitLines(newChunkText).map((l) => ({ ...l, start: l.start + chunk.start, end: l.end + chunk.start }));
  // A new boundary line inside the chunk would split it in a whole analysis.
  for (let i = 1; i < lines.length; i++) if (startsChunk(lines, i)) return undefined;
  const local = { fromLine: 0, toLine: lines.length, start: chunk.start, end: chunk.end + delta };
  // A chunk grown past what the whole document may cost: the whole analysis decides (and may give only the outline).
  if (chunkWorkBound(lines, local) > workBudget(utf8Length(newChunkText))) return undefined;
  const furniture = findFurniture(lines, model.runningHeaders);
  // The document's unit statement covers the tables after it: where it stands after the edit, it moved with the text.
  const du = model.documentUnit;
  const documentUnit = du?.range && du.range.start >= oldEnd ? { ...du, range: { start: du.range.start + delta, end: du.range.end + delta } } : du;
  const tables = tablesOfChunk(lines, local, furniture, documentUnit, new Uint8Array(lines.length));
  const partial = { tables } as unknown as FilingModel;
  const newChecks = reconcile(partial, checks);
  const fresh = diagnostics({ checks: newChecks, accepted: acceptedDifferences(text, newChecks) });

  const shift = (r: Range): Range => ({ start: r.start + delta, end: r.end + delta });
  const problems: Problem[] = [];
  for (const p of prevProblems) {
    // Document-wide notes stay until the whole analysis that follows the edit works them out again.
    if (p.code === 'too-large' || p.code === 'unread-totals') problems.push(p);
    else if (p.range.end <= chunk.start) problems.push(p);
    else if (p.range.start >= chunk.end) {
      problems.push({ ...p, range: shift(p.range), related: p.related.map((r) => ({ ...r, range: shift(r.range) })), accept: p.accept && { ...p.accept, offset: p.accept.offset + delta } });
    }
  }
  problems.push(...fresh);
  problems.sort((a, b) => a.range.start - b.range.start);
  return { problems, reanalysed: { start: local.start, end: local.end }, checks: newChecks };
}

/** True when the change cannot matter beyond its chunk. */
function globallyNeutral(model: FilingModel, start: number, oldEnd: number, oldPart: string, newPart: string, newText: string): boolean {
  if (/filing-lens:/.test(oldPart + newPart)) return false;
  // The lines the change touches, before and after.
  const text = model.text;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  let lineEnd = text.indexOf('\n', oldEnd);
  if (lineEnd < 0) lineEnd = text.length;
  const touched = text.slice(lineStart, lineEnd);
  if (/filing-lens:/.test(touched)) return false;
  for (const t of touched.split(/\r\n|\r|\n/)) if (model.runningHeaders.has(headerKey(t))) return false;
  if (documentUnitIn(touched, 0)) return false;
  const after = touched.slice(0, start - lineStart) + newPart + touched.slice(oldEnd - lineStart);
  if (documentUnitIn(after, 0) || /filing-lens:/.test(after)) return false;
  for (const t of after.split(/\r\n|\r|\n/)) {
    const line = t.trim();
    if (model.runningHeaders.has(headerKey(t))) return false;
    // A line the edit writes that now stands three times in the text may have become a running header.
    if (line.length >= 6 && line.length <= 200 && occursAtLeast(newText, line, 3)) return false;
  }
  return true;
}

function occursAtLeast(text: string, line: string, n: number): boolean {
  let count = 0;
  for (let at = text.indexOf(line); at >= 0; at = text.indexOf(line, at + line.length)) if (++count >= n) return true;
  return false;
}
