// One cell per line without blank lines between cells (PyMuPDF-style extractions): a label line,
// then each value on its own line, an empty cell one blank line or nothing at all; lines that hold
// several values (995,831,729.37 1,008,102,508.77), a label glued to its values
// (资产总计196,356.50 100.00% …), note references (四(44), 七、5, or bare integers 1 … 44), labels
// wrapped over lines (负债和所有者权 / 益总计), headers split over lines (2025 年 / 12 月31 日).
//
// The lines are read as a stream of tokens (text, values, note reference, header word, blank,
// prose); rows are laid out from it: label, optional note, values. The table's column count is
// the most common number of values per row; a row with that many values is certain, a row with
// fewer is placed by its blank lines only where the table's full rows show that blank lines mark
// empty cells, otherwise it is uncertain (never a guess at which cell is empty).

import { Cell } from '../../model/types';
import { figureOfCell, isBreakdownLabel, isSubtractLabel, makeCell, periodsIn, rowKindOf } from '../cells';
import { combinations, isEmptyCellText } from '../numbers';
import { hasNonSpace, isSpaceCode, trimmedEnd, trimmedStart } from '../text';
import { AddTable, MAX_ROWS_PER_TABLE, RawRow, TableContext } from './context';

const enum T {
  Text,
  Values,
  Note,
  Head,
  Blank,
  Prose,
}

interface Piece {
  text: string;
  start: number;
  end: number;
  /** In a header: a text line that is a column word or the first row's label (decided with the column count). */
  word?: boolean;
  line?: number;
}

interface Token {
  kind: T;
  line: number;
  /** Text, note or header word (trimmed), with its range. */
  text: string;
  start: number;
  end: number;
  /** Values (figures and nil marks) of a Values token, or of a text line that ends in values. */
  values?: Piece[];
}

/** A row as read from the stream, before it is laid out over the table's columns. */
interface StreamRow {
  label: string;
  labelStart: number;
  labelEnd: number;
  line: number;
  lastLine: number;
  items: Item[];
  /** Values on lines of their own (not on the label's line). */
  streamed: boolean;
  head?: Piece[];
  /** Values split off the row above (an unlabelled total after a blank line): never certain. */
  orphan?: boolean;
  /** The label's last line (for wrapping). */
  lastPart?: string;
  /** Page breaks (markers, running headers) seen before the row. */
  page?: number;
}

interface Item {
  kind: 'value' | 'blank' | 'note';
  piece?: Piece;
  at: number;
  line: number;
}

const PAGE_MARKER = /^\[P(\d+)\]$/;
const BARE_INT = /^\d{1,4}$/;
const SMALL_INT = /^\d{1,3}$/;
/** Note references: 四(44), 四(55)(c), 七、5, 八、7, 附注七(1), 五、(一). */
const NOTE_REF = /^(?:附注)?[一二三四五六七八九十]{1,3}\s*(?:[、.．]\s*)?(?:[(（]\s*[\da-z一二三四五六七八九十]{1,3}\s*[)）]|\d{1,3})(?:\s*[(（]\s*[\da-z]{1,3}\s*[)）])*$/;
const NOTE_HEAD = /^(?:附注|注释)(?:[一二三四五六七八九十]{1,3}|编号)?$/;
const RESTATED = /^[(（]?\s*(?:经)?重述(?:后|前)?\s*[)）]?$/;
const MONTH_DAY = /^\d{1,2}\s*月\s*(?:\d{1,2}\s*日)?$/;
const YEAR_ONLY = /^(?:19|20)\d\d\s*年$/;
const COLUMN_WORD = /^(?:金额|比例|占比|比重|余额|账面余额|账面价值|账面净值|坏账准备|计提比例|减值准备|跌价准备|原值|累计折旧|数量|变动|增减|增减额|变动额|变动比例|增长率|变动率|模拟变动|本期数|上期数|同比增减|增减变动|变动幅度|增减比例|同比变动|增减幅度)$/;
const SENTENCE = /[。；]/;
const CLAUSE = /[，：]/;
const COLON_END = /[：:]$/;
/** A label that starts a new row, never the tail of a wrapped one. */
const ITEM_START = /^(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]{1,2}[)）]|\d{1,2}[、．](?!\d)|\d{1,2}\.(?!\d)|其中|加\s*[:：]|减\s*[:：]|[①-⑳])/;
const ITEM_ONLY = /^(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]{1,2}[)）]|\d{1,2}[、.．]|[①-⑳])$/;
/** A figure glued to the end of a label: 资产总计196,356.50, 固定资产154,641.52 (grouped or with decimals only). */
const GLUED_FIGURE = /^(.*[^\d\s,.(（\-－−])([-(（]?\d{1,3}(?:,\d{3})*(?:\.\d+)?%?[)）]?|[-(（]?\d+\.\d+%?[)）]?)$/;
const UNIT_WORD_START = /^[年月日元股万亿个人户家次倍天%％]/;
const DASH_RUN = /^(?:-{2,}|－{2,})$/;
const SPACE_RUN = /\s+/g;
const NET_WORD = /现金流量净额$/;
const CHAPTER = /^[一二三四五六七八九十]+、/;
const JOINER_END = /[、和及与的或为对（(]$/;
/** Section words of the statements: never the head of a wrapped label, always a group boundary. */
const SECTION_WORD = /^(?:流动资产|非流动资产|流动负债|非流动负债|所有者权益|股东权益|负债|资产|负债和所有者权益|负债和股东权益|负债及股东权益)(?:（或股东权益）)?[:：]?$/;
/** A numbered caption: 58、所得税费用, （2） 按账龄披露, 1、按性质列示, 七、…; and the mark of a table that goes on. */
const NUMBERED_CAPTION = /^\s*(?:\d{1,2}\s*[、．](?!\d)|\d{1,2}\.(?!\d)|[(（]\s*[\d一二三四五六七八九十]{1,2}\s*[)）]|[一二三四五六七八九十]+、)/;
const CONTINUED = /[(（]\s*续\s*[)）]/;
const isAsciiDigit = (c: number) => c >= 48 && c <= 57;

/**
 * /^[^\d\s]\S*\s{20,}\S*[^\d\s]$/.test(text.slice(a, b)) without the expression or the copy, for a trimmed stretch [a, b):
 * one run of non-space characters, twenty spaces or more, one more run; neither end a digit.
 */
function paddedHeader(text: string, a: number, b: number): boolean {
  if (b - a < 22 || isAsciiDigit(text.charCodeAt(a)) || isSpaceCode(text.charCodeAt(a)) || isAsciiDigit(text.charCodeAt(b - 1)) || isSpaceCode(text.charCodeAt(b - 1))) return false;
  let i = a;
  while (i < b && !isSpaceCode(text.charCodeAt(i))) i++;
  let j = i;
  while (j < b && isSpaceCode(text.charCodeAt(j))) j++;
  if (j - i < 20 || j === b) return false;
  for (let k = j; k < b; k++) if (isSpaceCode(text.charCodeAt(k))) return false;
  return true;
}
const TRAILING_SPACES = /\s+$/;
const TOTAL_TAIL = /^(?:合\s*计|总\s*计|小\s*计)$/;
/** A value given as a bound (＜0.01): a cell, but no figure. */
const LESS_THAN = /^[＜<]\s*\d[\d,]*(?:\.\d+)?%?$/;
const LABEL_COLUMN = /^(?:序号|编号|项目|科目|.{0,6}名称|.{0,4}(?:客户|供应商|关联方|单位|公司|类别|类型))$/;
const LONG_NUMBER = /^\d{10,}$/;
const TOTAL_END = /(?:合\s*计|总\s*计|小\s*计)$/;
const SUB_WORD = /^(?:金额|数量|比例|占比|比重|占[\u4e00-\u9fff]{1,10}?(?:比例|比重))/;
const UNIT_LINE = /单位\s*[:：为]/;
const NUMBERED_TITLE = /^(?:[一二三四五六七八九十]{1,3}[、．]|[（(][一二三四五六七八九十]{1,3}[)）]|\d{1,2}[、．])\s*[\u4e00-\u9fff]/;
const isTotalLabel = (label: string) => rowKindOf(label) !== 'data';

const MAX_LABEL_LEN = 40;
/** Leading spaces before a line of values that place it by position, not in a stream of cells. */
const ALIGNED_INDENT = 12;
/** Rows without values in a row that end a table (notes between tables, prose in short lines). */
const MAX_EMPTY_RUN = 3;

function isValuePiece(text: string, start: number): boolean {
  // A long run of digits without separators is an account or registration number, not an amount.
  if (text.length >= 10 && LONG_NUMBER.test(text)) return false;
  return isEmptyCellText(text) || figureOfCell(text, start) !== undefined || LESS_THAN.test(text);
}

const WORD = /\S+/g;

/** The pieces of a line between runs of spaces; a closing parenthesis on its own joins the figure before it ((1,474,894 )). */
function piecesOf(text: string, base: number): Piece[] {
  const out: Piece[] = [];
  WORD.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = WORD.exec(text))) {
    const p = { text: m[0], start: base + m.index, end: base + m.index + m[0].length };
    const prev = out[out.length - 1];
    if (prev && (p.text === ')' || p.text === '）') && (prev.text[0] === '(' || prev.text[0] === '（')) {
      prev.text = prev.text + p.text;
      prev.end = p.end;
    } else out.push(p);
  }
  return out;
}

function isHeadWord(t: string): boolean {
  if (NOTE_HEAD.test(t) || RESTATED.test(t) || MONTH_DAY.test(t) || YEAR_ONLY.test(t) || COLUMN_WORD.test(t)) return true;
  const c = t.charCodeAt(0);
  // A period: 2024 年12 月31 日, 2024 年度, 期末余额, 本期发生额 (the whole line).
  if ((c >= 48 && c <= 57) || t.length <= 7) {
    const p = periodsIn(t);
    if (p.length === 1 && p[0].start === 0 && p[0].end >= t.replace(TRAILING_SPACES, '').length) return true;
  }
  return false;
}

const PART_HEADING = /^\s*第[一二三四五六七八九十百零〇]{1,4}[节章](?:\s|$)/;

/** Reads one non-blank line as a token, or undefined for a line that is skipped. */
function tokenOf(text: string, lineIndex: number, lineStart: number, from: number, to: number): Token | undefined {
  const t = text.slice(from, to);
  const start = lineStart + from;
  const tok: Token = { kind: T.Text, line: lineIndex, text: t, start, end: start + t.length };
  // Only a line that ends like a figure or a nil mark can hold values; a long one that does not is prose.
  const valueEnd = endsLikeValue(t.charCodeAt(t.length - 1));
  // A chapter heading (第三节, 第五章 管理层讨论与分析) is never inside a table: it ends the table as prose does.
  if ((!valueEnd && t.length > MAX_LABEL_LEN) || PART_HEADING.test(t)) {
    tok.kind = T.Prose;
    return tok;
  }
  if (valueEnd && t.length <= MAX_LABEL_LEN + 160) {
    const pieces = piecesOf(t, start);
    // Values from the end: the longest run of value pieces.
    let k = pieces.length;
    while (k > 0 && isValuePiece(pieces[k - 1].text, pieces[k - 1].start)) k--;
    if (k === 0) {
      tok.kind = T.Values;
      tok.values = pieces;
      return tok;
    }
    let values = pieces.slice(k);
    let labelEnd = k;
    if (!values.length) {
      // A figure glued to the label (资产总计196,356.50).
      const last = pieces[k - 1];
      const m = GLUED_FIGURE.exec(last.text);
      if (m && !NOTE_REF.test(last.text) && (m[2].includes(',') || m[2].includes('.')) && figureOfCell(m[2], 0)) {
        const cut = last.start + m[1].length;
        values = [{ text: m[2], start: cut, end: last.end }];
        pieces[k - 1] = { text: m[1], start: last.start, end: cut };
      }
    } else if (k > 0) {
      const last = pieces[k - 1];
      const m = GLUED_FIGURE.exec(last.text);
      if (m && !NOTE_REF.test(last.text) && (m[2].includes(',') || m[2].includes('.')) && figureOfCell(m[2], 0)) {
        const cut = last.start + m[1].length;
        values.unshift({ text: m[2], start: cut, end: last.end });
        pieces[k - 1] = { text: m[1], start: last.start, end: cut };
      }
    }
    const labelPieces = pieces.slice(0, labelEnd);
    const label = labelPieces.length ? text.slice(labelPieces[0].start - lineStart, labelPieces[labelPieces.length - 1].end - lineStart) : '';
    tok.text = label;
    tok.end = labelPieces.length ? labelPieces[labelPieces.length - 1].end : start;
    if (values.length) {
      // A label followed by a unit word is prose or a header (2024 年), not a row.
      tok.values = values;
    }
  }
  const label = tok.text;
  if (SENTENCE.test(label) || label.length > MAX_LABEL_LEN || (label.length > 24 && CLAUSE.test(label))) {
    tok.kind = T.Prose;
    tok.values = undefined;
    return tok;
  }
  if (!tok.values) {
    if (NOTE_REF.test(label)) tok.kind = T.Note;
    else if (isHeadWord(label)) tok.kind = T.Head;
    else if (label.charCodeAt(0) >= 48 && label.charCodeAt(0) <= 57) {
      // Several periods on one line: 2024 年12 月31 日  2023 年12 月31 日.
      const periods = periodsIn(label);
      let covered = 0;
      for (const p of periods) covered += p.text.replace(SPACE_RUN, '').length;
      if (periods.length > 1 && covered === label.replace(SPACE_RUN, '').length) {
        tok.kind = T.Head;
        tok.values = periods.map((p) => ({ text: p.text, start: tok.start + p.start, end: tok.start + p.end }));
      }
    }
  } else if (isHeadWord(label) || UNIT_WORD_START.test(label)) {
    // 2024 年 1,234: a period with a figure is no row of this layout.
    tok.kind = T.Prose;
    tok.values = undefined;
  }
  return tok;
}

/** A character a figure or nil mark ends with: a digit, %, a closing parenthesis, a dash, /, *. */
function endsLikeValue(c: number): boolean {
  return (
    (c >= 48 && c <= 57) || c === 37 || c === 0xff05 || c === 41 || c === 0xff09 || c === 45 || c === 0xff0d || c === 0x2014 || c === 0x2013 || c === 0x2212 || c === 47 || c === 42 || (c >= 0xff10 && c <= 0xff19)
  );
}

/** A page number printed just after a [Pn] marker (56 after [P57]). */
function isPageNumber(t: string, page: number): boolean {
  if (!BARE_INT.test(t)) return false;
  const n = Number(t);
  return n <= page && n >= page - 12;
}

/**
 * Whether a text line goes on the label line before it (`last`, the label's last line) rather than
 * starting a row: after an item number, a word that cannot end a label (、和及的), a short tail
 * (动资产, 益总计), or a line long enough to have been wrapped (处置固定资产、无 / 形资产和其他长期).
 */
function canJoin(last: string, next: string): boolean {
  if (TOTAL_TAIL.test(next) && !COLON_END.test(last)) return true;
  if (SECTION_WORD.test(last) || COLON_END.test(last) || ITEM_START.test(next) || UNIT_LINE.test(last) || UNIT_LINE.test(next)) return false;
  if (ITEM_ONLY.test(last) || JOINER_END.test(last)) return true;
  // A short tail (动资产, 款), or one that ends in a total word (有者权益合计); 专业构成 / 专业构成类别 are two labels.
  if ((next.length <= 3 && last.length >= 2) || (next.length <= 6 && last.length >= 3 && TOTAL_END.test(next))) return true;
  return last.length >= 7 && !CHAPTER.test(last) && !isTotalLabel(last);
}

export function findCellStreamTables(ctx: TableContext, add: AddTable) {
  const { lines } = ctx;
  const from = ctx.from ?? 0;
  const to = ctx.to ?? lines.length;
  let rows: (StreamRow | 'break')[] = [];
  let cur: StreamRow | undefined;
  let page = -1;
  let pageWindow = 0;
  let breaks = 0;
  const close = () => {
    if (cur) rows.push(cur);
    cur = undefined;
  };
  const flush = () => {
    close();
    if (rows.length) readSegments(ctx, rows, add);
    rows = [];
  };
  for (let i = from; i < to; i++) {
    if (ctx.claimed[i]) {
      flush();
      continue;
    }
    if (ctx.furniture.has(i)) {
      breaks++;
      continue;
    }
    const text = lines[i].text;
    const a = trimmedStart(text);
    const b = a === text.length ? a : trimmedEnd(text);
    if (a === b) {
      if (cur) cur.items.push({ kind: 'blank', at: lines[i].start, line: i });
      continue;
    }
    // [Pn] page markers, and the page number printed after one.
    if (text.charCodeAt(a) === 91 && b - a <= 8) {
      const m = PAGE_MARKER.exec(text.slice(a, b));
      if (m) {
        page = Number(m[1]);
        breaks++;
        pageWindow = 3;
        continue;
      }
    }
    if (pageWindow > 0) {
      pageWindow--;
      if (isPageNumber(text.slice(a, b), page)) {
        pageWindow = 0;
        continue;
      }
    }
    if (b - a > 400) {
      flush();
      continue;
    }
    // A running header padded to the page width (厦门金达威集团股份有限公司      …      募集说明书): a page break.
    if (b - a > 40 && paddedHeader(text, a, b)) {
      breaks++;
      continue;
    }
    const tok = tokenOf(text, i, lines[i].start, a, b);
    if (!tok) continue;
    switch (tok.kind) {
      case T.Prose:
        flush();
        break;
      case T.Head:
        if (!cur || !cur.head || cur.items.some((it) => it.kind !== 'blank')) {
          // A header starts on the label line before it (项目, 资产), or on its own.
          if (cur && !cur.head && cur.items.every((it) => it.kind === 'blank') && !isTotalLabel(cur.label)) cur.head = [];
          else {
            close();
            cur = { label: '', labelStart: tok.start, labelEnd: tok.start, line: i, lastLine: i, items: [], streamed: false, head: [] };
          }
        }
        // Column words (减值准备, 金额) may also be the first row's label: kept as words.
        for (const p of tok.values ?? [{ text: tok.text, start: tok.start, end: tok.end }]) cur.head!.push({ text: p.text, start: p.start, end: p.end, line: i, word: COLUMN_WORD.test(p.text) || undefined });
        cur.lastLine = i;
        break;
      case T.Note:
        if (cur && !cur.head) {
          cur.items.push({ kind: 'note', piece: { text: tok.text, start: tok.start, end: tok.end }, at: tok.start, line: i });
          cur.lastLine = i;
        }
        break;
      case T.Values:
        if (a >= ALIGNED_INDENT) {
          // Values padded far from the line's start stand where their columns are (pdftotext -layout: a wrapped
          // label's figures on a line of their own): the aligned-columns reader reads them by position.
          close();
          rows.push('break');
          break;
        }
        if (cur && cur.head && !cur.label && cur.head.length === 1) {
          // A lone period word with values is a row (期初余额 in a movement table), not a header.
          const p = cur.head[0];
          cur = { label: p.text, labelStart: p.start, labelEnd: p.end, line: cur.line, lastLine: cur.lastLine, items: [], streamed: false };
        } else if (cur && cur.head && (cur.head[cur.head.length - 1].word || balanceUnderYears(cur.head))) {
          // The header's last text line is the first row's label (with the line before it, when wrapped, unless that
          // is a column word: 金额 | 占比 / 现金 | 1.61 is the last column's title over the row 现金); so is a
          // balance word under year columns (2024 年 | 2023 年 / 年初余额 | 14,590,710 …: a movement table).
          const head = cur.head;
          let p = head.pop()!;
          const before = head[head.length - 1];
          if (p.word && before?.word && before.line === p.line! - 1 && (!COLUMN_WORD.test(before.text) || TOTAL_TAIL.test(p.text)) && canJoin(before.text, p.text)) {
            head.pop();
            p = { text: before.text + p.text, start: before.start, end: p.end, line: before.line };
          }
          // Blank lines after the label are the row's (an empty first cell).
          const after = cur.items.filter((it) => it.line > p.line!);
          cur.items = cur.items.filter((it) => it.line <= p.line!);
          if (!head.length) cur.head = undefined;
          close();
          cur = { label: p.text, labelStart: p.start, labelEnd: p.end, line: p.line!, lastLine: i, items: after, streamed: false };
        }
        if (cur && !cur.head) {
          for (const p of tok.values!) cur.items.push({ kind: 'value', piece: p, at: p.start, line: i });
          cur.streamed = true;
          cur.lastLine = i;
        } else {
          // Values with no label to go with: not a row of this layout.
          close();
          rows.push('break');
        }
        break;
      case T.Text: {
        if (cur && cur.head && (cur.page ?? 0) < breaks) {
          // A page break ends a header: what follows is the next page's (项目 / 2024 年12 月31 日 …).
          close();
        } else if (cur && cur.head && !tok.values && !ITEM_START.test(tok.text) && !UNIT_LINE.test(tok.text)) {
          // Column words under the periods (账面余额, 同比增减), or the first row's label; two to a line where a
          // run of spaces parts them (本年减少  2025 年12 月31 日: a word and a period).
          for (const p of headPieces(tok)) cur.head.push(p);
          cur.lastLine = i;
          break;
        }
        if (cur && !cur.head && cur.items.length === 0 && canJoin(cur.lastPart ?? cur.label, tok.text) && cur.label.length + tok.text.length <= MAX_LABEL_LEN + 20 && (!tok.values || tok.text.length <= 4 || ITEM_ONLY.test(cur.label))) {
          cur.label += tok.text;
          cur.lastPart = tok.text;
          if (tok.values) {
            // 资产 / 总计196,356.50 …: the label's tail with the row's values.
            for (const p of tok.values) cur.items.push({ kind: 'value', piece: p, at: p.start, line: i });
          }
          cur.labelEnd = tok.end;
          cur.lastLine = i;
          break;
        }
        {
          close();
          cur = { label: tok.text, labelStart: tok.start, labelEnd: tok.end, line: i, lastLine: i, items: [], streamed: false };
        }
        cur.labelEnd = tok.end;
        if (tok.values) for (const p of tok.values) cur.items.push({ kind: 'value', piece: p, at: p.start, line: i });
        cur.lastLine = i;
        break;
      }
    }
    if (cur && cur.page === undefined) cur.page = breaks;
  }
  flush();
}

const WIDE_GAP = /\s{2,}/g;

/** A header's text line as its words: one, or several where runs of two spaces or more part them; a period among them is no word. */
function headPieces(tok: Token): Piece[] {
  const out: Piece[] = [];
  let from = 0;
  const push = (a: number, b: number) => {
    const text = tok.text.slice(a, b);
    out.push({ text, start: tok.start + a, end: tok.start + b, word: isWord(text), line: tok.line });
  };
  const isWord = (text: string) => COLUMN_WORD.test(text) || (!isHeadWord(text) && !SLASH_PERIOD.test(text));
  WIDE_GAP.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = WIDE_GAP.exec(tok.text))) {
    push(from, m.index);
    from = m.index + m[0].length;
  }
  if (!out.length) return [{ text: tok.text, start: tok.start, end: tok.end, word: isWord(tok.text), line: tok.line }];
  push(from, tok.text.length);
  return out;
}

/** Values of a row, a run of dashes (---) counting as that many nil cells. */
function cellCount(r: StreamRow): number {
  let n = 0;
  for (const it of r.items) if (it.kind === 'value') n += DASH_RUN.test(it.piece!.text) ? it.piece!.text.length : 1;
  return n;
}

function hasFigure(r: StreamRow): boolean {
  for (const it of r.items) if (it.kind === 'value' && !isEmptyCellText(it.piece!.text)) return true;
  return false;
}

function valueCount(r: StreamRow): number {
  let n = 0;
  for (const it of r.items) if (it.kind === 'value') n++;
  return n;
}

/** Splits the rows of a stretch into tables: at breaks, at a new header, after a run of rows without values. */
function readSegments(ctx: TableContext, rows: (StreamRow | 'break')[], add: AddTable) {
  let seg: StreamRow[] = [];
  let firstHead: string | undefined;
  let empties = 0;
  const end = () => {
    if (seg.length) readTable(ctx, seg, add);
    seg = [];
    firstHead = undefined;
    empties = 0;
  };
  for (const r of rows) {
    if (r === 'break') {
      end();
      continue;
    }
    if (r.head) {
      const key = r.head.filter((p) => !p.word).map((p) => p.text).join('|');
      let lastData: StreamRow | undefined;
      for (let q = seg.length - 1; q >= 0 && !lastData; q--) if (!seg[q].head && valueCount(seg[q]) > 0) lastData = seg[q];
      const hasData = !!lastData;
      // The same header again goes on with the table only after a page break, and not after a unit line (a new table).
      // Nor after a numbered title without values (八、研发支出 / 1、按性质列示): the header is a new table's.
      const unitBetween = hasData && seg.slice(seg.indexOf(lastData!) + 1).some((x) => UNIT_LINE.test(x.label) || (valueCount(x) === 0 && NUMBERED_TITLE.test(x.label)));
      // A header under a numbered caption (58、所得税费用, （2） 按账龄披露) starts a new table, unless it says it goes on (（续）).
      const captioned = NUMBERED_CAPTION.test(r.label) && !CONTINUED.test(r.label);
      if (hasData && (key !== firstHead || (r.page ?? 0) <= (lastData!.page ?? 0) || unitBetween || captioned)) end();
      // A header before any data replaces what came before it (a date, a caption read as a header).
      else if (!hasData) seg = [];
      if (firstHead === undefined || !hasData) firstHead = key;
      seg.push(r);
      empties = 0;
      continue;
    }
    if (valueCount(r) === 0 && !r.items.some((it) => it.kind === 'note')) empties++;
    else {
      // A long run of rows without values (notes between tables, prose in short lines) ends the table before it.
      if (empties >= MAX_EMPTY_RUN) {
        seg.length -= empties;
        end();
      }
      empties = 0;
    }
    seg.push(r);
    if (seg.length > MAX_ROWS_PER_TABLE) end();
  }
  end();
}

function isDash(p: Piece | undefined): boolean {
  return !!p && DASH_RUN.test(p.text);
}

/** Lays a table's rows out over its columns and adds it. */
function readTable(ctx: TableContext, seg: StreamRow[], add: AddTable) {
  // Trim rows without values at both ends (captions, signatories), keeping a header at the start.
  let a = 0;
  while (a < seg.length && !seg[a].head && valueCount(seg[a]) === 0) a++;
  let b = seg.length;
  while (b > a && (seg[b - 1].head || valueCount(seg[b - 1]) === 0)) b--;
  const rows = seg.slice(a, b);
  stripRowNumbers(rows);
  splitUnlabelledRows(rows);
  let data = rows.filter((r) => !r.head && valueCount(r) > 0);
  // Three rows with values, or two under a header (one item and its total).
  if (data.length < (rows[0]?.head ? 2 : 3)) return;
  // Rows whose values stand on lines of their own: most of them, or this is another layout's table.
  const streamed = data.filter((r) => r.streamed).length;
  if (streamed < 2 || streamed * 2 < data.length) return;

  // The note column: named in the header, written as 四(n) / 七、n, or bare small integers before K values.
  const header = rows.find((r) => r.head);
  const noteHead = !!header && header.head!.some((p) => NOTE_HEAD.test(p.text));
  let explicit = 0;
  for (const r of data) if (firstItem(r)?.kind === 'note') explicit++;
  const plain: number[] = [];
  for (const r of data) {
    const f = firstItem(r);
    // Rows of nil marks only (---, -) say nothing of the column count.
    if (!(f?.kind === 'value' && SMALL_INT.test(f.piece!.text)) && hasFigure(r)) plain.push(cellCount(r));
  }
  let k = mode(plain.length ? plain : data.map(valueCount));
  let intRows = 0;
  let intRowsFit = 0;
  for (const r of data) {
    const f = firstItem(r);
    if (f?.kind === 'value' && SMALL_INT.test(f.piece!.text)) {
      intRows++;
      if (valueCount(r) === k + 1) intRowsFit++;
    }
  }
  const noteColumn = noteHead || explicit >= 2 || (intRowsFit >= 3 && intRowsFit >= 0.8 * intRows && plain.length >= 1);
  if (!plain.length) k = mode(data.map((r) => valueCount(r) - (noteColumn ? 1 : 0)));
  // One value per row, no header, and labels joined across lines or a unit line with a value: column-major
  // text read row by row (pdftotext without -layout), where the labels of several rows run together.
  if (k < 1 || (k === 1 && !rows[0].head && data.some((r) => r.lastPart !== undefined || UNIT_LINE.test(r.label)))) return;

  // A row of exactly twice the column count holds a second, unlabelled row (3 年以上 | 4,987,183 | 4,466,834 |
  // 66,756,024 | 65,449,636): no row has more than k cells, so each holds k, in order.
  if (k >= 2 && splitDoubleRows(rows, k, noteColumn)) data = rows.filter((r) => !r.head && valueCount(r) > 0);

  // Items of each row after the note cell.
  const itemsOf = (r: StreamRow): { items: Item[]; ambiguous: boolean } => {
    let items = r.items;
    let ambiguous = false;
    const fi = items.findIndex((it) => it.kind !== 'blank');
    if (noteColumn) {
      const f = items[fi];
      if (f && f.kind === 'note') items = items.slice(fi + 1);
      else if (items[0]?.kind === 'blank') items = items.slice(1);
      else if (f && f.kind === 'value' && SMALL_INT.test(f.piece!.text)) {
        const n = valueCount(r);
        if (n === k + 1) items = items.slice(fi + 1);
        else if (n === k) ambiguous = true;
      }
    }
    // A note reference elsewhere in the row is not a value either.
    return { items: items.filter((it) => it.kind !== 'note'), ambiguous };
  };
  const itemsCache = new Map<StreamRow, { items: Item[]; ambiguous: boolean }>();
  const itemsOfRow = (r: StreamRow) => {
    let v = itemsCache.get(r);
    if (!v) itemsCache.set(r, (v = itemsOf(r)));
    return v;
  };
  // Do blank lines mark empty cells? Only where full rows never have a blank line among their values.
  let fullWithBlanks = 0;
  let full = 0;
  for (const r of data) {
    const { items } = itemsOfRow(r);
    const vals = items.filter((it) => it.kind === 'value');
    if (vals.length !== k) continue;
    full++;
    const last = items.lastIndexOf(vals[vals.length - 1]);
    if (items.slice(0, last).some((it) => it.kind === 'blank')) fullWithBlanks++;
  }
  const blanksMark = full >= 2 && fullWithBlanks === 0;
  // A single blank line at a row's end, right before the next row's text (no page break in between), is its last
  // cell where no full row ends in one: then the blank lines stand for empty cells only.
  const beforeText = (it: Item) => {
    const q = it.line + 1;
    if (q >= ctx.lines.length || ctx.furniture.has(q)) return false;
    const t = ctx.lines[q].text;
    const a = trimmedStart(t);
    return a < t.length && t.charCodeAt(a) !== 91;
  };
  let fullTrailing = 0;
  for (const r of data) {
    const { items } = itemsOfRow(r);
    const n = items.length;
    if (n >= 2 && items[n - 1].kind === 'blank' && items[n - 2].kind === 'value' && beforeText(items[n - 1]) && items.filter((it) => it.kind === 'value').length === k) fullTrailing++;
  }
  const trailingMarks = blanksMark && fullTrailing === 0;

  const out: RawRow[] = [];
  const orphans = new Set<RawRow>();
  let seenData = false;
  let prevData: StreamRow | undefined;
  let prevRow: StreamRow | undefined;
  for (const r of rows) {
    if (r.head) {
      out.push(...headerRows(r, k, seenData));
      continue;
    }
    const { items, ambiguous } = itemsOfRow(r);
    let vals = items.filter((it) => it.kind === 'value');
    let cells: Cell[];
    let uncertain = ambiguous;
    // One nil line standing for several cells (--- for three).
    if (vals.length < k && vals.some((it) => isDash(it.piece))) {
      const d = vals.find((it) => isDash(it.piece))!;
      if (vals.length - 1 + d.piece!.text.length === k) {
        const expanded: Item[] = [];
        for (const it of vals) {
          if (it !== d) expanded.push(it);
          else for (let q = 0; q < d.piece!.text.length; q++) expanded.push({ kind: 'value', piece: { text: d.piece!.text[0], start: d.piece!.start + q, end: d.piece!.start + q + 1 }, at: d.at, line: d.line });
        }
        vals = expanded;
        // (-- is as often one nil mark as two: a row made full by reading it as two is not certain.)
        if (d.piece!.text.length === 2) uncertain = true;
      }
    }
    // A total whose label spans the label columns (序号 | 名称 …: 合计 | - | 10,347.94 | 26.99%): a nil mark before
    // as many figures as columns is the empty name cell.
    if (vals.length === k + 1 && TOTAL_TAIL.test(r.label) && isEmptyCellText(vals[0].piece!.text) && vals.slice(1).every((it) => figureOfCell(it.piece!.text, it.piece!.start))) vals = vals.slice(1);
    if (vals.length === 0) cells = [];
    else if (vals.length === k) cells = vals.map((it) => cellOf(it.piece!));
    else if (vals.length < k && blanksMark) {
      // Blank lines mark the empty cells: trailing blanks are the row's end.
      let e = items.length;
      while (e > 0 && items[e - 1].kind === 'blank') e--;
      const slots = items.slice(0, e);
      if (trailingMarks && slots.length === k - 1 && e === items.length - 1 && beforeText(items[e])) slots.push(items[e]);
      if (slots.length === k) cells = slots.map((it) => (it.kind === 'value' ? cellOf(it.piece!) : { start: it.at, end: it.at, text: '' }));
      else {
        cells = vals.map((it) => cellOf(it.piece!));
        uncertain = true;
      }
    } else {
      cells = vals.map((it) => cellOf(it.piece!));
      uncertain = true;
    }
    if (cells.some((c) => c.figure)) seenData = true;
    // A row without values after a total starts a new section (非流动资产 after 流动资产合计): a boundary for the totals below.
    const section =
      (!cells.length && !!prevData && prevRow === prevData && !isTotalLabel(r.label) && (isTotalLabel(prevData.label) || NET_WORD.test(prevData.label) || CHAPTER.test(r.label))) ||
      (SECTION_WORD.test(r.label) && !cells.some((c) => c.figure));
    if (cells.some((c) => c.figure)) prevData = r;
    prevRow = r;
    let end = r.labelEnd;
    for (const it of r.items) if (it.piece && it.piece.end > end) end = it.piece.end;
    out.push({
      label: r.label,
      labelRange: { start: r.labelStart, end: r.labelEnd },
      cells,
      line: r.line,
      lastLine: r.lastLine,
      start: r.labelStart,
      end,
      header: false,
      section: section || undefined,
      uncertain: uncertain || r.orphan || undefined,
    });
    if (r.orphan && !uncertain) orphans.add(out[out.length - 1]);
  }
  confirmRunningSubtotals(out, orphans, k);
  placeTotalsByArithmetic(out, k);
  // Rows without a header right after another reader's table are the rest of that table (misread there): continued.
  let continued = false;
  if (!rows[0].head) {
    let q = rows[0].line - 1;
    while (q >= (ctx.from ?? 0) && !ctx.claimed[q] && (ctx.furniture.has(q) || !hasNonSpace(ctx.lines[q].text))) q--;
    continued = q >= (ctx.from ?? 0) && ctx.claimed[q] === 1;
  }
  add('cellStream', out, continued);
}

/** A cell from a value piece; its range is the piece's ((1,474,894 ) is read without its inner space). */
function cellOf(p: Piece): Cell {
  const c = makeCell(p.text, p.start);
  c.end = p.end;
  return c;
}

function firstItem(r: StreamRow): Item | undefined {
  return r.items.find((it) => it.kind !== 'blank');
}

function mode(values: number[]): number {
  const counts = new Map<number, number>();
  for (const v of values) if (v > 0) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best = 0;
  let bestCount = 0;
  for (const [v, c] of counts) if (c > bestCount || (c === bestCount && v > best)) [best, bestCount] = [v, c];
  return best;
}

const YEAR_END = /年$/;
const MONTH_START = /^\d{1,2}\s*月/;
const ASIDE = /^[(（][^)）]{0,8}[)）]$/;
const SLASH_PERIOD = /^[/／]\s*(?:19|20)\d\d/;

/** Two levels of column words (账面余额 坏账准备 … over 金额 比例 …): they cannot be laid over the columns in stream order. */
function twoLevels(words: Cell[]): boolean {
  return words.some((c) => SUB_WORD.test(c.text)) && words.some((c) => !SUB_WORD.test(c.text));
}

type HeadCell = Cell & { word: boolean; line?: number };

/** A column word's second line: one that starts with a slash (其他增加 / /(减少)), or a lone character (计提减值准 / 备). */
const WRAPPED_TAIL = /^(?:[/／]|[\u4e00-\u9fff]$)/;

/** The header's column words with their wrapped second lines joined to the word on the line before. */
function joinWrappedWords(cells: HeadCell[]): HeadCell[] {
  const out: HeadCell[] = [];
  for (const c of cells) {
    const last = out[out.length - 1];
    if (last && last.word && c.word && c.line !== undefined && last.line !== undefined && c.line === last.line + 1 && WRAPPED_TAIL.test(c.text) && !COLUMN_WORD.test(last.text)) {
      out[out.length - 1] = { ...last, text: last.text + c.text, end: c.end, line: c.line };
    } else out.push(c);
  }
  return out;
}

/**
 * A header as rows: periods joined across lines (2025 年 / 12 月31 日), asides ((经重述), (%)) on the cell
 * before, the note column left out; column words under periods make a second row. Trailing text lines
 * beyond the column count are section labels, not column words.
 */
function headerRows(r: StreamRow, k: number, repeated: boolean): RawRow[] {
  const cells: HeadCell[] = [];
  for (const p of r.head!) {
    // The note column and the titles of label columns (序号, 客户名称) are not value columns.
    if (NOTE_HEAD.test(p.text) || (p.word && LABEL_COLUMN.test(p.text))) continue;
    const last = cells[cells.length - 1];
    // A period's second half (2025 年12 月31 日 / /2025 年度: the balance date and the year) goes on the cell before.
    const second = !!last && !last.word && SLASH_PERIOD.test(p.text) && periodsIn(p.text.slice(1)).length === 1;
    if (last && ((YEAR_END.test(last.text) && MONTH_START.test(p.text)) || RESTATED.test(p.text) || ASIDE.test(p.text) || second)) {
      last.text += p.text;
      last.end = p.end;
      continue;
    }
    cells.push({ start: p.start, end: p.end, text: p.text, word: !!p.word || COLUMN_WORD.test(p.text), line: p.line });
  }
  const fits = (n: number) => n > 0 && (n === k || k % n === 0);
  // Periods over column words (2024 年 … / 金额 占比 金额 占比 …): two header rows. Otherwise trailing
  // text lines beyond the column count are section labels, not column words.
  const split = (cs: typeof cells): Cell[][] | undefined => {
    const periods = cs.filter((c) => !c.word);
    const words = cs.filter((c) => c.word);
    // Two levels of words (账面余额 坏账准备 … over 金额 比例 …) cannot be laid over the columns in stream order.
    if (twoLevels(words)) return undefined;
    if (periods.length > 1 && words.length === k && fits(periods.length) && cs.indexOf(words[0]) >= periods.length) return [periods, words];
    return undefined;
  };
  const whole = (cs: typeof cells) => cs.length === k && !twoLevels(cs.filter((c) => c.word));
  const lay = (cs: HeadCell[]): { rows?: Cell[][]; cells: HeadCell[] } => {
    cs = cs.slice();
    let rows = whole(cs) ? [cs] : split(cs);
    while (!rows && cs.length > k && cs[cs.length - 1].word) {
      cs.pop();
      rows = whole(cs) ? [cs] : split(cs);
    }
    return { rows, cells: cs };
  };
  // Column words wrapped over lines (其他增加 / /(减少), 计提减值准 / 备): joined where that lays the whole header
  // over the columns (before trailing words are taken for section labels).
  const joined = joinWrappedWords(cells);
  const joinedRows = joined.length < cells.length ? (whole(joined) ? [joined] : split(joined)) : undefined;
  const laid = joinedRows ? { rows: joinedRows, cells: joined } : lay(cells);
  let rowsOfCells = laid.rows;
  const kept = laid.cells;
  if (!rowsOfCells) rowsOfCells = fits(kept.length) && !twoLevels(kept.filter((c) => c.word)) ? [kept] : [[]];
  const lastEnd = r.head!.length ? r.head![r.head!.length - 1].end : r.labelEnd;
  return rowsOfCells.map((cs, i) => ({
    label: i === 0 ? r.label : '',
    labelRange: { start: r.labelStart, end: r.labelEnd },
    cells: cs.map((c) => ({ start: c.start, end: c.end, text: c.text })),
    line: r.line,
    lastLine: r.lastLine,
    start: r.labelStart,
    end: Math.max(r.labelEnd, lastEnd),
    header: true,
    repeatedHeader: repeated || undefined,
  }));
}

/**
 * An unlabelled row (split off the row above it) is certain where it is the running subtotal of its group: in
 * every column the sum of the rows above it (back to the header, a section or a total; 减： rows subtracted),
 * two rows at least, all of them certain and full. It is settled by the rows above, never by a total below
 * (应收押金 | 暂付款 | 其他 | 16,214 | 减：坏账准备 | 合计: the 合计 is then checked on its own).
 */
function confirmRunningSubtotals(rows: RawRow[], orphans: Set<RawRow>, k: number) {
  if (!orphans.size) return;
  let from = 0;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    if (r.header || r.section || isTotalLabel(r.label)) {
      from = i + 1;
      continue;
    }
    if (!orphans.has(r) || r.cells.length !== k || r.cells.some((c) => !c.figure)) continue;
    const parts = rows.slice(from, i).filter((x) => x.cells.length > 0 && !isBreakdownLabel(x.label));
    if (parts.length < 2 || parts.some((x) => x.uncertain || x.cells.length !== k || x.cells.some((c) => !c.figure && !isEmptyCellText(c.text)))) continue;
    let ok = true;
    for (let c = 0; c < k && ok; c++) {
      const want = r.cells[c].figure!;
      let s = 0;
      let t = 0.5 * Math.pow(10, -want.decimals);
      let n = 0;
      for (const x of parts) {
        const f = x.cells[c].figure;
        if (!f) continue;
        s += isSubtractLabel(x.label) ? -Math.abs(f.value) : f.value;
        t += 0.5 * Math.pow(10, -f.decimals);
        n++;
      }
      ok = n >= 2 && Math.abs(s - want.value) <= t + 1e-9;
    }
    if (!ok) continue;
    r.uncertain = undefined;
    from = i + 1;
  }
}

/**
 * A total with fewer values than columns (合计 | 3,792,976 | 100.00 | 176,946 | | 3,616,030: no ratio) is placed
 * by the arithmetic: where exactly one way of putting its values into the columns, in order, makes each of them
 * the sum of the rows above it (back to the previous total, section or header), the row takes that layout;
 * otherwise it stays uncertain.
 */
function placeTotalsByArithmetic(rows: RawRow[], k: number) {
  if (k < 2 || k > 10) return;
  let from = 0;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    const total = isTotalLabel(r.label);
    if (r.header || r.section) {
      from = i + 1;
      continue;
    }
    if (!total) continue;
    if (!r.uncertain && r.cells.length === k) placeRowsByTotal(rows.slice(from, i), r, k);
    else if (r.uncertain && r.cells.length > 0 && r.cells.length < k) {
      const parts = rows.slice(from, i).filter((x) => !x.header && !x.section && x.cells.length > 0 && !isBreakdownLabel(x.label));
      if (parts.length >= 2 && parts.every((x) => !x.uncertain && x.cells.length === k)) {
        const placed = uniquePlacement(r.cells, parts, k);
        if (placed) {
          r.cells = placed;
          r.uncertain = undefined;
        }
      }
    }
    from = i + 1;
  }
}

function uniquePlacement(values: Cell[], parts: RawRow[], k: number): Cell[] | undefined {
  // Column sums of the parts, and the tolerance of each (half a unit of the last decimal, per figure).
  const sums: number[] = [];
  const slack: number[] = [];
  for (let c = 0; c < k; c++) {
    let s = 0;
    let t = 0;
    let any = false;
    for (const x of parts) {
      const f = x.cells[c].figure;
      if (!f) continue;
      any = true;
      s += isSubtractLabel(x.label) ? -f.value : f.value;
      t += 0.5 * Math.pow(10, -f.decimals);
    }
    sums.push(any ? s : NaN);
    slack.push(t);
  }
  const m = values.length;
  let found: number[] | undefined;
  let count = 0;
  const pos: number[] = [];
  const fits = (v: Cell, c: number) => {
    const f = v.figure;
    if (!f) return false;
    if (Number.isNaN(sums[c])) return false;
    return Math.abs(f.value - sums[c]) <= slack[c] + 0.5 * Math.pow(10, -f.decimals) + 1e-9;
  };
  const walk = (vi: number, c: number) => {
    if (count > 1) return;
    if (vi === m) {
      count++;
      found = pos.slice();
      return;
    }
    for (let q = c; q <= k - (m - vi); q++) {
      if (!fits(values[vi], q)) continue;
      pos.push(q);
      walk(vi + 1, q + 1);
      pos.pop();
    }
  };
  // Every value must be a figure that is its column's sum.
  if (values.some((v) => !v.figure)) return undefined;
  walk(0, 0);
  if (count !== 1 || !found) return undefined;
  const out: Cell[] = [];
  let vi = 0;
  for (let c = 0; c < k; c++) {
    if (vi < m && found[vi] === c) out.push(values[vi++]);
    else {
      const at = out.length ? out[out.length - 1].end : values[0].start;
      out.push({ start: at, end: at, text: '' });
    }
  }
  return out;
}

/**
 * Rows of a group with fewer values than columns (预计负债 | 4,841.91, the other periods empty), under a certain
 * total: where exactly one way of placing each such row's values, in order, makes every column of the group
 * add up to the total, the rows take it. (A few such rows only: the readings are enumerated.)
 */
function placeRowsByTotal(group: RawRow[], total: RawRow, k: number) {
  const parts = group.filter((x) => !x.header && !x.section && x.cells.length > 0);
  const open = parts.filter((x) => x.uncertain);
  if (!open.length || open.length > 4) return;
  if (open.some((x) => x.cells.length >= k || isBreakdownLabel(x.label) || x.cells.some((c) => !c.figure))) return;
  if (parts.some((x) => !x.uncertain && x.cells.length !== k)) return;
  if (total.cells.some((c) => !c.figure && !isEmptyCellText(c.text))) return;
  const fixed = parts.filter((x) => !x.uncertain && !isBreakdownLabel(x.label));
  // Column sums of the certain rows, and the tolerance.
  const base: number[] = [];
  const slack: number[] = [];
  for (let c = 0; c < k; c++) {
    let s = 0;
    let t = 0.5 * Math.pow(10, -(total.cells[c].figure?.decimals ?? 0));
    for (const x of fixed) {
      const f = x.cells[c].figure;
      if (!f) continue;
      s += isSubtractLabel(x.label) ? -f.value : f.value;
      t += 0.5 * Math.pow(10, -f.decimals);
    }
    base.push(s);
    slack.push(t);
  }
  // The placements of each open row: increasing column positions for its values.
  const options = open.map((x) => combinations(k, x.cells.length));
  let count = 1;
  for (const o of options) count *= o.length;
  if (count > 2000) return;
  const sums = base.slice();
  let found: number[][] | undefined;
  let solutions = 0;
  const chosen: number[][] = [];
  const walk = (i: number) => {
    if (solutions > 1) return;
    if (i === open.length) {
      for (let c = 0; c < k; c++) {
        const want = total.cells[c].figure?.value ?? 0;
        let t = slack[c];
        for (let q = 0; q < open.length; q++) {
          const at = chosen[q].indexOf(c);
          if (at >= 0) t += 0.5 * Math.pow(10, -open[q].cells[at].figure!.decimals);
        }
        if (Math.abs(sums[c] - want) > t + 1e-9) return;
      }
      solutions++;
      found = chosen.map((p) => p.slice());
      return;
    }
    const x = open[i];
    const sign = isSubtractLabel(x.label) ? -1 : 1;
    for (const pos of options[i]) {
      pos.forEach((c, j) => (sums[c] += sign * x.cells[j].figure!.value));
      chosen.push(pos);
      walk(i + 1);
      chosen.pop();
      pos.forEach((c, j) => (sums[c] -= sign * x.cells[j].figure!.value));
    }
  };
  walk(0);
  if (solutions !== 1 || !found) return;
  open.forEach((x, q) => {
    const pos = found![q];
    const cells: Cell[] = [];
    let j = 0;
    for (let c = 0; c < k; c++) {
      if (j < pos.length && pos[j] === c) cells.push(x.cells[j++]);
      else {
        const at = cells.length ? cells[cells.length - 1].end : x.cells[0].start;
        cells.push({ start: at, end: at, text: '' });
      }
    }
    x.cells = cells;
    x.uncertain = undefined;
  });
}


/**
 * A 序号 column read in stream order puts each row's number at the end of the row before it
 * (海口港集团公司 | 71,263,029 | 75.01% | 2 / 深圳市盐田港… ). Where the last values of consecutive rows
 * count up (2, 3, 4 …), they are row numbers and are dropped, with the 1 before the first row.
 */
function stripRowNumbers(all: StreamRow[]) {
  const lastValue = (r: StreamRow): Item | undefined => {
    for (let q = r.items.length - 1; q >= 0; q--) if (r.items[q].kind === 'value') return r.items[q];
    return undefined;
  };
  const numberOf = (r: StreamRow): number => {
    const v = lastValue(r);
    return v && SMALL_INT.test(v.piece!.text) ? Number(v.piece!.text) : -1;
  };
  const drop = (r: StreamRow) => {
    const v = lastValue(r)!;
    r.items.splice(r.items.indexOf(v), 1);
  };
  // Rows with values, in order (rows of text only between them — a second label column — do not count).
  const rows = all.filter((r) => !r.head && valueCount(r) > 0);
  const n = rows.length;
  let i = 0;
  while (i < n) {
    // A run of rows whose last values count up by one.
    let j = i;
    while (j + 1 < n && numberOf(rows[j]) > 0 && numberOf(rows[j + 1]) === numberOf(rows[j]) + 1) j++;
    const first = numberOf(rows[i]);
    // Three numbers in sequence at least: 2, 3, 4 at the ends of three rows, or 1 before two.
    const before = i > 0 && first > 1 && numberOf(rows[i - 1]) === first - 1;
    if (j - i >= 2 || (j - i >= 1 && before)) {
      for (let q = i; q <= j; q++) drop(rows[q]);
      // The number of the run's first row ends the row before it.
      if (before) drop(rows[i - 1]);
      i = j + 1;
    } else i++;
  }
}

/** A row without a label made of values split off the row before it (never certain by its shape alone). */
function unlabelledRow(values: Item[], before: StreamRow): StreamRow {
  const first = values[0].piece!;
  return {
    label: '',
    labelStart: first.start,
    labelEnd: first.start,
    line: values[0].line,
    lastLine: values[values.length - 1].line,
    items: values,
    streamed: true,
    orphan: true,
    page: before.page,
  };
}

/** Splits each row of exactly 2k values (and no note reference among them) into the row and an unlabelled row after it. */
function splitDoubleRows(rows: StreamRow[], k: number, noteColumn: boolean): boolean {
  let split = false;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    if (r.head || r.orphan || valueCount(r) !== 2 * k) continue;
    const f = firstItem(r);
    if (noteColumn && f?.kind === 'value' && SMALL_INT.test(f.piece!.text)) continue;
    let seen = 0;
    let cut = 0;
    while (cut < r.items.length && seen < k) if (r.items[cut++].kind === 'value') seen++;
    rows.splice(i + 1, 0, unlabelledRow(r.items.slice(cut).filter((it) => it.kind === 'value'), r));
    r.items = r.items.slice(0, cut);
    r.lastLine = r.items[r.items.length - 1].line;
    split = true;
    i++;
  }
  return split;
}

const BALANCE_WORD = /(?:余额|发生额)$/;
const YEAR_WORD = /^(?:19|20)\d\d\s*年(?:度)?$/;

/** A header of year words (2024 年, 2023 年) whose last line is a balance word (年初余额) on a line of its own. */
function balanceUnderYears(head: Piece[]): boolean {
  const n = head.length;
  if (n < 3) return false;
  const last = head[n - 1];
  if (last.word || !BALANCE_WORD.test(last.text) || last.line === head[n - 2].line) return false;
  for (let q = 0; q < n - 1; q++) if (!YEAR_WORD.test(head[q].text)) return false;
  return true;
}

/**
 * A row of n values, a blank line, and n more values (境外 | 87,721,879 | … / / 118,538,732 | …), in a table
 * whose other rows have n values, holds an unlabelled row (a subtotal the extraction lost the label of):
 * it is split off as a row without a label, never certain.
 */
function splitUnlabelledRows(rows: StreamRow[]) {
  const counts = new Map<number, number>();
  for (const r of rows) if (!r.head) counts.set(valueCount(r), (counts.get(valueCount(r)) ?? 0) + 1);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    if (r.head) continue;
    const items = r.items;
    // values, blank(s), values — no blank inside either group.
    let a = 0;
    while (a < items.length && items[a].kind === 'blank') a++;
    let b = a;
    while (b < items.length && items[b].kind === 'value') b++;
    let c = b;
    while (c < items.length && items[c].kind === 'blank') c++;
    let d = c;
    while (d < items.length && items[d].kind === 'value') d++;
    let e = d;
    while (e < items.length && items[e].kind === 'blank') e++;
    const n = b - a;
    if (n < 2 || c === b || d - c !== n || e !== items.length || (counts.get(n) ?? 0) < 2) continue;
    rows.splice(i + 1, 0, unlabelledRow(items.slice(c, d), r));
    r.items = items.slice(0, b);
    r.lastLine = items[b - 1].line;
    i++;
  }
}
