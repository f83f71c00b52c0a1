// Pipe rows: 合计 | 25,001 | 25,211 | — a table goes on across page furniture and repeated headers.

import { Line } from '../../model/types';
import { makeCell } from '../cells';
import { AddTable, MAX_ROWS_PER_TABLE, RawRow, TableContext } from './context';
import { DIGIT, SPACED_PIPE } from '../text';

export function pipeCount(text: string): number {
  // indexOf skips the stretches without pipes faster than a loop over every character.
  let n = 0;
  for (let i = text.indexOf('|'); i >= 0; i = text.indexOf('|', i + 1)) n++;
  return n;
}

function splitPipeRow(line: Line): RawRow {
  const parts: { text: string; start: number }[] = [];
  let pos = 0;
  const t = line.text;
  for (let i = 0; i <= t.length; i++) {
    if (i === t.length || t[i] === '|') {
      parts.push({ text: t.slice(pos, i), start: line.start + pos });
      pos = i + 1;
    }
  }
  // The pipe that closes the row leaves an empty last part.
  if (parts.length > 1 && parts[parts.length - 1].text.trim() === '') parts.pop();
  const first = parts[0];
  const label = first.text.trim();
  const labelStart = first.start + first.text.indexOf(label);
  const cells = parts.slice(1).map((p) => makeCell(p.text, p.start));
  return {
    label,
    labelRange: { start: labelStart, end: labelStart + label.length },
    cells,
    line: line.index,
    lastLine: line.index,
    start: line.start,
    end: line.end,
    header: false,
  };
}

export function findPipeTables(ctx: TableContext, add: AddTable) {
  const { lines } = ctx;
  const end = ctx.to ?? lines.length;
  let i = ctx.from ?? 0;
  while (i < end) {
    if (ctx.claimed[i] || !isPipeLine(lines[i].text)) {
      i++;
      continue;
    }
    const rows: RawRow[] = [];
    let j = i;
    let last = i;
    while (j < end && rows.length < MAX_ROWS_PER_TABLE) {
      // A line another layout's table holds (a Markdown table right below) ends this one.
      if (ctx.claimed[j]) break;
      if (ctx.furniture.has(j) || lines[j].text.trim() === '') {
        j++;
        continue;
      }
      if (!isPipeLine(lines[j].text)) {
        // A page break the furniture finder missed: a line or two, then the table's header again.
        const resume = resumeAfterBreak(ctx, j, rows[0]);
        if (resume < 0) break;
        j = resume;
        continue;
      }
      rows.push(splitPipeRow(lines[j]));
      last = j;
      j++;
    }
    add('pipe', rows);
    i = last + 1;
  }
}

/** The line where a pipe table resumes after up to three lines of page furniture, or -1. */
function resumeAfterBreak(ctx: TableContext, from: number, firstRow: RawRow | undefined): number {
  if (!firstRow) return -1;
  const key = ctx.lines[firstRow.line].text.trim();
  let seen = 0;
  for (let j = from; j < (ctx.to ?? ctx.lines.length) && seen <= 3; j++) {
    const t = ctx.lines[j].text.trim();
    if (!t) continue;
    if (isPipeLine(t)) return t === key ? j : -1;
    if (t.length > 80) return -1;
    seen++;
  }
  return -1;
}

const PIPE_BETWEEN = /\S\s*\|\s*\S/;
const PIPE_END = /\|\s*$/;

export function isPipeLine(text: string): boolean {
  if (text.indexOf('|') < 0) return false;
  return pipeCount(text) >= 2 || (pipeCount(text) === 1 && PIPE_BETWEEN.test(text) && !PIPE_END.test(text) && DIGIT.test(text) && SPACED_PIPE.test(text));
}
