// The statement of changes in equity (所有者权益变动表 / 股东权益变动表) against the other
// statements: each component column's 本年年末余额 = the balance sheet's line of the same name at
// the period end, its 上年年末余额 = the balance sheet's opening column, the previous year's
// 本年年末余额 = this year's 上年年末余额, the 综合收益总额 row = the income statement's
// 综合收益总额, and in each column 本年年末余额 = 本年年初余额 + 本期增减变动金额.
//
// A column is tied only where its title, once the band titles above it are taken off, names one
// component and nothing else (a title that also holds a fragment of another column's title is a
// header mangled by the text and gives no tie); a part of the statement (this year, last year) only
// where a band above it or a year names its period; a row only where its label names it once.

import type { FilingModel, Row, Table } from '../../model/types';
import { endAt, itemOf, lineAbove, Period, Scope } from './identity';
import { PERIOD_NAME, SCOPE_NAME, statementEnd, StatementLine, TieContext } from './context';
import { makeTie, Tie, TieEnd } from './types';
import { tableMemo } from './perTable';

/** The title of the statement: "合并所有者权益变动表", "母公司股东权益变动表", "合并及银行股东权益变动表（续）". */
const TITLE = /^\s*(?:\d{1,2}\s*[、.．]|[一二三四五六七八九十]+\s*[、.．]|[（(]\s*[一二三四五六七八九十\d]+\s*[)）])?\s*(合并|母公司|公司)?\s*(及(?:母公司|公司|银行|本行))?\s*(?:所有者|股东)权益变动表\s*(?:[（(]\s*续\s*[)）])?\s*$/;
/** The band naming the scope of a part under a "合并及母公司" title. */
const SCOPE_BAND: Record<string, Scope> = { 本集团: 'consolidated', 合并: 'consolidated', 本行: 'parent', 母公司: 'parent', 本公司: 'parent', 公司: 'parent' };

/** Row labels (reduced by itemOf). */
const BEGIN_ROW = /^(?:上年年末余额|上年期末余额|上期期末余额|上年末余额|上年年末及本年年初余额)$/;
const OPEN_ROW = /^(?:本年年初余额|本期期初余额|本年期初余额|年初余额|期初余额|上年年末及本年年初余额)$/;
const CHANGE_ROW = /^本(?:年|期)增减变动/;
const END_ROW = /^(?:本年年末余额|本期期末余额|本年期末余额|期末余额|年末余额)$/;
const INCOME_ROW = /^综合收益总额$/;

type Component = 'capital' | 'otherEquity' | 'capitalReserve' | 'treasury' | 'oci' | 'special' | 'surplus' | 'generalRisk' | 'retained' | 'parentSubtotal' | 'minority' | 'total';

/** A column title reduced to a component's name: exactly one of these, whole. */
const COLUMN: [Component, RegExp][] = [
  ['capital', /^(?:实收资本|股本)$/],
  ['otherEquity', /^其他权益工具$/],
  ['capitalReserve', /^资本公积$/],
  ['treasury', /^库存股$/],
  ['oci', /^其他综合收益$/],
  ['special', /^专项储备$/],
  ['surplus', /^盈余公积$/],
  ['generalRisk', /^一般风险准备$/],
  ['retained', /^未分配利润$/],
  ['parentSubtotal', /^(?:小计|归属于(?:母公司|本公司)(?:所有者|股东)的?权益(?:小计|合计))$/],
  ['minority', /^少数股东权益$/],
  ['total', /^(?:所有者|股东)权益(?:合计|总计)$/],
];

/** The balance-sheet line of each component (its item, without remarks in brackets). */
const BALANCE: Record<Component, RegExp> = {
  capital: /^(?:实收资本|股本)$/,
  otherEquity: /^其他权益工具$/,
  capitalReserve: /^资本公积$/,
  treasury: /^库存股$/,
  oci: /^其他综合收益$/,
  special: /^专项储备$/,
  surplus: /^盈余公积$/,
  generalRisk: /^一般风险准备$/,
  retained: /^未分配利润$/,
  parentSubtotal: /^归属于(?:母公司|本公司)(?:所有者|股东)的?权益(?:合计|小计)?$/,
  minority: /^少数股东权益$/,
  total: /^(?:所有者|股东)权益(?:合计|总计)$/,
};

/** The income-statement line the 综合收益总额 row equals, by column. */
const INCOME: Partial<Record<Component, RegExp>> = {
  total: /^综合收益总额$/,
  parentSubtotal: /^归属于(?:母公司|本公司)(?:所有者|股东)的综合收益总额$/,
  minority: /^归属于少数股东的综合收益总额$/,
};

/** Band titles over the component columns, taken off a title's start where something follows. */
const BAND = /^(?:\d{4}年(?:度|1[-—–~至]12月)?|本期金额|上期金额|本年金额|上年金额|本期|上期|本年度?|上年度?|本集团|本行|本公司|归属于(?:母公司|本公司)(?:所有者|股东)的?权益)(?=.)/;

const BRACKETS = /[（(][^（）()]*[)）]/g;

/** The component a column title names, or undefined. */
export function columnComponent(title: string): Component | undefined {
  let t = title.replace(/\s+/g, '').replace(/\//g, '');
  for (let i = 0; i < 4; i++) {
    const before = t;
    t = t.replace(BAND, '');
    if (t === before) break;
  }
  t = t.replace(BRACKETS, '').replace(/^减[:：]/, '');
  const hit = COLUMN.find(([, re]) => re.test(t));
  return hit?.[0];
}

interface Part {
  table: Table;
  scope: Scope | 'single';
  /** This year's part or the comparative year's. */
  period?: 'cur' | 'prev';
  columns: Map<Component, number>;
  begin?: Row;
  open?: Row;
  change?: Row;
  end?: Row;
  income?: Row;
}

function uniqueRow(table: Table, re: RegExp): Row | undefined {
  let hit: Row | undefined;
  for (const r of table.rows) {
    if (r.kind === 'header' || !re.test(itemOf(r.label))) continue;
    if (hit) return undefined;
    hit = r;
  }
  return hit;
}

/** A balance row labelled with its date: "一、2024年1月1日余额", "三、2024年12月31日余额". */
const DATED_ROW = /^(\d{4})年(\d{1,2})月(\d{1,2})日(?:余额)?$/;

/** Balance rows named by dates: Y年12月31日 closing, after (Y−1)年12月31日 and / or Y年1月1日; nothing else dated. */
function datedRows(table: Table): { begin: Row; open: Row; end: Row; year: number } | undefined {
  const rows: { row: Row; key: string }[] = [];
  for (const r of table.rows) {
    const m = r.kind === 'header' ? null : DATED_ROW.exec(itemOf(r.label));
    if (m) rows.push({ row: r, key: `${m[1]}-${Number(m[2])}-${Number(m[3])}` });
  }
  const last = rows[rows.length - 1];
  const y = last && /^(\d{4})-12-31$/.exec(last.key);
  if (!y || rows.length < 2 || rows.length > 3) return undefined;
  const year = Number(y[1]);
  const before = rows.slice(0, -1).map((r) => r.key);
  const want = rows.length === 3 ? [`${year - 1}-12-31`, `${year}-1-1`] : null;
  if (want ? before.join() !== want.join() : before[0] !== `${year - 1}-12-31` && before[0] !== `${year}-1-1`) return undefined;
  return { begin: rows[0].row, open: rows[rows.length - 2].row, end: last.row, year };
}

const YEAR = /(\d{4})\s*年\s*(?:度|1\s*[-—–~至]\s*12\s*月)/;
const CUR_BAND = /^(?:本期|本年)(?:金额|度)?$/;
const PREV_BAND = /^(?:上期|上年)(?:金额|度)?$/;

/** What a band line or a title says of the period: a relative word, a year, or nothing. */
function periodWord(text: string): { rel?: 'cur' | 'prev'; year?: number } | undefined {
  const t = text.replace(/\s+/g, '');
  if (CUR_BAND.test(t)) return { rel: 'cur' };
  if (PREV_BAND.test(t)) return { rel: 'prev' };
  const y = YEAR.exec(text);
  if (y && text.replace(/\s+/g, '').length <= 16) return { year: Number(y[1]) };
  return undefined;
}

/** The lines from `from` up to the table's first row that is not a header, without furniture. */
function linesBefore(model: FilingModel, table: Table, from: number): string[] {
  const first = table.rows.find((r) => r.kind !== 'header')?.line ?? 0;
  const out: string[] = [];
  for (let i = Math.max(0, from); i < first; i++) {
    const l = model.lines[i];
    if (model.furniture.has(i)) continue;
    const t = l.text.trim();
    if (t) out.push(t);
  }
  return out;
}

/** The statement's title above a table: its line, scope and the year under it. */
function titleOf(model: FilingModel, table: Table, inTable: Uint8Array): { line: number; scope: Scope | 'single' | undefined; year?: number; bandsFrom: number } | undefined {
  const hit = lineAbove(model, table, inTable, TITLE, 14);
  if (!hit) return undefined;
  const m = hit.match;
  let scope: Scope | 'single' | undefined = m[2] ? undefined : m[1] === '合并' ? 'consolidated' : m[1] ? 'parent' : 'single';
  const below = linesBefore(model, table, hit.line + 1);
  if (m[2]) {
    // "合并及母公司…": a band line names the scope of this part; one of each, or none.
    const bands = below.filter((t) => SCOPE_BAND[t.replace(/\s+/g, '')]);
    scope = bands.length === 1 ? SCOPE_BAND[bands[0].replace(/\s+/g, '')] : undefined;
  }
  // The year of the statement: the line right under the title (not a band of a part, then).
  let under = hit.line + 1;
  while (under < model.lines.length && (model.furniture.has(under) || !model.lines[under].text.trim())) under++;
  const year = below.length ? periodWord(below[0])?.year : undefined;
  return { line: hit.line, scope, year, bandsFrom: year !== undefined ? under + 1 : hit.line + 1 };
}

/** The period of a part: the band nearest its header (a line between `from` and the table, its caption, its column titles). */
function partPeriod(model: FilingModel, table: Table, from: number, statementYear: number | undefined, rowYear?: number): 'cur' | 'prev' | undefined {
  // Balance rows named by their dates say the year themselves.
  if (rowYear !== undefined) return rowYear === statementYear ? 'cur' : rowYear === (statementYear ?? NaN) - 1 ? 'prev' : undefined;
  const words = linesBefore(model, table, from).map(periodWord).filter((w) => w);
  const inTitles = table.columns.map((c) => /^(本期|上期|本年|上年|\d{4}\s*年\s*度)/.exec(c.title.replace(/\s+(?=\d|年|度)/g, ''))?.[1]).filter((x): x is string => !!x);
  const titleWords = [...new Set(inTitles)].map(periodWord).filter((w) => w);
  const w = titleWords.length === 1 ? titleWords[0] : titleWords.length > 1 ? undefined : words[words.length - 1];
  if (!w) return undefined;
  if (w.rel) return w.rel;
  if (w.year === undefined || statementYear === undefined) return undefined;
  return w.year === statementYear ? 'cur' : w.year === statementYear - 1 ? 'prev' : undefined;
}

/** Whether a statement's title stands between two tables (then the second does not continue the first). */
function titleBetween(model: FilingModel, before: Table, table: Table): boolean {
  const from = (before.rows[before.rows.length - 1]?.line ?? 0) + 1;
  return linesBefore(model, table, from).some((t) => /权益变动表|资产负债表|利润表|损益表|现金流量表/.test(t) && t.length <= 40);
}

/** The component columns of a part: each named once. */
function componentColumns(table: Table): Map<Component, number> {
  const out = new Map<Component, number>();
  const twice = new Set<Component>();
  const parentBand = /归属于(?:母公司|本公司)/.test(table.caption) || table.columns.some((c) => /归属于(?:母公司|本公司)/.test(c.title));
  table.columns.forEach((c, i) => {
    const k = columnComponent(c.title);
    if (!k) return;
    if (out.has(k)) twice.add(k);
    out.set(k, i);
  });
  for (const k of twice) out.delete(k);
  // 其他权益工具 split into 优先股 / 永续债 / 其他 columns: a column titled 其他权益工具 may be one of them.
  if (table.columns.some((c) => /优|永续/.test(c.title))) out.delete('otherEquity');
  // A bare 小计 is the parent's subtotal only under the band that says so, beside the minority's column.
  if (out.has('parentSubtotal') && !parentBand && !out.has('minority')) out.delete('parentSubtotal');
  return out;
}

/** A part's balance rows: 上年年末余额, 本年年初余额, 本年年末余额, or the same named by their dates. */
function readBalanceRows(table: Table): { end?: Row; begin?: Row; open?: Row; dated?: ReturnType<typeof datedRows> } {
  const end = uniqueRow(table, END_ROW);
  const begin = uniqueRow(table, BEGIN_ROW);
  const open = uniqueRow(table, OPEN_ROW);
  const dated = !end && !begin ? datedRows(table) : undefined;
  return dated ? { end: dated.end, begin: dated.begin, open: dated.open, dated } : { end, begin, open };
}

/** (They depend on the table alone: kept per table object.) */
const balanceRows = tableMemo<ReturnType<typeof readBalanceRows>>(({ end, begin, open, dated }, m) => ({
  end: end && m.row(end),
  begin: begin && m.row(begin),
  open: open && m.row(open),
  dated: dated && { begin: m.row(dated.begin), open: m.row(dated.open), end: m.row(dated.end), year: dated.year },
}));

/** The parts of the statements of changes in equity, in the order of the tables. */
function equityParts(ctx: TieContext): Part[] {
  const model = ctx.model;
  const out: Part[] = [];
  let group: { scope: Scope | 'single' | undefined; year?: number } | undefined;
  let prevTable: Table | undefined;
  for (const table of model.tables) {
    const { end, begin, open, dated } = balanceRows(table, readBalanceRows);
    if (!end || !begin || end.line < begin.line) {
      prevTable = table;
      group = undefined;
      continue;
    }
    const title = titleOf(model, table, ctx.inTable);
    let from: number;
    if (title) {
      group = { scope: title.scope, year: title.year };
      from = title.bandsFrom;
    } else if (group && prevTable && out.length && out[out.length - 1].table === prevTable && !titleBetween(model, prevTable, table)) {
      // The comparative year (or the rest of the statement) after a page break: same statement.
      const last = prevTable.rows[prevTable.rows.length - 1];
      from = (last?.line ?? 0) + 1;
    } else {
      prevTable = table;
      group = undefined;
      continue;
    }
    prevTable = table;
    out.push({
      table,
      scope: group.scope ?? 'single',
      period: group.scope ? partPeriod(model, table, from, group.year, dated?.year) : undefined,
      columns: componentColumns(table),
      begin,
      open: open && open.line >= begin.line && open.line < end.line ? open : undefined,
      change: uniqueRow(table, CHANGE_ROW),
      end,
      income: uniqueRow(table, INCOME_ROW),
    });
    if (!group.scope) out[out.length - 1].scope = 'single';
  }
  return out;
}

const COMPONENT_NAME: Record<Component, string> = {
  capital: '股本',
  otherEquity: '其他权益工具',
  capitalReserve: '资本公积',
  treasury: '库存股',
  oci: '其他综合收益',
  special: '专项储备',
  surplus: '盈余公积',
  generalRisk: '一般风险准备',
  retained: '未分配利润',
  parentSubtotal: '归属于母公司所有者权益',
  minority: '少数股东权益',
  total: '所有者权益合计',
};

/** The one line of a statement of the scope whose item matches. */
function lineOf(ctx: TieContext, kind: 'balance' | 'income', scope: Scope, re: RegExp): StatementLine | undefined {
  let hit: StatementLine | undefined;
  for (const [key, line] of ctx.lines) {
    if (line.statement.kind !== kind || line.statement.scope !== scope) continue;
    if (!re.test(key.slice(key.indexOf('|') + 1).replace(BRACKETS, ''))) continue;
    if (hit) return undefined;
    hit = line;
  }
  return hit;
}

/** Whether the adjustment rows between 上年年末余额 and 本年年初余额 (会计政策变更, 前期差错更正 …) are empty in a column. */
function unadjusted(part: Part, column: number): boolean {
  const rows = part.table.rows;
  const from = rows.indexOf(part.begin!);
  const to = part.open ? rows.indexOf(part.open) : from;
  for (let i = from + 1; i < to; i++) {
    const f = rows[i].cells[column]?.figure;
    if (f && f.value !== 0) return false;
  }
  return true;
}

export function equityTies(ctx: TieContext): Tie[] {
  const out: Tie[] = [];
  const parts = equityParts(ctx);
  const hasParent = ctx.statements.some((s) => s.scope === 'parent');
  const scopeOf = (p: Part): Scope | undefined => (p.scope === 'single' ? (hasParent ? undefined : 'consolidated') : p.scope);
  const name = (p: Part, scope: Scope, k: Component | undefined, column: number, row: Row) =>
    `${SCOPE_NAME[scope]}所有者权益变动表 ${k ? COMPONENT_NAME[k] : p.table.columns[column]?.title.replace(/\s+/g, '') || `第${column + 1}列`} [${p.period === 'prev' ? '上年 ' : ''}${itemOf(row.label)}]`;
  const figure = (p: Part, scope: Scope, k: Component | undefined, column: number, row: Row | undefined, emptyAsZero = false): TieEnd | undefined =>
    row ? endAt(p.table, row, column, name(p, scope, k, column, row), emptyAsZero) : undefined;

  for (const p of parts) {
    const scope = scopeOf(p);
    if (!scope) continue;
    // Within the part: 本年年末余额 = 本年年初余额 + 本期增减变动金额, in each component column.
    const opening = p.open ?? p.begin;
    // (A change row without figures is a band over its breakdown, not a total of it: no tie.)
    const written = (r: Row) => r.cells.some((c) => c.figure);
    if (opening && p.change && p.end && p.change.line > opening.line && p.end.line > p.change.line && written(opening) && written(p.change) && written(p.end)) {
      for (const [k, c] of p.columns) {
        const e = figure(p, scope, k, c, p.end, true);
        const o = figure(p, scope, k, c, opening, true);
        const d = figure(p, scope, k, c, p.change, true);
        if (!e || !o || !d || !(e.cell.figure || o.cell.figure || d.cell.figure)) continue;
        out.push(makeTie('equity', e, [{ end: o, sign: 1 }, { end: d, sign: 1 }], '所有者权益变动表: 本年年末余额 = 本年年初余额 + 本期增减变动金额'));
      }
    }
    // 本年年初余额 = 上年年末余额 + the adjustments between them (会计政策变更, 前期差错更正 …).
    if (p.open && p.begin && p.open !== p.begin && written(p.open) && written(p.begin)) {
      const rows = p.table.rows;
      const between = rows.slice(rows.indexOf(p.begin) + 1, rows.indexOf(p.open));
      for (const [k, c] of p.columns) {
        const o = figure(p, scope, k, c, p.open, true);
        const b = figure(p, scope, k, c, p.begin, true);
        const adj = between.map((r) => (r.cells[c]?.figure ? figure(p, scope, k, c, r) : null));
        if (!o || !b || adj.some((a) => a === undefined) || !(o.cell.figure || b.cell.figure)) continue;
        const adjusted = adj.filter((a): a is TieEnd => !!a);
        out.push(makeTie('equity', o, [{ end: b, sign: 1 }, ...adjusted.map((a) => ({ end: a, sign: 1 as const }))], '所有者权益变动表: 本年年初余额 = 上年年末余额 + 调整'));
      }
    }
    if (!p.period) continue;
    const bsPeriod: Period | undefined = p.period === 'cur' ? 'end' : undefined;
    for (const [k, c] of p.columns) {
      // 本年年末余额 = the balance sheet at the period end; 上年年末余额 = its opening column.
      const bs = lineOf(ctx, 'balance', scope, BALANCE[k]);
      if (bs && bsPeriod) {
        const target = statementEnd(bs, bsPeriod);
        const other = figure(p, scope, k, c, p.end);
        if (target?.cell.figure && other?.cell.figure) out.push(makeTie('equity', target, [{ end: other, sign: 1 }], `${COMPONENT_NAME[k]}: 资产负债表 [${PERIOD_NAME.end}] = 所有者权益变动表 本年年末余额`));
      }
      if (bs && p.period === 'cur' && unadjusted(p, c)) {
        const target = statementEnd(bs, 'begin');
        const other = figure(p, scope, k, c, p.begin);
        if (target?.cell.figure && other?.cell.figure) out.push(makeTie('equity', target, [{ end: other, sign: 1 }], `${COMPONENT_NAME[k]}: 资产负债表 [${PERIOD_NAME.begin}] = 所有者权益变动表 上年年末余额`));
      }
      // 综合收益总额 of the part = the income statement's, in the year of the part.
      const re = INCOME[k];
      const inc = re && lineOf(ctx, 'income', scope, re);
      if (inc && p.income) {
        const target = statementEnd(inc, p.period);
        const other = figure(p, scope, k, c, p.income);
        if (target?.cell.figure && other?.cell.figure) out.push(makeTie('equity', target, [{ end: other, sign: 1 }], `${COMPONENT_NAME[k]}: 利润表 综合收益总额 [${PERIOD_NAME[p.period]}] = 所有者权益变动表 综合收益总额`));
      }
    }
  }
  // The comparative year's 本年年末余额 = this year's 上年年末余额, column by column.
  for (const cur of parts) {
    const scope = scopeOf(cur);
    if (!scope || cur.period !== 'cur') continue;
    const prevs = parts.filter((p) => p.period === 'prev' && scopeOf(p) === scope);
    const curs = parts.filter((p) => p.period === 'cur' && scopeOf(p) === scope);
    if (prevs.length !== 1 || curs.length !== 1) continue;
    const prev = prevs[0];
    for (const [k, c] of cur.columns) {
      const pc = prev.columns.get(k);
      if (pc === undefined || !unadjusted(cur, c)) continue;
      const target = figure(cur, scope, k, c, cur.begin);
      const other = figure(prev, scope, k, pc, prev.end);
      if (target?.cell.figure && other?.cell.figure) out.push(makeTie('equity', target, [{ end: other, sign: 1 }], `${COMPONENT_NAME[k]}: 所有者权益变动表 上年年末余额 = 上年的本年年末余额`));
    }
  }
  return out;
}
