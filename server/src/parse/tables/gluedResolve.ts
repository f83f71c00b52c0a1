// Glued rows read again once the table's column count is known, and settled by the arithmetic.
//
// A glued run (515549174194, 3,462.3825.581,985.2425.88…) can often be split in several ways,
// or holds fewer numbers than the table has columns (a cell that simply vanished). Each such
// row gets its candidate readings of exactly k cells (k from the table's header); then, block
// by block (the rows above a 合计 / 小计 / 总计 row, up to the previous total or header), the
// combination of readings under which every column the readings disagree on reconciles is
// kept. A row fixed that way is no longer uncertain; where no combination, or several with
// different values, reconcile, the rows stay uncertain. The search is bounded (rows with at
// most 64 readings, tried column by column, each column pruning the readings by its sum, with a cap on the work) and does nothing for rows already certain.

import { Cell } from '../../model/types';
import { isBreakdownLabel, isSubtractLabel, makeCell, rowKindOf } from '../cells';
import { combinations, GluedReading, gluedReadings, isEmptyCellText } from '../numbers';
import { RawRow } from './context';


interface Candidate {
  row: RawRow;
  values: (number | undefined)[];
  decimals: number[];
  /** The row's cells under this reading (made only for the reading kept). */
  cells: () => Cell[];
}

/** A run ending in one dash (not a run of nil dashes), or in a number in brackets after a figure or a nil dash (1,199.5568.19%（1）, 1,513,655--（2）). */
const LABEL_BULLET = /(?:[\d%％](?:[-—–]|[（(][1-9]\d?[)）])|[-—–][（(][1-9]\d?[)）])$/;
/** A run ending in a year after a share or two decimals (…9.88%2009 at the end of a line). */
const YEAR_END = /(?:[%％]|\.\d\d)(?:19|20)\d{2}$/;

/**
 * How many characters at the end of a glued run may start the label after it: before a label on the
 * line, a bullet (…973.98—原材料) or a heading's number (…68.19%（1）对…); at the end of the line, a
 * period written beside the rows (…9.88%2009 / 年度). 0 if none.
 */
function labelLead(text: string, next: 'label' | 'end' | undefined): number {
  if (next === 'label') {
    const m = LABEL_BULLET.exec(text);
    return m ? m[0].length - 1 : 0;
  }
  return next === 'end' && YEAR_END.test(text) ? 4 : 0;
}

function candidateOf(row: RawRow, r: GluedReading): Candidate {
  const values: (number | undefined)[] = [];
  const decimals: number[] = [];
  for (const t of r.cells) {
    values.push(t?.number?.value);
    decimals.push(t?.number?.decimals ?? 0);
  }
  return { row, values, decimals, cells: () => gluedCells(row, r) };
}

/** The cells of a glued reading. */
function gluedCells(row: RawRow, r: GluedReading): Cell[] {
  const base = row.glued!.start;
  let at = base;
  return r.cells.map((t) => {
    if (!t) return { start: at, end: at, text: '', vanished: true as const }; // a cell the text left out, where it would have been
    at = base + t.end;
    return makeCell(t.raw, base + t.start);
  });
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

/**
 * Reads the glued rows of a line table again with its column count and lets its totals decide.
 * A row no total settles stays uncertain; with `keepFormer`, one its first reading called certain keeps it.
 */
export function resolveGluedRows(rows: RawRow[], keepFormer = true): void {
  if (!rows.some((r) => r.glued)) return;
  const ks = columnCounts(rows);
  const cands = new Map<RawRow, Candidate[]>();
  rows.forEach((r, i) => {
    const k = ks[i];
    if (!r.glued || r.header || k < 1) return;
    if (r.cells.length === k && !r.uncertain) return;
    let readings = gluedReadings(r.glued.text, k, 64);
    // What ends the run and would be one cell too many may be the start of the label after it.
    const lead = readings ? undefined : labelLead(r.glued.text, r.glued.next);
    if (lead) readings = gluedReadings(r.glued.text.slice(0, -lead), k, 64);
    if (!readings) {
      if (!keepFormer && r.cells.length !== k) {
        r.uncertain = true;
        r.glued.judged = true;
      }
      return;
    }
    const list: Candidate[] = [];
    for (const rd of readings) {
      const c = candidateOf(r, rd);
      if (!list.some((x) => sameValues(x, c))) list.push(c);
    }
    if (list.length === 1) {
      r.cells = list[0].cells();
      r.uncertain = false;
    } else {
      cands.set(r, list);
    }
  });
  // A row read with certainty before (only its cell count differs from the header's) keeps that reading unless a total settled it.
  const before = new Map<RawRow, boolean | undefined>();
  for (const r of cands.keys()) before.set(r, r.uncertain);
  for (const r of cands.keys()) r.uncertain = true;
  if (cands.size) settleBlocks(rows, cands, ks);
  for (const [r, was] of before) if (cands.has(r) && !r.glued?.bare && keepFormer) r.uncertain = was;
  // Rows the column count could not settle stay as they are: uncertain, not split again by assembly.
  if (!keepFormer) for (const r of cands.keys()) if (r.glued) r.glued.judged = true;
  // Bare digits that no total settles and that stand in no total's block are a line of text again.
  const inBlock = blockMembers(rows);
  for (const r of rows) if (!inBlock.has(r)) unsplit(r);
}

/** Tables wider than this are not searched for the place of a row's figures (the placements grow too fast). */
const MAX_PLACED_COLUMNS = 8;

/**
 * Rows of a space-separated table that print fewer figures than the table has columns (an empty cell
 * leaves no trace there: 关联方往来 154,042.50 1,152,900.35 under three periods): each placement of the
 * figures over the columns, in their order, is a reading of the row, and the table's totals settle which
 * one, as for glued runs — every column the placements disagree on must reconcile (or all but one, which
 * at least two others settle). A row no total settles is left as it was.
 */
export function placeShortRows(rows: RawRow[]): void {
  const ks = columnCounts(rows);
  const cands = new Map<RawRow, Candidate[]>();
  rows.forEach((r, i) => {
    const k = ks[i];
    const n = r.cells.length;
    if (r.header || r.glued || n < 1 || n >= k || k > MAX_PLACED_COLUMNS) return;
    // Figures and nil marks only: a text cell may be a piece of the label, or a remark.
    if (!r.cells.every((c) => c.figure || isEmptyCellText(c.text))) return;
    if (!r.cells.some((c) => c.figure)) return;
    cands.set(r, combinations(k, n).map((at) => placed(r, at, k)));
  });
  if (!cands.size) return;
  const before = new Map<RawRow, boolean | undefined>();
  for (const r of cands.keys()) {
    before.set(r, r.uncertain);
    r.uncertain = true;
  }
  settleBlocks(rows, cands, ks);
  // Settled rows left the map; the others are as they were.
  for (const r of cands.keys()) r.uncertain = before.get(r);
}

/** The row's cells at columns `at`, the other columns cells the text left out. */
function placed(row: RawRow, at: number[], k: number): Candidate {
  const values: (number | undefined)[] = new Array(k).fill(undefined);
  const decimals: number[] = new Array(k).fill(0);
  at.forEach((c, j) => {
    values[c] = row.cells[j].figure?.value;
    decimals[c] = row.cells[j].figure?.decimals ?? 0;
  });
  const cells = () => {
    const out: Cell[] = [];
    let j = 0;
    let pos = row.labelRange.end;
    for (let c = 0; c < k; c++) {
      if (at[j] === c) {
        const cell = row.cells[j++];
        out.push(cell);
        pos = cell.end;
      } else out.push({ start: pos, end: pos, text: '', vanished: true });
    }
    return out;
  };
  return { row, values, decimals, cells };
}

/** Rows above a total up to the previous total or header, and the totals themselves. */
function blockMembers(rows: RawRow[]): Set<RawRow> {
  const out = new Set<RawRow>();
  let from = 0;
  for (let i = 0; i < rows.length; i++) {
    if (rows[i].header || (!rows[i].cells.length && HEADING.test(rows[i].label))) from = i + 1;
    else {
      const kind = rowKindOf(rows[i].label);
      if (kind === 'total' || kind === 'subtotal') {
        for (let j = from; j <= i; j++) out.add(rows[j]);
        from = i + 1;
      }
    }
  }
  return out;
}

/** A heading over rows (流动资产：, 三、筹资活动产生的现金流量：): the rows above it are not in the block below. */
const HEADING = /[:：]$|^\s*(?:[一二三四五六七八九十]{1,3}\s*[、.．]|[（(][一二三四五六七八九十]{1,3}[)）])/;

function settleBlocks(rows: RawRow[], cands: Map<RawRow, Candidate[]>, ks: number[]) {
  let from = 0;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    if (r.header || (!r.cells.length && HEADING.test(r.label))) {
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

const MAX_WORK = 800;

function settleBlock(parts: RawRow[], total: RawRow, cands: Map<RawRow, Candidate[]>, k: number) {
  const members = [...parts, total];
  const open = members.filter((m) => cands.has(m));
  if (!open.length) return;
  const sign = members.map((p) => (p === total ? 0 : isSubtractLabel(p.label) ? -1 : 1));
  const openAt = members.map((m) => open.indexOf(m));
  // Column by column: the values each open row can still take there; a column the rows
  // disagree on must reconcile, which prunes the readings before the next column is tried.
  // Columns the readings disagree on: each must reconcile, even where the readings still open agree.
  const contested = new Uint8Array(k);
  for (const m of open) {
    const list = cands.get(m)!;
    for (let c = 0; c < k; c++) if (list.some((x) => x.values[c] !== list[0].values[c])) contested[c] = 1;
  }
  // Ends of the search: the readings left per open row, and how many contested columns reconciled.
  let ends: { live: number[][]; agreed: number }[] = [];
  let work = 0;
  let budget = 0;
  const walk = (c: number, live: number[][], fails: number, agreed: number) => {
    if (ends.length > 8 || ++work > MAX_WORK) return;
    if (c === k) {
      ends.push({ live: live.map((l) => l.slice()), agreed });
      return;
    }
    const options = open.map((m, j) => {
      const byValue = new Map<number | undefined, number[]>();
      for (const x of live[j]) {
        const v = cands.get(m)![x].values[c];
        const list = byValue.get(v);
        if (list) list.push(x);
        else byValue.set(v, [x]);
      }
      return [...byValue.entries()];
    });
    if (!contested[c]) {
      walk(c + 1, options.map((o) => o[0][1]), fails, agreed);
      return;
    }
    // Too many ways to fill one column: the block is not settled (the search stays small).
    let ways = 1;
    for (const o of options) ways *= o.length;
    if (ways > 64) {
      work = MAX_WORK + 1;
      return;
    }
    const pick: number[] = new Array(open.length).fill(0);
    const choose = (j: number) => {
      if (ends.length > 8 || work > MAX_WORK) return;
      if (j === open.length) {
        work++;
        const next = options.map((o, jj) => o[pick[jj]][1]);
        const r = reconciles(c, pick, options);
        // A column the total leaves empty (a unit price beside amounts) is no evidence either way.
        if (r === undefined) walk(c + 1, next, fails, agreed);
        else if (r) walk(c + 1, next, fails, agreed + 1);
        else if (fails < budget) walk(c + 1, next, fails + 1, agreed);
        return;
      }
      for (let q = 0; q < options[j].length; q++) {
        pick[j] = q;
        choose(j + 1);
      }
    };
    choose(0);
  };
  const reconciles = (c: number, pick: number[], options: [number | undefined, number[]][][]): boolean | undefined => {
    let sum = 0;
    let d = 0;
    let any = false;
    let t: number | undefined;
    for (let p = 0; p < members.length; p++) {
      const m = members[p];
      const j = openAt[p];
      let v: number | undefined;
      let dec = 0;
      if (j >= 0) {
        const x = options[j][pick[j]][1][0];
        v = cands.get(m)![x].values[c];
        dec = cands.get(m)![x].decimals[c];
      } else {
        v = m.cells[c]?.figure?.value;
        dec = m.cells[c]?.figure?.decimals ?? 0;
      }
      d = Math.max(d, dec);
      if (m === total) t = v;
      else if (v !== undefined) {
        any = true;
        sum += sign[p] * v;
      }
    }
    if (t === undefined) return undefined;
    return any && Math.abs(sum - t) <= (d === 0 ? 0.5 : 10 ** -d) + 1e-9 * Math.abs(t);
  };
  const start = open.map((m) => cands.get(m)!.map((_, x) => x));
  walk(0, start, 0, 0);
  if (!ends.length && work <= MAX_WORK) {
    // No reading makes every contested column reconcile: one column may be wrong in the text
    // itself (a misprinted total), when the others, at least two, settle the reading alone.
    budget = 1;
    walk(0, start, 0, 0);
    ends = ends.filter((e) => e.agreed >= 2);
  }
  if (!ends.length || ends.length > 8 || work > MAX_WORK) return;
  open.forEach((m, j) => {
    const first = cands.get(m)![ends[0].live[j][0]];
    if (ends.every((e) => sameValues(cands.get(m)![e.live[j][0]], first))) {
      m.cells = first.cells();
      m.uncertain = false;
      cands.delete(m);
    }
  });
}
