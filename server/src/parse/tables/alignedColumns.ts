// pdftotext -layout text: columns aligned with runs of spaces at the PDF's x-positions.
//
//        项目          附注        2024 年 12 月 31 日           2023 年 12 月 31 日
//  货币资金             七、1                347,680,977.31          620,449,552.12
//  持有待售资产                                                      332,920,412.03
//  归属于母公司所有者权益
//                                       1,560,494,557.82         1,638,426,525.45
//  （或股东权益）合计
//
// A block of such lines is read by position, not by order: the rows that fill
// every column give each column's extent (per page, since x-positions move from
// page to page), and a row with fewer figures puts each figure in the column it
// overlaps; an empty cell is a gap. A note column (七、1, 八、, 11.7.1, or bare
// numbers under 附注) is not a column of figures. Labels wrapped over several
// lines are joined to the row whose figures they surround. Page footers and
// running headers (page furniture) and a column header repeated after a page
// break are skipped, so a table goes on across pages. A figure that cannot be
// placed in one column with confidence makes its row uncertain.
//
// The detector claims only blocks that are clearly column-aligned (figures
// padded away from their labels by runs of spaces); other space-separated rows
// are left to lineRows.

import { Cell } from '../../model/types';
import { figureOfCell, makeCell, periodsIn } from '../cells';
import { isEmptyCellText, parseNumberToken } from '../numbers';
import { endsWithAnyOf, isSpaceCode, lastNonSpaceCode, trimmedEnd, trimmedStart } from '../text';
import { AddTable, MAX_LABEL, MAX_ROWS_PER_TABLE, RawRow, TableContext } from './context';
import { lineHas, WIDE_GAP } from './lineClass';

/** A run of non-space characters; s and e are offsets within its line. */
interface Tok {
  s: number;
  e: number;
  text: string;
  /** A text cell after the figures (形成原因, 上年为负). */
  remark?: boolean;
}

/** A line as this front end sees it. */
interface Read {
  /** 0 blank, 1 a row with figures, 2 text only. */
  kind: 0 | 1 | 2;
  /** The line's tokens (for a text line, worked out on first use from `src`). */
  toks?: Tok[];
  src?: string;
  /** Figures and nil marks at the end of the line (rows only). */
  vals: Tok[];
  note?: Tok;
  /** Label span within the line (labelS === labelE: no label). */
  labelS: number;
  labelE: number;
  label: string;
  /** Spaces between the label (or note) and the first figure; the indent when there is no label. */
  gap: number;
  hasFigure: boolean;
  /** Text cells between figures (合国家政策规定   4,990,390.11   其他收益   933,439.72): the figures' columns are unknown. */
  mixed?: boolean;
  /** A text line with a figure among its cells: no header, and no label (worked out on first use). */
  figureCell?: boolean;
  /** Runs of tokens one space apart (worked out on first use). */
  wide?: Tok[];
}

/** Whether a text line has a figure among its cells (货币资金   6,381,004,565.81   存放中央银行法定存款准备金…). */
function toksOf(r: Read): Tok[] {
  return (r.toks ??= tokens(r.src ?? ''));
}

function hasFigureCell(r: Read): boolean {
  if (r.figureCell === undefined) {
    const toks = toksOf(r);
    let f = false;
    for (let x = 1; x < toks.length && !f; x++) {
      const t = toks[x].text;
      f = toks[x].s - toks[x - 1].e >= 2 && VALUE_START.indexOf(t[0]) >= 0 && !YEAR.test(t) && !isEmptyCellText(t) && isValueToken(t);
    }
    r.figureCell = f;
  }
  return r.figureCell;
}

/** Characters a row of figures ends in: a digit, a percent sign, a nil mark, a closing parenthesis. */
const ROW_END = '0123456789%％-—–)）/';
/** First characters of a figure or a nil mark. */
const VALUE_START = '0123456789-—–－−(（/不*';
/** Note references: 七、1, 八、, 六、73, 五(1), 11.7.1, 附注七, 注1. */
const NOTE_REF = /^(?:[一二三四五六七八九十]+、\d{0,3}(?:[（(]\d+[)）])?|[一二三四五六七八九十]+[（(]\d+[)）]|\d{1,2}(?:\.\d{1,2}){2,3}|附注\S{0,8}|注\d{1,2})$/;
const NOTE_START = '一二三四五六七八九十0123456789附注';
const YEAR = /^(?:19|20)\d\d$/;
const BARE_NOTE = /^\d{1,3}$/;
const SEPARATOR = /[√□]|单位\s*[:：]|^\s*(?:注\s*[:：\d]|其他说明|说明\s*[:：]|编制单位|公司负责人)/;
const PROSE_MARK = /[。；;]/;
const CLAUSE_MARK = /[，,]/;
const NUMBERED_LABEL = /^(?:[一二三四五六七八九十]+[、．]|[（(][一二三四五六七八九十\d]+[)）]|\d+[、．]|\d+\.(?!\d))/;
const ITEM_START = /^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+[.．、]|其中|减|加)/;
const CONTINUED_START = /^[（(](?![一二三四五六七八九十\d]+[)）]|[a-zA-Z][)）])/;
const TOTAL_ONLY = /^(?:合\s*计|总\s*计|小\s*计)$/;
const PADDED_FIGURE = / {2}[-(（]?\d/;
const CONTINUED_CAPTION = /[(（]续[)）]$/;
const NOTE_HEADER = /附\s*注|注\s*释/;
const NOTE_TITLE = /^(?:附\s*注|注\s*释)[一二三四五六七八九十\d、]*$/;
/** The title of a column of remarks (情况说明, 备注, 变动原因), or a line of it. */
const REMARK_TITLE = /说\s*明|备\s*注|原\s*因|^情\s*况$/;
const WIDE_SPACES = /\s{2,}/g;
const OPEN = /[（(“]/g;
const CLOSE = /[）)”]/g;

const MAX_LINE = 400;
const MAX_REMARK = 20;
const MAX_BLANK_RUN = 2;
/** Blank lines between a header and the rows (the bank's statements leave three). */
const MAX_HEADER_GAP = 3;
/** Header lines searched for the stacks of cells over the columns, from the lowest. */
const MAX_STACK_LINES = 6;
const MAX_HEADER_SCAN = 12;
const MAX_WRAP = 4;
const MAX_LABEL_RUN = 40;
/** How far (in characters) a figure may sit outside a column and still be placed in it. */
const NEAR = 4;

function tokens(text: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    while (i < n && isSpaceCode(text.charCodeAt(i))) i++;
    if (i >= n) break;
    const s = i;
    while (i < n && !isSpaceCode(text.charCodeAt(i))) i++;
    out.push({ s, e: i, text: text.slice(s, i) });
  }
  return out;
}

function isValueToken(t: string): boolean {
  const c = t.charCodeAt(0);
  // The common case first: a plain number.
  if (c >= 48 && c <= 57 && parseNumberToken(t)) return true;
  if (VALUE_START.indexOf(t[0]) < 0) return false;
  return isEmptyCellText(t) || !!figureOfCell(t, 0);
}

function count(re: RegExp, s: string): number {
  re.lastIndex = 0;
  let n = 0;
  while (re.exec(s)) n++;
  return n;
}

const BLANK: Read = { kind: 0, toks: [], vals: [], labelS: 0, labelE: 0, label: '', gap: 0, hasFigure: false };

function textLine(toks: Tok[]): Read {
  return { kind: 2, toks, vals: [], labelS: toks[0].s, labelE: toks[toks.length - 1].e, label: '', gap: 0, hasFigure: false };
}

/** Reads one line: a row (label, note, figures), a text line, or a blank line. */
/** Whether `chars` holds the code unit `c` (indexOf(String.fromCharCode(c)) >= 0, without making the string). */
function hasCode(chars: string, c: number): boolean {
  for (let i = 0; i < chars.length; i++) if (chars.charCodeAt(i) === c) return true;
  return false;
}

export function readAlignedLine(text: string): Read {
  if (text.length > MAX_LINE) return { ...BLANK, kind: 2, toks: [{ s: 0, e: text.length, text }] };
  // A line that neither ends in a figure nor has one after a run of spaces is text: its tokens wait until asked for.
  const endCode = lastNonSpaceCode(text);
  if (endCode < 0) return BLANK;
  if (!hasCode(ROW_END, endCode) && !PADDED_FIGURE.test(text)) {
    return { kind: 2, src: text, vals: [], labelS: trimmedStart(text), labelE: trimmedEnd(text), label: '', gap: 0, hasFigure: false, figureCell: false };
  }
  const toks = tokens(text);
  if (!toks.length) return BLANK;
  const last = toks[toks.length - 1].text;
  // A short text after the figures (上年为负, 锅炉改造补助) is a text cell in the next column.
  let end = toks.length;
  let remark: Tok | undefined;
  if (ROW_END.indexOf(last[last.length - 1]) < 0) {
    if (toks.length < 3 || last.length > MAX_REMARK || toks[end - 1].s - toks[end - 2].e < 2 || !isValueToken(toks[end - 2].text) || PROSE_MARK.test(last)) return textLine(toks);
    end--;
    remark = { ...toks[end], remark: true };
  }
  let k = end;
  while (k > 0 && isValueToken(toks[k - 1].text)) k--;
  const vals = toks.slice(k, end);
  if (!vals.length) return textLine(toks);
  let note: Tok | undefined;
  if (k > 0 && NOTE_START.indexOf(toks[k - 1].text[0]) >= 0 && NOTE_REF.test(toks[k - 1].text) && (k === 1 || toks[k - 1].s - toks[k - 2].e >= 2)) {
    note = toks[k - 1];
    k--;
  }
  const labelS = k > 0 ? toks[0].s : vals[0].s;
  const labelE = k > 0 ? toks[k - 1].e : vals[0].s;
  let label = k > 0 ? text.slice(labelS, labelE) : '';
  if (k > 1 && label.indexOf('  ') >= 0) label = label.replace(WIDE_SPACES, ' ');
  let figures = 0;
  let years = 0;
  for (const v of vals) {
    if (isEmptyCellText(v.text)) continue;
    figures++;
    if (YEAR.test(v.text)) years++;
  }
  const hasFigure = figures > 0;
  // A line of years is a header; a label that is a sentence is prose.
  if (hasFigure && years === figures) return textLine(toks);
  const gap = vals[0].s - (note ? note.e : k > 0 ? labelE : 0);
  // A sentence is prose; a clause (a label wrapped mid-sentence) only when its figure is padded away from it.
  if (label.length > MAX_LABEL || PROSE_MARK.test(label) || (gap < 3 && CLAUSE_MARK.test(label))) return textLine(toks);
  if (!hasFigure && (vals.length < 2 || !label)) return textLine(toks);
  let mixed = false;
  for (let x = 1; x < k && !mixed; x++) mixed = toks[x].s - toks[x - 1].e >= 2 && isValueToken(toks[x].text);
  if (remark) vals.push(remark);
  return { kind: 1, toks, vals, note, labelS, labelE, label, gap, hasFigure, mixed };
}

function displayWidth(t: string): number {
  let n = 0;
  for (let i = 0; i < t.length; i++) n += t.charCodeAt(i) >= 0x1100 ? 1.5 : 1;
  return Math.ceil(n);
}

/** Runs of tokens separated by single spaces (a header cell such as 2024 年 12 月 31 日). */
function wideTokens(text: string, toks: Tok[]): Tok[] {
  const out: Tok[] = [];
  for (const t of toks) {
    const prev = out[out.length - 1];
    if (prev && t.s - prev.e <= 1) {
      prev.e = t.e;
      prev.text = text.slice(prev.s, prev.e);
    } else out.push({ ...t });
  }
  return out.flatMap(splitPeriods);
}

/** Two years, or two 年/期 words: the only texts that can hold two periods (a cheap test before the expression). */
function mayHoldTwoPeriods(t: string): boolean {
  let years = 0;
  let words = 0;
  let run = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (++run === 4) years++;
    } else {
      run = 0;
      if (c === 0x5e74 || c === 0x671f) words++;
    }
  }
  return years >= 2 || words >= 2;
}

/** Periods one space apart are two header cells (2024 年 2023 年). */
function splitPeriods(w: Tok): Tok[] {
  if (w.text.indexOf(' ') < 0 || !mayHoldTwoPeriods(w.text)) return [w];
  const ps = periodsIn(w.text);
  if (ps.length < 2) return [w];
  for (let i = 0; i < ps.length; i++) {
    const gap = w.text.slice(i ? ps[i - 1].end : 0, ps[i].start);
    if (gap.trim()) return [w];
  }
  if (w.text.slice(ps[ps.length - 1].end).trim()) return [w];
  return ps.map((p) => {
    const text = p.text.trimEnd();
    return { s: w.s + p.start, e: w.s + p.start + text.length, text };
  });
}

interface Interval {
  s: number;
  e: number;
}

/** A row of the block with the columns of its figures. */
interface BlockRow {
  line: number;
  read: Read;
  seg: number;
  /** The row's figures (its note reference taken out). */
  vals: Tok[];
  cols?: number[];
}

export function findAlignedTables(ctx: TableContext, add: AddTable) {
  const { lines } = ctx;
  const from = ctx.from ?? 0;
  const to = ctx.to ?? lines.length;
  const cache: (Read | undefined)[] = new Array(to - from);
  const read = (i: number): Read => {
    let r = cache[i - from];
    if (!r) {
      r = ctx.furniture.has(i) ? BLANK : readAlignedLine(lines[i].text);
      cache[i - from] = r;
    }
    return r;
  };
  const pageBreak = (i: number) => ctx.furniture.has(i) || lines[i].text.indexOf('\f') >= 0;
  const isSeparator = (r: Read, i: number) => {
    if (r.kind !== 2) return false;
    const text = lines[i].text;
    const end = lastNonSpaceCode(text);
    if (end === 0x3002 || end === 0xff1b || SEPARATOR.test(text)) return true;
    // A long line of text is prose, unless it is a row of header cells far apart.
    return r.labelE - r.labelS > 60 && text.trim().replace(WIDE_SPACES, ' ').length > 60 && wideOf(r, i).length <= 2;
  };
  /** A text line with cells: reaching into the figures, or two cells far apart (not a label and its note). */
  const wideOf = (r: Read, i: number) => (r.wide ??= wideTokens(lines[i].text, toksOf(r)));
  const headerLike = (r: Read, i: number, valueLeft: number) => {
    // No run of spaces inside the text: one cell.
    const gapAt = lines[i].text.indexOf('  ', r.labelS);
    if (gapAt < 0 || gapAt >= r.labelE) return r.labelS >= valueLeft - 2;
    const w = wideOf(r, i);
    // One cell from the labels' side that runs on into the figures is a wrapped label or text cell.
    if (w.length === 1) return w[0].s >= valueLeft - 2;
    return w.length >= 3 || r.labelE > valueLeft || !NOTE_REF.test(w[1].text);
  };
  const starts = (r: Read) => r.kind === 1 && r.hasFigure && (r.label ? r.gap >= 2 : r.gap >= 4);

  let i = from;
  while (i < to) {
    // Cheap rejection first: a row that starts a block ends in a figure or a nil mark, or has a figure after a run of spaces.
    const t = lines[i].text;
    if (ctx.claimed[i] || ctx.furniture.has(i) || !lineHas(ctx, i, WIDE_GAP) || !(endsWithAnyOf(t, ROW_END) || PADDED_FIGURE.test(t)) || !starts(read(i))) {
      i++;
      continue;
    }
    const block = readBlock(i);
    if (block.rows) add('aligned', block.rows, block.continued);
    // A block that is not column-aligned is left to lineRows, and not searched again line by line.
    i = Math.max(i + 1, block.next);
  }

  function readBlock(start: number): { rows?: RawRow[]; next: number; continued?: boolean } {
    let valueLeft = read(start).vals[0].s;
    // Rows right above the first padded one belong to the block too (一、工资、奖金、津贴 2,850,160,827.76 …,
    // its label too long for a run of spaces), with label lines between them.
    let first = start;
    for (let k = start - 1, labels = 0; k >= from && !ctx.claimed[k] && !ctx.furniture.has(k); k--) {
      const r = read(k);
      if (r.kind === 1 && r.hasFigure) {
        first = k;
        labels = 0;
      } else if (r.kind !== 2 || ++labels > MAX_WRAP || isSeparator(r, k) || hasFigureCell(r) || headerLike(r, k, valueLeft)) break;
    }
    // Backward: the column header and the labels above the first row.
    const above: number[] = [];
    let blanks = 0;
    let sawHeader = false;
    for (let k = first - 1; k >= from && above.length < MAX_HEADER_SCAN; k--) {
      if (ctx.claimed[k]) break;
      // Page furniture between the header and the rows (a header at the foot of a page): skipped, before a header only.
      if (ctx.furniture.has(k)) {
        if (sawHeader || above.length) break;
        continue;
      }
      const r = read(k);
      if (r.kind === 0) {
        // Blank lines may stand between the header and the rows, not inside the header.
        if (++blanks > MAX_HEADER_GAP || sawHeader) break;
        continue;
      }
      blanks = 0;
      if (r.kind === 1 || isSeparator(r, k) || hasFigureCell(r)) break;
      if (headerLike(r, k, valueLeft)) sawHeader = true;
      above.unshift(k);
    }
    let topHeader = -1;
    let lastHeader = -1;
    for (const k of above) {
      if (headerLike(read(k), k, valueLeft)) {
        if (topHeader < 0) topHeader = k;
        lastHeader = k;
      }
    }
    const headerLines = topHeader >= 0 ? above.filter((k) => k >= topHeader && k <= lastHeader) : [];
    let lead: number[];
    if (lastHeader >= 0) lead = above.filter((k) => k > lastHeader);
    else {
      // No header: only the label lines right above the first row.
      lead = [];
      // Two numbered lines are not one wrapped label: the upper is a heading over the table (九、… / (一) 员工情况).
      for (let k = first - 1; k >= from && lead.length < 3 && above.includes(k); k--) {
        if (lead.length && NUMBERED_LABEL.test(lines[k].text.trim()) && NUMBERED_LABEL.test(lines[lead[0]].text.trim())) break;
        lead.unshift(k);
      }
    }
    const headerTexts = new Set(headerLines.map((k) => lines[k].text.trim().replace(WIDE_SPACES, ' ')));
    let labelColumn = read(first).label ? read(first).labelS : 0;
    // Forward: rows, label lines, blank lines and page furniture, until a line of another kind.
    const items: { line: number; seg: number }[] = [{ line: first, seg: 0 }];
    let seg = 0;
    let j = first + 1;
    let lastValue = first;
    let brokeSinceRow = false;
    let labelRun = 0;
    while (j < to && items.length < MAX_ROWS_PER_TABLE) {
      if (ctx.claimed[j]) break;
      if (pageBreak(j)) {
        if (!brokeSinceRow) seg++;
        brokeSinceRow = true;
        // A form feed starts the page's first line: its running header, or already a row.
        if (ctx.furniture.has(j) || read(j).kind !== 1) {
          j++;
          continue;
        }
      }
      const r = read(j);
      if (r.kind === 0) {
        let k = j;
        while (k < to && read(k).kind === 0 && !ctx.furniture.has(k)) k++;
        if (k < to && pageBreak(k)) {
          j = k;
          continue;
        }
        if (k - j > MAX_BLANK_RUN) break;
        j = k;
        continue;
      }
      if (r.kind === 1) {
        items.push({ line: j, seg });
        lastValue = j;
        labelRun = 0;
        brokeSinceRow = false;
        if (r.label) labelColumn = Math.max(labelColumn, r.labelS);
        if (r.gap >= 2 && r.hasFigure) valueLeft = Math.min(valueLeft, r.vals[0].s);
        j++;
        continue;
      }
      if (isSeparator(r, j) || hasFigureCell(r)) break;
      if (headerLike(r, j, valueLeft)) {
        // Text reaching into the figures, or cells far apart: the column header repeated after a page break, or the next table.
        if (brokeSinceRow && (!headerTexts.size || headerTexts.has(lines[j].text.trim().replace(WIDE_SPACES, ' ')))) {
          j++;
          continue;
        }
        break;
      }
      // The head of a new page: centred title lines, a caption marked (续).
      if (brokeSinceRow && (r.labelS > labelColumn + 4 || CONTINUED_CAPTION.test(lines[j].text.trim()))) {
        j++;
        continue;
      }
      // Label lines: rows without figures, or wrapped labels; a long run of them is text, not a table.
      if (++labelRun > MAX_LABEL_RUN) break;
      items.push({ line: j, seg });
      j++;
    }
    // Label lines after the last row are the table's only as the end of its label (权益）总计).
    const tail = items.filter((it) => it.line > lastValue && it.line <= lastValue + MAX_WRAP);
    while (items.length && items[items.length - 1].line > lastValue) items.pop();
    const all = [...lead.map((line) => ({ line, seg: 0 })), ...items];
    const valueRows: BlockRow[] = all.filter((it) => read(it.line).kind === 1).map((it) => ({ line: it.line, read: read(it.line), seg: it.seg, vals: read(it.line).vals }));
    const aligned = valueRows.filter((r) => r.read.hasFigure && r.read.label && r.read.gap >= 2).length;
    if (aligned < 3 && !(aligned >= 2 && headerLines.length)) return { next: lastValue + 1 };

    // A note column of bare numbers under 附注 (5, 19): left of the amounts, it is no column of figures.
    if (headerLines.some((k) => NOTE_HEADER.test(lines[k].text))) {
      const width = Math.max(...valueRows.map((r) => r.vals.length));
      const full = valueRows.filter((r) => r.vals.length === width && width >= 2);
      if (full.length && full.every((r) => BARE_NOTE.test(r.vals[0].text))) {
        const amountsStart = Math.min(...full.map((r) => r.vals[1].s));
        for (const r of valueRows) {
          if (r.vals.length && BARE_NOTE.test(r.vals[0].text) && r.vals[0].e < amountsStart) r.vals = r.vals.slice(1);
        }
      }
    }
    const placed = placeColumns(valueRows.filter((r) => r.vals.length));
    if (!placed) return { next: lastValue + 1 };
    const { ncols, intervals } = placed;

    // Header titles over the columns (first page's positions).
    const titles: string[][] = Array.from({ length: ncols }, () => []);
    const titleAt: (number | undefined)[] = new Array(ncols);
    const labelTitle: string[] = [];
    const cols0 = intervals[0] ?? intervals.find((iv) => iv);
    if (cols0) {
      // A header cell spans more than its characters: a CJK character is wider than the spaces that position
      // the text (twice in the body font; header fonts are often smaller, so one and a half).
      const cells = headerLines.map((k, x) =>
        wideTokens(lines[k].text, toksOf(read(k))).map((w) => ({ s: w.s, e: w.s + displayWidth(w.text), text: w.text, at: lines[k].start + w.s, line: x })),
      );
      // The label column's title (项目, 账龄) starts over the labels and ends before the figures; a column title
      // centred over right-aligned figures may also end before them (期末余额), but starts right of the labels.
      const labelsEnd = Math.max(0, ...valueRows.map((r) => (r.read.label ? r.read.labelE : 0)));
      // The note column's title (附注四) names no column of figures: it goes with the label's.
      const isLabelTitle = (w: Tok) => (w.e <= cols0[0].s && w.s < Math.max(labelsEnd, 4)) || (w.text.length <= 6 && NOTE_TITLE.test(w.text));
      const put = (c: number, w: { text: string; at: number }) => {
        titles[c].push(w.text);
        if (titleAt[c] === undefined) titleAt[c] = w.at;
      };
      // The header's own columns: the stacks of cells of the fewest lowest header lines that make as many columns.
      // (Header text drifts from the figures' positions, since a CJK character is wider than a space.)
      let stacks: { s: number; e: number; cells: (Tok & { at: number; line: number })[] }[] | undefined;
      let from = cells.length;
      const lastFigureEnd = cols0[cols0.length - 1].e;
      // A cell right of the figures that names remarks (情况说明, 备注) titles a column of text, not one of figures:
      // stacks ending in one are not the header's columns (then each cell goes to the column nearest it, that one to none).
      const textColumn = (x: { s: number; cells?: { text: string }[]; text?: string }) =>
        x.s >= lastFigureEnd && (x.cells ?? [x]).some((c) => REMARK_TITLE.test(c.text ?? ''));
      {
        const acc: (Tok & { at: number; line: number })[] = [];
        for (let k = cells.length - 1; k >= 0 && k >= cells.length - MAX_STACK_LINES; k--) {
          for (const w of cells[k]) if (!isLabelTitle(w)) acc.push(w);
          const ws = acc.slice().sort((a, b) => a.s - b.s);
          const st: { s: number; e: number; cells: (Tok & { at: number; line: number })[] }[] = [];
          for (const w of ws) {
            const last = st[st.length - 1];
            if (last && w.s < last.e) {
              last.e = Math.max(last.e, w.e);
              last.cells.push(w);
            } else st.push({ s: w.s, e: w.e, cells: [w] });
          }
          if (st.length === ncols && !textColumn(st[ncols - 1])) {
            stacks = st;
            from = k;
            break;
          }
        }
      }
      // A title wrapped over lines right above the stacks, one cell a line over one stack: its upper lines, where
      // they are several (不考虑任何 / 抵押及其他 / … over 用风险敞口) or the line below leaves that column empty
      // (电子设备及其 over a line of the other titles, 他 under it). One word right over a title (本集团 over
      // 2024年度) names the table.
      const wrapped = new Map<number, number>();
      if (stacks) {
        const overOf = (w: { s: number; e: number }) => stacks!.map((st, c) => (st.s < w.e && st.e > w.s ? c : -1)).filter((c) => c >= 0);
        let col = -1;
        for (let k = from - 1; k >= 0; k--) {
          const ws = cells[k].filter((w) => !isLabelTitle(w));
          if (ws.length !== 1 || isPeriod(ws[0].text)) break;
          const over = overOf(ws[0]);
          if (over.length !== 1 || (col >= 0 && over[0] !== col)) break;
          col = over[0];
          wrapped.set(k, col);
        }
        if (wrapped.size === 1) {
          const [k] = wrapped.keys();
          if (cells[k + 1].some((w) => overOf(w).includes(col))) wrapped.clear();
        }
      }
      for (let k = 0; k < cells.length; k++) {
        const upper: typeof cells[0] = [];
        const wrapCol = wrapped.get(k);
        if (wrapCol !== undefined) {
          for (const w of cells[k]) {
            if (isLabelTitle(w)) labelTitle.push(w.text);
            else put(wrapCol, w);
          }
          continue;
        }
        for (const w of cells[k]) {
          if (isLabelTitle(w)) labelTitle.push(w.text);
          else if (!stacks) {
            if (textColumn(w)) continue;
            const c = nearestColumn(cols0, w, true);
            if (c >= 0) put(c, w);
          } else if (k < from) upper.push(w);
        }
        // A cell above the stacks names the stacks it spans (期末余额 over 金额 | 比例, 销售费用率 over 2024 年 | 2023 年),
        // else the one nearest it; a single cell over them all (本集团, 三阶段变动) names the table, not a column.
        if (stacks && upper.length === 1 && isPeriod(upper[0].text)) {
          // …but a period over them all (2024年12月31日 over 第一阶段 | 第二阶段 …) dates every column.
          for (let c = 0; c < stacks.length; c++) put(c, upper[0]);
        } else if (stacks && upper.length > 1) {
          for (const w of upper) {
            const over = stacks.map((st, c) => (st.s < w.e + 1 && st.e > w.s - 1 ? c : -1)).filter((c) => c >= 0);
            if (over.length) for (const c of over) put(c, w);
            else {
              const c = nearestColumn(stacks, w, true);
              if (c >= 0) put(c, w);
            }
          }
        }
      }
      if (stacks) {
        stacks.forEach((st, c) => {
          st.cells.sort((a, b) => a.line - b.line || a.s - b.s);
          for (const w of st.cells) put(c, w);
        });
      }
    }
    // Rows: figures placed in their columns, wrapped labels joined.
    const isLabelLine = (k: number) => read(k).kind === 2 && !ctx.claimed[k];
    const member = new Set([...all, ...tail].map((it) => it.line));
    const consumed = new Set<number>();
    const rows: RawRow[] = [];
    let next = lastValue;
    const byLine = new Map(valueRows.map((r) => [r.line, r]));
    for (const it of all) {
      const vr = byLine.get(it.line);
      if (!vr) continue;
      const aboveLines: number[] = [];
      for (let k = it.line - 1; aboveLines.length < MAX_WRAP && member.has(k) && isLabelLine(k) && !consumed.has(k); k--) {
        if (endsSection(lines[k].text)) break;
        aboveLines.push(k);
      }
      const belowLines: number[] = [];
      for (let k = it.line + 1; belowLines.length < MAX_WRAP && member.has(k) && isLabelLine(k); k++) {
        if (endsSection(lines[k].text)) break;
        belowLines.push(k);
      }
      let takeAbove = 0;
      let takeBelow = 0;
      const own = vr.read.label;
      if (!own) {
        // A numbered item (（3）, 2., 其中) starts a label: the nearest one above is where this row's label starts,
        // and one below starts the next row's. The figures stand level with the middle of their label's lines.
        const itemAbove = aboveLines.findIndex((k) => ITEM_START.test(lines[k].text.trim()));
        const itemBelow = belowLines.findIndex((k) => ITEM_START.test(lines[k].text.trim()));
        const below = itemBelow < 0 ? belowLines.length : itemBelow;
        if (itemAbove >= 0) {
          takeAbove = itemAbove + 1;
          takeBelow = Math.min(takeAbove, below);
        } else {
          const m = Math.min(aboveLines.length, below);
          takeAbove = m || Math.min(1, aboveLines.length);
          takeBelow = m || (aboveLines.length ? 0 : Math.min(1, below));
        }
      } else {
        let label = own;
        while (takeBelow < belowLines.length && continues(label, lines[belowLines[takeBelow]].text.trim())) {
          label += lines[belowLines[takeBelow]].text.trim();
          takeBelow++;
        }
        if (aboveLines.length && takeBelow && !ITEM_START.test(own)) takeAbove = Math.min(takeBelow, aboveLines.length);
        else if (aboveLines.length && count(OPEN, lines[aboveLines[0]].text) > count(CLOSE, lines[aboveLines[0]].text)) takeAbove = 1;
      }
      const pieces = [...aboveLines.slice(0, takeAbove).reverse(), it.line, ...belowLines.slice(0, takeBelow)];
      for (const k of pieces) consumed.add(k);
      if (pieces[pieces.length - 1] > next) next = pieces[pieces.length - 1];
      rows.push(makeRow(vr, pieces, ncols, intervals));
    }
    // Label lines that belong to no row: rows without figures (流动资产：, 其中：应收利息).
    for (const it of all) {
      if (byLine.has(it.line) || consumed.has(it.line)) continue;
      const l = lines[it.line];
      const t = l.text.trim();
      const s = l.start + l.text.indexOf(t);
      rows.push({ label: t, labelRange: { start: s, end: s + t.length }, cells: [], line: it.line, lastLine: it.line, start: s, end: s + t.length, header: false });
    }
    rows.sort((a, b) => a.line - b.line);
    // The header row, when every column of figures has a title.
    const headerTitles = titles;
    if (headerLines.length && headerTitles.length && headerTitles.every((t) => t.length)) {
      const h0 = lines[headerLines[0]];
      const h1 = lines[headerLines[headerLines.length - 1]];
      const cells: Cell[] = headerTitles.map((t, c) => {
        const at = titleAt[c] ?? h0.start;
        return { start: at, end: at + t[0].length, text: t.join(' ') };
      });
      const label = labelTitle.join(' ');
      rows.unshift({
        label,
        labelRange: { start: h0.start, end: h0.start },
        cells,
        line: headerLines[0],
        lastLine: headerLines[headerLines.length - 1],
        start: h0.start,
        end: h1.start + h1.text.trimEnd().length,
        header: true,
      });
    }
    // A table that starts at the top of a page without a header goes on from the previous page.
    let continued = false;
    if (!headerLines.length) {
      let k = (lead.length ? lead[0] : first) - 1;
      while (k >= from && read(k).kind === 0 && !pageBreak(k)) k--;
      continued = k >= from && pageBreak(k);
    }
    return { rows, next: next + 1, continued };
  }

  function makeRow(vr: BlockRow, pieces: number[], ncols: number, intervals: (Interval[] | undefined)[]): RawRow {
    const l = lines[vr.line];
    const r = vr.read;
    // The label: its pieces in line order.
    let label = '';
    let labelStart = -1;
    let labelEnd = -1;
    let lastLine = vr.line;
    let firstLine = vr.line;
    for (const k of pieces) {
      const pl = lines[k];
      let s: number;
      let e: number;
      let t: string;
      if (k === vr.line) {
        if (!r.label) continue;
        s = pl.start + r.labelS;
        e = pl.start + r.labelE;
        t = r.label;
      } else {
        t = pl.text.trim();
        s = pl.start + pl.text.indexOf(t);
        e = s + t.length;
      }
      label += t;
      if (labelStart < 0) labelStart = s;
      labelEnd = e;
      firstLine = Math.min(firstLine, k);
      lastLine = Math.max(lastLine, k);
    }
    if (labelStart < 0) labelStart = labelEnd = l.start + r.vals[0].s;
    const cells: Cell[] = [];
    // A row whose only figure was its note reference has no cells.
    if (!vr.vals.length) vr.cols = [];
    let uncertain = !vr.cols || !!r.mixed || (!!r.label && r.labelE > (intervals[vr.seg]?.[0]?.s ?? Infinity));
    if (vr.cols) {
      const slots: (Tok | undefined)[] = new Array(ncols);
      vr.vals.forEach((v, x) => (slots[vr.cols![x]] = v));
      for (let c = 0; c < ncols; c++) {
        const v = slots[c];
        if (v) cells.push(makeCell(v.text, l.start + v.s));
        else {
          // An empty cell: where its column is on this page.
          const iv = intervals[vr.seg]?.[c];
          const at = l.start + Math.min(iv ? iv.e : r.vals[0].s, l.text.length);
          cells.push({ start: at, end: at, text: '' });
        }
      }
      if (!cells.some((c) => c.text)) cells.length = 0;
    } else {
      // Figures that could not be placed: right-aligned, and the row uncertain.
      const vals = vr.vals.slice(-ncols);
      for (let c = 0; c < ncols - vals.length; c++) cells.push({ start: l.start + r.vals[0].s, end: l.start + r.vals[0].s, text: '' });
      for (const v of vals) cells.push(makeCell(v.text, l.start + v.s));
      uncertain = true;
    }
    const firstL = lines[firstLine];
    const lastL = lines[lastLine];
    return {
      label,
      labelRange: { start: labelStart, end: labelEnd },
      cells,
      line: firstLine,
      lastLine,
      start: Math.min(labelStart, firstL.start + (firstL.text.length - firstL.text.trimStart().length)),
      end: lastL.start + lastL.text.trimEnd().length,
      header: false,
      uncertain: uncertain || undefined,
    };
  }
}

/** A section label (流动资产：) ends in a colon. */
/** A header cell that is one period and nothing else (2024年12月31日, 2024 年度). */
function isPeriod(text: string): boolean {
  const p = periodsIn(text);
  return p.length === 1 && p[0].start === 0 && p[0].end >= text.trimEnd().length;
}

function endsSection(text: string): boolean {
  const c = lastNonSpaceCode(text);
  return c === 0xff1a || c === 58;
}

/** Whether a label line below a row goes on with the row's label (a wrapped label). */
function continues(label: string, below: string): boolean {
  if (count(OPEN, label) > count(CLOSE, label)) return true;
  if (count(CLOSE, below) > count(OPEN, below)) return true;
  if (CONTINUED_START.test(below)) return true;
  return TOTAL_ONLY.test(below);
}

/**
 * The columns of a block: how many there are, where each is on each page, and
 * the column of every figure. Rows that fill every column fix the columns of
 * their page; other rows place each figure in the one column it overlaps.
 */
function placeColumns(rows: BlockRow[]): { ncols: number; intervals: (Interval[] | undefined)[] } | undefined {
  let ncols = 0;
  let nseg = 0;
  for (const r of rows) {
    ncols = Math.max(ncols, r.vals.length);
    nseg = Math.max(nseg, r.seg + 1);
  }
  if (!ncols) return undefined;
  const intervals: (Interval[] | undefined)[] = new Array(nseg);
  for (let s = 0; s < nseg; s++) {
    const full = rows.filter((r) => r.seg === s && r.vals.length === ncols);
    if (full.length) {
      intervals[s] = Array.from({ length: ncols }, (_, c) => ({
        s: Math.min(...full.map((r) => r.vals[c].s)),
        e: Math.max(...full.map((r) => r.vals[c].e)),
      }));
      continue;
    }
    // No full row on this page: the figures' extents, if they make as many columns.
    const toks = rows.filter((r) => r.seg === s).flatMap((r) => r.vals).sort((a, b) => a.s - b.s);
    const clusters: Interval[] = [];
    for (const t of toks) {
      const c = clusters[clusters.length - 1];
      if (c && t.s < c.e) c.e = Math.max(c.e, t.e);
      else clusters.push({ s: t.s, e: t.e });
    }
    if (clusters.length === ncols) intervals[s] = clusters;
  }
  // A page without its own columns borrows a neighbour's only where one of its rows lacks a single figure
  // and every figure fits one column: x-positions move from page to page, and a lone figure could be in
  // either column (its row stays unplaced, uncertain).
  for (let s = 0; s < nseg; s++) {
    if (intervals[s]) continue;
    const mine = rows.filter((r) => r.seg === s);
    if (!mine.some((r) => r.vals.length >= Math.max(2, ncols - 1))) continue;
    for (let d = 1; d < nseg && !intervals[s]; d++) {
      for (const n of [s - d, s + d]) {
        const iv = n >= 0 && n < nseg ? intervals[n] : undefined;
        if (iv && mine.every((r) => assign(r.vals, iv) !== undefined)) {
          intervals[s] = iv;
          break;
        }
      }
    }
  }
  for (const r of rows) {
    const iv = intervals[r.seg];
    if (r.vals.length === ncols) r.cols = r.vals.map((_, c) => c);
    else if (iv) r.cols = assign(r.vals, iv);
  }
  return { ncols, intervals };
}

/** The column of each figure, strictly increasing, or undefined if one cannot be placed with confidence. */
function assign(vals: Tok[], iv: Interval[]): number[] | undefined {
  const out: number[] = [];
  for (const v of vals) {
    // A text cell after the figures takes the column after the last figure's (CJK text drifts from the grid).
    const prev = out.length ? out[out.length - 1] : -1;
    const c = v.remark ? (prev + 1 < iv.length && (prev < 0 || v.s >= iv[prev].e) ? prev + 1 : -1) : nearestColumn(iv, v, false);
    if (c < 0 || (out.length && c <= out[out.length - 1])) return undefined;
    out.push(c);
  }
  return out;
}

/** The one column a token overlaps, or the clearly nearest within NEAR (a header cell: the most overlapped). */
function nearestColumn(iv: Interval[], t: Interval, header: boolean): number {
  let best = -1;
  let bestD = Infinity;
  let secondD = Infinity;
  let overlaps = 0;
  let bestOverlap = 0;
  let mostOverlapped = -1;
  for (let c = 0; c < iv.length; c++) {
    const ov = Math.min(iv[c].e, t.e) - Math.max(iv[c].s, t.s);
    if (ov > 0) {
      overlaps++;
      if (ov > bestOverlap) [bestOverlap, mostOverlapped] = [ov, c];
    }
    const d = ov > 0 ? 0 : Math.max(iv[c].s - t.e, t.s - iv[c].e);
    if (d < bestD) {
      secondD = bestD;
      bestD = d;
      best = c;
    } else if (d < secondD) secondD = d;
  }
  if (header) return overlaps ? mostOverlapped : bestD <= NEAR && secondD > bestD + NEAR ? best : -1;
  if (overlaps > 1) return -1;
  if (overlaps === 1) return best;
  return bestD <= NEAR && secondD > bestD + NEAR ? best : -1;
}
