// One row per line: cells split by spaces, or out of glued digits (合计28,770,992.0165,364,545.23).

import { Cell, Line } from '../../model/types';
import { figureOfCell, makeCell, periodsIn, rowKindOf } from '../cells';
import { isEmptyCellText, splitGlued } from '../numbers';
import { AddTable, isContent, MAX_LABEL, MAX_ROWS_PER_TABLE, RawRow, TableContext } from './context';
import { pipeCount } from './pipe';
import { placeShortRows, resolveGluedRows } from './gluedResolve';
import { CHINESE_NUMBERED_HEADING, DIGIT, PARENTHESES, SENTENCE_END, SPACES, isSpaceCode, lastNonSpaceCode, trimmedStart } from '../text';

const SPACE = /[\s\u3000]+/;

/** A run of non-space characters (a global expression: reset lastIndex before a loop). */
const TOKEN = /[^\s\u3000]+/g;
/** A character a row ends in: a figure, a percent sign, an empty-cell dash, a closing parenthesis (0123456789%％-—–)）０１２３４５６７８９). */
function endsLikeRow(c: number): boolean {
  return (c >= 48 && c <= 57) || c === 37 || c === 0xff05 || c === 45 || c === 0x2014 || c === 0x2013 || c === 41 || c === 0xff09 || (c >= 0xff10 && c <= 0xff19);
}
const SEPARATOR_OR_PERCENT = /[,.%％]/;
const CLAUSE_END = /[。；;，,]$/;
const DASH_ROW = /^(.*?[^\s\-—–\d,.%％])([-—–]{2,})$/;
const CLAUSE_MARK = /[。；;，]/;
const GLUED_ROW = /^(.*?[^\d,.%％\-—\s])([\d,.%％\-—]*\d[\d,.%％\-—]*)$/;
/** Glued integers with negatives in brackets among them: 投资转让净收益/(亏损)27-13(15), 其他联营公司40(4)466818. */
const GLUED_WITH_BRACKETS = /^(.*?[^\d,.%％\-—\s()（）][)）]?)(\d[\d,.%％\-—()（）]*[(（][\d,]+[)）][\d,.%％\-—()（）]*)$/;
/** A line that is only glued figures (leading spaces kept in group 1). */
const GLUED_ALONE = /^(\s*)([\d(（\-—][\d,.%％\-—()（）]*[\d)）%％\-—])$/;
const GROUPED_TWICE = /[,.]\d.*[,.]\d/;
const PAGE_NUMBER = /^\d+-\d+-\d+$/;
/** Glued negatives in brackets at the end of a line: 负债合计(84,403)(79,114)(67,323)(72,184). */
const GLUED_BRACKET_ROW = /^(.*?[^\d,.%％\-—\s()（）])([(（][\d,.%％\-—()（）]*[)）])$/;
const DECIMAL_OR_GROUP = /[,.]\d/;
const PERCENT = /%/;
const LEADING_SUBITEM = /^(?:其中|减|加)\s*[:：]/;
const PROSE_END = /(?:为|约|达|至|是|了|及|和|共|增长|下降|分别|占|较|比|的)$/;
const PUNCTUATION_INSIDE = /[，。；：:]\S/;
const HEADER_FILLER = /[\s|:：()（）、/]/g;
const TOTAL_TAIL = /^\s*(合\s*计|总\s*计|小\s*计)\s*$/;
const STATEMENT_END = /[。；;]$/;
const CONTINUED = /^续上?表/;
const LABEL_END = /[)）:：]$/;
const SUBITEM_START = /^(?:其中|减|加)/;
const CELL_GAP = /\S {3,}\S/;
const SPACES_G = /\s+/g;
/** A numbered heading line: 1、 预收款项列示, （2）, 2. */
const NUMBERED_HEADING = /^(?:\d{1,2}\s*[、.．]|[（(]\d{1,2}[)）])/;
const GROUP_HEADING = CHINESE_NUMBERED_HEADING;

/** Reads a row from a line: a label and its cells, split by spaces or out of glued digits. */
export function lineRow(line: Line, bareDigits = false): RawRow | undefined {
  const text = line.text;
  // A row with a remarks column after its figures (…5,970,297.332,985,148.67尚未回款,预计2021年内收回): the figures.
  if (!endsLikeRow(lastNonSpaceCode(text))) {
    const cut = remarkStart(text);
    return cut > 0 ? lineRow({ ...line, text: text.slice(0, cut) }, bareDigits) : undefined;
  }
  // (Here it ends in a figure or an empty-cell dash.) A row is not a paragraph and has no pipes.
  if (text.length > 600) return undefined;
  const t = text.trimEnd();
  if (t.length === 0 || pipeCount(t) >= 2 || SENTENCE_END.test(t)) return undefined;
  // Space-separated: trailing tokens that are figures or empty marks, read from the end of the line
  // (the tokens before them are the label, copied only where the row is kept).
  const cells: Cell[] = [];
  // The end of the label: the end of the last token that is not a cell (0: every token is a cell).
  let e = t.length;
  while (e > 0) {
    let s = e;
    while (s > 0 && !isSpaceCode(t.charCodeAt(s - 1))) s--;
    const tok = t.slice(s, e);
    const cell = makeCell(tok, line.start + s);
    if (!cell.figure && !isEmptyCellText(tok)) break;
    cells.push(cell);
    e = s;
    while (e > 0 && isSpaceCode(t.charCodeAt(e - 1))) e--;
  }
  cells.reverse();
  if (cells.length > 0 && (e > 0 || cells.length >= 2)) {
    const labelFrom = e > 0 ? trimmedStart(t) : 0;
    const label = e > 0 ? joinedTokens(t, labelFrom, e) : '';
    const figures = cells.filter((c) => c.figure);
    const strong = figures.some((x) => SEPARATOR_OR_PERCENT.test(x.text)) || (figures.length === 0 && cells.length >= 2 && e > 0);
    if (label.length <= MAX_LABEL && !CLAUSE_END.test(label) && (strong || (figures.length >= 2 && label.length <= 24)) && !looksLikeProse(label)) {
      const labelStart = e > 0 ? line.start + labelFrom : line.start;
      const labelEnd = e > 0 ? line.start + e : line.start;
      return {
        label,
        labelRange: { start: labelStart, end: labelEnd },
        cells,
        line: line.index,
        lastLine: line.index,
        start: line.start,
        end: line.start + t.length,
        header: false,
      };
    }
  }
  // A label, then only dashes: a row of empty cells (减:销售费用-折旧(c)----).
  const dashes = DASH_ROW.exec(t);
  if (dashes && dashes[1].trim().length <= MAX_LABEL && !looksLikeProse(dashes[1].trim()) && !CLAUSE_MARK.test(dashes[1])) {
    const label = dashes[1].trim();
    const labelStart = line.start + text.indexOf(label);
    const tailStart = line.start + dashes[1].length;
    return {
      label,
      labelRange: { start: labelStart, end: labelStart + label.length },
      cells: Array.from(dashes[2], (ch, i) => ({ start: tailStart + i, end: tailStart + i + 1, text: ch })),
      line: line.index,
      lastLine: line.index,
      start: line.start,
      end: line.start + t.length,
      header: false,
      uncertain: false,
    };
  }
  // Glued: a label, then digits, separators, dashes and percent signs with no space.
  // A line of glued figures alone is a row whose label is the line above (短期借款 / 10,1689,2555,7518,241).
  const alone = GLUED_ALONE.exec(t);
  const g = alone ? (['', alone[1], alone[2]] as unknown as RegExpExecArray) : (bareDigits ? GLUED_WITH_BRACKETS.exec(t) : null) ?? GLUED_ROW.exec(t) ?? GLUED_BRACKET_ROW.exec(t);
  if (g && !SPACE.test(g[2])) {
    const label = g[1].trim();
    const tail = g[2];
    if (label.length > MAX_LABEL || CLAUSE_MARK.test(label) || looksLikeProse(label)) return undefined;
    // Alone on its line, glued figures need two groups or decimals at least (not a page number 1-1-215).
    if (alone && !(GROUPED_TWICE.test(tail) || (bareDigits && tail.length >= 4 && !PAGE_NUMBER.test(tail)))) return undefined;
    // Bare digits (515549174194) only inside a glued table, whose column count can settle them.
    const bare = !DECIMAL_OR_GROUP.test(tail) && !PERCENT.test(tail);
    if (bare && !(bareDigits && tail.length >= 2)) return undefined;
    const split = splitGlued(tail);
    if (!split) return undefined;
    // Figures alone on a line are glued rows only when several are glued (one is a cell of its own line).
    if (alone && split.tokens.length < 2) return undefined;
    const tailStart = line.start + g[1].length;
    const labelStart = line.start + text.indexOf(label);
    return {
      label,
      labelRange: { start: labelStart, end: labelStart + label.length },
      cells: split.tokens.map((tok) => makeCell(tok.raw, tailStart + tok.start)),
      line: line.index,
      lastLine: line.index,
      start: line.start,
      end: line.start + t.length,
      header: false,
      uncertain: split.ambiguous || bare,
      glued: { text: tail, start: tailStart, bare },
    };
  }
  return undefined;
}

/** A run of glued figures after a label. */
const FIGURE_RUN = /[\d,.%％\-—–]*\d[\d,.%％\-—–]*/g;
const CJK_START = /^[\u4e00-\u9fff]/;
const YEAR_AFTER_DECIMALS = /\.\d\d(?:19|20)\d\d$/;
/** What a remark cell may not start with: a unit or a counter of the figure before it (万元, 亿, 个, 次 …). */
const UNIT_START = /^[万亿千百十元个次倍年月日天人家项笔台吨股份户名只套辆座条款万平米%％]/;
/**
 * Where the remarks cell of a row starts (a line of label, glued figures, then words of a text column: 期后回款情况,
 * 备注), or -1. The figures must be two or more glued ones with separators or decimals, the words after them no unit of a
 * figure and no sentence (。；), and the label no prose.
 */
function remarkStart(text: string): number {
  if (text.length > 600 || SENTENCE_END.test(text) || /[。；;]/.test(text)) return -1;
  FIGURE_RUN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = FIGURE_RUN.exec(text))) {
    // A remark that starts with a year glued to the last figure's decimals (…617,691.502020年度回款…).
    const year = YEAR_AFTER_DECIMALS.exec(m[0]);
    const run = year && text.startsWith('年', m.index + m[0].length) ? m[0].slice(0, year.index + 3) : m[0];
    const end = m.index + run.length;
    if (!GROUPED_TWICE.test(run) || !endsLikeRow(run.charCodeAt(run.length - 1))) continue;
    const rest = text.slice(end);
    const label = text.slice(0, m.index).trim();
    if (!(run !== m[0] || (CJK_START.test(rest) && !UNIT_START.test(rest))) || !label || label.length > MAX_LABEL || CLAUSE_MARK.test(label) || looksLikeProse(label)) return -1;
    const split = splitGlued(run);
    return split && split.tokens.filter((tok) => DECIMAL_OR_GROUP.test(tok.raw)).length >= 2 ? end : -1;
  }
  return -1;
}

/** The tokens of t[from, to) (from and to at tokens) joined by one space each. */
function joinedTokens(t: string, from: number, to: number): string {
  for (let i = from; i < to; i++) {
    const c = t.charCodeAt(i);
    // Another white space than one plain space between two tokens: collapse.
    if (isSpaceCode(c) && (c !== 32 || isSpaceCode(t.charCodeAt(i + 1)))) return t.slice(from, to).replace(SPACES_G, ' ');
  }
  return t.slice(from, to);
}

function looksLikeProse(label: string): boolean {
  const l = label.replace(LEADING_SUBITEM, '').replace(PARENTHESES, '');
  return PROSE_END.test(l) || PUNCTUATION_INSIDE.test(l);
}

const HEADER_START = /^(?:项\s*目|类\s*别|名\s*称|科\s*目|账\s*龄|细分业务类别|业务类型|产品类型|单位名称|客户名称|主要客户(?:名称)?|区\s*域|地\s*区|年\s*度|序\s*号)/;

/** A header line for line-based tables: a label word followed by periods or column titles. */
function headerLine(line: Line): RawRow | undefined {
  const t = line.text.trim();
  if (!t || t.length > 160) return undefined;
  const periods = periodsIn(t);
  const lead = line.text.indexOf(t);
  const base = line.start + lead;
  const labelMatch = HEADER_START.exec(t);
  if (periods.length >= 2 || (periods.length >= 1 && labelMatch)) {
    // Periods and the label must make up the line: a sentence that names two years is prose.
    // What comes before the first period is the label column's title (项目, 费用类别项目).
    const lead = labelMatch ? labelMatch[0].length : periods[0].start;
    if (lead > 16) return undefined;
    let leftover = t.slice(0, periods[periods.length - 1].end);
    for (const p of periods.slice().reverse()) leftover = leftover.slice(0, p.start) + leftover.slice(p.end);
    leftover = leftover.slice(Math.min(lead, leftover.length)) + t.slice(periods[periods.length - 1].end);
    leftover = leftover.replace(HEADER_FILLER, '').replace(SUBHEADER_WORD, '');
    if (leftover.length <= 4) {
    const labelEnd = labelMatch ? labelMatch[0].length : periods[0].start;
    const label = t.slice(0, labelEnd).trim();
    const cells: Cell[] = periods.map((p) => ({ start: base + p.start, end: base + p.end, text: p.text }));
    // A last column that totals the periods: …2018年度合计
    const tail = TOTAL_TAIL.exec(t.slice(periods[periods.length - 1].end));
    if (tail) {
      const at = base + periods[periods.length - 1].end + tail[0].indexOf(tail[1]);
      cells.push({ start: at, end: at + tail[1].length, text: tail[1].replace(SPACES, '') });
    }
    return { label, labelRange: { start: base, end: base + label.length }, cells, line: line.index, lastLine: line.index, start: base, end: base + t.length, header: true };
    }
  }
  if (labelMatch) {
    const rest = t.slice(labelMatch[0].length);
    const parts: Cell[] = [];
    const re = TOKEN;
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(rest))) {
      const s = base + labelMatch[0].length + m.index;
      parts.push({ start: s, end: s + m[0].length, text: m[0] });
    }
    if (parts.length >= 1 && parts.length <= 16 && parts.every((p) => !figureOfCell(p.text, 0) && p.text.length <= 16)) {
      return { label: labelMatch[0], labelRange: { start: base, end: base + labelMatch[0].length }, cells: parts, line: line.index, lastLine: line.index, start: base, end: base + t.length, header: true };
    }
  }
  return undefined;
}

// Column words of a second header row, glued: 收入毛利毛利率收入毛利毛利率 …
const SUBHEADER_WORD = /(?:营业收入|收入金额|获取的订单金额|中标金额|订单金额|收入占比|占收入比例|占比|毛利率|毛利|收入|成本|金额|增速|增长率|比例|数量|单价|余额|账面余额|坏账准备|账面价值|计提比例|净额|变动|差异|本期|上期|期末|期初)(?:\s*[(（][^)）]{0,10}[)）])?/g;

/** A header row of column words under a periods row, or undefined. */
function subheaderLine(line: Line): RawRow | undefined {
  const t = line.text.trim();
  if (!t || t.length > 160 || DIGIT.test(t.replace(PARENTHESES, ''))) return undefined;
  const base = line.start + line.text.indexOf(t);
  const cells: Cell[] = [];
  let covered = 0;
  SUBHEADER_WORD.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = SUBHEADER_WORD.exec(t))) {
    if (t.slice(covered, m.index).trim() !== '') return undefined;
    cells.push({ start: base + m.index, end: base + m.index + m[0].length, text: m[0] });
    covered = m.index + m[0].length;
  }
  if (t.slice(covered).trim() !== '' || cells.length < 2) return undefined;
  return { label: '', labelRange: { start: base, end: base }, cells, line: line.index, lastLine: line.index, start: base, end: base + t.length, header: true };
}

const CJK = /[\u4e00-\u9fff]/;
const WORDS_PUNCTUATION = /[，。；：,;:、]/;

/**
 * A header row of column words parted by spaces (应收账款 坏账准备 计提比例（%）) right above the first row: as
 * many words as the row has cells, each a short Chinese word without figures, or undefined.
 */
function wordsLine(line: Line, n: number): RawRow | undefined {
  const t = line.text.trim();
  if (n < 2 || !t || t.length > 120 || WORDS_PUNCTUATION.test(t) || DIGIT.test(t.replace(PARENTHESES, ''))) return undefined;
  const base = line.start + line.text.indexOf(t);
  const cells: Cell[] = [];
  TOKEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN.exec(t))) {
    if (m[0].length < 2 || m[0].length > 16 || !CJK.test(m[0])) return undefined;
    cells.push({ start: base + m.index, end: base + m.index + m[0].length, text: m[0] });
  }
  if (cells.length !== n) return undefined;
  return { label: '', labelRange: { start: base, end: base }, cells, line: line.index, lastLine: line.index, start: base, end: base + t.length, header: true };
}

/** A line that is one period and nothing else (2019-6-30), over a row of column words: the header's first row. */
function periodLine(line: Line): RawRow | undefined {
  const t = line.text.trim();
  const periods = periodsIn(t);
  if (periods.length !== 1 || periods[0].start !== 0 || periods[0].end < t.length) return undefined;
  const base = line.start + line.text.indexOf(t);
  const cells: Cell[] = [{ start: base, end: base + t.length, text: t }];
  return { label: '', labelRange: { start: base, end: base }, cells, line: line.index, lastLine: line.index, start: base, end: base + t.length, header: true };
}

const SHORT_LABEL_LINE = 12;

export function findLineTables(ctx: TableContext, add: AddTable) {
  const { lines } = ctx;
  const start = ctx.from ?? 0;
  const end = ctx.to ?? lines.length;
  // Lines known to be no row (bit 1: read without bare digits, bit 2: with them): a start that makes
  // no table is followed by another over the same lines. (Rows themselves are made anew: a table changes them.)
  const noRow = new Uint8Array(end - start);
  const rowAt = (k: number, bareDigits = false): RawRow | undefined => {
    const bit = bareDigits ? 2 : 1;
    if (noRow[k - start] & bit) return undefined;
    const row = lineRow(lines[k], bareDigits);
    if (!row) noRow[k - start] |= bit;
    return row;
  };
  let i = start;
  while (i < end) {
    if (ctx.claimed[i] || !isContent(ctx, i)) {
      i++;
      continue;
    }
    // Bare glued digits (合计219137470452189) start a table only under a header of periods, whose column
    // count can settle them.
    let first = rowAt(i);
    const bareFirst = !first && (first = rowAt(i, true))?.glued?.bare === true;
    if (!first || (first.glued && first.label === '' && !labelAbove(ctx, i, first))) {
      i++;
      continue;
    }
    // Look back for header lines and a wrapped label just above the first row.
    const rows: RawRow[] = [];
    const pending: Line[] = [];
    let back = i - 1;
    let seen = 0;
    const headers: RawRow[] = [];
    // Short label lines between the header and a first row of glued figures (长期股权投资, (未经审计)): rows without figures.
    const between: Line[] = [];
    while (back >= start && seen < 4) {
      if (ctx.claimed[back]) break;
      if (!isContent(ctx, back)) {
        back--;
        continue;
      }
      const h =
        headerLine(lines[back]) ??
        (headers.length === 0 && seen === 0 ? subheaderLine(lines[back]) ?? wordsLine(lines[back], first.cells.length) : undefined) ??
        (headers.length === 1 && headers[0].label === '' ? periodLine(lines[back]) : undefined);
      if (h) {
        headers.unshift(h);
        back--;
        seen++;
        continue;
      }
      if (first.glued && !headers.length && between.length < 2 && labelLine(lines[back].text)) {
        between.unshift(lines[back]);
        back--;
        continue;
      }
      break;
    }
    // A column-words row needs its periods row above it (a row of periods alone, 2007年2006年…, stands by itself).
    if (headers.length === 1 && headers[0].label === '' && !periodsIn(headers[0].cells[0]?.text ?? '').length) headers.length = 0;
    if (!headers.length && bareFirst) {
      i++;
      continue;
    }
    rows.push(...headers, ...(headers.length ? between.map((l) => labelOnlyRow(l)) : []), first);
    let j = i + 1;
    let gap = 0;
    let lastRowLine = i;
    let glued = first.glued !== undefined;
    while (j < end && rows.length < MAX_ROWS_PER_TABLE) {
      if (ctx.claimed[j]) break;
      if (!isContent(ctx, j)) {
        j++;
        continue;
      }
      const row = rowAt(j, glued);
      if (row) {
        if (pending.length) {
          // Lines of text between rows: the start of this row's label if it wraps, else rows without figures (减项:).
          const attached = attachWrappedLabel(row, pending);
          rows.push(...pending.slice(0, attached ? -1 : undefined).map((l) => labelOnlyRow(l)));
          pending.length = 0;
        }
        rows.push(row);
        if (row.glued) glued = true;
        lastRowLine = j;
        gap = 0;
        j++;
        continue;
      }
      const h = headerLine(lines[j]) ?? (rows.length && rows[rows.length - 1].header ? subheaderLine(lines[j]) : undefined);
      if (h) {
        // A new header after rows with figures starts a new table — unless it repeats the table's own
        // header where the table goes on after a page break (nothing but furniture in between).
        const firstHeader = rows.find((r) => r.header);
        const repeated = firstHeader && lines[firstHeader.line].text.replace(SPACES_G, '') === lines[j].text.replace(SPACES_G, '');
        const hasFigures = rows.some((r) => !r.header && r.cells.some((c) => c.figure));
        if (hasFigures && (!repeated || pending.some((l) => GROUP_HEADING.test(l.text.trim()) || NUMBERED_HEADING.test(l.text.trim())))) break;
        rows.push(...pending.splice(0).map((l) => labelOnlyRow(l)));
        rows.push(h);
        lastRowLine = j;
        gap = 0;
        j++;
        continue;
      }
      // A period line over a row of column words (续上表 / 2017-12-31 / 应收账款 坏账准备 计提比例（%）) is the next
      // part's header: a new table, whose own header names its columns.
      // The same period again (a page break inside the part) goes on with it.
      const lastData = rows[rows.length - 1];
      const period = pending.length && !lastData.header ? periodLine(pending[pending.length - 1]) : undefined;
      if (period && wordsLine(lines[j], lastData.cells.length)) {
        let shown: RawRow | undefined;
        for (let q = rows.length - 1; q >= 0 && !shown; q--) if (rows[q].header && rows[q].label === '' && rows[q].cells.length === 1 && periodsIn(rows[q].cells[0].text).length) shown = rows[q];
        if (!shown || shown.cells[0].text !== period.cells[0].text) break;
      }
      const t = lines[j].text.trim();
      // Up to three lines of text between rows; five where all are short (a label wrapped over three lines and a
      // row without figures: 单项金额不重大但 / 单独计提坏账准备 / 的应收账款).
      const short = t.length <= SHORT_LABEL_LINE && pending.every((l) => l.text.trim().length <= SHORT_LABEL_LINE);
      if (t.length <= MAX_LABEL && !STATEMENT_END.test(t) && (gap < 3 || (gap < 5 && short)) && !CONTINUED.test(t)) {
        pending.push(lines[j]);
        gap++;
        j++;
        continue;
      }
      if (CONTINUED.test(t) && gap < 3) {
        j++;
        continue;
      }
      break;
    }
    // Label-only lines between rows are empty rows; those after the last row are not the table's.
    const dataRows = rows.filter((r) => !r.header);
    if (dataRows.length >= 2 || (dataRows.length === 1 && dataRows[0].cells.filter((c) => c.figure).length >= 2 && headers.length > 0)) {
      if (glued) resolveGluedRows(rows);
      noteReferences(ctx, rows);
      placeShortRows(rows);
      // (A row without cells whose figures were not read is uncertain too, but says nothing of the layout.)
      add(dataRows.some((r) => r.uncertain !== undefined && r.cells.length > 0) ? 'glued' : 'space', rows);
      i = lastRowLine + 1;
    } else i++;
  }
}

/** A first row of figures alone takes the short text line just above as its label; false if there is none. */
function labelAbove(ctx: TableContext, i: number, row: RawRow): boolean {
  let b = i - 1;
  while (b >= (ctx.from ?? 0) && ctx.furniture.has(b)) b--;
  if (b < (ctx.from ?? 0) || ctx.claimed[b] || !isContent(ctx, b)) return false;
  const l = ctx.lines[b];
  const t = l.text.trim();
  if (!t || t.length > MAX_LABEL || DIGIT.test(t) || STATEMENT_END.test(t) || looksLikeProse(t)) return false;
  row.label = t;
  row.labelRange = { start: l.start + l.text.indexOf(t), end: l.start + l.text.indexOf(t) + t.length };
  row.line = b;
  return true;
}

/** A short line of label text without figures (a group's name, a note such as (未经审计)). */
function labelLine(text: string): boolean {
  const t = text.trim();
  return t.length > 0 && t.length <= 20 && !DIGIT.test(t) && !STATEMENT_END.test(t) && !looksLikeProse(t);
}

/** A note reference written as a bare number (税金及附加 37 15,304,469,070.03 …). */
const BARE_NOTE = /^\d{1,3}$/;
const NOTE_HEADER = /附\s*注|注\s*释/;

/**
 * The note references of a table whose rows give them as a first cell (税金及附加 37 15,304,469,070.03
 * 13,886,517,290.78 beside 一、营业总收入 109,464,278,563.89 97,993,240,501.21): where rows with one cell more than
 * others start with a bare number of up to three digits and their other cells are amounts, that number is
 * the row's note reference — taken out of the cells where the header names a 附注 column, and the row left
 * uncertain where nothing does.
 */
function noteReferences(ctx: TableContext, rows: RawRow[]): void {
  const amounts = (cells: Cell[]) => cells.every((c) => isEmptyCellText(c.text) || (c.figure && /[,.]/.test(c.text)));
  // The cells of a row without a note: the most common count among rows that do not start with a bare number.
  const counts = new Map<number, number>();
  for (const r of rows) {
    if (r.header || r.cells.length < 1 || BARE_NOTE.test(r.cells[0].text)) continue;
    if (!amounts(r.cells)) return;
    counts.set(r.cells.length, (counts.get(r.cells.length) ?? 0) + 1);
  }
  let n = -1;
  for (const [k, v] of counts) if (n < 0 || v > counts.get(n)! || (v === counts.get(n)! && k > n)) n = k;
  if (n < 1) return;
  const noted = rows.filter((r) => !r.header && r.cells.length === n + 1 && BARE_NOTE.test(r.cells[0].text) && amounts(r.cells.slice(1)));
  if (!noted.length) return;
  // A header row names it, or the header line left above the rows (项目 附注 2021 年 12 月 31 日 …, its dates unread).
  let named = rows.some((r) => r.header && NOTE_HEADER.test(ctx.lines[r.line].text));
  for (let k = rows[0].line - 1, seen = 0; !named && k >= (ctx.from ?? 0) && seen < 3; k--) {
    if (ctx.furniture.has(k) || !ctx.lines[k].text.trim()) continue;
    seen++;
    named = NOTE_HEADER.test(ctx.lines[k].text) && ctx.lines[k].text.length <= 120;
  }
  for (const r of noted) {
    if (named) r.cells.shift();
    else r.uncertain = true;
  }
}

/** A line that ends in a figure after a space (支付其他与筹资活动有关的现金 (47) -): a row whose cells were not read. */
const FIGURE_TAIL = /\s[(（-]?\d[\d,]*(?:\.\d+)?[)）%]?(?:\s+(?:[-—–]{1,2}|[(（-]?\d[\d,]*(?:\.\d+)?[)）%]?))*$/;

function labelOnlyRow(l: Line): RawRow {
  const t = l.text.trim();
  const s = l.start + l.text.indexOf(t);
  const row: RawRow = { label: t, labelRange: { start: s, end: s + t.length }, cells: [], line: l.index, lastLine: l.index, start: s, end: s + t.length, header: false };
  // Its figures may belong to the totals around it: no total over it is read with certainty.
  if (FIGURE_TAIL.test(t)) row.uncertain = true;
  return row;
}

/** The line of text just above a row, when it is the start of the row's label (wrapped); true if attached. */
function attachWrappedLabel(row: RawRow, pending: Line[]): boolean {
  const last = pending[pending.length - 1];
  const t = last.text.trim();
  // A wrapped label fills its line: long, and not a complete label such as 库存现金.
  // A numbered group heading (三、筹资活动产生的现金流量) is a line of its own, never the start of the next label.
  // Nor is a line of several text cells apart (债务证券   租赁负债   应付股利   合计): that is a header.
  const wrapped = t.length >= 9 && !LABEL_END.test(t) && !GROUP_HEADING.test(t) && !CELL_GAP.test(t) && rowKindOf(row.label) === 'data' && !SUBITEM_START.test(row.label);
  // A line that ends in figures is a row of its own whose cells were not read (债权投资的价差损益 759 -), never a label's start.
  if (FIGURE_TAIL.test(t)) return false;
  if (row.label === '' || wrapped) {
    row.label = t + row.label;
    row.labelRange = { start: last.start + last.text.indexOf(t), end: row.labelRange.end };
    row.line = last.index;
    return true;
  }
  return false;
}
