// Coverage (analysis/coverage.ts): which lines are total rows.

import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { analyze } from '../../server/src/analysis/analyze';

const totalRowTexts = (text: string) => {
  const a = analyze(text);
  return a.coverage.totalRows.map((i) => a.model.lines[i].text.trim());
};

test('a sentence naming a total is no total row; a table row is, also after prose', () => {
  // 28: wrapped prose lines of a prospectus, then a cell stream table.
  const text = `公司2023 年权益分派方案为：向全体股东每10 股派发现金
红利3 元（含税），合计派发现金红利22,898,485.20 元，不送红股，不以资本
建设项目”立足于建设公司在华南、海外的生产基地，项目建成投产后，将新
增合计55 万平方米的年产能。
单位：万元
项目
金额
增值税进项加计抵减
391.40
稳岗补贴
124.12
合计
515.52
`;
  assert.deepEqual(totalRowTexts(text), ['合计']);
});

test('a sentence wrapped without its punctuation, its only figure inside words, is no total row', () => {
  // 27: lines of a bondholders' meeting rule.
  const text = `单独或者合计持有本次债券未偿还份额10%以上的债券持有人有权自行召集债券
合计持有本次债券未偿还份额10%以上的债券持有人提议召集债券持有人会
资产总计196,356.50 100.00%
`;
  assert.deepEqual(totalRowTexts(text), ['资产总计196,356.50 100.00%']);
});

test('按组合计提坏账准备 and 合计数 name no total', () => {
  const text = `按组合计提坏账准备 1,330.28 1,183.00
占应收账款合计数的比例 12.50
合计 2,660.56 2,366.00
`;
  assert.deepEqual(totalRowTexts(text), ['合计 2,660.56 2,366.00']);
});

test('a total row glued to a note after it stays a total row', () => {
  // 21: a row, then the note, in one record: the total word is followed by its figures.
  assert.deepEqual(totalRowTexts('合计100%2000万元注：其中120万元属专利申请权转让价格。\n'), ['合计100%2000万元注：其中120万元属专利申请权转让价格。']);
});

test('a header line of glued column titles with ages after the total word is no total row', () => {
  // 001: 1年以上应收账款 table, its titles glued on one line.
  const text = `客户1年以上应收账款账面余额总计1-2年应收账款账面余额2-3年应收账款账面余额3年及以上应收账款账面余额坏账计提金额
通号工程局集团有限公司天津分公司9,090,266.259,090,266.25--909,026.63
中兴捷维通讯技术有限责任公司5,970,297.334,970,060.731,000,236.60-797,077.05
小计15,060,563.5814,060,326.981,000,236.60-1,706,103.68
合计3年以上的应收账款1,234.56
`;
  assert.deepEqual(totalRowTexts(text), ['小计15,060,563.5814,060,326.981,000,236.60-1,706,103.68', '合计3年以上的应收账款1,234.56']);
});
