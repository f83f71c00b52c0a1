// Hovers on figures: the value in 元 (or the count), as written, the unit and where it came from.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { analyze } from '../../server/src/analysis/analyze';
import { hoverAt, hoverFacts } from '../../server/src/features/hover';
import * as fs from 'node:fs';
import * as path from 'node:path';

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

test('the 合计 row with fewer cells than the header: each figure under its own column (fixture 003)', () => {
  const text = fs.readFileSync(path.resolve(__dirname, '../../../test/fixtures/003-pipe-inquiry.filing'), 'utf8');
  const row = '合计 | 1,172 | 303 | 25,001 | 82.51 |';
  const md = hover(text, '25,001', row);
  assert.match(md, /column: 覆盖商户数量/);
  assert.match(md, /\*\*25,001 户\*\*/);
  // A headcount column is counted in 人, never in 元.
  const people = hover(text, '303', row);
  assert.match(people, /\*\*303 人\*\*/);
  assert.match(people, /column: 其中:参与线下商户管理的人员/);
});

test('a note reference is never a figure, and never the row label', () => {
  const table = '单位：元\n项目 | 附注 | 2021年 | 2020年 |\n货币资金 | (1) | 1,000.00 | 2,000.00 |\n应收账款 | (2) | 3,000.00 | 4,000.00 |\n合计 |  | 4,000.00 | 6,000.00 |\n';
  const a = analyze(table);
  const ref = hoverAt(a, table.indexOf('(1)') + 1);
  assert.ok(ref);
  assert.match(ref.markdown, /note reference/);
  assert.doesNotMatch(ref.markdown, /元|-1/);
  assert.match(hover(table, '3,000.00'), /row: 应收账款/);
  // One cell per line took the note column for the label: the label is the line before it.
  const cells = '单位：元\n项目 | 2021年 | 2020年 |\n货币资金\n四(52) | 1,000.00 | 2,000.00 |\n应收账款 | 3,000.00 | 4,000.00 |\n合计 | 4,000.00 | 6,000.00 |\n';
  const md = hover(cells, '1,000.00');
  assert.doesNotMatch(md, /row: 四\(52\)/);
  assert.match(md, /row: 货币资金/);
});

test('percent columns are percents and stated units reach the hover', () => {
  const text = '单位：万元\n项目 | 2021年金额 | 占比（%） |\n产品A | 1,000.00 | 40.00 |\n产品B | 1,500.00 | 60.00 |\n合计 | 2,500.00 | 100.00 |\n';
  const pct = hover(text, '40.00');
  assert.match(pct, /\*\*40\.00%\*\*/);
  assert.doesNotMatch(pct, /元/);
  assert.match(hover(text, '1,500.00'), /\*\*15,000,000\.00 元\*\*/);
  const doc = '（人民币百万元，特别注明除外）\n\n项目 | 2025年 | 2024年 |\n营业收入 | 1,050 | 1,040 |\n营业成本 | 800 | 790 |\n';
  const md = hover(doc, '1,050');
  assert.match(md, /\*\*1,050,000,000\.00 元\*\*/);
  assert.match(md, /unit: 人民币百万元 — from the document's unit statement/);
});

// 004: an ageing table in space-parted text, a period over a row of column words; after 续上表, the next period's part.
const AGEING_PARTS = `组合中，按账龄分析法计提坏账准备的应收账款：

账龄
2018-12-31

应收账款 坏账准备 计提比例（%）

1年以内（含 1年） 20,504,052.49 1,025,202.62 5.00

1至 2年（含 2年） 1,396,004.58 139,600.46 10.00

2至 3年（含 3年） 121,600.00 36,480.00 30.00

3至 4年（含 4年） 121,774.55 60,887.28 50.00

合计 22,143,431.62 1,262,170.36 5.70

续上表

 账龄

2017-12-31

应收账款 坏账准备 计提比例（%）

1年以内（含 1年） 18,275,484.32 913,774.22 5.00

1至 2年（含 2年） 934,757.88 93,475.79 10.00

2至 3年（含 3年） 121,774.55 36,532.37 30.00

合计 19,332,016.75 1,043,782.37 5.40
`;

test('column words parted by spaces under a period line title the columns; the part after 续上表 has its own period', () => {
  const a = analyze(AGEING_PARTS);
  const facts = (needle: string) => hoverFacts(a, AGEING_PARTS.indexOf(needle));
  assert.equal(facts('36,480.00')?.column, '2018-12-31 坏账准备');
  assert.equal(facts('36,532.37')?.column, '2017-12-31 坏账准备');
  const rate = facts('5.40');
  assert.equal(rate?.column, '2017-12-31 计提比例（%）');
  assert.equal(rate?.unitKind, 'percent');
});

// 35 (新世界, pdftotext without -layout): the unit line read as the label of the header row under it.
const UNIT_LINE_OVER_HEADER = `7、 可供出售金融资产
(1).可供出售金融资产情况
√适用 □不适用
单位：元 币种：人民币
期末余额

期初余额

项目
账面余额

减值准备

账面价值

账面余额

减值准备

账面价值

可供出售权益工具：

507,790,070.44

3,400,000.00

504,390,070.44

562,413,578.44

3,400,000.00

559,013,578.44

按公允价值计量的

464,340,070.44

464,340,070.44

518,963,578.44

-

518,963,578.44

按成本计量的

43,450,000.00

3,400,000.00

40,050,000.00

43,450,000.00

3,400,000.00

40,050,000.00

合计

507,790,070.44

3,400,000.00

504,390,070.44

562,413,578.44

`;

test('a unit line read into the header row is the table unit line, not a column unit', () => {
  const a = analyze(UNIT_LINE_OVER_HEADER);
  const h = hoverFacts(a, UNIT_LINE_OVER_HEADER.indexOf('504,390,070.44'));
  assert.equal(h?.unit, '元');
  assert.equal(h?.source, 'table');
  assert.equal(h?.column, '期末余额 账面价值');
});

// 003: a title spanning the last columns (税前现金分红金额(万元) | |) over the periods, the row of periods written
// from the label cell (2021年度 | 2020年度 | 2019年度 | ||): each period under the title, the text column (身份) its own.
test('a spanned title over a row of periods written from the label cell names each column once', () => {
  const text = [
    '具体获得现金分红的人员情况如下表所示:',
    '姓名 | 身份 | 税前现金分红金额(万元) | ||',
    '2021年度 | 2020年度 | 2019年度 | ||',
    '杨兴海 | 实际控制人、董事长 | - | 466.16 | 428.17 |',
    '杨兴荣 | 董事、总经理 | - | 23.09 | 21.20 |',
    '胡海荣 | 监事会主席 | - | 13.17 | 12.10 |',
    '',
  ].join('\n');
  const a = analyze(text);
  assert.deepEqual(a.model.tables[0].columns.map((c) => c.title), ['身份', '税前现金分红金额(万元) 2021年度', '税前现金分红金额(万元) 2020年度', '税前现金分红金额(万元) 2019年度']);
  assert.equal(hoverFacts(a, text.indexOf('13.17'))?.column, '税前现金分红金额(万元) 2020年度');
  // Periods repeated (two titles, each over the same periods) are not this shape.
  const twice = text.replace('2021年度 | 2020年度 | 2019年度 | ||', '2021年度 | 2020年度 | 2021年度 | ||');
  assert.notDeepEqual(analyze(twice).model.tables[0].columns.map((c) => c.title)[1], '税前现金分红金额(万元) 2021年度');
});

// 26: the header of a table read short (账面净值 the only title the reader kept, over four columns of figures): one
// title over every column is no column's title, and the hover names none rather than a wrong one.
test('one title spread over every column of figures names none of them', () => {
  const text = [
    '评估结果汇总如下：',
    '单位：万元',
    '序号',
    '船舶名称',
    '账面原值',
    '账面净值',
    '评估值',
    '增值率',
    '1',
    '扬帆海安',
    '8,059.05',
    '4,869.01',
    '6,353.82',
    '30.50%',
    '2',
    '海装2 号',
    '6,928.25',
    '1,509.86',
    '3,796.07',
    '151.42%',
    '3',
    '海装6 号',
    '8,312.51',
    '2,810.91',
    '4,742.80',
    '68.73%',
    '',
  ].join('\n');
  const h = hoverFacts(analyze(text), text.indexOf('151.42%'));
  assert.equal(h?.row, '海装2 号');
  assert.equal(h?.column, '');
});
