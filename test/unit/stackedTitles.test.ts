// Column titles stacked one per line above a table's first row (parse/tables/stackedTitles.ts), on short texts
// of the shapes in the corpus: titles wrapped over lines are joined where the wrapping allows one parting only;
// where the partings disagree, or a band of periods stands above, no title is taken.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { analyze } from '../../server/src/analysis/analyze';
import { hoverFacts } from '../../server/src/features/hover';

const titles = (text: string) => analyze(text).model.tables.filter((t) => t.layout === 'cellStream').map((t) => t.columns.map((c) => c.title));
const ROWS = `日用电子器件
制造业
159,608,576,000.00
146,289,389,000.00
8.34%
34.60%
35.05%
-0.30%
交通运输设备
及电气制造业
617,381,935,000.00
479,660,859,000.00
22.31%
27.70%
25.62%
1.29%
境外
221,884,773,000.00
182,869,451,000.00
17.58%
38.49%
22.41%
10.82%
`;

// 23 (比亚迪): six titles over nine lines; 年同期增减 cannot start a title, so each goes on the line before it.
const WRAPPED = `（2） 占公司营业收入或营业利润10%以上的行业、产品、地区、销售模式的情况
单位：元
营业收入
营业成本
毛利率
营业收入比上
年同期增减
营业成本比上
年同期增减
毛利率比上
年同期增减
分行业
${ROWS}`;

test('stacked titles: wrapped titles joined, a group label of the rows left out', () => {
  assert.deepEqual(titles(WRAPPED), [['营业收入', '营业成本', '毛利率', '营业收入比上年同期增减', '营业成本比上年同期增减', '毛利率比上年同期增减']]);
  const text = WRAPPED;
  const at = text.indexOf('38.49%');
  const h = hoverFacts(analyze(text), at);
  assert.equal(h?.column, '营业收入比上年同期增减');
  assert.equal(h?.row, '境外');
});

test('stacked titles: none where the lines part in more than one way, or a band stands above them', () => {
  // Two full-width lines that may be one title or two: 营业收入比上 / 营业成本比上 without the continuation.
  const ambiguous = WRAPPED.replace(/年同期增减\n/g, '').replace('毛利率比上\n', '毛利率比上\n营业利润\n');
  assert.deepEqual(titles(ambiguous), [['', '', '', '', '', '']]);
  // More of the header above a blank line (a band over the titles): the lines are its lower row only.
  const banded = WRAPPED.replace('单位：元\n', '单位：元\n主营业务\n\n');
  assert.deepEqual(titles(banded), [['', '', '', '', '', '']]);
  // A wrapped line that is not full (营业 / 收入比上 …: 收 would have fitted after 营业) is no wrapping.
  const notFull = WRAPPED.replace('营业收入比上\n', '营业\n收入比上\n');
  assert.deepEqual(titles(notFull), [['', '', '', '', '', '']]);
});

// 001: titles glued on one line, each ending in its unit; the first glued to the label column's titles names no column.
test('glued titles each ending in a unit are parted after the units', () => {
  const text = [
    '具体对账情况如下:',
    '单位：万元',
    '对账时点对账期间卡品运营商对账金额(万元)运营商结算价(元)运营商确认数量(个)供应商确认数量(个)数量差异(个)金额差异(万元)',
    '2019/12/52019年2月月卡30.6714.0021,906.0021,941.0035.000.05',
    '校园卡2.109.892,128.002,128.000.000.00',
    '2019/5/162019年3月月卡295.3114.00210,939.00211,175.00236.000.33',
    '2019/6/212019年4月月卡270.9314.00193,524.00193,758.00234.000.33',
    '',
  ].join('\n');
  const a = analyze(text);
  const t = a.model.tables[0];
  assert.deepEqual(t.columns.map((c) => c.title), ['', '运营商结算价(元)', '运营商确认数量(个)', '供应商确认数量(个)', '数量差异(个)', '金额差异(万元)']);
  // The price is in 元 as its title says, not in the 万元 of the first column.
  const h = hoverFacts(a, text.indexOf('14.00', text.indexOf('295.31')));
  assert.equal(h?.unit, '元');
  assert.equal(h?.value, 14);
});
