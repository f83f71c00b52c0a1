// Several table rows glued on one line (extractions that missed the table):
//   货币资金102,982,382.0679,525,461.73…应收票据10,867,142.627,277,457.26…流动资产合计299,046,796.01…非流动资产：
// A line is cut into label runs and figure runs (a figure run holds a decimal, a group or a
// percent sign, or is a run of nil dashes); each label with the figures after it is a row. A label
// left at the end of a line is a heading (流动资产：) or the start of the next line's first label.
// A header of glued dates (科目名称2010-06-302009-12-31…) gives the column count; the glued runs
// are then read with it and settled by the table's totals (gluedResolve.ts).

import { Cell, Line } from '../../model/types';
import { makeCell, periodsIn, rowKindOf } from '../cells';
import { splitGlued } from '../numbers';
import { AddTable, isContent, MAX_LABEL, MAX_ROWS_PER_TABLE, RawRow, TableContext } from './context';
import { resolveGluedRows } from './gluedResolve';
import { trimmedEnd, trimmedStart } from '../text';
import { GLUED_RUNS, lineHas, YEAR as HAS_YEAR } from './lineClass';

/** A run of characters figures are written with. */
const FIGURE_RUN = /[\d,.%％()（）\-—–]+/g;
/** What makes a run a run of figures: a decimal or a group, a percent sign. */
const FIGURE_MARK = /\d[,.]\d|\d[%％]/;
const NIL_RUN = /^[-—–]{2,}$/;
/** Text that is not a label: sentences, list literals, pipes. */
const NOT_LABEL = /[。；;，,|'"[\]{}]|\s{2,}|^约$/;
/** Dates glued in a header: 2010-06-302009-12-312008-12-312007-12-31 (or one date). */
const GLUED_DATES = /(?:19|20)\d{2}[-./]\d{2}[-./]\d{2}/g;
const HEADER_WORD = /^(?:科目名称|科目|项目|项\s*目|资产|负债和股东权益|负债及股东权益|名称)?$/;
const MAX_LINE = 6000;
/**
 * Digits after a percent sign or after two decimals that start the next label: its row number, a year,
 * a year and then a row number (…40.78%20081安徽…: a period wrapped beside the rows), months (…6.86%1-6月);
 * never 0 (0.870存货净值 ends in a zero cell).
 */
const ROW_NUMBER_AFTER = /(?:%|％|\.\d\d)((?:19|20)\d{2}[1-9]\d?|[1-9]\d{0,3}(?:-\d{1,2})?)$/;
/** A character a label starts with (not a figure, a sign, a bracket or a separator). */
const LABEL_START = /[^\d,.%％()（）\-—–\s]/;
const PAGE_NUMBER = /^\d+(?:-\d+){0,2}$/;
const DIGITS = /\d/;
const YEAR = /(?:19|20)\d{2}/;
/** A heading over rows (流动资产：, 一、经营活动产生的现金流量：), never the start of a row's label. */
const HEADING_END = /[:：]$/;
/** A space right before or after a figure run. */
const SPACE_NEXT_TO = /^\s|\s$/;

interface Piece {
  label: string;
  labelStart: number;
  run?: string;
  runStart?: number;
}

/** The label / figure-run pieces of a line, or undefined when it is not rows of glued figures. */
function pieces(line: Line): Pieces | undefined {
  let t = line.text;
  if (t.length < 4 || t.length > MAX_LINE) return undefined;
  const c0 = t.charCodeAt(0);
  if (c0 === 91 /* [ */ || c0 === 124 /* | */) return undefined;
  // Sentences are not rows. Rows glued to a sentence that follows them (…小计1,034.6378.60%本公司自营模式
  // 销售客户主要为…。) are read up to the last figure run before it; the sentence's start is dropped.
  const stop = sentenceStart(t);
  if (stop >= 0) t = t.slice(0, stop);
  const out: Piece[] = [];
  let at = 0;
  FIGURE_RUN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = FIGURE_RUN.exec(t))) {
    let s = m.index;
    let run = m[0];
    // Brackets that belong to the label: a closing one first, an opening one not before a figure.
    while (run && (run[0] === ')' || run[0] === '）' || ((run[0] === '(' || run[0] === '（') && !(run.length > 1 && run.charCodeAt(1) >= 48 && run.charCodeAt(1) <= 57)))) {
      run = run.slice(1);
      s++;
    }
    while (run && (run[run.length - 1] === '(' || run[run.length - 1] === '（')) run = run.slice(0, -1);
    if (!run || !(FIGURE_MARK.test(run) || NIL_RUN.test(run))) continue;
    // The number of the next row glued to the last figure: …6.06%5江西赣卫…, …1,523.702、2008年度…
    const next = s + run.length < t.length ? t[s + run.length] : '';
    const lead = next && next !== '、' && !LABEL_START.test(next) ? undefined : ROW_NUMBER_AFTER.exec(run);
    if (lead && next) run = run.slice(0, run.length - lead[1].length);
    const label = t.slice(at, s).trim();
    // Figures apart by spaces are a space-separated row, not glued rows.
    if (out.length && !label) return undefined;
    if (SPACE_NEXT_TO.test(t.slice(Math.max(0, s - 1), s + run.length + 1))) return undefined;
    out.push({ label, labelStart: at + t.slice(at, s).indexOf(label), run, runStart: s });
    at = s + run.length;
  }
  if (!out.length) return undefined;
  const rest = t.slice(at).trim();
  if (stop >= 0) {
    // The sentence must start with words after rows of figures (several runs, most of them of glued
    // figures: 规模由2,351.93万元下降至1,670.05万元 is prose), not with a figure of its own.
    const glued = out.filter((p) => figureEnds(p.run!) >= 2).length;
    if (!rest || out.length < 2 || glued * 2 <= out.length) return undefined;
  } else if (rest) out.push({ label: rest, labelStart: at + t.slice(at).indexOf(rest) });
  for (const p of out) if (p.label.length > MAX_LABEL || NOT_LABEL.test(p.label)) return undefined;
  return stop >= 0 ? Object.assign(out, { sentence: true }) : out;
}

/** A cheap count of the figures in a run: decimals (with their percent sign), percents of integers, dashes. */
function figureEnds(run: string): number {
  FIGURE_END.lastIndex = 0;
  let n = 0;
  while (FIGURE_END.exec(run)) n++;
  return n;
}
const FIGURE_END = /\.\d+[%％]?|\d[%％]|[-—–]/g;

/** Pieces of a line; `sentence`: the line goes on with a sentence after its rows, which ends the table. */
type Pieces = Piece[] & { sentence?: boolean };

/** Where the first sentence of a line starts: at its first 。，；, or -1. */
function sentenceStart(t: string): number {
  let stop = -1;
  for (const mark of SENTENCE_MARKS) {
    const k = t.indexOf(mark);
    if (k >= 0 && (stop < 0 || k < stop)) stop = k;
  }
  return stop;
}
const SENTENCE_MARKS = ['。', '，', '；'];

/** A header of glued dates, with the label text before and after it. */
function datesHeader(line: Line): { header: RawRow; after?: RawRow } | undefined {
  // Bounds of the trimmed line first, and a year anywhere, before copying it (headerIn needs a year).
  const text = line.text;
  const a = trimmedStart(text);
  const b = a === text.length ? a : trimmedEnd(text);
  if (b - a > 160 || !YEAR.test(text)) return undefined;
  const t = text.slice(a, b);
  const h = headerIn(t, line.start + a, line.index);
  if (!h) return undefined;
  if (!h.rest) return { header: h.header };
  if (h.rest.length > MAX_LABEL || NOT_LABEL.test(h.rest)) return undefined;
  return { header: h.header, after: { label: h.rest, labelRange: { start: h.restStart, end: h.restStart + h.rest.length }, cells: [], line: line.index, lastLine: line.index, start: h.restStart, end: h.restStart + h.rest.length, header: false } };
}

/**
 * A header at the start of a text: a title word (科目名称) and periods glued side by side
 * (2010-06-302009-12-31…, 2010年1-6月2009年度…); what follows is returned as `rest`.
 */
function headerIn(t: string, base: number, line: number): { header: RawRow; rest: string; restStart: number } | undefined {
  if (!YEAR.test(t)) return undefined;
  const cells: Cell[] = [];
  let first = -1;
  let end = 0;
  const dates: { text: string; start: number; end: number }[] = [];
  GLUED_DATES.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = GLUED_DATES.exec(t))) dates.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  for (const p of dates.length >= 2 ? dates : periodsIn(t)) {
    if (first >= 0 && p.start !== end) break;
    if (first < 0) first = p.start;
    cells.push({ start: base + p.start, end: base + p.end, text: p.text });
    end = p.end;
  }
  if (cells.length < 2) return undefined;
  const label = t.slice(0, first).trim();
  if (!HEADER_WORD.test(label)) return undefined;
  const header: RawRow = { label, labelRange: { start: base, end: base + first }, cells, line, lastLine: line, start: base, end: base + end, header: true };
  const rest = t.slice(end).trim();
  return { header, rest, restStart: rest ? base + t.indexOf(rest, end) : base + end };
}

/**
 * The header a line opens with: glued periods in its first label, before the first row's label
 * (项目2010年1-6月2009年度2008年度2007年度研发支出714.42…) or alone (科目名称2010-06-30…流动资产：).
 */
function openingHeader(ps: Piece[], line: Line): ReturnType<typeof headerIn> {
  const h = headerIn(ps[0].label, line.start + ps[0].labelStart, line.index);
  return h && (!ps[0].run || h.rest) ? h : undefined;
}

function rowOf(line: Line, p: Piece): RawRow {
  const start = line.start + p.labelStart;
  const runStart = line.start + p.runStart!;
  const split = NIL_RUN.test(p.run!) ? undefined : splitGlued(p.run!);
  const cells = split
    ? split.tokens.map((tok) => makeCell(tok.raw, runStart + tok.start))
    : Array.from(p.run!, (ch, i) => ({ start: runStart + i, end: runStart + i + 1, text: ch }));
  return {
    label: p.label,
    labelRange: { start, end: start + p.label.length },
    cells,
    line: line.index,
    lastLine: line.index,
    start: p.label ? start : runStart,
    end: runStart + p.run!.length,
    header: false,
    uncertain: split ? split.ambiguous : false,
    glued: { text: p.run!, start: runStart },
  };
}

/** Rows of a table: most have the same number of cells, two or more (not a quote line 昨收盘:0.000今开盘:0.000). */
function regular(data: RawRow[]): boolean {
  const count = new Map<number, number>();
  for (const r of data) count.set(r.cells.length, (count.get(r.cells.length) ?? 0) + 1);
  let best = 0;
  let n = 0;
  for (const [k, c] of count) if (c > n) {
    best = k;
    n = c;
  }
  return best >= 2 && n >= data.length * 0.6;
}

interface Pending {
  label: string;
  start: number;
  end: number;
  line: number;
}

function pendingRow(p: Pending): RawRow {
  return { label: p.label, labelRange: { start: p.start, end: p.end }, cells: [], line: p.line, lastLine: p.line, start: p.start, end: p.end, header: false };
}

/**
 * Where glued rows go on after a page break starting at line j: up to three short lines without
 * figures (a page number, a running header) and then a line of glued rows; -1 if they do not.
 */
function breakEnd(ctx: TableContext, j: number, to: number): number {
  let k = j;
  let n = 0;
  while (k < to && n < 3) {
    if (!isContent(ctx, k)) {
      k++;
      continue;
    }
    const t = ctx.lines[k].text.trim();
    const ps = pieces(ctx.lines[k]);
    if (ps) return n > 0 && ps.some((p) => p.run) ? k : -1;
    if (t.length > 20 || !(PAGE_NUMBER.test(t) || !DIGITS.test(t)) || NOT_LABEL.test(t) || ctx.claimed[k]) return -1;
    n++;
    k++;
  }
  return -1;
}

/** Tables whose lines hold several glued rows each. */
export function findGluedLineTables(ctx: TableContext, add: AddTable) {
  const { lines } = ctx;
  const from = ctx.from ?? 0;
  const to = ctx.to ?? lines.length;
  // The pieces of each line, read once: a start that makes no table is followed by another over the same lines.
  const read: (Pieces | null | undefined)[] = new Array(to - from);
  const piecesAt = (k: number): Pieces | undefined => {
    let p = read[k - from];
    if (p === undefined) read[k - from] = p = pieces(lines[k]) ?? null;
    return p ?? undefined;
  };
  let i = from;
  while (i < to) {
    // A start needs two glued rows on its line or a header of glued periods (a year): by the line's class first.
    if (ctx.claimed[i] || !isContent(ctx, i) || !(lineHas(ctx, i, GLUED_RUNS) || lineHas(ctx, i, HAS_YEAR))) {
      i++;
      continue;
    }
    const first = piecesAt(i);
    // A table of this kind starts on a line holding two rows or more, or at a header of glued periods.
    const own = first ? undefined : datesHeader(lines[i]);
    const opening = first && openingHeader(first, lines[i]);
    if (!own && !opening && (!first || first.filter((p) => p.run).length < 2)) {
      i++;
      continue;
    }
    const rows: RawRow[] = [];
    // The header just above: glued dates.
    let back = i - 1;
    while (back >= from && !ctx.claimed[back] && !isContent(ctx, back) && i - back < 4) back--;
    const head = own || opening ? undefined : back >= from && !ctx.claimed[back] && isContent(ctx, back) ? datesHeader(lines[back]) : undefined;
    if (head) {
      rows.push(head.header);
      if (head.after) rows.push(head.after);
    }
    let headed = !!(own || opening || head);
    // A label whose figures have not come yet: the end of a line, or a line of its own.
    let pending: Pending | undefined;
    const flush = () => {
      if (pending) rows.push(pendingRow(pending));
      pending = undefined;
    };
    let j = i;
    let lastLine = i;
    let multi = 0;
    let seenData = false;
    // Rows whose label began on the line above: what one-row-per-line tables (lineRows.ts) cannot read.
    let wrapped = 0;
    let textLines = 0;
    // Lines of figures then words, the same words again and again: a text column (合约期 1个月), not labels.
    const trailing = new Map<string, number>();
    let runLines = 0;
    while (j < to && rows.length < MAX_ROWS_PER_TABLE) {
      if (ctx.claimed[j]) break;
      if (!isContent(ctx, j)) {
        j++;
        continue;
      }
      let ps = j === i ? first : piecesAt(j);
      // A header after rows starts the next table.
      const hasData = seenData;
      if (!ps) {
        const h = datesHeader(lines[j]);
        if (h) {
          if (hasData) break;
          flush();
          rows.push(h.header);
          if (h.after) rows.push(h.after);
          lastLine = j;
          textLines = 0;
          j++;
          continue;
        }
        const t = lines[j].text.trim();
        if (PAGE_NUMBER.test(t) && breakEnd(ctx, j, to) > 0) {
          j++;
          continue;
        }
        // A line of label text: the start of a wrapped label, its middle, or a heading.
        if (t.length > MAX_LABEL || DIGITS.test(t) || NOT_LABEL.test(t) || ++textLines > 3) break;
        const s0 = lines[j].start + lines[j].text.indexOf(t);
        if (pending && !HEADING_END.test(pending.label)) pending = { ...pending, label: pending.label + t, end: s0 + t.length };
        else {
          flush();
          pending = { label: t, start: s0, end: s0 + t.length, line: j };
        }
        j++;
        continue;
      }
      textLines = 0;
      const lead = openingHeader(ps, lines[j]);
      if (lead) {
        // 科目名称2010年1-6月2009年度2008年度2007年度营业收入126,614,383.75…: the header, then the first row.
        if (hasData) break;
        flush();
        rows.push(lead.header);
        headed = true;
        // (A copy: the line's pieces are kept for the next start.)
        ps = Object.assign([{ ...ps[0], label: lead.rest, labelStart: lead.restStart - lines[j].start }, ...ps.slice(1)], { sentence: ps.sentence });
      }
      if (ps.filter((p) => p.run).length >= 2) multi++;
      const end = ps[ps.length - 1];
      if (!end.run && !ps[0].label) trailing.set(end.label, (trailing.get(end.label) ?? 0) + 1);
      runLines++;
      const runs = ps.filter((p) => p.run).length;
      let firstRow: RawRow | undefined;
      for (let q = 0; q < ps.length; q++) {
        const p = ps[q];
        const ls = lines[j].start + p.labelStart;
        if (!p.run) {
          // Text after the only figures of a line ends that row's label: …的现金 after a line that opened with figures, a short end (金净额) after one that opened with a label.
          const tail = !ps[0].label ? firstRow : q === 1 && p.label.length <= 4 && rows[rows.length - 1]?.line === j ? rows[rows.length - 1] : undefined;
          if (tail && runs === 1 && q === ps.length - 1 && !tail.label.endsWith(p.label)) {
            tail.label += p.label;
            tail.labelRange = { start: tail.labelRange.start, end: ls + p.label.length };
            tail.end = ls + p.label.length;
            continue;
          }
          flush();
          pending = { label: p.label, start: ls, end: ls + p.label.length, line: j };
          continue;
        }
        const row = rowOf(lines[j], p);
        if (ps[q + 1]?.label) row.glued!.next = 'label';
        else if (q === ps.length - 1 && !ps.sentence) row.glued!.next = 'end';
        if (pending) {
          const joins = !p.label || (!HEADING_END.test(pending.label) && rowKindOf(pending.label) === 'data' && rowKindOf(p.label) === 'data' && pending.label.length + p.label.length <= MAX_LABEL);
          if (joins) {
            // The label began on the line above: 开发支出 / 2,421,693.39…, 处置固定资产、无形资产 / 和其他长期资产收回的现-35,000.00
            row.label = pending.label + p.label;
            row.labelRange = { start: pending.start, end: p.label ? ls + p.label.length : pending.end };
            row.line = pending.line;
            row.start = pending.start;
            pending = undefined;
            if (!p.label) wrapped++;
          } else flush();
        }
        if (q === 0 && !p.label) firstRow = row;
        rows.push(row);
        seenData = true;
      }
      lastLine = j;
      j++;
      if (ps.sentence) break;
    }
    if (pending && pending.line === lastLine) flush();
    const data = rows.filter((r) => !r.header && r.cells.length);
    // Only tables that have something to check: a 合计 / 小计 / 总计 row among their rows, or a
    // statement under its own header of glued periods (利润表: 营业利润, 利润总额 …), several rows to a line.
    let repeated = 0;
    for (const n of trailing.values()) if (n >= 3) repeated += n;
    const checkable = data.some((r) => rowKindOf(r.label) !== 'data') || (headed && multi >= 1 && data.length >= 8);
    let taken = false;
    if (!(repeated * 2 >= runLines) && (multi >= 1 || (headed && wrapped >= 1)) && data.length >= 3 && checkable) {
      // Under a header of periods the rows are read with its column count before their regularity is
      // judged (-3,642.60-18,071.14… has readings of more cells than the header's four).
      taken = regular(data);
      if (!taken && headed) {
        resolveGluedRows(rows, false);
        taken = regular(rows.filter((r) => !r.header && r.cells.length));
      } else if (taken) resolveGluedRows(rows, false);
    }
    if (taken) {
      add('glued', rows);
      i = Math.max(i + 1, j < to && !ctx.claimed[j] ? j : lastLine + 1);
    } else i++;
  }
}
