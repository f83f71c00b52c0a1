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
