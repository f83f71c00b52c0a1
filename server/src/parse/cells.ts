// Cell-level reading shared by every table layout: figures with an optional
// unit written on them, row labels (totals, 其中, 减：, formula tags), and the
// period words that make a header row.

import { Cell, Figure, RowKind, Table } from '../model/types';
import { asciiDigits, isEmptyCellText, parseNumberToken } from './numbers';
import { unitFromWord } from './units';
import { isSpaceCode, SPACES } from './text';

const FIGURE_WITH_UNIT = /^(\(|（)?([-－−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(?:\s*)((?:人民币|美元|港元)?(?:十万|百万|千万|千|万|亿)?(?:元|户|个|人|股|次|家|笔)|[%％])?(\)|）)?$/;

/** A figure from a cell's text (offsets relative to `start`), or undefined for text and empty cells. */
/** Figures start with a digit, a sign or an opening parenthesis. */
const FIGURE_START = /^[\d(（\-－−０-９]/;

export function figureOfCell(text: string, start: number): Figure | undefined {
  const trimmed = text.trim();
  if (!FIGURE_START.test(trimmed) || isEmptyCellText(trimmed)) return undefined;
  // The leading white space trim() removed (text.indexOf(trimmed), without the search).
  let lead = 0;
  while (lead < text.length && isSpaceCode(text.charCodeAt(lead))) lead++;
  const s = start + lead;
  const direct = parseNumberToken(trimmed);
  if (direct) {
    return { start: s, end: s + trimmed.length, raw: trimmed, value: direct.value, decimals: direct.decimals, percent: direct.percent };
  }
  const m = FIGURE_WITH_UNIT.exec(asciiDigits(trimmed));
  if (!m || (m[1] !== undefined) !== (m[4] !== undefined) || !m[3]) return undefined;
  const num = parseNumberToken(m[2]);
  if (!num) return undefined;
  const unitStart = s + (m[1]?.length ?? 0) + m[2].length;
  const unit = unitFromWord(m[3], 'cell', { start: unitStart, end: unitStart + m[3].length });
  const value = m[1] !== undefined ? -Math.abs(num.value) : num.value;
  const percent = unit?.kind === 'percent';
  return { start: s, end: s + trimmed.length, raw: trimmed, value, decimals: num.decimals, percent, unit: percent ? undefined : unit };
}

export function makeCell(text: string, start: number): Cell {
  return { start, end: start + text.length, text: text.trim(), figure: figureOfCell(text, start) };
}

// Period words in header rows: 2019年6月30日, 2021年1-6月, 2020年度, 2019-6-30, 2021.12.31, 期末余额 …
const Y = '(?:19|20)\\d{2}';
export const PERIOD = new RegExp(
  `${Y}\\s*年\\s*(?:\\d{1,2}\\s*[-—~至]\\s*)?\\d{1,2}\\s*月(?:份)?(?:\\s*\\d{1,2}\\s*日)?(?:\\s*[/／]\\s*${Y}\\s*年度)?` +
    `|${Y}\\s*年\\s*(?:第[一二三四]季度|[一二三四]季度|上半年|下半年|度|末|初)?` +
    `|${Y}[-./]\\d{1,2}[-./]\\d{1,2}(?![\\d.])` +
    `|(?:期末|期初|本期|上期|本年|上年|年初|年末)(?:余额|数|金额|发生额|累计数|同期)?|本报告期|上年同期|上年度`,
  'g',
);

export function periodsIn(text: string): { text: string; start: number; end: number }[] {
  const out: { text: string; start: number; end: number }[] = [];
  PERIOD.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = PERIOD.exec(text))) {
    if (m[0].length === 0) {
      PERIOD.lastIndex++;
      continue;
    }
    out.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  }
  return out;
}

// 合计 / 小计 / 总计, but not 组合计提 (provision by portfolio) or 合计数 (the total as a noun: 占应收账款合计数的比例).
export const TOTAL_WORD_IN_TEXT = /(?<!组)合\s*计(?![提数])|小\s*计(?!提)|总\s*计(?!划|提)/;
const TOTAL = TOTAL_WORD_IN_TEXT;

const SUBITEM = /^其中/;
const SUBTOTAL_WORD = /小计/;
const TOTAL_WORD = /合计|总计/;
const SHARE_OR_SUBITEM_START = /^(?:占|其中)/;
const SHARE_END = /[占比]例?$/;
const BREAKDOWN = /^\s*其中/;
const SUBTRACT = /^\s*减\s*[:：]|^\s*(?:所得税影响额|少数股东权益影响额)/;
const SINGLE_TAG = /^(?:[ivx]+|[a-zA-Z]|\d{1,2}|[①-⑳])(?:\s*=\s*[^=]+)*$/;
const TAG_SUM = /^[ivxa-zA-Z\d①-⑳]+(?:\s*[+\-＋－÷\/×]\s*[ivxa-zA-Z\d①-⑳]+)+$/;
const FULL_PLUS = /＋/g;
const FULL_MINUS = /－/g;
const PLUS_OR_MINUS = /[+\-]/;
const RANGE_MARK = /[至到~—-]/;
const TAG_RANGE = /[(（]\s*(\d{1,2})\s*[至到~—-]\s*(\d{1,2})\s*[)）]\s*$/;
const TAG_IN_PARENTHESES = /[(（]\s*([a-z]|\d{1,2})\s*[)）]\s*[:：]?\s*$/;
const CIRCLED_TAG = /^\s*([①-⑳])/;

export function rowKindOf(label: string): RowKind {
  const l = label.replace(SPACES, '');
  if (SUBITEM.test(l)) return 'data';
  if (SUBTOTAL_WORD.test(l) && !TOTAL_WORD.test(l)) return 'subtotal';
  if (TOTAL.test(l) && l.length <= 30 && !SHARE_OR_SUBITEM_START.test(l) && !SHARE_END.test(l)) return 'total';
  return 'data';
}

export function isBreakdownLabel(label: string): boolean {
  return BREAKDOWN.test(label);
}

export function isSubtractLabel(label: string): boolean {
  // 减：库存股; and the deductions of a 非经常性损益 table, written without 减：.
  return SUBTRACT.test(label);
}

/** A label made only of a tag ("i", "ii=1+2", "2=a+b+c", "A", "③=②-①", "i+ii"). */
export function tagLike(text: string): boolean {
  const t = text.trim();
  if (!t || t.length > 20) return false;
  return SINGLE_TAG.test(t) || TAG_SUM.test(t);
}

/** Splits a tag cell into the row's own tag and its formula: "ii=1+2" → tag ii, formula 1+2; "i+ii" → formula only. */
export function tagAndFormula(text: string): { tag?: string; formula?: string } {
  const t = text.trim().replace(SPACES, '').replace(FULL_PLUS, '+').replace(FULL_MINUS, '-');
  const eq = t.indexOf('=');
  if (eq >= 0) return { tag: t.slice(0, eq).toLowerCase(), formula: t.slice(eq + 1).toLowerCase() };
  if (PLUS_OR_MINUS.test(t)) return { formula: t.toLowerCase() };
  return { tag: t.toLowerCase() };
}

const TAG = '[①-⑳]|[ivx]{1,4}|[a-z]|\\d{1,2}';
const LABEL_FORMULA = new RegExp(`(${TAG})\\s*=\\s*((?:${TAG})(?:\\s*[+\\-]\\s*(?:${TAG}))+)\\s*[)）]?\\s*$`);

/**
 * Formula written into a row label: "③=②-①", "小计(e=a-b-c-d)", "合计(1至14)" (the rows tagged 1 to 14).
 */
export function labelFormula(label: string): { tag?: string; formula?: string } | undefined {
  const l = label.replace(FULL_PLUS, '+').replace(FULL_MINUS, '-');
  if (!l.includes('=') && !RANGE_MARK.test(l)) return undefined;
  const m = LABEL_FORMULA.exec(l);
  if (m) return { tag: m[1].toLowerCase(), formula: m[2].replace(SPACES, '').toLowerCase() };
  const r = TAG_RANGE.exec(l);
  if (r && TOTAL.test(l)) {
    const from = Number(r[1]);
    const to = Number(r[2]);
    if (from < to && to - from < 60) return { formula: Array.from({ length: to - from + 1 }, (_, i) => String(from + i)).join('+') };
  }
  return undefined;
}

/** A row's own tag written in its label: "湖南省(1):", "销售费用(a)", "①营业收入". */
export function labelTag(label: string): string | undefined {
  const m = TAG_IN_PARENTHESES.exec(label) ?? CIRCLED_TAG.exec(label);
  return m ? m[1].toLowerCase() : undefined;
}


/**
 * Per column of a table, how many of its full rows (as many cells as columns, header rows left out) hold a
 * figure there, and how many hold text that `nil` does not take for a nil mark or an empty cell: the text
 * columns (模式, 客户名称) among the columns of figures.
 */
export function columnCellCounts(table: Table, nil: (text: string) => boolean): { figures: number; texts: number }[] {
  const n = table.columns.length;
  const out = Array.from({ length: n }, () => ({ figures: 0, texts: 0 }));
  for (const r of table.rows) {
    if (r.kind === 'header' || r.cells.length !== n) continue;
    for (let c = 0; c < n; c++) {
      const cell = r.cells[c];
      if (cell.figure) out[c].figures++;
      else if (!nil(cell.text)) out[c].texts++;
    }
  }
  return out;
}
