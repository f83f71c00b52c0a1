// Column totals: 合计 / 小计 / 总计 rows against the rows above them, under the reading of the table's
// groups (其中 breakdowns, 减： rows, nested bands, running subtotals) that its own arithmetic prefers;
// shares against 100 %.

import { Cell, Column, Row, Table } from '../../model/types';
import { columnCellCounts } from '../../parse/cells';
import { isEmptyCellText } from '../../parse/numbers';
import { CHINESE_NUMBERED_HEADING, SPACES } from '../../parse/text';
import { Check, CheckOptions, Component, makeCheck, toUnits } from '../check';
import { isIdentityResult } from './identities';

const COLON_END = /[:：]\s*$/;
const GRAND_TOTAL = /总计/;
const NAMED_TOTAL = /^(.{2,12}?)(?:合计|小计|总计)$/;
const BARE_TOTAL = /^(?:合\s*计|小\s*计|总\s*计)\s*[:：]?$/;
const TOTAL_WORD = /合计/;
const DASHES = /^[-—–]+$/;

interface Item {
  row: Row;
  index: number;
  isTotal: boolean;
}

/**
 * Column totals under the reading of the table's groups that its own arithmetic prefers. A named total
 * (非流动资产合计) passes over an earlier total of its level by default; in a statement written without
 * band rows (流动资产合计, then the non-current items, then 非流动资产合计) that earlier total closes its
 * group instead. The second reading is taken where it leaves fewer totals failing and no fewer reconciling.
 */
export function columnTotalChecks(table: Table, options: CheckOptions): Check[] {
  const open = groupedTotalChecks(table, options, false);
  if (open.every((c) => c.ok)) return open;
  const closed = groupedTotalChecks(table, options, true);
  const failing = (cs: Check[]) => cs.filter((c) => !c.ok).length;
  const passing = (cs: Check[]) => cs.length - failing(cs);
  return failing(closed) < failing(open) && passing(closed) >= passing(open) ? closed : open;
}

/** Rows of a group that a total adds: the plain rows and totals not yet added into another total. */
function groupedTotalChecks(table: Table, options: CheckOptions, closedByTotals: boolean): Check[] {
  const out: Check[] = [];
  const rows = table.rows;
  const consumed = new Set<Row>();
  const checkedRows = new Set<Row>();
  const standalone = new Set<Row>();
  // Group boundaries: header rows and section labels without figures (流动资产:, or a band row the layout marks).
  // A row that is the result of a statement identity (经营活动产生的现金流量净额 = 流入小计 − 流出小计) closes the
  // section above it: no later total adds it.
  const boundaryOf = (r: Row) =>
    (r.kind === 'header' && !r.repeatedHeader) ||
    (!r.cells.some((c) => c.figure) && (COLON_END.test(r.label) || CHINESE_NUMBERED_HEADING.test(r.label) || ARABIC_NUMBERED.test(r.label) || !!r.band || !!r.section) && !SIGN_SECTION.test(r.label)) ||
    (r.kind === 'data' && isIdentityResult(r.label));
  // Worked out once per row (1 no, 2 yes): each total walks up over the rows above it.
  const boundary = new Uint8Array(rows.length);
  const isBoundary = (index: number) => (boundary[index] || (boundary[index] = boundaryOf(rows[index]) ? 2 : 1)) === 2;
  // 减项: … 加项: sections: rows under 减项 are subtracted.
  const negative = new Set<Row>();
  let minus = false;
  for (let index = 0; index < rows.length; index++) {
    const r = rows[index];
    const m = SIGN_SECTION.exec(r.label);
    if (m && !r.cells.some((c) => c.figure)) minus = m[1] === '减';
    else if (r.kind !== 'data' || isBoundary(index)) minus = false;
    else if (minus) negative.add(r);
  }
  for (let i = 0; i < rows.length; i++) {
    const t = rows[i];
    if (t.kind !== 'total' && t.kind !== 'subtotal') continue;
    if (t.uncertain) continue;
    // Unconsumed items of this group, gathered bottom-up (and put in row order after).
    const items: Item[] = [];
    let anyData = false;
    let k = i - 1;
    for (; k >= 0; k--) {
      const r = rows[k];
      if (isBoundary(k)) break;
      if (r.kind === 'total' && GRAND_TOTAL.test(r.label) && !GRAND_TOTAL.test(t.label)) break;
      // A bare 合计 above closes the previous block; a 小计 adds only the rows since the last total of any kind.
      if ((r.kind === 'total' || r.kind === 'subtotal') && (bareTotal(r.label) || t.kind === 'subtotal') && level(r) >= level(t)) break;
      if (t.kind === 'subtotal' && (r.kind === 'total' || r.kind === 'subtotal')) break;
      // The other reading: a total of the same level above rows already gathered closes this group.
      if (closedByTotals && (r.kind === 'total' || r.kind === 'subtotal') && level(r) >= level(t) && anyData) break;
      if (consumed.has(r)) continue;
      const isTotal = r.kind === 'total' || r.kind === 'subtotal' || r.kind === 'formula';
      items.push({ row: r, index: k, isTotal });
      if (!isTotal) anyData = true;
    }
    items.reverse();
    // A subtotal right under another total, with no rows of its own (按成本法核算的…小计 after 按权益法…小计):
    // its group is not shown, so there is nothing in it to misread.
    if (t.kind === 'subtotal' && !items.length && k === i - 1 && k >= 0 && (rows[k].kind === 'total' || rows[k].kind === 'subtotal') && t.cells.some((c) => c.figure)) {
      standalone.add(t);
    }
    // A group of deductions only (合计 / 减：减值准备 / 账面价值合计) starts from the total right above it.
    const base = k >= 0 ? rows[k] : undefined;
    if (base && (base.kind === 'total' || base.kind === 'subtotal') && !consumed.has(base) && items.some((it) => it.row.subtract && it.row.cells.some((c) => c.figure)) && items.every((it) => it.row.subtract || !it.row.cells.some((c) => c.figure))) {
      items.unshift({ row: base, index: k, isTotal: true });
      k--;
    }
    // A block that runs up to the top of a table may have lost its first rows: where the table continues a
    // broken-off grid, or has no header and only one row with figures to add, say nothing.
    const atTop = k < 0 || (k === 0 && rows[0].kind === 'header');
    const truncated = (atTop && table.continued) || (k < 0 && items.filter((it) => it.row.cells.some((c) => c.figure)).length < 2);
    if (truncated) {
      for (const it of items) consumed.add(it.row);
      continue;
    }
    // A total right after another total, with nothing else in its group, adds the totals above (资产总计 = 流动 + 非流动).
    let components = items;
    if (items.length === 1 && items[0].isTotal && t.kind === 'total') {
      const ups: Item[] = [items[0]];
      for (let q = items[0].index - 1; q >= 0; q--) {
        const r = rows[q];
        // A header repeated after a page break is passed over; the table's own header ends the search.
        if (r.kind === 'header') {
          if (r.repeatedHeader) continue;
          break;
        }
        if (consumed.has(r) || isBoundary(q)) continue;
        if (r.kind === 'total' && GRAND_TOTAL.test(r.label)) break;
        if (r.kind === 'total' || r.kind === 'subtotal') ups.unshift({ row: r, index: q, isTotal: true });
        else break;
      }
      components = ups;
    }
    // A named total (差异金额合计) over rows of that name adds just those rows.
    const named = NAMED_TOTAL.exec(t.label.replace(SPACES, ''));
    if (named) {
      const same = components.filter((c) => c.row.label.replace(SPACES, '') === named[1]);
      if (same.length >= 2) components = same;
    }
    for (const c of components) consumed.add(c.row);
    // A total of totals is checked only where each of those totals was understood (checked) itself.
    const parts = components.filter((c) => c.row.cells.some((x) => x.figure));
    if (parts.length && parts.every((c) => c.isTotal) && !(parts.every((c) => checkedRows.has(c.row) || c.row.kind === 'formula' || standalone.has(c.row)) && parts.some((c) => !standalone.has(c.row)))) continue;
    const check = bestColumnChecks(table, t, components, options, negative, components === items && k >= 0 ? rows[k] : undefined);
    if (check.length) checkedRows.add(t);
    out.push(...check);
  }
  return out;
}

function bareTotal(label: string): boolean {
  return BARE_TOTAL.test(label.trim());
}

function level(r: Row): number {
  return GRAND_TOTAL.test(r.label) ? 3 : TOTAL_WORD.test(r.label) ? 2 : 1;
}

/** Readings of which rows are breakdowns (其中 …): the labelled row alone, or with the one or two rows after it. */
function breakdownReadings(items: Item[], above?: Row): Set<Row>[] {
  const starts = items.map((it, i) => (it.row.breakdown ? i : -1)).filter((i) => i >= 0);
  // A 其中 run right under a total (流动资产合计 / 其中：货币资金 / 应收账款 …) breaks that total down: it is
  // never a part of a later one. A 其中 row with no row of figures above it in its group (under a band,
  // 营业收入：, or a heading row 信贷承诺 / 其中：银行承兑汇票 / 开出保函 / … / 小计) may begin the parts of
  // this total: one more reading adds it.
  const always = new Set<Row>();
  let parentless: Row | undefined;
  for (const s of starts) {
    const prev = s > 0 ? items[s - 1] : undefined;
    const underTotal = prev ? prev.isTotal && prev.row.kind !== 'formula' : !!above && (above.kind === 'total' || above.kind === 'subtotal');
    if (underTotal) for (let q = s; q < items.length && !items[q].isTotal; q++) always.add(items[q].row);
    else if (!parentless && !items.slice(0, s).some((it) => it.row.cells.some((c) => c.figure))) parentless = items[s].row;
  }
  let readings: Set<Row>[] = [new Set([...always, ...starts.map((i) => items[i].row)])];
  for (const s of starts.filter((i) => !always.has(items[i].row)).slice(0, 4)) {
    const next: Set<Row>[] = [];
    for (const base of readings) {
      next.push(base);
      for (let extra = 1; extra <= 3; extra++) {
        const follow = items.slice(s + 1, s + 1 + extra);
        if (follow.length < extra || follow.some((f) => f.isTotal || f.row.breakdown)) break;
        const r = new Set(base);
        follow.forEach((f) => r.add(f.row));
        next.push(r);
      }
    }
    readings = next.slice(0, 32);
  }
  if (parentless) {
    const first = parentless;
    readings = [...readings, ...readings.map((r) => new Set([...r].filter((x) => x !== first)))].slice(0, 64);
  }
  return readings;
}

/** A group heading numbered 3、or 3. (its Chinese-numeral kind is CHINESE_NUMBERED_HEADING): without figures, a boundary like 流动资产：. */
const ARABIC_NUMBERED = /^\s*\d{1,2}\s*[、.．](?!\d)/;
const NAMED_OR_BARE_GRAND = /^\s*(?:合\s*计|总\s*计)\s*$/;
const SIGN_SECTION = /^\s*(减|加)\s*项?\s*[:：]\s*$/;
export const RATE_ROW = /万元\/人|元\/人|\/人\b|人均|平均|单价|均价|毛利率|增长率|增速|占比|比例|比重/;

function bestColumnChecks(table: Table, t: Row, items: Item[], options: CheckOptions, negative: Set<Row>, above?: Row): Check[] {
  const out: Check[] = [];
  const withFigures = items.filter((it) => it.row.cells.some((c) => c.figure));
  if (!withFigures.length) return out;
  // Every row that adds must be read with certainty (an uncertain row may have no figure read at all) and line up with the total's cells.
  if (items.some((it) => it.row.uncertain)) return out;
  const align = alignment(table, t, withFigures.map((it) => it.row));
  if (!align) return out;
  // A row whose last cells are empty where the rows around it have figures was shifted left by merged cells.
  if ([t, ...withFigures.map((it) => it.row)].some((r) => shiftedLeft(table, r))) return out;
  // A total with most of its cells empty at the end (合计 | 47,900.39 | ||||) sits under merged cells: its column is unknown.
  const filled = t.cells.length - trailingEmpty(t);
  if (t.cells.length >= 4 && filled * 2 < t.cells.length && !explicitGrid(table)) return out;
  const additive = align.totalToTable.map((tc) => (tc === undefined ? true : table.columns[tc]?.additive !== false));
  let readings = withRunningSubtotals(withNestedBands(breakdownReadings(items, above), items, align, additive), items, align, additive);
  // Rows of rates or averages (年薪及福利(万元/人)) among amounts: one more reading leaves them out.
  const rates = items.filter((it) => RATE_ROW.test(it.row.label)).map((it) => it.row);
  if (rates.length && rates.length < items.length) readings = [...readings, ...readings.map((r) => new Set([...r, ...rates]))].slice(0, 96);
  // Totals among the rows above (流动负债合计 above 非流动负债合计 in a statement that prints no band
  // rows): a reading that leaves them out comes first, where plain rows remain to be added.
  const innerTotals = items.filter((it) => it.isTotal && it.row.kind !== 'formula').map((it) => it.row);
  if (innerTotals.length && items.some((it) => !it.isTotal && it.row.cells.some((c) => c.figure)))
    readings = [...readings.map((r) => new Set([...r, ...innerTotals])), ...readings].slice(0, 128);
  // A 减： row written negative (减：所得税费用 (1,234)) may already carry its sign: both readings.
  const signReadings = items.some((it) => (it.row.subtract || negative.has(it.row)) && it.row.cells.some((c) => c.figure && c.figure.value < 0)) ? 2 : 1;
  const perColumn: { first?: Check; found?: { check: Check; reading: number }; under: (reading: number) => Check | undefined }[] = [];
  for (let col = 0; col < t.cells.length; col++) {
    const total = t.cells[col];
    if (!total.figure) continue;
    const tableCol = align.totalToTable[col];
    const column: Column | undefined = tableCol === undefined ? undefined : table.columns[tableCol];
    const isShare = !!total.figure.percent || !!column?.share;
    let confirmOnly = false;
    if (isShare) {
      if (!options.shares) continue;
      // Shares of a whole add up to 100%: checked where the total says 100%, or, in a column titled
      // as a share (占比), where the parts add up to 100% and the total says something else.
      const whole = column?.share ? sharesMakeWhole(items, align, col) : total.figure.percent && sharesMakeWhole(items, align, col, true);
      // A subtotal of shares (小计 53.00% over its rows' shares of one whole) adds them up too, where the
      // column is titled as a share.
      if (Math.abs(total.figure.value - 100) > 1e-9 && !whole && !(column?.share && t.kind === 'subtotal' || column?.share && !NAMED_OR_BARE_GRAND.test(t.label))) {
        confirmOnly = true;
      }
    } else {
      if (!options.columnTotals) continue;
      // Columns that need not add up (毛利率, 单价, a column whose title was not read, an untitled
      // column of values between 0 and 100: rates or shares) are checked only to confirm the rows.
      if (column && !column.additive) confirmOnly = true;
      if (!column && table.columns.length) confirmOnly = true;
      if (tableCol !== undefined && !column?.title && looksLikeRates(table, tableCol)) confirmOnly = true;
    }
    // A total that names its measure in a text cell (收入金额(万元), 分成模式) adds the rows naming the same.
    const measure = measureOf(t);
    const under = (reading: number): Check | undefined => {
      const skip = readings[reading >> 1];
      const signs = reading & 1;
      const parts: Component[] = [];
      for (const it of items) {
        if (skip.has(it.row)) continue;
        if (measure && it.row.cells[measure.index]?.text !== measure.text) continue;
        const cell = cellAt(align, it.row, col);
        if (!cell?.figure) continue;
        if (cell.figure.percent !== total.figure!.percent && (!isShare || confirmOnly)) continue;
        const minus = it.row.subtract || negative.has(it.row);
        // The second sign reading adds a deduction that is written negative as it stands.
        const sign = minus && !(signs === 1 && cell.figure.value < 0) ? -1 : 1;
        parts.push({ row: it.row, cell, sign });
      }
      if (parts.length === 0) return undefined;
      return makeCheck(isShare ? 'share' : 'columnTotal', table, t, col, parts, `${parts.length} row${parts.length > 1 ? 's' : ''}`);
    };
    let first: Check | undefined;
    let found: { check: Check; reading: number } | undefined;
    // Shares whose rows make 100 % under a reading, under a total that says something else (合计
    // 100.50 % over 57.91 % + 28.91 % + 13.19 %): the total is a share total misprinted, checked as such.
    const wholeWanted = confirmOnly && isShare && !!total.figure.percent;
    let whole: Check | undefined;
    for (let reading = 0; reading < readings.length * 2 && !found; reading++) {
      if ((reading & 1) >= signReadings) continue;
      const c = under(reading);
      if (!c) continue;
      first ??= c;
      if (c.ok) found = { check: c, reading };
      else if (wholeWanted && !whole && c.components.length >= 2 && Math.abs(c.sum - 100) <= c.tolerance) whole = c;
    }
    if (!found && whole) {
      perColumn.push({ first: whole, found: undefined, under });
      continue;
    }
    if (confirmOnly) {
      // Said only where it reconciles over two rows or more (one row equal to the total says nothing),
      // exactly or within a tolerance small beside the total (small whole numbers, each ±0.5, would
      // add up to many totals).
      if (!found || found.check.components.length < 2) continue;
      const diff = Math.abs(found.check.difference);
      if (diff > 1e-9 && found.check.tolerance * 1000 > Math.abs(found.check.total.figure!.value)) continue;
      found.check.confirmOnly = true;
      perColumn.push({ first: found.check, found, under: () => undefined });
      continue;
    }
    perColumn.push({ first, found, under });
  }
  // One reading for the row: the one under which most of its columns reconcile. A column that does not
  // reconcile under any reading is reported as read under that one (else the table as laid out).
  const votes = new Map<number, number>();
  for (const p of perColumn) if (p.found) votes.set(p.found.reading, (votes.get(p.found.reading) ?? 0) + 1);
  let rowReading = -1;
  for (const [r, n] of votes) if (rowReading < 0 || n > votes.get(rowReading)! || (n === votes.get(rowReading)! && r < rowReading)) rowReading = r;
  for (const p of perColumn) {
    const c = p.found?.check ?? (rowReading >= 0 ? p.under(rowReading) ?? p.first : p.first);
    if (c) out.push(c);
  }
  // A single component that differs is more likely a misread structure than an error,
  // unless another column of the same total reconciles with the same reading.
  // (Glued rows are the ones most often misread; other layouts line cells up by position or by pipes.)
  return out.filter((c) => c.ok || c.components.length >= 2 || table.layout !== 'glued' || out.some((o) => o.ok && o !== c));
}

function sharesMakeWhole(items: Item[], align: Alignment, col: number, percentOnly = false): boolean {
  let sum = 0;
  let n = 0;
  for (const it of items) {
    const f = cellAt(align, it.row, col)?.figure;
    if (!f || it.row.breakdown) continue;
    if (percentOnly && !f.percent) return false;
    sum += f.value;
    n++;
  }
  return n >= 2 && Math.abs(sum - 100) <= 0.01 * (n + 1);
}

function measureOf(t: Row): { index: number; text: string } | undefined {
  // Nil marks (-, —, /, 不适用) name no measure.
  const i = t.cells.findIndex((c) => !c.figure && !isEmptyCellText(c.text));
  return i >= 0 ? { index: i, text: t.cells[i].text } : undefined;
}

function looksLikeRates(table: Table, col: number): boolean {
  let n = 0;
  for (const r of table.rows) {
    const f = r.kind === 'header' ? undefined : r.cells[col]?.figure;
    if (!f) continue;
    if (f.value < 0 || f.value > 100) return false;
    n++;
  }
  return n >= 2;
}

function trailingEmpty(r: Row): number {
  let n = 0;
  for (let i = r.cells.length - 1; i >= 0 && r.cells[i].text === ''; i--) n++;
  return n;
}

/** Layouts that write every cell of a row in its own place (list literals, HTML, Markdown): no cell is ever shifted. */
function explicitGrid(table: Table): boolean {
  return table.layout === 'list' || table.layout === 'html' || table.layout === 'markdown';
}

function shiftedLeft(table: Table, row: Row): boolean {
  // A cell stream places its empty cells itself (or marks the row uncertain): nothing is merged there.
  if (table.layout === 'cellStream') return false;
  // Aligned columns place every figure by its position on the line: an empty last cell is a gap, not a shift.
  if (table.layout === 'aligned') return false;
  const n = row.cells.length;
  if (n < 2 || row.cells[n - 1].text !== '' || row.cells[n - 1].vanished || explicitGrid(table)) return false;
  // A row moved left by merged cells is filled from its first cell: one whose first cell is empty keeps its
  // cells in place (其他流动资产 | (附注) | 2,343,783.51 |  |: nothing at the year's start).
  if (row.cells[0].text.trim() === '') return false;
  const peers = table.rows.filter((r) => r !== row && r.kind !== 'header' && r.cells.length === n);
  const filled = peers.filter((r) => r.cells[n - 1].figure).length;
  return filled > 0 && filled >= peers.length / 2;
}

/**
 * Nested bands: a row followed by rows that add up to it in every column (3年以上
 * over 3至4年, 4至5年, 5年以上; a business line over its customers) is their
 * parent. One more reading leaves the children out.
 */
function withNestedBands(readings: Set<Row>[], items: Item[], align: Alignment, additive?: boolean[]): Set<Row>[] {
  const children = new Set<Row>();
  const rows = items.filter((it) => !it.isTotal).map((it) => it.row);
  for (let i = 0; i < rows.length; i++) {
    const parent = rows[i];
    const pc = align.map.get(parent);
    if (!pc || !pc.some((c) => c?.figure)) continue;
    // The rows under the parent, one more at a time: rows[i + 1 .. i + k].
    for (let k = 1; k <= 12 && i + k < rows.length; k++) {
      if (children.has(rows[i + k])) break;
      if (addsUp(pc, rows, i + 1, i + 1 + k, align, additive)) {
        for (let q = i + 1; q <= i + k; q++) children.add(rows[q]);
        i += k;
        break;
      }
    }
  }
  if (!children.size) return readings;
  return [...readings, ...readings.map((r) => new Set([...r, ...children]))].slice(0, 64);
}

/**
 * A running subtotal written without 小计: a row that the rows above it in the group add up to, with their
 * signs (贷款利息支出, 减：资本化的利息支出, then 净利息支出). One more reading leaves those rows out.
 */
function withRunningSubtotals(readings: Set<Row>[], items: Item[], align: Alignment, additive: boolean[]): Set<Row>[] {
  const rows = items.filter((it) => !it.isTotal).map((it) => it.row);
  const n = align.totalToTable.length;
  // Signed running sums of the rows so far, per column, with their rounding tolerance (one pass: no quadratic scan).
  const sum = new Float64Array(n);
  const tol = new Float64Array(n);
  const seen = new Uint8Array(n);
  for (let i = 0; i < rows.length; i++) {
    const pc = align.map.get(rows[i]);
    if (!pc) continue;
    if (i >= 2) {
      let compared = 0;
      let ok = true;
      for (let c = 0; c < n && ok; c++) {
        const p = pc[c]?.figure;
        if (!p || p.percent || additive[c] === false) continue;
        ok = seen[c] === 1 && Math.abs(p.value - sum[c]) <= tol[c] + 0.5 * 10 ** -p.decimals + 1e-9;
        compared++;
      }
      if (ok && compared > 0) {
        const above = rows.slice(0, i);
        return [...readings, ...readings.map((r) => new Set([...r, ...above]))].slice(0, 96);
      }
    }
    for (let c = 0; c < n; c++) {
      const f = pc[c]?.figure;
      if (!f || f.percent) continue;
      // A deduction takes its amount away, whether the filing writes it positive or in brackets.
      sum[c] += rows[i].subtract ? -Math.abs(f.value) : f.value;
      tol[c] += 0.5 * 10 ** -f.decimals;
      seen[c] = 1;
    }
  }
  return readings;
}

/** Whether the rows kids[from, to) add up to the parent's figures in every column where the parent has one. */
function addsUp(parent: (Cell | undefined)[], kids: Row[], from: number, to: number, align: Alignment, additive?: boolean[]): boolean {
  let compared = 0;
  for (let c = 0; c < parent.length; c++) {
    const p = parent[c]?.figure;
    if (!p || p.percent || additive?.[c] === false) continue;
    let d = p.decimals;
    let any = false;
    for (let q = from; q < to; q++) {
      const f = align.map.get(kids[q])?.[c]?.figure;
      if (!f || f.percent) continue;
      any = true;
      if (f.decimals > d) d = f.decimals;
    }
    if (!any) return false;
    let sum = 0;
    let tol = 0.5 * 10 ** (d - p.decimals);
    for (let q = from; q < to; q++) {
      const f = align.map.get(kids[q])?.[c]?.figure;
      if (!f || f.percent) continue;
      sum += toUnits(f.value, d);
      tol += 0.5 * 10 ** (d - f.decimals);
    }
    if (Math.abs(toUnits(p.value, d) - sum) > tol) return false;
    compared++;
  }
  return compared > 0;
}

interface Alignment {
  /** For each cell index of the total row, the table column. */
  totalToTable: (number | undefined)[];
  /** Cell of a row for a cell index of the total row. */
  map: Map<Row, (Cell | undefined)[]>;
}

function cellAt(a: Alignment, row: Row, col: number): Cell | undefined {
  return a.map.get(row)?.[col];
}

/**
 * Lines each row's cells up with the total's. Rows with as many cells as the
 * total line up by position. A row (or the total) with fewer cells is read as
 * having lost the table's text columns to merged cells, when that makes the counts
 * agree. Anything else: no alignment, and no check.
 */
function alignment(table: Table, total: Row, rows: Row[]): Alignment | undefined {
  const ncols = table.columns.length;
  const textCols = textColumns(table);
  const numericCols = [...Array(ncols).keys()].filter((c) => !textCols.has(c));
  const toTable = (row: Row): (number | undefined)[] | undefined => {
    if (row.cells.length === ncols) return row.cells.map((_, i) => i);
    if (row.cells.length === numericCols.length && textCols.size) return numericCols.slice();
    return undefined;
  };
  // Rows that all have the total's width line up with it, unless glued rows of another width than the table's are guessed at.
  const sameWidth = rows.every((r) => r.cells.length === total.cells.length) && (table.layout !== 'glued' || total.cells.length === ncols);
  const totalToTable = toTable(total) ?? (sameWidth ? total.cells.map((_, i) => i) : undefined);
  if (!totalToTable) return undefined;
  const map = new Map<Row, (Cell | undefined)[]>();
  for (const r of rows) {
    if (r.cells.length === total.cells.length) {
      map.set(r, r.cells.slice());
      continue;
    }
    const rt = toTable(r);
    if (!rt) return undefined;
    const byTable = new Map<number, Cell>();
    rt.forEach((tc, i) => tc !== undefined && byTable.set(tc, r.cells[i]));
    map.set(r, totalToTable.map((tc) => (tc === undefined ? undefined : byTable.get(tc))));
  }
  return { totalToTable, map };
}

function textColumns(table: Table): Set<number> {
  const out = new Set<number>();
  columnCellCounts(table, (text) => !text || DASHES.test(text)).forEach((k, c) => k.texts > k.figures && out.add(c));
  return out;
}
