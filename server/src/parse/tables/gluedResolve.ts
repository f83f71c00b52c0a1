// Glued rows read again once the table's column count is known, and settled by the arithmetic.
//
// A glued run (515549174194, 3,462.3825.581,985.2425.88…) can often be split in several ways,
// or holds fewer numbers than the table has columns (a cell that simply vanished). Each such
// row gets its candidate readings of exactly k cells (k from the table's header); then, block
// by block (the rows above a 合计 / 小计 / 总计 row, up to the previous total or header), the
// combination of readings under which every column the readings disagree on reconciles is
// kept. A row fixed that way is no longer uncertain; where no combination, or several with
// different values, reconcile, the rows stay uncertain. The search is bounded (rows with at
// most 12 readings, at most 4096 combinations a block) and does nothing for rows already certain.

import { Cell } from '../../model/types';
import { isBreakdownLabel, isSubtractLabel, makeCell, rowKindOf } from '../cells';
import { GluedReading, gluedReadings } from '../numbers';
import { RawRow } from './context';

const MAX_COMBINATIONS = 4096;

interface Candidate {
  cells: Cell[];
  values: (number | undefined)[];
  decimals: number[];
}

function candidateOf(row: RawRow, r: GluedReading): Candidate {
  const base = row.glued!.start;
  let at = base;
  const cells: Cell[] = [];
  const values: (number | undefined)[] = [];
  const decimals: number[] = [];
  for (const t of r.cells) {
    if (t) {
      const c = makeCell(t.raw, base + t.start);
      cells.push(c);
      values.push(c.figure?.value);
      decimals.push(c.figure?.decimals ?? 0);
      at = base + t.end;
    } else {
      // A cell the text left out: empty, at the place it would have been.
      cells.push({ start: at, end: at, text: '' });
      values.push(undefined);
      decimals.push(0);
    }
  }
  return { cells, values, decimals };
}

function sameValues(a: Candidate, b: Candidate): boolean {
  for (let i = 0; i < a.values.length; i++) if (a.values[i] !== b.values[i]) return false;
  return true;
}

/**
 * The column count each row should have, per stretch between header groups: the header's (its
 * finest row) when a row read with certainty has as many cells, else the count most such rows
 * show (at least two of them): a header glued into one cell (收入占比(%)成本毛利率(%)) says nothing.
 */
function columnCounts(rows: RawRow[]): number[] {
  const out: number[] = new Array(rows.length).fill(0);
  let i = 0;
  while (i < rows.length) {
    let h = 0;
    let lastWasHeader = false;
    while (i < rows.length && rows[i].header) {
      const n = rows[i].cells.length;
      h = lastWasHeader ? Math.max(h, n) : n;
      lastWasHeader = true;
      out[i] = n;
      i++;
    }
    const from = i;
    const seen = new Map<number, number>();
    while (i < rows.length && !rows[i].header) {
      const r = rows[i];
      if (!r.uncertain && r.cells.length >= 1) seen.set(r.cells.length, (seen.get(r.cells.length) ?? 0) + 1);
      i++;
    }
    let k = h;
    if (!seen.has(h)) {
      let most = 1;
      for (const [n, c] of seen) if (c > most) {
        k = n;
        most = c;
      }
    }
    for (let j = from; j < i; j++) out[j] = k;
  }
  return out;
}

/** A row of bare digits no reading settled: its text is a label line again, as before any split. */
function unsplit(r: RawRow) {
  if (!r.glued?.bare || !r.uncertain) return;
  r.label = r.label + r.glued.text;
  r.labelRange = { start: r.labelRange.start, end: r.glued.start + r.glued.text.length };
  r.cells = [];
  r.uncertain = undefined;
  r.glued = undefined;
}

/** Reads the glued rows of a line table again with its column count and lets its totals decide. */
export function resolveGluedRows(rows: RawRow[]): void {
  if (!rows.some((r) => r.glued)) return;
  const ks = columnCounts(rows);
  const cands = new Map<RawRow, Candidate[]>();
  rows.forEach((r, i) => {
    const k = ks[i];
    if (!r.glued || r.header || k < 1) return;
    if (r.cells.length === k && !r.uncertain) return;
    const readings = gluedReadings(r.glued.text, k);
    if (!readings) {
      if (r.cells.length !== k) r.uncertain = true;
      return;
    }
    const list: Candidate[] = [];
    for (const rd of readings) {
      const c = candidateOf(r, rd);
      if (!list.some((x) => sameValues(x, c))) list.push(c);
    }
    if (list.length === 1) {
      r.cells = list[0].cells;
      r.uncertain = false;
    } else {
      cands.set(r, list);
      r.uncertain = true;
    }
  });
  if (cands.size) settleBlocks(rows, cands, ks);
  for (const r of rows) unsplit(r);
}

function settleBlocks(rows: RawRow[], cands: Map<RawRow, Candidate[]>, ks: number[]) {
  let from = 0;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    if (r.header) {
      from = i + 1;
      continue;
    }
    const kind = rowKindOf(r.label);
    if (kind !== 'total' && kind !== 'subtotal') continue;
    const parts = rows.slice(from, i).filter((x) => !x.header && (x.cells.length || cands.has(x)) && !isBreakdownLabel(x.label));
    from = i + 1;
    if (!parts.length) continue;
    settleBlock(parts, r, cands, ks[i]);
  }
}

function settleBlock(parts: RawRow[], total: RawRow, cands: Map<RawRow, Candidate[]>, k: number) {
  const members = [...parts, total];
  const open = members.filter((m) => cands.has(m));
  if (!open.length) return;
  let combos = 1;
  for (const m of open) combos *= cands.get(m)!.length;
  if (combos > MAX_COMBINATIONS) return;
  // Columns the readings disagree on: each must reconcile.
  const contested: number[] = [];
  for (let c = 0; c < k; c++) {
    if (open.some((m) => cands.get(m)!.some((x) => x.values[c] !== cands.get(m)![0].values[c]))) contested.push(c);
  }
  if (!contested.length) return;
  const sign = parts.map((p) => (isSubtractLabel(p.label) ? -1 : 1));
  const fixed = (m: RawRow, c: number): { v: number | undefined; d: number } => {
    const cell = m.cells[c];
    return { v: cell?.figure?.value, d: cell?.figure?.decimals ?? 0 };
  };
  const choice = new Map<RawRow, Candidate>();
  const accepted: Map<RawRow, Candidate>[] = [];
  const valueOf = (m: RawRow, c: number) => {
    const cd = choice.get(m);
    return cd ? { v: cd.values[c], d: cd.decimals[c] } : fixed(m, c);
  };
  const reconciles = (): boolean => {
    for (const c of contested) {
      const t = valueOf(total, c);
      if (t.v === undefined) return false;
      let sum = 0;
      let d = t.d;
      let any = false;
      for (let p = 0; p < parts.length; p++) {
        const x = valueOf(parts[p], c);
        if (x.v === undefined) continue;
        any = true;
        sum += sign[p] * x.v;
        d = Math.max(d, x.d);
      }
      if (!any || Math.abs(sum - t.v) > 2 * 10 ** -d + 1e-9 * Math.abs(t.v)) return false;
    }
    return true;
  };
  const walk = (j: number) => {
    if (accepted.length > 8) return;
    if (j === open.length) {
      if (reconciles()) accepted.push(new Map(choice));
      return;
    }
    for (const cd of cands.get(open[j])!) {
      choice.set(open[j], cd);
      walk(j + 1);
    }
    choice.delete(open[j]);
  };
  walk(0);
  if (!accepted.length || accepted.length > 8) return;
  for (const m of open) {
    const first = accepted[0].get(m)!;
    if (accepted.every((a) => sameValues(a.get(m)!, first))) {
      m.cells = first.cells;
      m.uncertain = false;
      cands.delete(m);
    }
  }
}
