// The cell-stream front end (one cell per line without blank lines between cells, layouts G and I)
// on short texts of each shape taken from the corpus, and what it must not read as a table row.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { analyze } from '../../server/src/analysis/analyze';
import { diagnostics } from '../../server/src/features/diagnostics';
import { Table } from '../../server/src/model/types';

const tables = (text: string) => analyze(text).model.tables;
const streamTables = (text: string) => tables(text).filter((t) => t.layout === 'cellStream');
const rowOf = (t: Table, label: string) => t.rows.find((r) => r.label === label);
const cellsOf = (t: Table, label: string) => rowOf(t, label)?.cells.map((c) => c.text);
const warnings = (text: string) => diagnostics(analyze(text)).filter((d) => d.severity === 'warning').map((d) => d.message);
const okChecks = (text: string) => analyze(text).checks.filter((c) => c.ok).map((c) => `${c.row.label}:${c.total.figure!.raw}`);

// 23 (比亚迪): a note column of bare integers (1, 2 …) or a blank line; values with leading spaces.
const NOTE_INTEGERS = `1、合并资产负债表
资产
附注七
2024 年12 月31 日
2023 年12 月31 日

（经重述）

流动资产

货币资金
1
 102,738,734
109,094,408
交易性金融资产
2
  40,511,496
  9,542,789
衍生金融资产

 35,093
19,761
买入返售金融资产

 392,472
-

流动资产合计

143,677,795
118,656,958

非流动资产

长期应收款
10
 10,206,134
8,238,190
`;

test('a bare integer before the values is a note reference when the table has a note column', () => {
  const [t] = streamTables(NOTE_INTEGERS);
  assert.ok(t);
  assert.deepEqual(t.columns.map((c) => c.title), ['2024 年12 月31 日', '2023 年12 月31 日（经重述）']);
  assert.deepEqual(cellsOf(t, '货币资金'), ['102,738,734', '109,094,408']);
  assert.deepEqual(cellsOf(t, '交易性金融资产'), ['40,511,496', '9,542,789']);
  assert.deepEqual(cellsOf(t, '买入返售金融资产'), ['392,472', '-']);
  assert.deepEqual(okChecks(NOTE_INTEGERS), ['流动资产合计:143,677,795', '流动资产合计:118,656,958']);
  // The section label after a total is a group boundary, not a row to add.
  assert.equal(rowOf(t, '非流动资产')?.section, true);
});

test('without a note column a small integer is a value', () => {
  const text = `项目
2024 年
2023 年
员工人数
12
15
外籍员工
3
4
合计
15
19
`;
  const [t] = streamTables(text);
  assert.deepEqual(cellsOf(t, '员工人数'), ['12', '15']);
  assert.deepEqual(okChecks(text), ['合计:15', '合计:19']);
});

// 24 (中国移动): 四(n) note references, headers split over lines, the page number inside the header,
// negatives in brackets, signatories after the last row.
const NOTE_REFS = `[P86]
合并资产负债表
2025 年12 月31 日
(除特别注明外，金额单位为人民币百万元)

85

资 产
附注
2025 年
12 月31 日
2024 年
12 月31 日
流动资产

货币资金
四(1)
  171,094
242,275
交易性金融资产
四(2)
 134,550
153,194
应收票据

 1,177
1,103
减值准备
四(55)(c)
(5)
(13)
流动资产合计

306,816
396,559

陈忠岳
李荣华
胡宇霆
企业负责人
`;

test('note references 四(n) are left out, split period headers are joined, signatories are not rows', () => {
  const [t] = streamTables(NOTE_REFS);
  assert.ok(t);
  assert.deepEqual(t.columns.map((c) => c.title), ['2025 年12 月31 日', '2024 年12 月31 日']);
  assert.deepEqual(cellsOf(t, '货币资金'), ['171,094', '242,275']);
  assert.deepEqual(cellsOf(t, '减值准备'), ['(5)', '(13)']);
  assert.deepEqual(okChecks(NOTE_REFS), ['流动资产合计:306,816', '流动资产合计:396,559']);
  assert.equal(rowOf(t, '陈忠岳'), undefined);
  assert.equal(t.rows[t.rows.length - 1].label, '流动资产合计');
});

// 24, parent company: a blank line also between the two values.
test('blank lines between the values of full rows do not shift cells', () => {
  const text = `项目
2025 年12 月31 日
2024 年12 月31 日
货币资金

4,590

4,360
预付款项

2

3
其他应收款

1,405

2,695
流动资产合计

5,997

7,058
`;
  const [t] = streamTables(text);
  assert.deepEqual(cellsOf(t, '预付款项'), ['2', '3']);
  assert.deepEqual(okChecks(text), ['流动资产合计:5,997', '流动资产合计:7,058']);
});

// 25 (金达威): --- for three nil cells, labels wrapped over two lines, the page furniture and the header
// repeated inside the statement.
const WRAPPED = `（一）合并资产负债表
单位：元
项目
2024 年12 月31 日
2023 年12 月31 日
2022 年12 月31 日
货币资金
1,000.00
2,000.00
3,000.00
合同资产
---
一年内到期的非流
动资产
10.00
20.00
30.00

[P128]
厦门金达威集团股份有限公司                                                                                     募集说明书
项目
2024 年12 月31 日
2023 年12 月31 日
2022 年12 月31 日
其他流动资产
1.00
2.00
3.00
流动资产合计
1,011.00
2,022.00
3,033.00
`;

test('--- is three nil cells, a wrapped label is joined, the repeated header after a page break goes on with the table', () => {
  const [t] = streamTables(WRAPPED);
  assert.ok(t);
  assert.deepEqual(cellsOf(t, '合同资产'), ['-', '-', '-']);
  assert.deepEqual(cellsOf(t, '一年内到期的非流动资产'), ['10.00', '20.00', '30.00']);
  assert.deepEqual(okChecks(WRAPPED), ['流动资产合计:1,011.00', '流动资产合计:2,022.00', '流动资产合计:3,033.00']);
  assert.deepEqual(warnings(WRAPPED), []);
});

// 28 (本川智能) and 26 (海峡股份): lines holding several values, a label glued to its values.
const MIXED = `单位：元
项目
2025-09-30
2024-12-31
2023-12-31
2022-12-31
股本
77,298,284.00
77,298,284.00
77,298,284.00
77,298,284.00
未分配利润
319,729,657.69
294,286,306.61
302,752,273.62 299,152,740.53
归属于母公司所
有者权益合计
397,027,941.69 371,584,590.61
380,050,557.62
376,451,024.53
少数股东权益5,432,479.46 1,768,414.37 - -
所有者权益合计
402,460,421.15 373,353,004.98 380,050,557.62 376,451,024.53
`;

test('several values on a line, a label glued to its values, a label wrapped mid-word', () => {
  const [t] = streamTables(MIXED);
  assert.ok(t);
  assert.deepEqual(cellsOf(t, '未分配利润'), ['319,729,657.69', '294,286,306.61', '302,752,273.62', '299,152,740.53']);
  assert.deepEqual(cellsOf(t, '少数股东权益'), ['5,432,479.46', '1,768,414.37', '-', '-']);
  assert.ok(rowOf(t, '归属于母公司所有者权益合计'));
  assert.equal(okChecks(MIXED).length, 8);
  assert.deepEqual(warnings(MIXED), []);
});

test('a row with fewer values than columns and nothing to place them is uncertain, and its total is not checked', () => {
  const text = `项目
2025 年
2024 年
2023 年
长期借款
100.00
200.00
300.00
应收融资租赁款

57.19
合计
160.00
200.00
300.00
`;
  const [t] = streamTables(text);
  const r = rowOf(t, '应收融资租赁款');
  assert.equal(r?.uncertain, true);
  assert.deepEqual(analyze(text).checks.filter((c) => c.row.label === '合计'), []);
});

test('a total with fewer values is placed where the arithmetic puts each value on its column sum', () => {
  const text = `项目
账面余额
比例
坏账准备
计提比例
账面价值
单项计提坏账准备

 174,793
4.61
 174,793
100.00
-
按信用风险特征组合计提坏账准备
3,618,183
95.39
 2,153
0.06
3,616,030

合计

3,792,976
100.00
176,946
3,616,030
`;
  const [t] = streamTables(text);
  assert.deepEqual(cellsOf(t, '合计'), ['3,792,976', '100.00', '176,946', '', '3,616,030']);
  assert.equal(rowOf(t, '合计')?.uncertain, undefined);
});

test('prose, a caption with a figure and a single value after a heading are not rows', () => {
  const text = `报告期各期末，公司交易性金融资产分别为39,215.94 万元、36,696.54 万
元、15,806.06 万元和2,800.86 万元，交易性金融资产具体构成如下：
报告期末母公司在职员工的数量（人）
2,406
`;
  assert.deepEqual(streamTables(text), []);
});

test('the cell-per-line layout with blank lines between cells (seed 002) is left to its own reader', () => {
  const text = `项目

2021年12月31日

2020年12月31日

货币资金

1,000.00

2,000.00

应收账款

300.00

400.00

流动资产合计

1,300.00

2,400.00
`;
  const ts = tables(text);
  assert.equal(ts.length, 1);
  assert.equal(ts[0].layout, 'cellPerLine');
});

test('a total that does not add up in a cell stream is flagged with both sides', () => {
  const wrong = NOTE_INTEGERS.replace('118,656,958', '118,657,958');
  assert.deepEqual(warnings(wrong), ['流动资产合计 [2023 年12 月31 日（经重述）] 118,657,958 ≠ sum of 3 rows 118,656,958 (difference 1,000, no unit stated)']);
});

// 26 (海峡股份): a 序号 column read in stream order puts each row's number after the row before it.
test('row numbers at the end of the row before are dropped', () => {
  const text = `序号
股东名称
持股数量（股）
股权比例
1
海口港集团公司
71,263,029
75.01%
2
深圳市盐田港股份有限公司
20,758,169
21.84%
3
中海（海南）海盛船务股份有限公司
992,934
1.05%
4
中国海口外轮代理有限公司
992,934
1.05%
5
邢雯璐
992,934
1.05%
合计
95,000,000
100.00%
`;
  const [t] = streamTables(text);
  assert.deepEqual(cellsOf(t, '海口港集团公司'), ['71,263,029', '75.01%']);
  assert.deepEqual(cellsOf(t, '中国海口外轮代理有限公司'), ['992,934', '1.05%']);
  assert.deepEqual(okChecks(text), ['合计:95,000,000', '合计:100.00%']);
});

// 26: statement section words with nil cells (流动资产 - -) bound the groups like 流动资产：.
test('a section word with nil cells is a group boundary', () => {
  const text = `项目
2020 年3 月31 日
2019 年12 月31 日
流动资产
-
-
货币资金
10.00
20.00
流动资产合计
10.00
20.00
非流动资产
-
-
固定资产
5.00
6.00
非流动资产合计
5.00
6.00
资产总计
15.00
26.00
`;
  const [t] = streamTables(text);
  assert.equal(rowOf(t, '非流动资产')?.section, true);
  assert.deepEqual(warnings(text), []);
  assert.equal(okChecks(text).length, 8);
});

// 23 (比亚迪): a row's values, a blank line, and as many values again: an unlabelled subtotal row.
test('values after a blank line inside a row are an unlabelled row, never certain', () => {
  const text = `2023 年
其他
合计
中国
30,816,853
410,831,456
境外
87,721,879
72,431,518

118,538,732
483,262,974
在某一时点转让
118,528,137
480,597,109
`;
  const [t] = streamTables(text);
  assert.deepEqual(cellsOf(t, '境外'), ['87,721,879', '72,431,518']);
  const orphan = t.rows.find((r) => r.label === '' && r.kind !== 'header');
  assert.deepEqual(orphan?.cells.map((c) => c.text), ['118,538,732', '483,262,974']);
  assert.equal(orphan?.uncertain, true);
});

// 23: a page break between a label and its values ([P57], the running header, the printed page number 56);
// a negative in brackets with a space inside, (1,474,894 ).
test('a page break between a label and its values, and (1,474,894 ) as one negative figure', () => {
  const text = `项目
2024 年
2023 年
营业收入
1,000,000
900,000
财务费用

[P57]
56
(1,474,894 )
(1,000,000)
营业利润
-474,894
-100,000
`;
  const [t] = streamTables(text);
  assert.deepEqual(cellsOf(t, '财务费用'), ['(1,474,894)', '(1,000,000)']);
  const c = rowOf(t, '财务费用')!.cells[0];
  assert.equal(text.slice(c.start, c.end), '(1,474,894 )');
  assert.equal(rowOf(t, '财务费用')?.cells[0].figure?.value, -1474894);
  assert.equal(rowOf(t, '56'), undefined);
});

// 23: a row of twice the column count (3 年以上, then the unlabelled 账面余额 row), 减：坏账准备 and 合计.
const DOUBLE_ROW = `应收账款账龄按收入确认的时间予以确认，应收账款的账龄分析如下：

2024 年
2023 年

1 年以内
53,521,437
55,779,350
1 年至2 年
7,054,299
2,063,458
2 年至3 年
1,193,105
3,139,994
3 年以上
4,987,183
4,466,834
66,756,024
65,449,636

减：应收账款坏账准备
4,457,036
3,583,617

合计
62,298,988
61,866,019
`;

test('a row of twice the column count holds an unlabelled row; one that the rows above add up to is certain, and the total below it is checked', () => {
  const [t] = streamTables(DOUBLE_ROW);
  assert.deepEqual(cellsOf(t, '3 年以上'), ['4,987,183', '4,466,834']);
  const orphan = t.rows.find((r) => r.label === '' && r.kind !== 'header');
  assert.deepEqual(orphan?.cells.map((c) => c.text), ['66,756,024', '65,449,636']);
  assert.equal(orphan?.uncertain, undefined);
  const totals = analyze(DOUBLE_ROW).checks.filter((c) => c.row.label === '合计');
  assert.equal(totals.length, 2);
  assert.ok(totals.every((c) => c.ok));
  assert.deepEqual(warnings(DOUBLE_ROW), []);
  // A wrong 合计 is a warning: the unlabelled row was settled by the rows above it, not by the total.
  assert.equal(warnings(DOUBLE_ROW.replace('62,298,988', '62,299,988')).length, 1);
});

test('an unlabelled row that the rows above do not add up to stays uncertain, and the total below it is not checked', () => {
  const text = DOUBLE_ROW.replace('66,756,024', '66,756,124');
  const [t] = streamTables(text);
  const orphan = t.rows.find((r) => r.label === '' && r.kind !== 'header');
  assert.equal(orphan?.uncertain, true);
  assert.deepEqual(analyze(text).checks.filter((c) => c.row.label === '合计'), []);
  assert.deepEqual(warnings(text), []);
});

// 27: blank lines mark empty cells (投资支付的现金 / (blank) / 40,000.00 / (blank)), the last one before the next label.
const TRAILING_BLANK = `单位：万元
项目
2025 年度
2024 年度
2023 年度
处置固定资产、无形资产和其他长
期资产收回的现金净额
16.94
36.40
71.52
投资支付的现金

40,000.00

购建固定资产、无形资产和其他长
期资产支付的现金
11,748.17
17,733.91
20,410.34
取得子公司及其他营业单位支付的
现金净额
38,213.41
344,258.24

投资活动现金流出小计
49,961.58
401,992.15
20,410.34
`;

test('a blank line at the end of a row, before the next label, is its last empty cell where blank lines mark empty cells', () => {
  const [t] = streamTables(TRAILING_BLANK);
  const r = rowOf(t, '投资支付的现金');
  assert.deepEqual(r?.cells.map((c) => c.text), ['', '40,000.00', '']);
  assert.equal(r?.uncertain, undefined);
  assert.deepEqual(cellsOf(t, '取得子公司及其他营业单位支付的现金净额'), ['38,213.41', '344,258.24', '']);
  // A blank line before a page break is no cell: without a total to place it, the row stays uncertain.
  const cut = TRAILING_BLANK.slice(0, TRAILING_BLANK.indexOf('投资活动现金流出小计')).replace('344,258.24\n\n', '344,258.24\n\n[P112]\n其他\n1.00\n2.00\n3.00\n');
  const [u] = streamTables(cut);
  assert.equal(rowOf(u, '取得子公司及其他营业单位支付的现金净额')?.uncertain, true);
  assert.equal(rowOf(u, '投资支付的现金')?.uncertain, undefined);
});

// 26: a top-five table whose total spans the 序号 and 名称 columns: 合计 | - | 10,347.94 | 26.99%.
const TOP_FIVE = `单位：万元
序号
供应商名称
采购金额
占比
1
中远海运集团下属公司
6,625.60
17.28%
2
湛江徐闻港有限公司
2,215.88
5.78%
3
中国人民财产保险股份有限公司
1,172.11
3.06%
合计
-
10,013.59
26.12%
`;

test('a nil mark right after a total word, before as many figures as columns, is the empty name cell', () => {
  const [t] = streamTables(TOP_FIVE);
  const r = rowOf(t, '合计');
  assert.deepEqual(r?.cells.map((c) => c.text), ['10,013.59', '26.12%']);
  assert.equal(r?.uncertain, undefined);
  assert.ok(analyze(TOP_FIVE).checks.some((c) => c.row.label === '合计' && c.ok && !c.confirmOnly));
  // A figure, not a nil mark, in that place leaves the row uncertain.
  const [u] = streamTables(TOP_FIVE.replace('合计\n-\n', '合计\n7\n'));
  assert.equal(rowOf(u, '合计')?.uncertain, true);
});

// 23: 57、营业外支出 (three columns) and, after a page break, 58、所得税费用 (two) under the same period words.
test('a header under a numbered caption starts a new table; one marked （续） goes on', () => {
  const text = `57、营业外支出

2024 年
2023 年
计入2024 年度非经
常性损益

非流动资产清理损失
1,632,109
1,144,068
1,632,109
捐赠支出
29,965
36,448
29,965
合计
1,662,074
1,180,516
1,662,074

[P235]
比亚迪股份有限公司2024 年年度报告全文
235

58、所得税费用

2024 年
2023 年

当期所得税费用
11,262,547
 7,319,831
递延所得税费用
(3,179,245)
(1,395,264)

合计
8,083,302
5,924,567
`;
  const ts = streamTables(text);
  assert.equal(ts.length, 2);
  assert.deepEqual(ts.map((t) => t.columns.length), [3, 2]);
  assert.deepEqual(cellsOf(ts[1], '当期所得税费用'), ['11,262,547', '7,319,831']);
  assert.equal(streamTables(text.replace('58、所得税费用', '57、营业外支出（续）')).length, 1);
});

// 23: 30、预计负债, a movement table whose first row (年初余额) follows the year columns.
test('a balance word under year columns, followed by values, is the first row of a movement table', () => {
  const text = `30、预计负债
售后服务费
2024 年
2023 年

年初余额
14,590,710
7,552,861
本年净增加
8,129,671
7,037,849

合计
22,720,381
14,590,710
`;
  const [t] = streamTables(text);
  assert.deepEqual(t.columns.map((c) => c.title), ['2024 年', '2023 年']);
  assert.deepEqual(cellsOf(t, '年初余额'), ['14,590,710', '7,552,861']);
  assert.equal(analyze(text).checks.filter((c) => c.row.label === '合计' && c.ok).length, 2);
  // Under period titles that are balances themselves (期末余额 | 期初余额), the last one stays a column title.
  const [u] = streamTables('项目\n期末余额\n期初余额\n货币资金\n10.00\n20.00\n应收账款\n5.00\n6.00\n合计\n15.00\n26.00\n');
  assert.equal(u.columns.length, 2);
});

// 24 (中国移动): two periods over 金额 | 占总额比例(%) twice — a share word that does not start with 比例/占比.
const PERIODS_OVER_SHARE_WORDS = `(a) 预付款项账龄分析如下

2025 年12 月31 日
2024 年12 月31 日

金额
占总额比例(%)
金额

占总额比例(%)

1 年以内
 7,121
 91.82
7,850
94.41
1-2 年
 354
 4.56
281
3.38
合计
7,475
96.38
8,131
97.79
`;

test('periods over column words that name a share (占总额比例(%)) title the four columns', () => {
  const [t] = streamTables(PERIODS_OVER_SHARE_WORDS);
  assert.ok(t);
  assert.deepEqual(
    t.columns.map((c) => c.title),
    ['2025 年12 月31 日 金额', '2025 年12 月31 日 占总额比例(%)', '2024 年12 月31 日 金额', '2024 年12 月31 日 占总额比例(%)'],
  );
  assert.deepEqual(t.columns.map((c) => c.share), [false, true, false, true]);
});

// 24 (中国移动): a movement table whose header writes two titles on one line, parted by spaces (本年减少  2025 年12 月31 日).
const TWO_TITLES_A_LINE = `(b)
离职后福利

2024 年12 月31 日
本年增加
本年减少  2025 年12 月31 日

基本养老保险
187
13,691
(13,680)
198
失业保险费
12
537
(538)
11
年金
88
7,608
(7,598)
98
`;

test('two header titles on one line, parted by a run of spaces, are two columns', () => {
  const [t] = streamTables(TWO_TITLES_A_LINE);
  assert.ok(t);
  assert.deepEqual(t.columns.map((c) => c.title), ['2024 年12 月31 日', '本年增加', '本年减少', '2025 年12 月31 日']);
  assert.deepEqual(cellsOf(t, '失业保险费'), ['12', '537', '(538)', '11']);
});

// 27 (西部证券): each column a balance date and a year on two lines (2025 年12 月31 日 / /2025 年度).
const DATE_AND_YEAR = `五、发行人的主要财务指标
（一）主要财务数据及财务指标
项目
2025 年12 月31 日
/2025 年度
2024 年12 月31 日
/2024 年度
2023 年12 月31 日
/2023 年度
总资产（亿元）
1,216.61
959.64
962.21
总负债（亿元）
896.35
669.49
680.97
`;

test('a period written as a date over /year is one column title, and the first row keeps its own label', () => {
  const [t] = streamTables(DATE_AND_YEAR);
  assert.ok(t);
  assert.deepEqual(t.columns.map((c) => c.title), ['2025 年12 月31 日/2025 年度', '2024 年12 月31 日/2024 年度', '2023 年12 月31 日/2023 年度']);
  assert.deepEqual(cellsOf(t, '总资产（亿元）'), ['1,216.61', '959.64', '962.21']);
});

// 27: periods over 金额 | 占比 three times; the last 占比 is followed by the first row's label (现金), not part of it.
const SHARE_OVER_LABEL = `（1）货币资金
单位：万元、%
项目
2025 年12 月31 日
2024 年12 月31 日
2023 年12 月31 日
金额
占比
金额
占比
金额
占比
现金
1.61
0.00
----
银行存款
2,987,054.72
99.42
2,080,691.00 84.81 1,416,145.29 99.82
公司存款
362,232.80
12.06
511,527.12
20.85
300,163.73
21.16
`;

test('a column word over the first row is the last column title, not the head of the row label', () => {
  const [t] = streamTables(SHARE_OVER_LABEL);
  assert.ok(t);
  assert.deepEqual(t.columns.map((c) => c.title), ['2025 年12 月31 日 金额', '2025 年12 月31 日 占比', '2024 年12 月31 日 金额', '2024 年12 月31 日 占比', '2023 年12 月31 日 金额', '2023 年12 月31 日 占比']);
  assert.ok(rowOf(t, '现金'));
  assert.deepEqual(cellsOf(t, '公司存款'), ['362,232.80', '12.06', '511,527.12', '20.85', '300,163.73', '21.16']);
  assert.equal(t.columns[4].share, false);
});

// 23 (比亚迪): an investment movement table whose column words wrap over lines, one cell a line (其他增加 / /(减少) /
// （注）, 计提减值准 / 备).
const WRAPPED_WORDS = `（1） 长期股权投资情况（续）

本年变动

年初余额
 追加投资
其他增加
/(减少)
（注）
减少投
资
权益法下投资收
益
其他综合收
益
其他权益变
动
宣告现金股
利
计提减值准
备
年末账面价值
年末减值准
备

盛新锂能集团股份有限公司
2,034,810
---
(33,789)
-
-
(11,191)
 (638,157)
1,351,673
 (638,157)

西藏日喀则扎布耶锂业高科技有限公司
484,504
---
(5,932)
----
478,572
-

其他联营企业
1,396,572
152,000
-
-
5,047
-
-
(11,280)
-
1,542,339
-

合计
59,565,120
9,179,504
(43,673)
-
1,271,765
-
-
(22,471)
(638,157)
69,312,088
`;

test('column words wrapped over lines are joined where that names every column', () => {
  const [t] = streamTables(WRAPPED_WORDS);
  assert.ok(t);
  assert.deepEqual(t.columns.map((c) => c.title), [
    '年初余额', '追加投资', '其他增加/(减少)（注）', '减少投资', '权益法下投资收益', '其他综合收益', '其他权益变动', '宣告现金股利', '计提减值准备', '年末账面价值', '年末减值准备',
  ]);
  assert.deepEqual(cellsOf(t, '盛新锂能集团股份有限公司'), ['2,034,810', '-', '-', '-', '(33,789)', '-', '-', '(11,191)', '(638,157)', '1,351,673', '(638,157)']);
});
