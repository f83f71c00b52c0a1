// Heading lines of Chinese filings and their nesting: 第X节 / 第X章, 问题N,
// 一、, （一）, 1、 / 1. / 1．, （1）, ①, 1).

import { Heading, Line } from '../model/types';
import { SPACES, trimmedEnd } from './text';

const CN = '[一二三四五六七八九十百零〇]+';

interface Style {
  style: string;
  re: RegExp;
  weak?: boolean;
}

// Order is the conventional depth; the actual nesting follows the order in which
// styles appear in the document (see nestHeadings). Decimal numbering (3.1, 3.11.8)
// is tried before 1、 so that its depth is read from the number of its parts.
export const STYLES: Style[] = [
  { style: '第X节', re: new RegExp(`^(第\\s*(?:${CN}|\\d{1,2})\\s*[节章篇]|第\\s*(?:${CN}|\\d{1,2})\\s*部分)\\s*(.*)$`) },
  { style: '问题', re: /^((?:问题|问询问题|反馈问题)\s*\d{1,2}(?=[\s、.．:：关]|$))\s*[、.．:：]?\s*(.*)$/ },
  { style: '1.1.1.1', re: /^([1-9]\d?\.[1-9]\d?\.[1-9]\d?\.[1-9]\d?)(?![\d.．])\s*(.+)$/ },
  { style: '1.1.1', re: /^([1-9]\d?\.[1-9]\d?\.[1-9]\d?)(?![\d.．])\s*(.+)$/ },
  { style: '1.1', re: /^([1-9]\d?\.[1-9]\d?)(?![\d.．%％])\s*(.+)$/ },
  { style: '一、', re: new RegExp(`^((?:${CN})\\s*[、．]|(?:${CN})\\s*\\.(?!\\d))\\s*(.+)$`) },
  // 一 公司基本情况: a numeral and a space, no 、 — a heading only where the sequence supports it.
  { style: '一、', re: new RegExp(`^(${CN})[ \\t\\u3000]+(?=[\\u4e00-\\u9fff])(.+)$`), weak: true },
  { style: '（一）', re: new RegExp(`^([(（]\\s*(?:${CN})\\s*[)）])\\s*(.+)$`) },
  { style: '1、', re: /^((?:[1-9]\d?)\s*(?:[、．]|\.(?![\d.]))|(?:[1-9]\d?)\s(?=[\u4e00-\u9fff]))\s*(.+)$/ },
  { style: '（1）', re: /^([(（]\s*[1-9]\d?\s*[)）])\s*(.+)$/ },
  { style: '①', re: /^([①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])\s*(.+)$/ },
  { style: '1)', re: /^([1-9]\d?\s*[)）])\s*(.+)$/ },
];

/** The conventional order of the styles, outermost first (see nestHeadings). */
export const STYLE_ORDER = ['第X章', '第X节', '问题', '一、', '1.1', '（一）', '1、', '1.1.1', '（1）', '①', '1)', '1.1.1.1'];

/** 第三节, 第二章: the chapters. */
export function isChapterStyle(style: string): boolean {
  return style === '第X节' || style === '第X章';
}

/** What every heading marker starts with; most lines of prose are turned away on their first character. */
const HEADING_START = /^\s*[第问一二三四五六七八九十(（1-9①-⑳]/;

export function mayBeHeading(text: string): boolean {
  return HEADING_START.test(text);
}

const SENTENCE_END = /[。；;，,、]$/;
const MAX_TITLE = 160;

/**
 * Reads a heading from one line, or undefined. `next` is the following line's text
 * (to tell a numbered item whose text wraps onto the next line from a heading).
 */
const SENTENCE_INSIDE = /。./;
const PARAGRAPH_AFTER_STOP = /。[^。]{10,}$/;
const SHORT_SENTENCE = /^\S{1,12}[。；]$/;
const CLAUSE_OR_COLON_END = /[。；：:]$/;
const COMMA_OR_SEMICOLON = /[，,；;]/;
const PUNCTUATION_START = /^[,，。.、%％)）=＝:：~～/／\-－+×]/;
const FIGURE_CHAR = /[\d,.%]/g;
const PIPE = /\s\|\s|\|$/;
const STATEMENT_END = /[。；;]$/;
/** A continuation of the section before: （续）, 续表, 续上表. */
const CONTINUATION = /(?:[(（]\s*续\s*[)）]|续表|续上表|（续上表）)\s*[:：]?$/;
/** What a number is counted in: "12 月31 日", "1 个", "4 位董事", "75.91 亿元" are figures, not headings. */
const UNIT_START = /^(?:[年月日号时个位名户家元倍次笔台套件张份只吨%％‰亿万]|千[元瓦克米]|百万|十万|千万|以[内上下]|人$|人[^\u4e00-\u9fff])/;
/** A footnote: "5 营运利润=营业收入-营运支出", "6 同口径指剔除…". */
const FOOTNOTE = /[=＝]|系指|是指|指剔除|包括|按照?单个/;
/**
 * Line items of the CAS statement formats and of the notes' movement tables. A
 * numbered label among the rows of a statement (一、营业收入, 三、营业利润（亏损以"－"号填列）,
 * 一、上期期末余额, （3）本期减少金额, 一、账面原值) is a table row, not a heading, and so is
 * the first part of such a label wrapped in its cell (三、本期增减变 / 动金额…).
 */
const ROW_LABELS = [
  '上年年末余额', '上年期末余额', '上期期末余额', '本年年初余额', '本年期初余额', '本期期初余额', '本年增减变动金额', '本期增减变动金额',
  '本年年末余额', '本年期末余额', '本期期末余额', '期末余额', '期初余额', '年末余额', '年初余额', '本期增加金额', '本期减少金额',
  '本年增加金额', '本年减少金额', '账面原值', '累计折旧', '累计摊销', '其他综合收益的税后净额', '不能重分类进损益的其他综合收益',
  '将重分类进损益的其他综合收益', '归属于母公司所有者', '归属于母公司股东', '归属于少数股东', '提取盈余公积', '提取一般风险准备',
  '对所有者（或股东）的分配', '对股东的分配', '资本公积转增资本（或股本）', '盈余公积转增资本（或股本）', '盈余公积弥补亏损',
  '设定受益计划变动额结转留存收益', '其他综合收益结转留存收益', '所有者投入的普通股', '股东投入的普通股', '所有者投入资本', '股东投入资本', '所有者投入和减少资本',
  '股东投入和减少资本', '其他权益工具持有者投入资本', '股份支付计入所有者权益的金额', '股份支付计入股东权益的金额',
  '所有者权益内部结转', '股东权益内部结转', '基本每股收益', '稀释每股收益', '综合收益总额', '本期提取', '本期使用',
  '经营活动产生的现金流量', '投资活动产生的现金流量', '筹资活动产生的现金流量', '经营活动现金流入小计', '经营活动现金流出小计',
  '投资活动现金流入小计', '投资活动现金流出小计', '筹资活动现金流入小计', '筹资活动现金流出小计', '汇率变动对现金及现金等价物的影响',
  '现金及现金等价物净增加额', '现金及现金等价物净减少额', '期末现金及现金等价物余额', '年末现金及现金等价物余额', '期初现金及现金等价物余额',
];
/** Line items that are a row only as the whole label (1、营业收入和营业成本 is a note's heading). */
const WHOLE_ROW_LABELS = new Set([
  '营业收入', '营业总收入', '营业成本', '营业总成本', '营业利润', '营业外收入', '营业外支出', '利润总额', '净利润', '每股收益',
  '合营企业', '联营企业', '有限售条件股份', '无限售条件股份', '无限售条件流通股份', '股份总数', '利润分配', '专项储备', '会计政策变更',
  '前期差错更正', '同一控制下企业合并', '流动资产', '非流动资产', '流动负债', '非流动负债', '资产总计', '负债合计', '原价', '减值准备',
  '账面价值', '账面余额', '坏账准备',
]);
const ROW_WORDS = /填列|^[加减][:：]|^其中[:：]/;
const TRAILING_ASIDE = /(?:[（(][^)）]*[)）])?[:：]?$/;
const HALF_PARENS = /[()]/g;

/**
 * Whether a heading's title is a line item of a statement or of a notes' movement
 * table (or the first part of one). The statements number their rows 一、 and （一）
 * (一、营业收入, （二）所有者投入和减少资本); a note numbered 48. or 3、 may be named after
 * a line item (48.每股收益, 3、营业收入和营业成本), so for those only the labels no note
 * is named after count.
 */
export function isRowLabel(title: string, style = '一、', next?: string, ordinal?: number): boolean {
  if (ROW_WORDS.test(title)) return true;
  // A statement or a movement table numbers its rows up to 八、or so: (三十三) 营业外收入 and
  // （十一）经营活动产生的现金流量净额持续下降风险 are not its rows.
  if (ordinal !== undefined && ordinal > 10) return false;
  const statementStyle = style === '一、' || style === '（一）';
  const t = title.replace(SPACES, '').replace(HALF_PARENS, (c) => (c === '(' ? '（' : '）')).replace(/[:：]$/, '');
  if (statementStyle && (WHOLE_ROW_LABELS.has(t) || WHOLE_ROW_LABELS.has(t.replace(TRAILING_ASIDE, '')))) return true;
  for (const label of ROW_LABELS) {
    if (t.startsWith(label)) return true;
    // Cut inside its cell: 本期增减变 / 动金额…, 所有者投 / 入的普通股 — unless what follows is a title or a table of
    // its own (十五、股份支付 / 1、各项权益工具 and (二十) 资本公积 / 项目 … are notes, not 股份支付计入…, 资本公积转增… cut).
    if (statementStyle && t.length >= 4 && t.length < label.length && label.startsWith(t) && !startsTitleOrTable(next)) return true;
  }
  return false;
}

const TABLE_HEAD = /^(?:项目|类别|种类|名称|单位[:：])/;
/** Whether a line starts a numbered title of its own or a table's header (not a figure, not the rest of a label). */
function startsTitleOrTable(line: string | undefined): boolean {
  const n = line?.trim();
  if (!n) return false;
  return TABLE_HEAD.test(n) || (mayBeHeading(n) && !isFigureLine(n) && STYLES.some((s) => s.re.test(n)));
}

/** A figure after a wide gap on the heading's own line: a table row of a text laid out with spaces. */
const FIGURE_AFTER_GAP = /\s{2,}[-−(（]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?[)）%]?(?=\s|$)/;
/** A nil mark (-, --, ——) standing after a run of spaces at the end of the line: an empty cell of a row. */
const NIL_AFTER_GAP = /\s{2,}(?:[-−—–]{1,6}|不适用)\s*$/;
/** A line that is only a figure, a nil mark or a note reference: the cells of a one-cell-per-line row. */
const FIGURE_LINE = /^\s*(?:[-−(（]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?\s*[)）%]?|[-—–]{1,6}|(?:[四五六七八九十]{1,2}\s*[(（、.．]\s*\d{1,3}\s*[)）]?\s*[/、,，]?\s*)+|附注[一二三四五六七八九十]+[、.]?\d*)\s*$/;

/** Whether a line holds only a figure, a nil mark or a note reference (a cell of a one-cell-per-line row). */
export function isFigureLine(text: string): boolean {
  return text.length < 40 && FIGURE_LINE.test(text);
}

const CN_NUMERAL: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';

/** The value of a Chinese numeral up to 999 (一 → 1, 十二 → 12, 二十 → 20), or undefined. */
export function chineseOrdinal(s: string): number | undefined {
  let total = 0;
  let digit = -1;
  for (const ch of s) {
    if (ch in CN_NUMERAL) digit = CN_NUMERAL[ch];
    else if (ch === '十' || ch === '百') {
      total += (digit < 0 ? 1 : digit) * (ch === '十' ? 10 : 100);
      digit = -1;
    } else return undefined;
  }
  return total + (digit > 0 ? digit : 0) || undefined;
}

/** The number of a heading's marker: 第三节 → 3, 十二、 → 12, （4） → 4, 3.11.8 → 8, ⑤ → 5. */
export function ordinalOf(marker: string): number | undefined {
  const c = CIRCLED.indexOf(marker[0]);
  if (c >= 0) return c + 1;
  const digits = /(\d+)(?!.*\d)/.exec(marker);
  if (digits) return Number(digits[1]);
  const cn = /[零〇一二三四五六七八九十百]+/.exec(marker.replace(/^第/, ''));
  return cn ? chineseOrdinal(cn[0]) : undefined;
}

export function matchHeading(line: Line, next: string | undefined, wrapWidth: number, nextLine?: Line): Heading | undefined {
  const raw = line.text;
  const lead = raw.length - raw.trimStart().length;
  const t = raw.trim();
  if (!t || t.length > MAX_TITLE + 8 || !HEADING_START.test(t)) return undefined;
  for (const s of STYLES) {
    const m = s.re.exec(t);
    if (!m) continue;
    const marker = m[1].replace(SPACES, '');
    const title = m[2].trim();
    const chapter = s.style === '第X节' || s.style === '问题';
    if (!chapter && !title) return undefined;
    if (title && !headingTitleOk(title, s.style)) return undefined;
    // A continuation (（续）, 续表) is folded into its first part.
    if (CONTINUATION.test(title)) return undefined;
    if (!chapter && !plainHeading(t, title, marker, s.style, next)) return undefined;
    // A numbered item of a wrapped paragraph fills the line and goes on in the next one.
    let tail: string | undefined;
    if (wrapWidth > 0 && t.length >= wrapWidth - 2 && next !== undefined && next.trim() && !SENTENCE_END.test(t)) {
      // …unless it is a chapter's title whose short rest, not a sentence, is the next line (十、…受到处罚 / 及整改情况).
      if (s.style === '一、' && !s.weak && nextLine && !title.includes('。') && titleTail(next, wrapWidth)) tail = next.trim();
      else if (s.style !== '第X节') return undefined;
    }
    // A numbered paragraph: its title's sentence ends and another starts that goes on into the next line
    // (三、资源节约和循环利用。公司通过多项创新举措…构建绿色低碳生产体 / 系。…).
    if (s.style === '一、' && PARAGRAPH_AFTER_STOP.test(title) && !SENTENCE_END.test(t) && next !== undefined && next.trim() && !HEADING_START.test(next.trim())) return undefined;
    // A title with a full stop inside is a paragraph (often a question quoted from the inquiry letter).
    if (SENTENCE_INSIDE.test(title) && title.length > 20 && !['第X节', '问题', '一、', '（一）'].includes(s.style)) return undefined;
    // …and so is an item whose sentence ends on the next line ("…的具体" / "内容。").
    if (next !== undefined && t.length >= 24 && SHORT_SENTENCE.test(next.trim()) && !CLAUSE_OR_COLON_END.test(t) && s.style !== '第X节') return undefined;
    // A long deep-level item with commas is a point of a quoted question, not a heading.
    if (title.length > 60 && COMMA_OR_SEMICOLON.test(title) && ['（1）', '①', '1)', '1.1.1', '1.1.1.1'].includes(s.style)) return undefined;
    // In text wrapped at a fixed width, an item that fills its line and reads as a sentence (with commas) is a list item.
    if (wrapWidth > 0 && t.length >= wrapWidth - 6 && COMMA_OR_SEMICOLON.test(title) && !['第X节', '问题', '一、'].includes(s.style)) return undefined;
    const h: Heading = {
      level: 0,
      // 第X章 and 第X节 are one style unless a document uses both (a 章 with its 节).
      style: s.style === '第X节' && marker.endsWith('章') ? '第X章' : s.style,
      marker,
      title,
      line: line.index,
      start: line.start + lead,
      end: line.start + lead + t.length,
      ordinal: ordinalOf(marker),
    };
    if (tail && nextLine) {
      h.title += tail;
      h.end = nextLine.start + nextLine.text.indexOf(tail) + tail.length;
    }
    if (s.weak) h.weak = true;
    if (s.style.startsWith('1.1')) h.parentNumber = marker.slice(0, marker.lastIndexOf('.'));
    return h;
  }
  return undefined;
}

// A sub-heading glued to the end of its parent's title (extractions that join the lines of a block:
// 五、发起人、持有发行人5%以上股份的主要股东及实际控制人（一）发起人): the first marker of the next style, a
// short title without punctuation, the parent's title of a few characters at least before it.
const GLUED_FIRST_CHILD: Record<string, { style: string; re: RegExp }> = {
  '一、': { style: '（一）', re: /^(.{4,}?[^\s、，,；;：:（(及和与或的])([（(]一[)）])([^\s（）()，,。；;：:、]{2,20})$/ },
  '（一）': { style: '1、', re: /^(.{4,}?[^\s、，,；;：:（(及和与或的\d])(1[、．])([^\s（）()，,。；;：:、\d]{2,20})$/ },
};

/**
 * Headings with a sub-heading glued to the end of their title, split in two — only where the sequence after
 * confirms it: the sub-list's second item (（二）, 2、) comes before the parent's next sibling. Works on the
 * headings in document order; returns the same array where nothing is glued.
 */
export function splitGluedSubheadings(headings: Heading[]): Heading[] {
  let out: Heading[] | undefined;
  for (let i = 0; i < headings.length; i++) {
    const h = headings[i];
    const glue = GLUED_FIRST_CHILD[h.style];
    const m = glue && !h.weak ? glue.re.exec(h.title) : null;
    let confirmed = false;
    if (m) {
      for (let j = i + 1; j < headings.length; j++) {
        const x = headings[j];
        if (x.style === h.style || isChapterStyle(x.style)) break;
        if (x.style === glue.style) {
          confirmed = x.ordinal === 2;
          break;
        }
      }
    }
    if (!m || !confirmed) {
      out?.push(h);
      continue;
    }
    out ??= headings.slice(0, i);
    const at = h.end - (m[2].length + m[3].length);
    out.push({ ...h, title: m[1], end: at });
    out.push({ level: 0, style: glue.style, marker: m[2], title: m[3], line: h.line, start: at, end: h.end, ordinal: 1 });
  }
  return out ?? headings;
}

/**
 * Decimal headings numbered 10 or more in their list (3.75, 4.66) that no earlier item of the same list
 * leads up to (3.73 or 3.74): an amount with two decimals before a text cell (4.66与资产相关), not a section.
 */
export function dropStrayDecimals(headings: Heading[]): Heading[] {
  const seen = new Set<string>();
  let out: Heading[] | undefined;
  for (let i = 0; i < headings.length; i++) {
    const h = headings[i];
    const n = h.ordinal;
    const stray = h.parentNumber !== undefined && n !== undefined && n >= 10 && !seen.has(`${h.parentNumber}.${n - 1}`) && !seen.has(`${h.parentNumber}.${n - 2}`);
    if (h.parentNumber !== undefined && n !== undefined && !stray) seen.add(`${h.parentNumber}.${n}`);
    if (stray) out ??= headings.slice(0, i);
    else out?.push(h);
  }
  return out ?? headings;
}

/** The answer to a title that asks (是否存在…): 否, 是, 无, 不适用. */
const BARE_ANSWER = /^(?:是|否|有|无|不适用|适用)$/;
const TAIL_END = /[。；;，,、：:]$/;
/** The rest of a wrapped title: short, no sentence in it, not a figure, a heading or a new item. */
function titleTail(next: string, wrapWidth: number): boolean {
  const n = next.trim();
  return n.length <= wrapWidth * 0.7 && !TAIL_END.test(n) && !n.includes('。') && !isFigureLine(n) && !HEADING_START.test(n) && !/^[□√☑■]/.test(n) && !BARE_ANSWER.test(n);
}

/**
 * The checks of a numbered heading below the chapters: not a cell of a table
 * (a figure with its unit, a footnote, a statement's line item, a label whose
 * figures follow on its line or on the next), not half of a wrapped label.
 */
function plainHeading(line: string, title: string, marker: string, style: string, next: string | undefined): boolean {
  const bare = !/[、．.)）]$/.test(marker) && !style.startsWith('1.1') && style !== '①';
  // "12 月31 日", "1 个", "16 百万元", "75.91 亿元": a number and its unit.
  if ((bare || style.startsWith('1.1')) && UNIT_START.test(title)) return false;
  if (style.startsWith('1.1') && !/^[\u4e00-\u9fff“"《（(]/.test(title)) return false;
  if (bare && style === '1、' && FOOTNOTE.test(title)) return false;
  // A short name with a number in it after a bare number is a cell (24 西部05), and a title needs a word (5、25).
  if (bare && title.length <= 6 && /\d$/.test(title)) return false;
  if (!/[^\d\s.,，、%％()（）\-—]/.test(title)) return false;
  if (isRowLabel(title, style, next, ordinalOf(marker))) return false;
  // Half of a label wrapped inside a cell: "1．资本公积转增资本（或".
  if (title.length <= 30 && count(title, '(（') > count(title, ')）')) return false;
  if (FIGURE_AFTER_GAP.test(line) || NIL_AFTER_GAP.test(line)) return false;
  if (next !== undefined && isFigureLine(next)) return false;
  return true;
}

function count(s: string, chars: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (chars.indexOf(s[i]) >= 0) n++;
  return n;
}

function headingTitleOk(title: string, style: string): boolean {
  if (title.length > MAX_TITLE) return false;
  // A title starts with a word, not a figure or punctuation: "1、2019年…" is fine, "1.5亿元" is a number.
  if (PUNCTUATION_START.test(title)) return false;
  // Lines that are mostly figures are table rows with a numbered label.
  const digits = (title.match(FIGURE_CHAR) ?? []).length;
  if (digits > 6 && digits > title.length * 0.3) return false;
  if (PIPE.test(title)) return false;
  // A sentence that ends like a sentence is a list item, unless it is short.
  if (SENTENCE_END.test(title) && title.length > 20) return false;
  if (STATEMENT_END.test(title) && style !== '第X节') return false;
  return true;
}

/** The width at which a PDF-extracted text wraps its paragraphs (0 if it does not). */
export function wrapWidthOf(lines: Line[]): number {
  const hist = new Map<number, number>();
  let total = 0;
  for (let li = 0; li < lines.length; li++) {
    const l = lines[li];
    const n = trimmedEnd(l.text);
    if (n >= 30 && n <= 140) {
      hist.set(n, (hist.get(n) ?? 0) + 1);
      total++;
    }
  }
  if (total < 20) return 0;
  // The wrap width is the length (±2) that many lines share.
  let best = 0;
  let bestCount = 0;
  for (const [n] of hist) {
    let c = 0;
    for (let d = -2; d <= 2; d++) c += hist.get(n + d) ?? 0;
    if (c > bestCount || (c === bestCount && n > best)) {
      best = n;
      bestCount = c;
    }
  }
  return bestCount >= total * 0.25 ? best - 2 : 0;
}

const BARE_NUMERAL = new RegExp(`^\\s*(${CN})\\s*$`);
const TITLE_END = /[。；;，,：:]$/;

/**
 * A chapter number alone on its line with its title on the next ("一" / "公司基本情况"):
 * one weak heading (kept only where the sequence around it supports it).
 */
export function bareNumeralHeading(line: Line, titleLine: Line | undefined): Heading | undefined {
  if (!titleLine || line.text.length > 12) return undefined;
  const m = BARE_NUMERAL.exec(line.text);
  if (!m) return undefined;
  const title = titleLine.text.trim();
  if (!title || title.length > 30 || TITLE_END.test(title) || CONTINUATION.test(title) || isFigureLine(title) || mayBeHeading(title) || isRowLabel(title)) return undefined;
  const lead = line.text.length - line.text.trimStart().length;
  return {
    level: 0,
    style: '一、',
    marker: m[1],
    title,
    line: line.index,
    start: line.start + lead,
    end: titleLine.start + titleLine.text.indexOf(title) + title.length,
    ordinal: chineseOrdinal(m[1]),
    weak: true,
  };
}
