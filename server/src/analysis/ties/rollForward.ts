// Roll-forwards in note tables: 期初余额 + 本期增加 − 本期减少 = 期末余额, and for fixed assets,
// intangibles, construction in progress and right-of-use assets 账面价值 = 原值 − 累计折旧(摊销)
// − 减值准备. Both orientations: movement rows × asset columns (固定资产情况), or items × movement
// columns (应付职工薪酬, 长期待摊费用, 递延收益). Made only where every movement line is named
// plainly; a table with a movement column or row that is not understood gets no tie.

import type { Line, Row, Table } from '../../model/types';
import { endAt, itemOf } from './identity';
import { makeTie, Tie, TieEnd } from './types';
import { tableMemo } from './perTable';

const OPEN = /^(?:期初|年初|上年年末|上年末)(?:余额|数|账面余额)?$/;
const CLOSE = /^(?:期末|年末)(?:余额|数|账面余额)?$/;
const INC = /^本(?:期|年)增加(?:金额?|额)?$/;
const DEC = /^本(?:期|年)减少(?:金额?|额)?$/;

/** A balance row labelled with its date (2017-12-31, 2018年12月31日): the opening or the closing one by order. */
const DATE_LABEL = /^(\d{4})[-.年/](\d{1,2})[-.月/](\d{1,2})日?(?:余额)?$/;
function dateKey(item: string): string | undefined {
  const m = DATE_LABEL.exec(item);
  return m ? `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}` : undefined;
}

type Block = 'cost' | 'dep' | 'imp' | 'net';
function blockOf(item: string): Block | undefined {
  // An asset's name may come first: 使用权资产原值, 使用权资产账面价值.
  if (item.length > 14) return undefined;
  if (/(?:原值|原价)(?:合计)?$/.test(item)) return 'cost';
  if (/累计(?:折旧|摊销|折耗)(?:合计)?$/.test(item)) return 'dep';
  if (/减值准备(?:合计)?$/.test(item)) return 'imp';
  if (/^(?:\D{0,8})账面价值(?:合计)?$/.test(item) && !/^(?:期末|期初|年末|年初)/.test(item)) return 'net';
  return undefined;
}

interface Movement {
  open: Row;
  inc: Row;
  incFrom: number;
  dec: Row;
  decFrom: number;
  close: Row;
  closeAt: number;
  block?: Block;
  /** The dates of the opening and closing rows, when they are labelled with dates. */
  openDate?: string;
  closeDate?: string;
}

/** A line between the movement lines: a breakdown ((1)购置, —处置) or a line without figures; anything else is a movement not understood. */
const SUB_ROW = /^\s*(?:[（(]\s*\d{1,2}\s*[)）]|\d{1,2}\)|[—–-]|[①②③④⑤⑥⑦⑧⑨⑩]|其中)/;
function onlyBreakdowns(rows: Row[], from: number, to: number): boolean {
  for (let k = from + 1; k < to; k++) if (!SUB_ROW.test(rows[k].label) && rows[k].cells.some((c) => c.figure)) return false;
  return true;
}

/** Movement rows: 期初余额, 本期增加(with its sub-rows), 本期减少(with its sub-rows), 期末余额. */
function movements(table: Table): Movement[] {
  const rows = table.rows;
  const out: Movement[] = [];
  let block: Block | undefined;
  for (let i = 0; i < rows.length; i++) {
    const item = itemOf(rows[i].label);
    const b = blockOf(item);
    if (b) block = b;
    const openDate = dateKey(item);
    if (!OPEN.test(item) && !openDate) continue;
    let inc = -1;
    let dec = -1;
    let close = -1;
    for (let j = i + 1; j < rows.length; j++) {
      const it = itemOf(rows[j].label);
      const d = dateKey(it);
      if (OPEN.test(it) || blockOf(it) || (d && (!openDate || dec < 0 || d <= openDate))) break;
      if (INC.test(it) && inc < 0 && dec < 0) inc = j;
      else if (DEC.test(it) && inc >= 0 && dec < 0) dec = j;
      else if ((openDate ? d : CLOSE.test(it)) && inc >= 0 && dec >= 0) {
        close = j;
        break;
      }
    }
    if (inc < 0 || dec < 0 || close < 0) continue;
    // A row read with doubt between the balances may be a movement whose figures were not read (转出第三层次 - (12)).
    if (rows.slice(i, close + 1).some((r) => r.uncertain)) continue;
    if (!onlyBreakdowns(rows, i, inc) || !onlyBreakdowns(rows, inc, dec) || !onlyBreakdowns(rows, dec, close)) continue;
    const closeDate = openDate ? dateKey(itemOf(rows[close].label)) : undefined;
    out.push({ open: rows[i], inc: rows[inc], incFrom: inc, dec: rows[dec], decFrom: dec, close: rows[close], closeAt: close, block, openDate, closeDate });
  }
  return out;
}

function tableWidth(table: Table): number {
  return Math.max(0, ...table.rows.map((r) => r.cells.length));
}

function movementColumns(table: Table): number[] {
  const n = tableWidth(table);
  const cols: number[] = [];
  for (let c = 0; c < n; c++) if (table.columns[c]?.additive !== false && !table.columns[c]?.share) cols.push(c);
  return cols;
}

/** A column's title, or where the table has none, the header row nearest above the row (a header repeated inside the table). */
function titleOf(table: Table, row: Row, column: number, lines?: readonly Line[]): string {
  const t = table.columns[column]?.title;
  if (t) return t;
  const at = table.rows.indexOf(row);
  for (let k = at - 1; k >= 0; k--) {
    const r = table.rows[k];
    if (r.kind === 'header' && r.cells.length) return r.cells[column]?.text.trim() ?? '';
  }
  return headerAbove(table, lines)?.[column] ?? '';
}

/**
 * A header line written just above a table the reader took without it ("项目 电子设备 办公设备 合计"):
 * words separated by spaces, one per column after 项目, none of them a figure.
 */
function headerAbove(table: Table, lines?: readonly Line[]): string[] | undefined {
  const width = tableWidth(table);
  for (const text of textsAbove(table, lines)) {
    const words = text.split(/\s+/);
    if (words[0] !== '项目' || /\d/.test(text)) continue;
    return words.length === width + 1 ? words.slice(1) : undefined;
  }
  return undefined;
}

/** The (trimmed) texts of the three non-empty lines above a table, nearest first: all a table's roll-forward ties read outside it. */
function textsAbove(table: Table, lines?: readonly Line[]): string[] {
  const first = table.rows[0]?.line;
  const out: string[] = [];
  if (!lines || first === undefined) return out;
  for (let i = first - 1; i >= 0 && out.length < 3; i--) {
    const text = lines[i].text.trim();
    if (text) out.push(text);
  }
  return out;
}

const TOTAL_TITLE = /^(?:合计|总计)$/;
const hasFigures = (r: Row) => r.cells.some((c) => c.figure);

/**
 * The cell of a row in a column, where its place is certain: a row with a cell for every column,
 * or a row without figures (0); in a row with cells left out (a layout that drops empty cells), only
 * its last figure in the last column titled 合计, and only when the figures before it add up to it.
 */
function placed(table: Table, row: Row, column: number, width: number, lines?: readonly Line[]): number | undefined {
  if (row.cells.length >= width || !hasFigures(row)) return column;
  if (column !== width - 1 || !TOTAL_TITLE.test(titleOf(table, row, column, lines).replace(/\s+/g, ''))) return undefined;
  const figs = row.cells.map((c) => c.figure);
  const last = figs[figs.length - 1];
  if (!last || figs.some((f) => !f)) return undefined;
  const sum = figs.slice(0, -1).reduce((a, f) => a + f!.value, 0);
  return Math.abs(sum - last.value) < 10 ** -last.decimals / 2 + 1e-9 ? row.cells.length - 1 : undefined;
}

/** A movement line's figure; empty counts as 0 unless the lines under it hold figures in that column. */
function movementEnd(table: Table, rows: Row[], at: number, until: number, column: number, width: number, name: string, lines?: readonly Line[]): TieEnd | undefined {
  const c = placed(table, rows[at], column, width, lines);
  if (c === undefined) return undefined;
  const e = endAt(table, rows[at], c, name, true);
  if (!e || e.cell.figure) return e && (e.value < 0 ? { ...e, value: -e.value } : e);
  for (let k = at + 1; k < until; k++) if ((hasFigures(rows[at]) ? rows[k].cells[column]?.figure : hasFigures(rows[k]))) return undefined;
  return e;
}

function balanceEnd(table: Table, row: Row, column: number, width: number, name: string, emptyAsZero = false, lines?: readonly Line[]): TieEnd | undefined {
  const c = placed(table, row, column, width, lines);
  if (c === undefined) return undefined;
  if (!hasFigures(row)) return endAt(table, row, column, name, emptyAsZero);
  return endAt(table, row, c, name, emptyAsZero);
}

function rowsTies(table: Table, lines?: readonly Line[]): Tie[] {
  const out: Tie[] = [];
  const ms = movements(table);
  if (!ms.length) return out;
  const rows = table.rows;
  const cols = movementColumns(table);
  const width = tableWidth(table);
  for (const m of ms) {
    for (const c of cols) {
      const where = `${table.caption.trim()} ${titleOf(table, m.open, c, lines) || `column ${c + 1}`}`;
      const close = balanceEnd(table, m.close, c, width, `${where} 期末余额`, false, lines);
      const open = balanceEnd(table, m.open, c, width, `${where} 期初余额`, true, lines);
      const inc = movementEnd(table, rows, m.incFrom, m.decFrom, c, width, `${where} 本期增加`, lines);
      const dec = movementEnd(table, rows, m.decFrom, m.closeAt, c, width, `${where} 本期减少`, lines);
      if (!close?.cell.figure || !open || !inc || !dec) continue;
      out.push(makeTie('rollForwards', close, [{ end: open, sign: 1 }, { end: inc, sign: 1 }, { end: dec, sign: -1 }], '期初余额 + 本期增加 − 本期减少 = 期末余额'));
    }
  }
  // 账面价值 = 原值 − 累计折旧 − 减值准备, at the end and the start of the period.
  const byBlock = new Map<Block, Movement>();
  for (const m of ms) if (m.block && !byBlock.has(m.block)) byBlock.set(m.block, m);
  const cost = byBlock.get('cost');
  const dep = byBlock.get('dep');
  if (!cost || !dep) return out;
  const imp = byBlock.get('imp');
  const netRows = netValueRows(table);
  if (!netRows) return out;
  for (const [netRow, side, date] of netRows) {
    // The net value of the same dates as the blocks, printed after them.
    if (date ? date !== (side === 'close' ? cost.closeDate : cost.openDate) : table.rows.indexOf(netRow) < Math.max(cost.closeAt, dep.closeAt)) continue;
    for (const c of cols) {
      const where = `${table.caption.trim()} ${titleOf(table, netRow, c, lines) || `column ${c + 1}`}`;
      const net = balanceEnd(table, netRow, c, width, `${where} ${side === 'close' ? '期末' : '期初'}账面价值`, false, lines);
      const pick = (m: Movement | undefined, what: string) => (m ? balanceEnd(table, side === 'close' ? m.close : m.open, c, width, `${where} ${what}`, true, lines) : undefined);
      const a = pick(cost, '原值');
      const d = pick(dep, '累计折旧(摊销)');
      const i = imp ? pick(imp, '减值准备') : undefined;
      if (!net?.cell.figure || !a || !d || (imp && !i)) continue;
      const parts: { end: TieEnd; sign: 1 | -1 }[] = [{ end: a, sign: 1 }, { end: d, sign: -1 }];
      if (i) parts.push({ end: i, sign: -1 });
      out.push(makeTie('rollForwards', net, parts, `账面价值 = 原值 − 累计折旧(摊销)${i ? ' − 减值准备' : ''}`));
    }
  }
  return out;
}

/** The 期末账面价值 / 期初账面价值 rows (after a 账面价值 heading, or named so). */
function netValueRows(table: Table): [Row, 'close' | 'open', string?][] | undefined {
  const out: [Row, 'close' | 'open', string?][] = [];
  let inNet = false;
  const dated: [Row, string][] = [];
  for (const r of table.rows) {
    const it = itemOf(r.label);
    const b = blockOf(it);
    if (b) inNet = b === 'net';
    const d = /^(.*?)账面价值$/.exec(it);
    const date = d ? dateKey(d[1]) : inNet ? dateKey(it) : undefined;
    if (date) dated.push([r, date]);
    else if (/^期末账面价值?$/.test(it) || (inNet && CLOSE.test(it))) out.push([r, 'close']);
    else if (/^期初账面价值?$/.test(it) || (inNet && OPEN.test(it))) out.push([r, 'open']);
  }
  if (dated.length === 2 && !out.length && dated[0][1] !== dated[1][1]) {
    const later = dated[0][1] > dated[1][1] ? 0 : 1;
    out.push([dated[later][0], 'close', dated[later][1]], [dated[1 - later][0], 'open', dated[1 - later][1]]);
  }
  const closes = out.filter((x) => x[1] === 'close').length;
  const opens = out.length - closes;
  return closes <= 1 && opens <= 1 && out.length ? out : undefined;
}

type Role = 'open' | 'close' | 'inc' | 'dec';
const COL_INC = /^(?:本(?:期|年))?(?:增加|计提|新增)(?:金额|额)?$/;
const COL_DEC = /^(?:本(?:期|年))?(?:减少|摊销|转回|转销|核销|收回或转回|转回或转销|其他减少|本期摊销)(?:金额|额)?$/;

function columnRole(title: string): Role | undefined {
  const parts = title.split(' / ').map((p) => p.replace(/\s+/g, '').replace(/[（(][^（）()]*元[^（）()]*[)）]/g, ''));
  const last = parts[parts.length - 1];
  const group = parts.length > 1 ? parts[0] : '';
  if (parts.length > 2) return undefined;
  if (group && !/^本(?:期|年)(?:增加|减少)(?:金额|额)?$/.test(group)) return undefined;
  if (group) return INC.test(group) ? 'inc' : 'dec';
  if (OPEN.test(last)) return 'open';
  if (CLOSE.test(last)) return 'close';
  if (COL_INC.test(last)) return 'inc';
  if (COL_DEC.test(last)) return 'dec';
  return undefined;
}

function columnsTies(table: Table): Tie[] {
  const roles = table.columns.map((c) => columnRole(c.title));
  const open = roles.indexOf('open');
  const close = roles.indexOf('close');
  if (open < 0 || close < 0 || roles.lastIndexOf('open') !== open || roles.lastIndexOf('close') !== close || open > close) return [];
  const inc = roles.flatMap((r, i) => (r === 'inc' ? [i] : []));
  const dec = roles.flatMap((r, i) => (r === 'dec' ? [i] : []));
  if (!inc.length || !dec.length) return [];
  // Every other column holding figures is one not understood: no tie in this table.
  for (let c = 0; c < table.columns.length; c++) {
    if (roles[c]) continue;
    if (table.rows.some((r) => r.kind !== 'header' && r.cells[c]?.figure)) return [];
  }
  const out: Tie[] = [];
  for (const row of table.rows) {
    if (row.kind === 'header') continue;
    const where = `${table.caption.trim()} ${itemOf(row.label)}`;
    const o = endAt(table, row, open, `${where} ${table.columns[open].title}`, true);
    const ins = inc.map((c) => endAt(table, row, c, `${where} ${table.columns[c].title}`, true));
    // A decrease written negative is taken as a decrease.
    const outs = dec.map((c) => endAt(table, row, c, `${where} ${table.columns[c].title}`, true)).map((e) => e && (e.value < 0 ? { ...e, value: -e.value } : e));
    // An empty closing balance is 0 (设定提存计划: nothing owed at either end) when the row holds two figures or more.
    const target = endAt(table, row, close, `${where} ${table.columns[close].title}`, true);
    if (!target || !o || ins.some((x) => !x) || outs.some((x) => !x)) continue;
    if (row.cells.filter((x) => x.figure).length < 2) continue;
    const parts = [{ end: o, sign: 1 as const }, ...ins.map((e) => ({ end: e!, sign: 1 as const })), ...outs.map((e) => ({ end: e!, sign: -1 as const }))];
    out.push(makeTie('rollForwards', target, parts, `${table.columns[open].title} + 增加 − 减少 = ${table.columns[close].title}`));
  }
  return out;
}

/** Roll-forward ties of the tables; `lines` (the document's) lets a header line left above a table name its 合计 column. */
export function rollForwardTies(tables: Table[], lines?: readonly Line[]): Tie[] {
  const out: Tie[] = [];
  for (const t of tables) {
    // Every roll-forward names an increase: 本期增加 as a row, or 增加 / 计提 / 新增 as a column.
    if (!namesIncrease(t, isRollForward)) continue;
    // (A table's ties depend on it and the lines above it alone: kept per table object, perTable.ts.)
    for (const tie of tableTies(t, (table) => [...rowsTies(table, lines), ...columnsTies(table)], textsAbove(t, lines).join('\n'))) out.push(tie);
  }
  return out;
}

const isRollForward = (t: Table) => t.rows.some((r) => r.label.includes('增加')) || t.columns.some((c) => /增加|计提|新增/.test(c.title));
const namesIncrease = tableMemo<boolean>();
const tableTies = tableMemo<Tie[]>((ties, m) => {
  const end = (e: TieEnd): TieEnd => ({ ...e, table: m.table, row: m.row(e.row!), cell: m.cell(e.cell, e.row!) });
  return ties.map((t) => ({ ...t, target: end(t.target), parts: t.parts.map((p) => ({ ...p, end: end(p.end) })) }));
});
