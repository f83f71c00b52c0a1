// Statement ↔ statement: 净利润 of the income statement and of the cash-flow supplement (补充资料);
// the supplement's 经营活动产生的现金流量净额 and 现金及现金等价物净增加额 against the cash-flow
// statement; 现金及现金等价物净增加额 = 期末 − 期初 余额; the cash-flow statement's closing and
// opening cash against the note on 现金和现金等价物的构成; and 资产总计 = 负债和所有者权益总计
// across a balance sheet split into two tables (a page break, a （续） continuation).

import type { Row, Table } from '../../model/types';
import { columnPeriod, endAt, itemOf, Period, Scope, Statement } from './identity';
import { noteScope, PERIOD_NAME, SCOPE_NAME, statementEnd, STATEMENT_NAME, TieContext } from './context';
import { makeTie, Tie } from './types';
import { tableMemo } from './perTable';

function uniqueRow(table: Table, re: RegExp): Row | undefined {
  const rows = table.rows.filter((r) => r.kind !== 'header' && re.test(itemOf(r.label)));
  return rows.length === 1 ? rows[0] : undefined;
}

/** Period columns of a note table, resolved through a statement's dated titles; a period named twice is dropped. */
function notePeriods(table: Table, via?: Statement): Map<Period, number> {
  const out = new Map<Period, number>();
  const twice = new Set<Period>();
  table.columns.forEach((c, i) => {
    const p = columnPeriod(c.title);
    if (!p || p.measure) return;
    const period = p.key.includes(':') ? via?.dated.get(p.key) : (p.key as Period);
    if (!period) return;
    if (out.has(period)) twice.add(period);
    out.set(period, i);
  });
  for (const p of twice) out.delete(p);
  return out;
}

function statementOf(ctx: TieContext, kind: Statement['kind'], scope: Scope): Statement[] {
  return ctx.statements.filter((s) => s.kind === kind && s.scope === scope);
}

/** The cash-flow supplement (补充资料), by its caption or its first line (per table object: perTable.ts). */
const isSupplement = (table: Table) => /现金流量表补充资料/.test(table.caption) || table.rows.some((r) => /^将净利润调节为经营活动(?:的)?现金流量/.test(itemOf(r.label)));
const supplement = tableMemo<boolean>();

export function statementTies(ctx: TieContext): Tie[] {
  const out: Tie[] = [];
  // Cash-flow supplement against the income and cash-flow statements.
  for (const table of ctx.model.tables) {
    if (ctx.statements.some((s) => s.table === table)) continue;
    if (!supplement(table, isSupplement)) continue;
    const scope: Scope | undefined = /母公司/.test(table.caption) ? 'parent' : noteScope(ctx, table);
    if (!scope || scope === 'single') continue;
    const income = statementOf(ctx, 'income', scope);
    const periods = notePeriods(table, income.length === 1 ? income[0] : undefined);
    const pairs: [RegExp, string][] = [
      [/^净利润$/, '净利润'],
      [/^经营活动产生的现金流量净额$/, '经营活动产生的现金流量净额'],
      [/^现金及现金等价物净增加额$/, '现金及现金等价物净增加额'],
    ];
    for (const [re, item] of pairs) {
      const row = uniqueRow(table, re);
      const line = ctx.lines.get(`${scope}|${item}`);
      if (!row || !line) continue;
      for (const [period, column] of periods) {
        const target = statementEnd(line, period);
        const other = endAt(table, row, column, `${SCOPE_NAME[scope]}现金流量表补充资料 ${item} [${PERIOD_NAME[period]}]`);
        if (!target?.cell.figure || !other?.cell.figure) continue;
        out.push(makeTie('statements', target, [{ end: other, sign: 1 }], `${item}: ${STATEMENT_NAME[line.statement.kind]} = 现金流量表补充资料`));
      }
    }
  }
  // 现金及现金等价物净增加额 = 期末 − 期初 现金及现金等价物余额, in each cash-flow statement.
  for (const s of ctx.statements) {
    if (s.kind !== 'cashFlow') continue;
    const net = uniqueRow(s.table, /^现金及现金等价物净增加额$/);
    const end = uniqueRow(s.table, /^期末现金及现金等价物余额$/);
    const begin = uniqueRow(s.table, /^期初现金及现金等价物余额$/);
    if (!net || !end || !begin) continue;
    s.periods.forEach((p, c) => {
      if (!p) return;
      const name = (what: string) => `${SCOPE_NAME[s.scope]}现金流量表 ${what} [${PERIOD_NAME[p]}]`;
      const n = endAt(s.table, net, c, name('现金及现金等价物净增加额'));
      const e = endAt(s.table, end, c, name('期末现金及现金等价物余额'));
      const b = endAt(s.table, begin, c, name('期初现金及现金等价物余额'));
      if (!n?.cell.figure || !e?.cell.figure || !b?.cell.figure) return;
      out.push(makeTie('statements', n, [{ end: e, sign: 1 }, { end: b, sign: -1 }], '现金及现金等价物净增加额 = 期末余额 − 期初余额'));
    });
  }
  // The note on the components of cash: 期末现金及现金等价物余额 in its 期末 / 期初 columns.
  for (const table of ctx.model.tables) {
    if (!/现金(?:和|及)现金等价物(?:的)?构成/.test(table.caption)) continue;
    const scope: Scope | undefined = /母公司/.test(table.caption) ? 'parent' : noteScope(ctx, table);
    if (!scope || scope === 'single') continue;
    const flows = statementOf(ctx, 'cashFlow', scope);
    if (flows.length !== 1) continue;
    const cf = flows[0];
    const row = uniqueRow(table, /^期末现金及现金等价物余额$/);
    const cur = cf.periods.indexOf('cur');
    if (!row || cur < 0) continue;
    const periods = notePeriods(table);
    for (const [period, line] of [['end', /^期末现金及现金等价物余额$/], ['begin', /^期初现金及现金等价物余额$/]] as const) {
      const col = periods.get(period);
      const cfRow = uniqueRow(cf.table, line);
      if (col === undefined || !cfRow) continue;
      const target = endAt(cf.table, cfRow, cur, `${SCOPE_NAME[scope]}现金流量表 ${itemOf(cfRow.label)} [本期]`);
      const other = endAt(table, row, col, `${SCOPE_NAME[scope]}附注 现金和现金等价物的构成 [${PERIOD_NAME[period]}]`);
      if (!target?.cell.figure || !other?.cell.figure) continue;
      out.push(makeTie('statements', target, [{ end: other, sign: 1 }], '现金及现金等价物余额: 现金流量表 = 附注'));
    }
  }
  // A balance sheet in two tables: 资产总计 in one, 负债和所有者权益总计 in the next.
  for (const s of ctx.statements) {
    if (s.kind !== 'balance') continue;
    const assets = uniqueRow(s.table, /^资产总计$/);
    if (!assets || uniqueRow(s.table, /^负债和(?:所有者|股东)权益(?:总计|合计)$/)) continue;
    // The continuation is the very next table.
    const next = ctx.statements.find((o) => o.kind === 'balance' && o.scope === s.scope && o.table.id === s.table.id + 1 && !uniqueRow(o.table, /^资产总计$/));
    if (!next) continue;
    const total = uniqueRow(next.table, /^负债和(?:所有者|股东)权益(?:总计|合计)$/);
    if (!total) continue;
    s.periods.forEach((p, c) => {
      if (!p) return;
      const c2 = next.periods.indexOf(p);
      if (c2 < 0) return;
      const a = endAt(s.table, assets, c, `${SCOPE_NAME[s.scope]}资产负债表 资产总计 [${PERIOD_NAME[p]}]`);
      const b = endAt(next.table, total, c2, `${SCOPE_NAME[s.scope]}资产负债表 ${itemOf(total.label)} [${PERIOD_NAME[p]}]`);
      if (!a?.cell.figure || !b?.cell.figure) return;
      out.push(makeTie('statements', a, [{ end: b, sign: 1 }], '资产总计 = 负债和所有者权益总计'));
    });
  }
  return out;
}
