// Statement identities: 资产总计 = 负债和所有者权益总计 = 负债合计 + 所有者权益合计, 资产总计 = 流动 +
// 非流动, the three cash-flow 净额 = 流入小计 − 流出小计; and the steps of the income and cash-flow
// statements that every format of the Chinese accounting standards shares (一般企业, 银行, 证券, 保险), as
// data (STATEMENT_STEPS): 利润总额 = 营业利润 + 营业外收入 − 营业外支出, 净利润 = 利润总额 − 所得税费用 …

import { Row, Table } from '../../model/types';
import { isEmptyCellText } from '../../parse/numbers';
import { Check, Component, makeCheck } from '../check';
import { itemOf } from '../ties/identity';

const AMOUNT_LABEL_END = /[计额]\s*$/;

const norm = (s: string) => s.replace(/\?#\d+;\?|\?/g, '').replace(/[\s:：()（）]/g, '').replace(/股东权益/g, '所有者权益').replace(/负债及/g, '负债和');

const NET_AMOUNT_END = /净额\s*$/;

/** A row that is the result of a statement identity (经营活动产生的现金流量净额 = 流入小计 − 流出小计). */
export function isIdentityResult(label: string): boolean {
  return NET_AMOUNT_END.test(label) && IDENTITIES.some((id) => id.total.test(norm(label)));
}

const IDENTITIES: { total: RegExp; parts: { re: RegExp; sign: 1 | -1 }[] }[] = [
  { total: /^资产总计$/, parts: [{ re: /^负债和所有者权益总计$/, sign: 1 }] },
  { total: /^负债和所有者权益总计$/, parts: [{ re: /^负债合计$/, sign: 1 }, { re: /^所有者权益合计$/, sign: 1 }] },
  { total: /^资产总计$/, parts: [{ re: /^流动资产合计$/, sign: 1 }, { re: /^非流动资产合计$/, sign: 1 }] },
  { total: /^负债合计$/, parts: [{ re: /^流动负债合计$/, sign: 1 }, { re: /^非流动负债合计$/, sign: 1 }] },
  ...['经营', '投资', '筹资'].map((a) => ({
    total: new RegExp(`^${a}活动产生的现金流量净额$`),
    parts: [
      { re: new RegExp(`^${a}活动现金流入小计$`), sign: 1 as const },
      { re: new RegExp(`^${a}活动现金流出小计$`), sign: -1 as const },
    ],
  })),
];

export function identityChecks(table: Table): Check[] {
  const out: Check[] = [];
  // Statement lines all end in 合计, 总计, 小计 or 净额.
  const rows = table.rows.filter((r) => r.kind !== 'header' && !r.uncertain && AMOUNT_LABEL_END.test(r.label));
  if (rows.length < 2) return out;
  const labels = new Map(rows.map((r) => [r, norm(r.label)]));
  for (const id of IDENTITIES) {
    const totals = rows.filter((r) => id.total.test(labels.get(r)!));
    for (const t of totals) {
      const parts = id.parts.map((p) => ({ row: rows.find((r) => p.re.test(labels.get(r)!) && r !== t), sign: p.sign }));
      if (parts.some((p) => !p.row || p.row.cells.length !== t.cells.length)) continue;
      for (let col = 0; col < t.cells.length; col++) {
        if (!t.cells[col].figure) continue;
        // An identity holds between amounts, not in a column of rates or changes (同比增减 %).
        const column = t.cells.length === table.columns.length ? table.columns[col] : undefined;
        if (t.cells[col].figure!.percent || (column && (!column.additive || column.share))) continue;
        const comps: Component[] = [];
        for (const p of parts) {
          const cell = p.row!.cells[col];
          if (cell.figure) comps.push({ row: p.row!, cell, sign: p.sign });
        }
        if (comps.length !== parts.length) continue;
        const desc = parts.map((p, i) => (i === 0 ? '' : p.sign < 0 ? ' − ' : ' + ') + norm(p.row!.label)).join('');
        const c = makeCheck('identity', table, t, col, comps, desc);
        if (c) out.push(c);
      }
    }
  }
  return out;
}

/**
 * The steps of the statements, by line item (a row label reduced to its item: numbering, 加：/减：/其中：
 * and remarks such as （亏损总额以"－"号填列） taken off; 股东 and 所有者 one word). Each holds in every CAS
 * format. A step is checked in a table that has each of its lines exactly once, in every column where the
 * result has a figure and every part a figure or a nil mark (a nil mark is nothing to add).
 */
const STATEMENT_STEPS: { total: string; parts: [string, 1 | -1][] }[] = [
  { total: '利润总额', parts: [['营业利润', 1], ['营业外收入', 1], ['营业外支出', -1]] },
  { total: '净利润', parts: [['利润总额', 1], ['所得税费用', -1]] },
  { total: '净利润', parts: [['归属于母公司所有者的净利润', 1], ['少数股东损益', 1]] },
  { total: '综合收益总额', parts: [['净利润', 1], ['其他综合收益的税后净额', 1]] },
  { total: '综合收益总额', parts: [['归属于母公司所有者的综合收益总额', 1], ['归属于少数股东的综合收益总额', 1]] },
  { total: '期末现金及现金等价物余额', parts: [['现金及现金等价物净增加额', 1], ['期初现金及现金等价物余额', 1]] },
  { total: '所有者权益合计', parts: [['归属于母公司所有者权益合计', 1], ['少数股东权益', 1]] },
];

const REMARK = /[（(][^（）()]*[)）]/g;
const SHAREHOLDERS_EQUITY = /股东权益/g;
const PARENT_SHAREHOLDERS = /母公司股东/g;
const PARENT_ORDINARY_SHAREHOLDERS = /母公司普通股股东/g;

/** A statement line's item, for the steps: 股东 and 所有者 one word, the remarks inside it taken off (所有者权益（或股东权益）合计). */
function stepItem(label: string): string {
  return itemOf(label)
    .replace(REMARK, '')
    .replace(SHAREHOLDERS_EQUITY, '所有者权益')
    .replace(PARENT_SHAREHOLDERS, '母公司所有者')
    .replace(PARENT_ORDINARY_SHAREHOLDERS, '母公司所有者');
}

export function statementStepChecks(table: Table): Check[] {
  const out: Check[] = [];
  const byItem = new Map<string, Row[]>();
  for (const r of table.rows) {
    if (r.kind === 'header' || r.uncertain || !r.cells.length) continue;
    const item = stepItem(r.label);
    const list = byItem.get(item);
    if (list) list.push(r);
    else byItem.set(item, [r]);
  }
  const once = (item: string) => {
    const list = byItem.get(item);
    return list && list.length === 1 ? list[0] : undefined;
  };
  for (const step of STATEMENT_STEPS) {
    const t = once(step.total);
    if (!t) continue;
    const parts = step.parts.map(([item, sign]) => ({ row: once(item), sign }));
    if (parts.some((p) => !p.row || p.row.cells.length !== t.cells.length)) continue;
    const desc = step.parts.map(([item, sign], i) => (i === 0 ? (sign < 0 ? '− ' : '') : sign < 0 ? ' − ' : ' + ') + item).join('');
    for (let col = 0; col < t.cells.length; col++) {
      const total = t.cells[col];
      if (!total.figure || total.figure.percent) continue;
      const column = t.cells.length === table.columns.length ? table.columns[col] : undefined;
      if (column && (!column.additive || column.share)) continue;
      const comps: Component[] = [];
      let ok = true;
      for (const p of parts) {
        const cell = p.row!.cells[col];
        if (cell.figure && !cell.figure.percent) comps.push({ row: p.row!, cell, sign: p.sign });
        else if (!isEmptyCellText(cell.text) || !cell.text.trim()) ok = false;
      }
      if (!ok || !comps.length) continue;
      // A line subtracted that the statement prints negative ((505) under 减：营业外支出) is never negated
      // again; where that does not reconcile and the literal sign does (a tax credit printed negative in a
      // statement whose expenses are positive), the literal reading is the statement's.
      const printed = comps.map((x) => (x.sign < 0 && x.cell.figure!.value < 0 ? { ...x, sign: 1 as const } : x));
      let c = makeCheck('identity', table, t, col, printed, desc);
      if (c && !c.ok && printed.some((x, i) => x !== comps[i])) {
        const literal = makeCheck('identity', table, t, col, comps, desc);
        if (literal?.ok) c = literal;
      }
      if (c) out.push(c);
    }
  }
  return out;
}
