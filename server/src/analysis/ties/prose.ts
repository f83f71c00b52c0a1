// Prose ↔ table: an amount stated in prose that names a statement line and its period
// (报告期内，公司实现营业收入 39,150.00 万元) against the statement's figure, within the rounding of
// the prose figure (3.92 亿元 is 392,000,000 ± 500,000 元).
//
// Made only where the sentence leaves no doubt. The clause holding the amount reads, without
// spaces, as [who and when]* [实现]? NAME [为|达 …]? AMOUNT — NAME one of the headline lines
// (营业收入, 净利润, 归属于母公司股东的净利润, 资产总计 …), the words before it only a subject
// (公司, 本集团; 母公司 for the parent), a period (报告期内, 本年度, 2024年, 报告期末, 2024年12月31日)
// and a verb. A subject or period missing from that clause is taken from the clauses before it in
// the same sentence, read back over clauses of the same form and changes (同比增长 12.34%); any
// other clause in between (a subsidiary, an industry, a forecast, 扣除非经常性损益后 …) and no tie
// is made. The sentence must name a subject and a period that maps to exactly one column of the
// statement (a year through the statements' dated columns); an amount followed by a range
// (至, ~), by 以上 / 左右, or listed with 分别 is skipped, and so is one in another currency or
// one in the notes on the statements (whose 公司 may be the parent); so is the comparative period of
// an item the filing restates (as for the period ↔ period family).

import type { Figure, FilingModel, Section } from '../../model/types';
import { lineInTables, Period, Scope } from './identity';
import { PERIOD_NAME, SCOPE_NAME, statementEnd, StatementLine, STATEMENT_NAME, TieContext } from './context';
import { restatedItems } from './periods';
import { makeTie, Tie, TieEnd } from './types';

/** Headline line items, as prose names them and as statements do: the name → the line it means. */
const NAMES: [RegExp, string][] = [
  [/^(?:总资产|资产总额|资产总计)$/, '资产总计'],
  [/^(?:总负债|负债总额|负债合计)$/, '负债合计'],
  [/^(?:归属(?:于)?(?:母公司|本公司|本集团|本行|上市公司)(?:所有者|股东)的?净利润|归母净利润)$/, '归属于母公司股东的净利润'],
  [/^经营活动(?:产生的)?现金流量净额$/, '经营活动产生的现金流量净额'],
  [/^投资活动(?:产生的)?现金流量净额$/, '投资活动产生的现金流量净额'],
  [/^筹资活动(?:产生的)?现金流量净额$/, '筹资活动产生的现金流量净额'],
  [/^(?:营业总收入|营业收入|营业成本|营业利润|利润总额|净利润|现金及现金等价物净增加额)$/, ''],
];

/** The line an item name means, or undefined when it is not a headline item. */
export function headlineItem(name: string): string | undefined {
  for (const [re, item] of NAMES) if (re.test(name)) return item || name;
  return undefined;
}

/** A name at the end of a clause, right before its amount, with what may stand between them. */
const NAME_AT_END = /(归属(?:于)?(?:母公司|本公司|本集团|本行|上市公司)(?:所有者|股东)的?净利润|归母净利润|总资产|资产总额|资产总计|总负债|负债总额|负债合计|(?:经营|投资|筹资)活动(?:产生的)?现金流量净额|营业总收入|营业收入|营业成本|营业利润|利润总额|净利润|现金及现金等价物净增加额)(?:为|达到|达|是|共计|合计|总计)?[：:]?(?:人民币)?$/;

/**
 * The words a clause may hold besides a name and an amount: who, when, and a verb. Not 集团 alone:
 * 集团公司 is often the controlling shareholder.
 */
const WORD = /本公司|我公司|公司|本集团|母公司|截至|截止|报告期末|本报告期末|本报告期内|本报告期|报告期内|报告期|本期末|本期|期末|本年度|本年末|本年|全年|当年|年内|年末|\d{4}年\d{1,2}月\d{1,2}日|\d{4}年(?:度|末|年末|底|全年)?|实现|共实现|累计实现|完成|取得|共|累计/y;

/** A clause stating a change against another period, read over on the way back: 同比增长 11.71%. */
const CHANGE = /^(?:同比|较|比|与上年|相比)/;

interface Reading {
  scope?: Scope;
  /** Periods named: `cur`, `end`, a year's `Y2024` / `E2024` (flow / instant), `year-*` for words that mean the whole year. */
  periods: Set<string>;
}

/** The words of a clause head read into subject and periods; false when something else stands there. */
function readWords(head: string, into: Reading): boolean {
  WORD.lastIndex = 0;
  while (WORD.lastIndex < head.length) {
    const at = WORD.lastIndex;
    const m = WORD.exec(head);
    if (!m || m.index !== at) return false;
    const w = m[0];
    if (/公司|本集团/.test(w)) {
      const scope: Scope = w === '母公司' ? 'parent' : 'consolidated';
      if (into.scope && into.scope !== scope) return false;
      into.scope = scope;
      continue;
    }
    const date = /^(\d{4})年(\d{1,2})月(\d{1,2})日$/.exec(w);
    if (date) {
      if (Number(date[2]) !== 12 || Number(date[3]) !== 31) return false;
      into.periods.add(`E${date[1]}`);
      continue;
    }
    const year = /^(\d{4})年(度|末|年末|底|全年)?$/.exec(w);
    if (year) into.periods.add(`${/末|底/.test(year[2] ?? '') ? 'E' : 'Y'}${year[1]}`);
    else if (/^(?:报告期末|本报告期末|本期末|期末)$/.test(w)) into.periods.add('end');
    else if (/^(?:本报告期内|本报告期|报告期内|报告期|本期)$/.test(w)) into.periods.add('cur');
    else if (/^(?:本年末|年末)$/.test(w)) into.periods.add('year-end');
    else if (/^(?:本年度|本年|全年|当年|年内)$/.test(w)) into.periods.add('year-cur');
  }
  return true;
}

/** Relative period words: their period in a flow statement and in a balance sheet. */
const RELATIVE: Record<string, [Period | undefined, Period | undefined]> = {
  cur: ['cur', undefined],
  end: [undefined, 'end'],
  'year-cur': ['cur', undefined],
  'year-end': [undefined, 'end'],
};

/** The period a set of period words names for a statement line, when it names exactly one. */
function periodOf(ctx: TieContext, line: StatementLine, words: Set<string>): Period | undefined {
  const instant = line.statement.kind === 'balance';
  const annual = annualYear(ctx, line.statement.scope);
  const out = new Set<Period>();
  for (const w of words) {
    let p: Period | undefined;
    const rel = RELATIVE[w];
    // 全年 / 年末 only in a filing whose statements cover a whole year.
    if (rel) p = w.startsWith('year-') && annual === undefined ? undefined : rel[instant ? 1 : 0];
    else if ((w[0] === 'E') === instant && annual !== undefined) {
      // 2024年 is a flow, 2024年末 / 2024年12月31日 a balance; the year is placed through the dated columns.
      const back = annual - Number(w.slice(1));
      p = back === 0 ? (instant ? 'end' : 'cur') : back === 1 ? (instant ? 'begin' : 'prev') : undefined;
    }
    if (!p) return undefined;
    out.add(p);
  }
  return out.size === 1 ? [...out][0] : undefined;
}

/**
 * The year of the current period when the statements of the scope cover a whole year (a flow column
 * 2024年度, a balance column 2024年12月31日 as the closing one), else undefined.
 */
function annualYear(ctx: TieContext, scope: Scope): number | undefined {
  const years = new Set<number>();
  for (const s of ctx.statements) {
    if (s.scope !== scope) continue;
    for (const [key, p] of s.dated) {
      const flow = /^Y:(\d{4})年度$/.exec(key);
      const instant = /^D:(\d{4})-12-31$/.exec(key);
      if (flow && (p === 'cur' || p === 'prev')) years.add(Number(flow[1]) + (p === 'prev' ? 1 : 0));
      else if (instant && (p === 'end' || p === 'begin')) years.add(Number(instant[1]) + (p === 'begin' ? 1 : 0));
      else if (p === 'cur' || p === 'end') return undefined; // a half-year, a quarter: not a whole year
    }
  }
  return years.size === 1 ? [...years][0] : undefined;
}

/** Lines that end a sentence before them: headings and table lines. */
function stopLines(model: FilingModel): Set<number> {
  const out = new Set<number>();
  const walk = (ss: Section[]) => {
    for (const s of ss) {
      out.add(s.heading.line);
      walk(s.children);
    }
  };
  walk(model.sections);
  return out;
}

/** The sentence up to `at` without spaces, back to 。！？, a heading, a table or the document start; undefined past 8 lines. */
function sentenceBefore(model: FilingModel, lineIndex: number, at: number, stops: Set<number>, inTable: Uint8Array): string | undefined {
  const pieces: string[] = [];
  for (let i = lineIndex, seen = 0; i >= 0; i--) {
    if (i !== lineIndex && (stops.has(i) || inTable[i])) break;
    if (model.furniture.has(i)) continue;
    const l = model.lines[i];
    const text = i === lineIndex ? l.text.slice(0, at - l.start) : l.text;
    const end = Math.max(text.lastIndexOf('。'), text.lastIndexOf('！'), text.lastIndexOf('？'));
    pieces.push(text.slice(end + 1));
    if (end >= 0) break;
    if (++seen > 8) return undefined;
  }
  return pieces.reverse().join('').replace(/\s+/g, '');
}

const AFTER = /^\s*(?:(?:至|到|~|～|-|—|－)\s*[\d.,]|以上|左右|多|余|上下|\/|每)/;

interface Candidate {
  item: string;
  reading: Reading;
}

/** What a sentence before an amount says the amount is, or undefined when it is not certain. */
export function readSentence(sentence: string): Candidate | undefined {
  const clauses = sentence.split(/[，,；;、]/);
  const last = clauses[clauses.length - 1];
  if (last.includes('分别')) return undefined;
  const m = NAME_AT_END.exec(last);
  if (!m) return undefined;
  const item = headlineItem(m[1]);
  if (!item) return undefined;
  const reading: Reading = { periods: new Set() };
  if (!readWords(last.slice(0, m.index), reading)) return undefined;
  // Back over the clauses before it: names with their amounts, changes, and subject or period words.
  for (let k = clauses.length - 2; k >= 0 && (!reading.scope || !reading.periods.size); k--) {
    const c = clauses[k];
    if (!c || CHANGE.test(c)) continue;
    const amount = /[-−]?\d[\d,]*(?:\.\d+)?(?:千|万|百万|亿)?元$/.exec(c);
    const head = amount ? NAME_AT_END.exec(c.slice(0, amount.index)) : undefined;
    if (amount && !head) return undefined;
    if (!readWords(head ? c.slice(0, head.index) : c, reading)) return undefined;
  }
  if (!reading.scope || !reading.periods.size) return undefined;
  return { item, reading };
}

/** Statement lines by headline item and scope; an item meaning two lines is dropped. */
function headlineLines(ctx: TieContext): Map<string, StatementLine> {
  const out = new Map<string, StatementLine>();
  const twice = new Set<string>();
  for (const line of ctx.lines.values()) {
    const item = headlineItem(line.item);
    if (!item) continue;
    const key = `${line.statement.scope}|${item}`;
    if (out.has(key) && out.get(key)!.row !== line.row) twice.add(key);
    out.set(key, line);
  }
  for (const k of twice) out.delete(k);
  return out;
}

export function proseTies(ctx: TieContext): Tie[] {
  const model = ctx.model;
  if (!ctx.statements.length || !model.proseFigures.length) return [];
  const lines = headlineLines(ctx);
  if (!lines.size) return [];
  const stops = stopLines(model);
  // Lines claimed by tables (kept by the parser), else worked out.
  const inTable = model.claimed?.length === model.lines.length ? model.claimed : lineInTables(model);
  const out: Tie[] = [];
  let restated: Set<string> | undefined;
  let li = 0;
  for (const f of model.proseFigures) {
    const u = f.unit;
    if (!u || u.kind !== 'money' || f.percent || f.uncertain || (u.currency && u.currency !== '人民币')) continue;
    if (!/^[-−]?[\d,]+(?:\.\d+)?\s*(?:人民币)?(?:千|万|百万|亿)?元$/.test(f.raw)) continue;
    while (li + 1 < model.lines.length && model.lines[li + 1].start <= f.start) li++;
    // Prose in the notes speaks of the note's scope (公司 is the parent under 母公司财务报表项目注释).
    if (ctx.regions.some((r) => r.fromLine <= li && li <= r.toLine)) continue;
    if (AFTER.test(model.text.slice(f.end, f.end + 8))) continue;
    // Cheap first: a headline name right before the amount.
    if (!NAME_AT_END.test(model.text.slice(Math.max(0, f.start - 60), f.start).replace(/\s+/g, ''))) continue;
    const sentence = sentenceBefore(model, li, f.start, stops, inTable);
    const read = sentence ? readSentence(sentence) : undefined;
    if (!read) continue;
    const st = lines.get(`${read.reading.scope}|${read.item}`);
    if (!st) continue;
    const period = periodOf(ctx, st, read.reading.periods);
    if (!period) continue;
    // The comparative period of an item the filing restates: the prose may quote it as first reported.
    if ((period === 'prev' || period === 'begin') && (restated ??= restatedItems(ctx)).has(st.item)) continue;
    const table = statementEnd(st, period);
    if (!table?.cell.figure) continue;
    const prose = proseEnd(f, li, `正文 ${SCOPE_NAME[st.statement.scope]}${st.item} [${PERIOD_NAME[period]}]`);
    out.push(makeTie('prose', prose, [{ end: table, sign: 1 }], `${st.item}: 正文 = ${SCOPE_NAME[st.statement.scope]}${STATEMENT_NAME[st.statement.kind]}`));
  }
  return out;
}

function proseEnd(f: Figure, line: number, name: string): TieEnd {
  const factor = f.unit!.factor;
  return { cell: { start: f.start, end: f.end, text: f.raw, figure: f }, prose: { line }, value: f.value * factor, tolerance: 0.5 * 10 ** -f.decimals * factor, name };
}
