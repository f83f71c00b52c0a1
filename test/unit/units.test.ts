// Units on short real-shaped texts: document statements, table unit lines,
// units in header cells, counts and ratios named by the header.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { columnUnitIn, documentUnitIn, tableUnitsIn } from '../../server/src/parse/units';

const brief = (u: { name: string; factor: number; kind: string; currency?: string } | undefined) => (u ? `${u.name}|${u.factor}|${u.kind}${u.currency ? '|' + u.currency : ''}` : 'none');

test('units: document statements in the forms the filings write them', () => {
  const cases: [string, string][] = [
    ['（人民币百万元，特别注明除外）', '人民币百万元|1000000|money|人民币'],
    ['(除特别注明外，金额单位为人民币百万元)', '人民币百万元|1000000|money|人民币'],
    ['财务附注中报表的单位为：千元', '千元|1000|money'],
    ['本说明中涉及货币金额的单位,如无特别指明,均为人民币万元', '人民币万元|10000|money|人民币'],
    ['除特别注明外，金额均以人民币千元列示', '人民币千元|1000|money|人民币'],
    ['单位：万元', 'none'],
    ['公司注册资本为人民币10,000万元，特别注明的除外。', 'none'],
  ];
  for (const [text, expected] of cases) assert.equal(brief(documentUnitIn(text, 0)), expected, text);
  // The range points at the unit as written.
  const line = '（人民币百万元，特别注明除外）';
  const u = documentUnitIn(line, 100)!;
  assert.equal(line.slice(u.range!.start - 100, u.range!.end - 100), '人民币百万元');
});

test('units: a table unit line just before a table', () => {
  assert.equal(brief(tableUnitsIn('单位：万元', 0)?.[0]), '万元|10000|money');
  assert.equal(brief(tableUnitsIn('金额单位：人民币万元', 0)?.[0]), '人民币万元|10000|money|人民币');
  assert.equal(brief(tableUnitsIn('单位：元 币种：人民币', 0)?.[0]), '元|1|money');
  assert.deepEqual(tableUnitsIn('（单位：亿元，%）', 0)?.map((u) => u.name), ['亿元', '%']);
});

test('units: a unit in a header cell; percents and counts named by the header are never money', () => {
  const cases: [string, string][] = [
    ['金额（万元）', '万元|10000|money'],
    ['工具面值（单位：百万元人民币）', '百万元|1000000|money|人民币'],
    ['金额单位：人民币万元', '人民币万元|10000|money|人民币'],
    ['占比（%）', '%|1|percent'],
    ['2021年度 占收入比例', '%|1|percent'],
    ['毛利率', '%|1|percent'],
    ['员工人数', '人|1|count'],
    ['其中:参与线下商户管理的人员', '人|1|count'],
    ['覆盖商户数量', '户|1|count'],
    ['户数（户）', '户|1|count'],
    ['营业收入', 'none'],
    ['汇率', 'none'],
    ['数量', 'none'],
  ];
  for (const [text, expected] of cases) assert.equal(brief(columnUnitIn(text)), expected, text);
});

test('units: a header row of units alone under the column words names the column unit', () => {
  // 22: 2006年 / 销售量 | 销售价格 / 百万吨 | 人民币元/吨 — the title joins the rows top to bottom.
  const cases: [string, string][] = [
    ['2006年 销售量 百万吨', '百万吨|1000000|count'],
    ['2024年 金额 万元', '万元|10000|money'],
    ['2006年 销售价格 人民币元/吨', 'none'],
    // A lone count word at the end is no unit row (a wrapped word's last character).
    ['期末 人', 'none'],
  ];
  for (const [text, expected] of cases) assert.equal(brief(columnUnitIn(text)), expected, text);
});
