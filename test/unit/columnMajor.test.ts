// The column-major front end (pdftotext without -layout, layout H): which values it places under
// which labels, and where it must leave a table unread because an empty cell left no trace.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { analyze } from '../../server/src/analysis/analyze';
import { diagnostics } from '../../server/src/features/diagnostics';
import { Table } from '../../server/src/model/types';

const majorTables = (text: string) => analyze(text).model.tables.filter((t) => t.layout === 'columnMajor');
const cellsOf = (t: Table, label: string) => t.rows.find((r) => r.label === label)?.cells.map((c) => c.text);
const warnings = (text: string) => diagnostics(analyze(text)).filter((d) => d.severity === 'warning').map((d) => d.message);
const okChecks = (text: string) => analyze(text).checks.filter((c) => c.ok).map((c) => `${c.row.label}:${c.total.figure!.raw}`);

// 31 (金花股份, 货币资金): a column's run before the labels, the labels, a unit line, the next column.
const CASH = `1、 货币资金
√适用
□不适用
项目

期末余额
94,489.12
298,404,901.47
49,181,586.72
347,680,977.31

库存现金
银行存款
其他货币资金
合计

单位：元 币种：人民币
期初余额
60,005.25
600,398,398.65
19,991,148.22
620,449,552.12

其他说明：
2、 交易性金融资产
`;

test('column-major: runs as long as the label run are its columns, in the order of the text', () => {
  const [t] = majorTables(CASH);
  assert.ok(t);
  assert.deepEqual(t.columns.map((c) => c.title), ['期末余额', '期初余额']);
  assert.deepEqual(cellsOf(t, '库存现金'), ['94,489.12', '60,005.25']);
  assert.deepEqual(cellsOf(t, '合计'), ['347,680,977.31', '620,449,552.12']);
  assert.deepEqual(okChecks(CASH), ['合计:347,680,977.31', '合计:620,449,552.12']);
  assert.deepEqual(warnings(CASH), []);
});

test('column-major: a wrong figure in one column is reported, the other column confirming the rows', () => {
  const wrong = CASH.replace('298,404,901.47', '298,404,991.47');
  assert.deepEqual(warnings(wrong), ['合计 [期末余额] 347,680,977.31 ≠ sum of 3 rows 347,681,067.31 (difference 90.00, no unit stated)']);
});

test('column-major: a run shorter than the labels (an empty cell vanished) is not placed', () => {
  // 其他货币资金 has no 期末余额: three values for four labels could stand in any three rows but the last.
  const gap = CASH.replace('49,181,586.72\n347,680,977.31', '298,499,390.59');
  const [t] = majorTables(gap);
  assert.ok(t, 'the full column still makes the table');
  assert.deepEqual(t.columns.map((c) => c.title), ['期初余额']);
  assert.deepEqual(cellsOf(t, '库存现金'), ['60,005.25']);
  // With no full column at all, there is no table.
  const none = gap.replace('19,991,148.22\n620,449,552.12', '600,458,403.90');
  assert.deepEqual(majorTables(none), []);
  assert.deepEqual(warnings(none), []);
});

test('column-major: runs of the right length that do not add up in any column make no table', () => {
  // The extraction ran two columns into one run where a cell was empty: the counts match, the sums do not.
  const merged = CASH.replace('347,680,977.31', '347,680,987.31').replace('620,449,552.12', '19,991,148.22');
  assert.deepEqual(majorTables(merged), []);
  assert.deepEqual(warnings(merged), []);
});

test('column-major: a label run with values right against it is a row-major table, not labels', () => {
  const rowMajor = `项目
库存现金
94,489.12
合计
94,489.12

期初余额
60,005.25
60,005.25
`;
  assert.deepEqual(majorTables(rowMajor), []);
});

// 35 (新世界, 其他流动资产): the labels, then each cell on its own, row by row, '-' for an empty cell.
const SINGLE = `√适用 □不适用
单位：元 币种：人民币
项目

期末余额

理财产品
可抵扣增值税
预缴企业所得税
合计

期初余额

830,000,000.00

830,000,000.00

1,709,380.77

1,907,187.32

-

257,753.08

831,709,380.77

832,164,940.40

其他说明
`;

test('column-major: single cells are read in the order the arithmetic shows (row by row here)', () => {
  const [t] = majorTables(SINGLE);
  assert.ok(t);
  assert.deepEqual(cellsOf(t, '预缴企业所得税'), ['-', '257,753.08']);
  assert.deepEqual(cellsOf(t, '合计'), ['831,709,380.77', '832,164,940.40']);
  assert.deepEqual(warnings(SINGLE), []);
});

test('column-major: single cells whose order the arithmetic cannot tell make no table', () => {
  // Two rows of equal values: row by row and column by column both add up.
  const both = `项目

期末余额

甲
合计

期初余额

5.00

5.00

5.00

5.00
`;
  assert.deepEqual(majorTables(both), []);
  // Neither order adds up: nothing is read, nothing is said.
  const neither = both.replace(/5\.00\n\n5\.00\n\n5\.00\n$/, '6.00\n\n7.00\n\n9.00\n');
  assert.deepEqual(majorTables(neither), []);
  assert.deepEqual(warnings(neither), []);
});

test('column-major: a balance-sheet page whose runs leave out empty cells makes no table', () => {
  // 31: the labels of the page, then runs of two or four values; no run is as long as the label run.
  const page = `流动资产：
货币资金
交易性金融资产
应收票据
应收账款
流动资产合计

附注

2024 年 12 月 31 日

单位：元 币种：人民币
2023 年 12 月 31 日

七、1

347,680,977.31

620,449,552.12

七、2

25,021,445.88

56,827,174.63

七、4
七、5

12,883,832.99
113,020,440.47

15,973,473.63
113,946,018.73

782,365,271.63

1,201,460,496.81
`;
  assert.deepEqual(majorTables(page), []);
  assert.deepEqual(warnings(page), []);
});

test('column-major: row-major streams are left to their readers', () => {
  // Seed 002 (one cell per line, blank lines between): a label wrapped over two lines, then its cells; the
  // next label's cells follow. Read in either order the cells would add up, under the wrong labels.
  const cellPerLine = `未分配利润

347,521,054.99

347,521,054.99



归属于母公司所有者权益
合计

2,525,742,415.22

2,525,742,415.22



少数股东权益

15,196,074.21

15,196,074.21
`;
  assert.deepEqual(majorTables(cellPerLine), []);
  // 23 (比亚迪, a cell stream): the column titles first, then each row's label and its values.
  const transposed = `第一层次
第二层次
第三层次
合计

交易性金融资产
-
40,511,496
-
40,511,496
其他权益工具投资
2,140,761
2,776,151
3,584,181
8,501,093
应收款项融资
-
10,449,966
-
10,449,966

合计
`;
  assert.deepEqual(majorTables(transposed), []);
});

test('column-major: a one-character line ends the label above it; 关联方 titles the label column', () => {
  // 31 / 33: names wrapped in a narrow label column (…有限公 / 司); the column's title above the names.
  const wrapped = `关联方
常州华森医疗器械有限公
司
陕西禾润易实业有限公司
合计

期末余额
1,000.00
2,500.50
3,500.50

期初余额
400.00
600.00
1,000.00
`;
  const [t] = majorTables(wrapped);
  assert.ok(t);
  assert.deepEqual(t.rows.filter((r) => r.kind !== 'header').map((r) => r.label), ['常州华森医疗器械有限公司', '陕西禾润易实业有限公司', '合计']);
  assert.deepEqual(cellsOf(t, '陕西禾润易实业有限公司'), ['2,500.50', '600.00']);
  assert.deepEqual(warnings(wrapped), []);
});

// 31 (金花股份, 销售费用): one column under its title, as many values as labels.
const ONE = `63、 销售费用
√适用 □不适用
项目
市场推广服务
职工薪酬
其他
合计

单位：元 币种：人民币
上期发生额
188,227,885.45
19,245,522.11
920,481.70
208,393,889.26

64、 管理费用
`;

test('column-major: a lone titled column is read even where its total is misprinted, and the misprint is reported', () => {
  assert.deepEqual(okChecks(ONE), ['合计:208,393,889.26']);
  assert.deepEqual(warnings(ONE), []);
  const wrong = ONE.replace('208,393,889.26', '208,393,859.26');
  const [t] = majorTables(wrong);
  assert.ok(t, 'the table is made by its layout alone');
  assert.deepEqual(cellsOf(t, '合计'), ['208,393,859.26']);
  assert.equal(warnings(wrong).length, 1);
  assert.match(warnings(wrong)[0], /^合计 \[上期发生额\] 208,393,859\.26 ≠ sum of 3 rows 208,393,889\.26/);
});

test('column-major: a lone column that does not add up makes no table without its title, or beside values of unknown place', () => {
  const wrong = ONE.replace('208,393,889.26', '208,393,859.26');
  // No column title above the run: nothing says the run is this table's column.
  const untitled = wrong.replace('上期发生额\n', '');
  assert.deepEqual(majorTables(untitled), []);
  assert.deepEqual(warnings(untitled), []);
  // A second run of another length that does not add up by itself: the values may belong elsewhere.
  const stray = wrong.replace('\n64、', '\n本期发生额\n1,000.00\n2,000.00\n\n64、');
  assert.deepEqual(majorTables(stray), []);
  assert.deepEqual(warnings(stray), []);
  // A run of another length that adds up by itself is a column whose empty cells vanished: no obstacle.
  const short = wrong.replace('\n64、', '\n本期发生额\n1,000.00\n2,000.00\n3,000.00\n\n64、');
  assert.equal(majorTables(short).length, 1);
  assert.equal(warnings(short).length, 1);
});

// 31 (金花股份, 设定提存计划): numbered labels under the title of the label column.
const ITEMS = `(3).设定提存计划列示
√适用 □不适用
项目
1、基本养老保险
2、失业保险费
合计

期初余额
2,073.12
2,073.12

本期增加
4,941,425.86
213,863.33
5,155,289.19

其他说明：
`;

test('column-major: numbered items running up to 项目 are labels; without the title they end the labels', () => {
  const [t] = majorTables(ITEMS);
  assert.ok(t);
  assert.deepEqual(t.rows.filter((r) => r.kind !== 'header').map((r) => r.label), ['1、基本养老保险', '2、失业保险费', '合计']);
  // The run of two values for three labels (an empty cell vanished) is not placed.
  assert.deepEqual(t.columns.map((c) => c.title), ['本期增加']);
  assert.deepEqual(cellsOf(t, '2、失业保险费'), ['213,863.33']);
  assert.deepEqual(okChecks(ITEMS), ['合计:5,155,289.19']);
  // A numbered line with no 项目 above it is a heading: the total stands alone and no table is made.
  assert.deepEqual(majorTables(ITEMS.replace('项目\n', '')), []);
});

// 31 (金花股份, 其他应付款按款项性质): a table cut by a page break, its first labels and their runs on
// the page before, the rest of the labels with the total and their runs on the next page (a form feed
// and the running header between them, as pdftotext writes them; two pages before make it a running header).
const BROKEN = `其他说明：
140 / 189

\f金花企业（集团）股份有限公司2024 年年度报告

其他说明：
141 / 189

\f金花企业（集团）股份有限公司2024 年年度报告

(4).其他应付款
按款项性质列示其他应付款
√适用 □不适用
项目
保证金
股权转让款

期末余额
79,668,943.11

142 / 189

单位：元 币种：人民币
期初余额
84,048,121.08
175,710,000.00

\f金花企业（集团）股份有限公司2024 年年度报告

业务推广
单位往来
其他
合计

83,686,874.90
90,365,285.39
337.86
253,721,441.26

71,445,300.23
55,602,767.05
869.91
386,807,058.27

(5).其他
`;

test('column-major: a table cut by a page break is joined, column by column, where the runs of the page before are complete', () => {
  const t = majorTables(BROKEN).find((x) => x.rows.some((r) => r.label === '合计'));
  assert.ok(t);
  assert.deepEqual(t.rows.filter((r) => r.kind !== 'header').map((r) => r.label), ['保证金', '股权转让款', '业务推广', '单位往来', '其他', '合计']);
  // 期末余额 has one value for two labels on the page before (an empty cell vanished): left out.
  assert.deepEqual(t.columns.map((c) => c.title), ['期初余额']);
  assert.deepEqual(cellsOf(t, '股权转让款'), ['175,710,000.00']);
  assert.deepEqual(cellsOf(t, '其他'), ['869.91']);
  assert.deepEqual(okChecks(BROKEN), ['合计:386,807,058.27']);
  assert.deepEqual(warnings(BROKEN), []);
  // The joined column must add up: without it, the rows of the page before are no rows of this total.
  const wrong = BROKEN.replace('386,807,058.27', '386,807,098.27');
  assert.deepEqual(majorTables(wrong).filter((x) => x.rows.some((r) => r.label === '合计')), []);
  assert.deepEqual(warnings(wrong), []);
});
