// Statement identities: 资产总计 = 负债和所有者权益总计 = 负债合计 + 所有者权益合计, 资产总计 = 流动 +
// 非流动, the three cash-flow 净额 = 流入小计 − 流出小计.

import { Table } from '../../model/types';
import { Check, Component, makeCheck } from '../check';

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
