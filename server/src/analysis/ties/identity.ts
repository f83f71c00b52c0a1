// What a figure is, where that can be told with certainty: the line item (a label reduced to its
// name), the period of its column, the statement or note table it sits in, consolidated or
// parent, and its value in 元. Everything here answers undefined when in doubt.

import type { FilingModel, Row, Table, Unit } from '../../model/types';
import type { TieEnd } from './types';
import { trimmedStart } from '../../parse/text';

export type Scope = 'consolidated' | 'parent' | 'single';
export type StatementKind = 'balance' | 'income' | 'cashFlow';
/** end / begin: balances at the period end and start; cur / prev: flows of this and the comparative period. */
export type Period = 'end' | 'begin' | 'cur' | 'prev';

const NUMBERING = /^(?:[一二三四五六七八九十]+\s*[、.．]|\d{1,2}\s*[、.．](?!\d)|[（(]\s*(?:\d{1,2}|[一二三四五六七八九十]+)\s*[)）]\s*[、.．]?|[①②③④⑤⑥⑦⑧⑨⑩]|\d{1,2}\)|[a-z]\s*[、.．)])\s*/;
const LEAD_WORD = /^(?:其中|加|减)\s*[:：]\s*/;
const TRAILING_REMARK = /[（(][^（）()]*[)）]\s*$/;

/** Labels already reduced (the same label is asked for by every family); bounded, and the answer depends on the label only. */
const ITEMS = new Map<string, string>();

/** A row label reduced to the item it names: "五、净利润(净亏损以“-”号填列)" → "净利润". */
export function itemOf(label: string): string {
  const hit = ITEMS.get(label);
  if (hit !== undefined) return hit;
  if (ITEMS.size > 20000) ITEMS.clear();
  const item = reduceLabel(label);
  ITEMS.set(label, item);
  return item;
}

function reduceLabel(label: string): string {
  let s = label.replace(/\s+/g, '');
  for (let i = 0; i < 4; i++) {
    const before = s;
    s = s.replace(NUMBERING, '').replace(LEAD_WORD, '');
    if (s === before) break;
  }
  for (let i = 0; i < 3 && TRAILING_REMARK.test(s); i++) s = s.replace(TRAILING_REMARK, '');
  return s.replace(/[:：]$/, '');
}

const END_WORD = /^(?:期末|本期期末|本年年末|年末|期末数)(?:余额|数|金额)?$/;
const BEGIN_WORD = /^(?:期初|年初|上年年末|上年末|本期期初|本年年初|上期期末|期初数)(?:余额|数|金额)?$/;
const CUR_WORD = /^(?:本期|本年|本年度|本报告期)(?:发生额|金额|数|累计)?$/;
const PREV_WORD = /^(?:上期|上年|上年度|上年同期|上年同期累计)(?:发生额|金额|数|累计)?$/;
const DATE = /^(\d{4})年(\d{1,2})月(\d{1,2})日$/;
const YEAR_PERIOD = /^(\d{4})年(?:度|半年度|1-\d{1,2}月|1[-—–~至]\d{1,2}月|第[一二三]季度|前三季度)$/;

export interface ColumnPeriod {
  /** A relative period, or a dated key ("D:2019-06-30", "Y:2019年半年度") to be resolved by a statement. */
  key: string;
  /** The amount the column holds when the header names one under the period: "账面价值". */
  measure: string;
}

/** The period of a column title, or undefined when the title does not name one on its own. */
export function columnPeriod(title: string): ColumnPeriod | undefined {
  const parts = title.split(' / ').map((p) => p.replace(/\s+/g, '').replace(/[（(][^（）()]*元[^（）()]*[)）]/g, '').replace(/-{2,}$/, ''));
  if (parts.length > 2 || !parts[0]) return undefined;
  const p = parts[0];
  const measure = parts[1] ?? '';
  if (END_WORD.test(p)) return { key: 'end', measure };
  if (BEGIN_WORD.test(p)) return { key: 'begin', measure };
  if (CUR_WORD.test(p)) return { key: 'cur', measure };
  if (PREV_WORD.test(p)) return { key: 'prev', measure };
  const d = DATE.exec(p);
  if (d) return { key: `D:${d[1]}-${d[2].padStart(2, '0')}-${d[3].padStart(2, '0')}`, measure };
  if (YEAR_PERIOD.test(p)) return { key: `Y:${p}`, measure };
  return undefined;
}

/** The unit of a cell's figure when it is money and written somewhere (a unit only assumed is not certain). */
export function moneyUnit(table: Table, column: number, figureUnit?: Unit): Unit | undefined {
  const u = figureUnit ?? table.columns[column]?.unit ?? table.unit;
  if (!u || u.kind !== 'money' || u.source === 'default') return undefined;
  return u;
}

/** A figure as one end of a tie, or undefined when the cell is not a certain amount. Empty cells: `emptyAsZero`. */
export function endAt(table: Table, row: Row, column: number, name: string, emptyAsZero = false): TieEnd | undefined {
  if (row.uncertain) return undefined;
  let cell = row.cells[column];
  // A line without figures, written without cells (a layout that drops empty cells): 0 where that is asked for.
  if (!cell && emptyAsZero && !row.cells.some((c) => c.figure)) cell = { start: row.labelRange.end, end: row.labelRange.end, text: '' };
  if (!cell) return undefined;
  const f = cell.figure;
  if (!f) {
    if (!emptyAsZero || cell.text.trim() && !/^[-—–－]+$|^$/.test(cell.text.trim())) return undefined;
    const u = moneyUnit(table, column);
    return u ? { table, row, column, cell, value: 0, tolerance: 0, name } : undefined;
  }
  if (f.uncertain || f.percent) return undefined;
  const u = moneyUnit(table, column, f.unit);
  if (!u) return undefined;
  return { table, row, column, cell, value: f.value * u.factor, tolerance: 0.5 * 10 ** -f.decimals * u.factor, name };
}

const CN_DIGITS = '零一二三四五六七八九';
/** 七 → 7, 十四 → 14, 二十 → 20. */
export function chineseNumber(s: string): number {
  const i = s.indexOf('十');
  if (i < 0) return s.length === 1 ? CN_DIGITS.indexOf(s) : -1;
  const tens = i === 0 ? 1 : CN_DIGITS.indexOf(s.slice(0, i));
  const units = i === s.length - 1 ? 0 : CN_DIGITS.indexOf(s.slice(i + 1));
  return tens < 0 || units < 0 ? -1 : tens * 10 + units;
}

const NOTES_MARKER = /^\s*([一二三四五六七八九十]{1,3})\s*[、.．]\s*(?:(合并|母公司|公司)\s*)?财务报表(?:主要|重要)?项目(?:的)?(?:注释|附注|说明)/;
const TOP_HEADING = /^\s*([一二三四五六七八九十]{1,3})\s*[、.．]\s*\S/;
const STATEMENT_TITLE = /^\s*(?:\d{1,2}\s*[、.．]|[一二三四五六七八九十]+\s*[、.．]|[（(]\s*[一二三四五六七八九十\d]+\s*[)）])?\s*(合并|母公司)?\s*(?:及母公司|及公司)?\s*(资产负债表|利润表|损益表|现金流量表)\s*(?:[（(]\s*续\s*[)）])?\s*$/;

export interface Region {
  scope: Scope;
  fromLine: number;
  toLine: number;
}

/** For each table: the lines that belong to a table. */
function tableLines(model: FilingModel): Uint8Array {
  const inTable = new Uint8Array(model.lines.length);
  for (const t of model.tables) {
    const first = t.rows[0]?.line;
    const last = t.rows[t.rows.length - 1];
    if (first === undefined || !last) continue;
    let i = first;
    while (i < model.lines.length && model.lines[i].start < t.end) inTable[i++] = 1;
  }
  return inTable;
}

/** The notes on the items of the statements: "七、合并财务报表项目注释" … up to the next top-level heading. */
export function noteRegions(model: FilingModel, inTable = tableLines(model)): Region[] {
  const out: Region[] = [];
  let cur: (Region & { n: number }) | undefined;
  for (let li = 0; li < model.lines.length; li++) {
    const line = model.lines[li];
    if (inTable[line.index] || line.text.length > 60) continue;
    // Cheap rejections first: a marker names 财务报表; a heading that ends the region starts with a numeral.
    const m = line.text.indexOf('财务报表') >= 0 ? NOTES_MARKER.exec(line.text) : null;
    if (m) {
      const n = chineseNumber(m[1]);
      if (cur && cur.n === n) continue; // "七、合并财务报表项目注释（续）"
      if (cur) out.push({ scope: cur.scope, fromLine: cur.fromLine, toLine: line.index - 1 });
      cur = { n, scope: m[2] === '母公司' || m[2] === '公司' ? 'parent' : m[2] === '合并' ? 'consolidated' : 'single', fromLine: line.index, toLine: -1 };
      continue;
    }
    if (!cur) continue;
    const first = line.text.charAt(trimmedStart(line.text));
    if (!first || !CN_DIGITS.includes(first) && first !== '十') continue;
    const h = TOP_HEADING.exec(line.text);
    if (h && line.text.trim().length <= 40 && chineseNumber(h[1]) === cur.n + 1) {
      out.push({ scope: cur.scope, fromLine: cur.fromLine, toLine: line.index - 1 });
      cur = undefined;
    }
  }
  if (cur) out.push({ scope: cur.scope, fromLine: cur.fromLine, toLine: model.lines.length - 1 });
  return out;
}

export interface Statement {
  table: Table;
  kind: StatementKind;
  scope: Scope;
  /** Period of each column (undefined: not a period column). */
  periods: (Period | undefined)[];
  /** Titles of the dated columns and what they mean, for note tables that head their columns with dates. */
  dated: Map<string, Period>;
}

const CONTENT: Record<StatementKind, RegExp[]> = {
  balance: [/资产总计|资产合计|流动资产合计/, /负债和(?:所有者|股东)权益(?:总计|合计)|负债合计|流动负债合计/],
  income: [/净利润/, /营业利润|利润总额|营业(?:总)?收入/],
  cashFlow: [/现金流量净额|现金及现金等价物净增加额/],
};

function titleAbove(model: FilingModel, table: Table, inTable: Uint8Array): RegExpExecArray | undefined {
  const c = STATEMENT_TITLE.exec(table.caption);
  if (c) return c;
  return lineAbove(model, table, inTable, STATEMENT_TITLE, 8, 40)?.match;
}

/** The nearest of the `within` non-empty lines above a table that matches `re`, stopping at another table or a line longer than `longest`. */
export function lineAbove(model: FilingModel, table: Table, inTable: Uint8Array, re: RegExp, within: number, longest = Infinity): { line: number; match: RegExpExecArray } | undefined {
  const first = table.rows[0]?.line;
  if (first === undefined) return undefined;
  let seen = 0;
  for (let i = first - 1; i >= 0 && seen < within; i--) {
    if (inTable[i]) return undefined;
    const text = model.lines[i].text.trim();
    if (!text) continue;
    seen++;
    const m = re.exec(text);
    if (m) return { line: i, match: m };
    if (text.length > longest) return undefined;
  }
  return undefined;
}

/** The primary statements of the filing: tables titled as a statement whose rows say so too, before the notes. */
export function findStatements(model: FilingModel, regions: Region[], inTable = tableLines(model)): Statement[] {
  const firstNote = regions.length ? regions[0].fromLine : Infinity;
  const out: Statement[] = [];
  for (const table of model.tables) {
    const line = table.rows[0]?.line ?? -1;
    if (line < 0 || line >= firstNote) continue;
    if (table.columns.some((c) => /调整|重述|变动|差异|比例|%/.test(c.title))) continue;
    const m = titleAbove(model, table, inTable);
    if (!m) continue;
    const kind: StatementKind = m[2] === '资产负债表' ? 'balance' : m[2] === '现金流量表' ? 'cashFlow' : 'income';
    const labels = table.rows.map((r) => r.label.replace(/\s+/g, '')).join('|');
    const prev = out[out.length - 1];
    const continues = prev && prev.kind === kind && prev.table.id === table.id - 1 && /续/.test(m[0] + table.caption);
    if (!continues && !CONTENT[kind].some((re) => re.test(labels))) continue;
    const scope: Scope = m[1] === '母公司' ? 'parent' : m[1] === '合并' ? 'consolidated' : 'single';
    const periods = statementPeriods(table, kind);
    if (!periods) continue;
    const dated = new Map<string, Period>();
    table.columns.forEach((c, i) => {
      const p = columnPeriod(c.title);
      if (p && p.key.includes(':') && periods[i]) dated.set(p.key, periods[i]!);
    });
    out.push({ table, kind, scope, periods, dated });
  }
  // A statement without 合并 / 母公司 is the consolidated one only when the filing prints no parent statements.
  const hasParent = out.some((s) => s.scope === 'parent');
  for (const s of out) if (s.scope === 'single' && !hasParent) s.scope = 'consolidated';
  return out.filter((s) => s.scope !== 'single');
}

/** Relative periods of a statement's columns: dated titles ordered (the later one is the current period). */
function statementPeriods(table: Table, kind: StatementKind): (Period | undefined)[] | undefined {
  const instant = kind === 'balance';
  const keys = table.columns.map((c) => columnPeriod(c.title));
  const dated = [...new Set(keys.filter((k) => k && k.key.includes(':') && !k.measure).map((k) => k!.key))];
  if (dated.length > 2) return undefined;
  const year = (k: string) => (/(\d{4})/.exec(k)?.[1] ?? '') + k.slice(6);
  const sorted = [...dated].sort((a, b) => (year(a) < year(b) ? 1 : year(a) > year(b) ? -1 : 0));
  if (sorted.length === 2 && year(sorted[0]) === year(sorted[1])) return undefined;
  const seen = new Set<Period>();
  const out: (Period | undefined)[] = keys.map((k) => {
    if (!k || k.measure) return undefined;
    let p: Period;
    if (k.key.includes(':')) {
      const latest = sorted[0] === k.key;
      if (k.key.startsWith('Y:') && instant) return undefined;
      p = instant ? (latest ? 'end' : 'begin') : latest ? 'cur' : 'prev';
    } else p = k.key as Period;
    if ((p === 'end' || p === 'begin') !== instant) return undefined;
    if (seen.has(p)) return undefined;
    seen.add(p);
    return p;
  });
  return out.some((p) => p) ? out : undefined;
}

/** The scope of a table in the notes, by the region it stands in. */
export function regionOf(regions: Region[], table: Table): Region | undefined {
  const line = table.rows[0]?.line ?? -1;
  return regions.find((r) => r.fromLine <= line && line <= r.toLine);
}

export function lineInTables(model: FilingModel): Uint8Array {
  return tableLines(model);
}
