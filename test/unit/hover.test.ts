// Hovers on figures: the value in 元 (or the count), as written, the unit and where it came from.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { analyze } from '../../server/src/analysis/analyze';
import { hoverAt } from '../../server/src/features/hover';

const hover = (text: string, needle: string, after = '') => {
  const from = after ? text.indexOf(after) : 0;
  const at = text.indexOf(needle, from);
  assert.ok(at >= 0, needle);
  const h = hoverAt(analyze(text), at + 1);
  assert.ok(h, `no hover on ${needle}`);
  assert.equal(text.slice(h.range.start, h.range.end).replace(/\s/g, ''), needle.replace(/\s/g, ''));
  return h.markdown;
};

test('a figure in prose with its own unit: 39,150.00万元 → 391,500,000.00 元', () => {
  const md = hover('公司本期确认收入39,150.00万元，同比增长12.5%。', '39,150.00万元');
  assert.match(md, /\*\*391,500,000\.00 元\*\*/);
  assert.match(md, /unit: 万元 — from written on the figure/);
  assert.match(hover('投资总金额 1.2亿元。', '1.2亿元'), /\*\*120,000,000\.00 元\*\*/);
  assert.match(hover('公司本期确认收入39,150.00万元，同比增长12.5%。', '12.5%'), /\*\*12\.50%\*\*|\*\*12\.5%\*\*/);
});

test('capital Chinese numerals and full-width digits', () => {
  assert.match(hover('注册资本为人民币壹佰万元整。', '壹佰万元整'), /\*\*1,000,000\.00 元\*\*/);
  assert.match(hover('累计发行股份１，３５０.００万股。', '１，３５０.００万股'), /13,500,000 股/);
});

test("a table cell takes the table's unit line, and shows its row and column", () => {
  const text = `单位：万元
项目 2021年1-6月 2020年度
营业收入 8,095.04 13,535.85
营业成本 7,192.59 12,435.70
`;
  const md = hover(text, '13,535.85');
  assert.match(md, /\*\*135,358,500\.00 元\*\*/);
  assert.match(md, /from the table's unit line \(万元\)/);
  assert.match(md, /row: 营业收入/);
  assert.match(md, /column: 2020年度/);
});

test('the document-wide statement applies where a table says nothing', () => {
  const text = `本说明中涉及货币金额的单位,如无特别指明,均为人民币万元;若明细数加计之和与合计数有尾差,系四舍五入所致。
项 目2021年1-6月2020年度
收入8,095.0413,535.85
成本7,192.5912,435.70
`;
  const md = hover(text, '8,095.04');
  assert.match(md, /\*\*80,950,400\.00 元\*\*/);
  assert.match(md, /from the document's unit statement/);
});

test('a column header unit wins over the table and document units; mixed units in one table', () => {
  const cols = `单位：元
客户名称 | 当期收入(万元) | 订单数量(个) |
甲公司 | 1,234.50 | 12 |
乙公司 | 100.00 | 3 |
`;
  assert.match(hover(cols, '1,234.50'), /\*\*12,345,000\.00 元\*\*[\s\S]*from the column header/);
  assert.match(hover(cols, '12', '1,234.50'), /\*\*12 个\*\*/);
  const mixed = `单位：万户、万元
项目 | 用户数(万户) | 收入(万元) |
电信 | 1.50 | 20.00 |
联通 | 2.25 | 30.00 |
`;
  assert.match(hover(mixed, '1.50'), /\*\*15,000 户\*\*/);
  assert.match(hover(mixed, '20.00'), /\*\*200,000\.00 元\*\*/);
});

test('negatives, parentheses and empty cells', () => {
  const text = `单位：元
项目 本期 上期
投资收益 (1,234.56) -
公允价值变动 －7.00 5.00
`;
  assert.match(hover(text, '(1,234.56)'), /\*\*-1,234\.56 元\*\*/);
  assert.match(hover(text, '－7.00'), /\*\*-7\.00 元\*\*/);
  const a = analyze(text);
  assert.equal(hoverAt(a, text.indexOf(' -') + 1), undefined);
});

test('a total shows its components and whether they reconcile', () => {
  const text = `数量(个) | 2021.12.31 |
独立门店 | 23,879 |
连锁店 | 1,121 |
合计 | 25,000 |
`;
  const md = hover(text, '25,000');
  assert.match(md, /✓ \*\*total reconciles\*\*/);
  assert.match(md, /独立门店: 23,879/);
  assert.match(md, /连锁店: 1,121/);
});
