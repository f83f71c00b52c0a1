// Column titles stacked one per line above a table's first row, each wrapped over lines as narrow PDF
// columns wrap them (营业收入 / 营业成本 / 毛利率 / 营业收入比上 / 年同期增减 …): the one-cell-per-line
// extractions and pdftotext write a header so. The lines are parted into the table's k titles (or k + 1,
// the first naming the label column) where the wrapping allows: a title's lines before its last are full
// (the next line's first character would not have fitted on them), a line that cannot start a title
// (年同期增减, /(减少), （个）) goes on the one before. Every parting that fits is considered; the titles are
// taken only where all of them give every column the same title (a wrong title is worse than none).

import { Cell, Line } from '../../model/types';
import { isContent, TableContext } from './context';
import { periodsIn } from '../cells';
import { columnUnitIn } from '../units';

/** A line that goes on the title before it: a unit word, an aside or a closing start (年同期增减, /(减少), （个）, ）, 的), or a month. */
const CONTINUES = /^(?:[年月日的及和与、，,/／)）%％(（]|\d{1,2}\s*月)/;
/** A line that cannot be a column title: a figure, a sentence, a quotation, several words parted by spaces, an item number, a unit line or a bare unit, a label ending in a colon. */
const NOT_TITLE = /\d[\d,]*\.\d|\d{1,3},\d{3}|[。；：:□√“”"]|\s{2}|[\u4e00-\u9fff)）]\s+[\u4e00-\u9fff(（]|单位|^(?:元|万元|千元|百万元|亿元|%|％)$|^(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]{1,2}[)）]|\d{1,2}[、．]|\d{1,2}\.(?!\d)|其中|加|减|[①-⑳])/;
/** What a header names and a row label seldom does: amounts, balances, shares, changes, periods, rates, values. */
const HEADER_WORD = /金额|余额|比例|占比|比重|数量|增减|变动|\d{4}\s*年|年度|季度|期末|期初|本期|上期|本年|上年|率|净值|原值|价值|发生额/;
/** Group labels of the rows (the segments of the statements' business tables: 分行业, 分产品, 分地区 …), just above the first row. */
const ROW_GROUP = /^分(?:行业|产品|地区|销售模式|业务|板块|品牌|渠道|季度)/;
/** The title of the label column, or of a column of text (说明, 备注): never a value column's. */
const LABEL_TITLE = /(?:项\s*目|科\s*目|名\s*称|类\s*别|类\s*型|序\s*号|账\s*龄|客户|供应商|关联方|单位|公司|品种|地区|说明|备注|原因|内容|性质|用途)$/;

const CJK = /[\u4e00-\u9fff]/;
const MAX_LINE = 16;
const MAX_GROUP_LINES = 6;

function width(s: string): number {
  let w = 0;
  for (const ch of s) w += ch.charCodeAt(0) < 0x2e80 ? 1 : 2;
  return w;
}

/** Whether a trimmed line could be one line of a stacked title. */
function titleLike(t: string): boolean {
  return t.length <= MAX_LINE && CJK.test(t) && !NOT_TITLE.test(t) && !band(t) && periodsIn(t).length <= 1;
}

/** A date or year over the columns under it (2024 年 / 年初余额 本年计提 …, 2021 年1-5 月 / 金额 占比): a band, the lines below it the titles. */
function band(t: string): boolean {
  if (!DIGIT_START.test(t)) return false;
  const p = periodsIn(t);
  return p.length === 1 && p[0].start === 0 && p[0].end >= t.length - 1;
}
const DIGIT_START = /^\d/;

/**
 * The lines of a stacked header just above `first` (the first data row's line), bottom up: content lines of
 * short words (titleLike), none of them claimed; group labels of the rows right above the first row are left
 * out. Undefined when there are none, or where what stops them is more of a header (a band of periods, more
 * titles after a blank line): then the lines found are only its lowest row, which names no column in full.
 */
export function titleLinesAbove(ctx: TableContext, first: number, max: number): Line[] | undefined {
  const from = ctx.from ?? 0;
  // A first row named as a column is (年折旧率, 合计占比): the header may run on through it.
  if (HEADER_WORD.test(ctx.lines[first].text)) return undefined;
  const out: Line[] = [];
  let bottom = true;
  let i = first - 1;
  for (; i >= from && out.length < max; i--) {
    if (ctx.furniture.has(i)) return out.length ? out.reverse() : undefined;
    if (!isContent(ctx, i)) {
      if (out.length) break;
      continue;
    }
    if (ctx.claimed[i]) break;
    const t = ctx.lines[i].text.trim();
    if (bottom && ROW_GROUP.test(t)) continue;
    bottom = false;
    if (!titleLike(t)) break;
    const at = ctx.lines[i].text.indexOf(t);
    out.push({ ...ctx.lines[i], text: t, start: ctx.lines[i].start + at });
  }
  if (!out.length || out.length >= max) return undefined;
  // What stands above: past blank lines, a line that is no title (a unit line, a caption, a sentence), not a band or another title.
  while (i >= from && !ctx.furniture.has(i) && !ctx.claimed[i] && !isContent(ctx, i)) i--;
  if (i >= from && !ctx.furniture.has(i) && !ctx.claimed[i]) {
    const t = ctx.lines[i].text.trim();
    if (band(t) || titleLike(t)) return undefined;
  }
  return out.reverse();
}

/** The width of what wrapping moves to the next line as a whole: a run of Latin letters and digits, or one character. */
function leadWidth(s: string): number {
  const m = LATIN_RUN.exec(s);
  return m ? m[0].length : width(s.slice(0, 1));
}
const LATIN_RUN = /^[A-Za-z0-9.,%-]+/;

/**
 * Whether lines [a, b) can be one title wrapped in its column: every line but the last is full, so that the
 * next line's first character (or Latin word) would not have fitted on it in a column as wide as the widest line.
 */
function oneTitle(lines: Line[], w: number[], a: number, b: number): boolean {
  if (b - a > MAX_GROUP_LINES) return false;
  let widest = 0;
  for (let i = a; i < b; i++) widest = Math.max(widest, w[i]);
  for (let i = a; i < b - 1; i++) if (w[i] + leadWidth(lines[i + 1].text) <= widest) return false;
  return true;
}

/**
 * The k column titles of the stacked lines, a cell per column; undefined where no parting fits, where the
 * partings disagree on a column, or where no title names an amount, a share or a period.
 */
export function stackedTitles(lines: Line[], k: number): Cell[] | undefined {
  const n = lines.length;
  if (k < 2 || n < k || n > 3 * k + 1) return undefined;
  const w = lines.map((l) => width(l.text));
  const starts = lines.map((l, i) => i === 0 || !CONTINUES.test(l.text));
  const text = (a: number, b: number) => lines.slice(a, b).map((l) => l.text).join('');
  // Lines [a, b) as one title: the label column's (label: one or two lines) or a value column's, which is never titled so.
  // A title names at most one period (2025 年度应支付 / 的租赁款项金额 is one; two such are two titles).
  const can = (a: number, b: number, label: boolean) =>
    starts[a] && (b >= n || starts[b]) && oneTitle(lines, w, a, b) && (label ? b - a <= 2 && LABEL_TITLE.test(text(a, b)) : !lines.slice(a, b).some((l) => LABEL_TITLE.test(l.text)) && periodsIn(text(a, b)).length <= 1);
  // Columns' possible titles over every parting into k titles, or k + 1 with the first naming the label column.
  const options: Set<string>[] = Array.from({ length: k }, () => new Set<string>());
  const spans: (readonly [number, number] | undefined)[] = Array(k).fill(undefined);
  let fits = false;
  for (const groups of [k, k + 1]) {
    const lead = groups - k;
    // reach[j][i]: lines [0, i) part into titles 0 … j-1; back[j][i]: lines [i, n) into titles j … groups-1.
    const reach = Array.from({ length: groups + 1 }, () => new Uint8Array(n + 1));
    const back = Array.from({ length: groups + 1 }, () => new Uint8Array(n + 1));
    reach[0][0] = 1;
    back[groups][n] = 1;
    for (let j = 1; j <= groups; j++) {
      for (let b = 1; b <= n; b++) for (let a = Math.max(0, b - MAX_GROUP_LINES); a < b && !reach[j][b]; a++) if (reach[j - 1][a] && can(a, b, j - 1 < lead)) reach[j][b] = 1;
    }
    for (let j = groups - 1; j >= 0; j--) {
      for (let a = n - 1; a >= 0; a--) for (let b = a + 1; b <= Math.min(n, a + MAX_GROUP_LINES) && !back[j][a]; b++) if (back[j + 1][b] && can(a, b, j < lead)) back[j][a] = 1;
    }
    if (!reach[groups][n]) continue;
    fits = true;
    for (let j = lead; j < groups; j++) {
      for (let a = 0; a < n; a++) {
        if (!reach[j][a]) continue;
        for (let b = a + 1; b <= Math.min(n, a + MAX_GROUP_LINES); b++) {
          if (!back[j + 1][b] || !can(a, b, false)) continue;
          options[j - lead].add(text(a, b));
          spans[j - lead] = [a, b];
        }
      }
    }
  }
  if (!fits) return undefined;
  const at = lines[0].start;
  const cells = options.map((o, j) => {
    const s = spans[j];
    if (o.size !== 1 || !s) return { start: at, end: at, text: '' };
    return { start: lines[s[0]].start, end: lines[s[1] - 1].start + lines[s[1] - 1].text.length, text: [...o][0] };
  });
  // Only a header whose every column's title is known: where the partings disagree on one, the lines may be something
  // else; and lines that name no amount, period or share may be the row labels of a table laid out the other way round.
  return cells.every((c) => c.text) && cells.some((c) => HEADER_WORD.test(c.text)) ? cells : undefined;
}

const UNIT_END = /[(（][^()（）]{1,8}[)）]/g;
const ANY_SPACE = /\s/;

/**
 * Titles glued on the line right above the first row, each ending in its unit in brackets (对账金额(万元)运营商结算价(元)
 * 运营商确认数量(个)…, the label column's titles glued before the first): parted after each unit, where that makes
 * exactly k titles and each names a unit; the first is left empty. Undefined otherwise.
 */
export function gluedUnitTitles(ctx: TableContext, first: number, k: number): { lines: Line[]; cells: Cell[] } | undefined {
  if (k < 2) return undefined;
  let i = first - 1;
  while (i >= (ctx.from ?? 0) && !ctx.furniture.has(i) && !isContent(ctx, i)) i--;
  if (i < (ctx.from ?? 0) || ctx.furniture.has(i) || ctx.claimed[i]) return undefined;
  const line = ctx.lines[i];
  const t = line.text.trim();
  if (!t || ANY_SPACE.test(t) || NOT_TITLE_GLUED.test(t)) return undefined;
  const at = line.start + line.text.indexOf(t);
  const cells: Cell[] = [];
  let from = 0;
  UNIT_END.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = UNIT_END.exec(t))) {
    const end = m.index + m[0].length;
    cells.push({ start: at + from, end: at + end, text: t.slice(from, end) });
    from = end;
  }
  if (from !== t.length || cells.length !== k || cells.some((c) => !CJK.test(c.text) || !columnUnitIn(c.text))) return undefined;
  // The first holds the label column's titles too (对账时点对账期间卡品 before 运营商对账金额(万元)), glued where no one
  // can tell them apart: it names no column.
  cells[0] = { start: cells[0].start, end: cells[0].start, text: '' };
  return { lines: [{ ...line, text: t, start: at }], cells };
}
/** A glued title line holds no sentence and no figure. */
const NOT_TITLE_GLUED = /[。；：:]|\d[\d,]*\.\d|\d{1,3},\d{3}/;
