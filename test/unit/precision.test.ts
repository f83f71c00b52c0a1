// Precision: the shapes of misreadings seen on filings the reader had never seen (issue 13), each as a
// short text. A total that fails under a reading that is not confirmed gets no warning, and its hover says
// why; a confirmed difference is a warning; a one-cent difference in 元 is information.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { analyze } from '../../server/src/analysis/analyze';
import { diagnostics } from '../../server/src/features/diagnostics';
import { hoverAt } from '../../server/src/features/hover';

const warnings = (text: string) => diagnostics(analyze(text)).filter((d) => d.severity === 'warning').map((d) => d.message);
const failing = (text: string) => analyze(text).checks.filter((c) => !c.ok);

// A balance sheet without band rows (no 流动负债：): the subtotal above is not a component of the next.
const NO_BANDS = `合并资产负债表
单位：元
项目 2024年12月31日 2023年12月31日
短期借款 100.00 200.00
应付账款 300.00 400.00
流动负债合计 400.00 600.00
长期借款 50.00 60.00
递延收益 5.00 6.00
非流动负债合计 55.00 66.00
负债合计 455.00 666.00
`;

test('class 2: without band rows, the subtotal above is left out of the next subtotal', () => {
  const a = analyze(NO_BANDS);
  const nonCurrent = a.checks.filter((c) => c.row.label === '非流动负债合计');
  assert.equal(nonCurrent.length, 2);
  assert.ok(nonCurrent.every((c) => c.ok && c.components.map((p) => p.row.label).join(',') === '长期借款,递延收益'));
  assert.deepEqual(warnings(NO_BANDS), []);
  // …and a real difference there is still a warning.
  // (负债合计 455.00 then disagrees with 400.00 + 56.00 as well.)
  const w = warnings(NO_BANDS.replace('非流动负债合计 55.00', '非流动负债合计 56.00'));
  assert.ok(w.some((m) => m.startsWith('非流动负债合计 [2024年12月31日] 56.00 ≠ sum of 2 rows 55.00')), w.join('\n'));
});

// A deduction written negative under 减： already carries its sign.
const NEGATIVE_DEDUCTION = `单位：万元
项目 2024年度 2023年度
利润总额 1,000.00 900.00
减：所得税费用 (100.00) 120.00
净利润合计 1,100.00 780.00
`;

test('class 4: a figure written negative under 减： is not negated again', () => {
  assert.deepEqual(failing(NEGATIVE_DEDUCTION), []);
  assert.equal(analyze(NEGATIVE_DEDUCTION).checks.length, 2);
});

// A numbered group heading without figures bounds a group, and is never glued to the next label.
const HEADINGS = `单位：百万元
项目 2024年 2023年
投资支付的现金 (676,348) (463,771)
投资活动现金流出小计 (676,348) (463,771)
投资活动使用的现金流量净额 (31,859) (26,142)
三、筹资活动产生的现金流量
发行债务证券及其他权益工具收到的现金 733,997 933,416
筹资活动现金流入小计 733,997 933,416
`;

test('class 3: a group does not reach back across a numbered heading', () => {
  const a = analyze(HEADINGS);
  const inflow = a.checks.filter((c) => c.row.label === '筹资活动现金流入小计');
  assert.equal(inflow.length, 2);
  assert.ok(inflow.every((c) => c.ok && c.components.length === 1), JSON.stringify(inflow.map((c) => c.description)));
  assert.ok(a.model.tables[0].rows.some((r) => r.label === '三、筹资活动产生的现金流量'));
});

// A header line of several text cells is a header, not the start of the next row's label.
const HEADER_LINE = `本集团
      2024 年 12 月 31 日            695,200     5,410         12    700,622

                                  债务证券       租赁负债      应付股利           合计

      2023 年 1 月 1 日              692,075     6,922         12    699,009
      现金变动                        19,216    (2,747)    (8,380)     8,089
`;

test('class 6: a repeated column-header line is not glued into the next label and read as a total', () => {
  const a = analyze(HEADER_LINE);
  assert.ok(!a.checks.some((c) => /合计2023/.test(c.row.label.replace(/\s/g, ''))), a.checks.map((c) => c.row.label).join(' / '));
  assert.deepEqual(warnings(HEADER_LINE), []);
});

// A table that starts under lines with figures (the reader lost rows above it) is not trusted at its top.
const CUT = `  流动负债合计                                     854,747,468.28    1,153,078,798.51
非流动负债：
 长期借款                                        100,000,000.00
 应付债券
 其中：优先股
      永续债
 递延收益                                  3,643,242.63      2,848,991.98
 递延所得税负债                              78,444,850.00     73,376,354.70
 其他非流动负债
  非流动负债合计                                   182,088,092.63     76,225,346.68
`;

test('classes 1 and 7: rows lost above a table make its top total unconfirmed, with the reason in the hover', () => {
  const a = analyze(CUT);
  const bad = a.checks.filter((c) => !c.ok);
  if (bad.length) {
    assert.ok(bad.every((c) => !c.confirmed && c.doubt), JSON.stringify(bad.map((c) => c.doubt)));
    const f = bad[0].total.figure!;
    assert.match(hoverAt(a, f.start)!.markdown, /could not be checked with confidence/);
  }
  assert.deepEqual(warnings(CUT), []);
});

// A figure the reader could not place (a value on a wrapped label's line) makes the block unconfirmed.
const STRAY = `单位：元
项目 2021年 2020年
收回投资收到的现金 6,079,930.68 314,906,521.48
取得投资收益收到的现金 44,741,153,786.43 34,940,030,979.52
处置固定资产、无形资产和其他长期资产收回的          2,453,676.06
现金净额
收到其他与投资活动有关的现金 9,983,452.63 6,675,319.03
投资活动现金流入小计 44,759,670,845.80 35,261,612,820.03
`;

test('class 9: a figure left in a label among the rows makes the total unconfirmed', () => {
  assert.deepEqual(warnings(STRAY), []);
  const bad = failing(STRAY);
  assert.ok(bad.every((c) => /could not be placed/.test(c.doubt ?? '')), JSON.stringify(bad.map((c) => c.doubt)));
});

// A 合计 that fails in every column adds rows the excerpt does not list (7 of 31 provinces): no warning.
const PARTIAL = `单位：家
地区 | 2021年 | 2020年 | 2019年 |
天津市 | 24 | 16 | 16 |
四川省 | 56 | 59 | 116 |
吉林省 | 71 | 60 | 46 |
合计 | 2,528 | 2,303 | 2,345 |
`;

test('class 10: a total that fails in every column points to wrong rows, not to a wrong figure', () => {
  assert.equal(failing(PARTIAL).length, 3);
  assert.deepEqual(warnings(PARTIAL), []);
  assert.match(failing(PARTIAL)[0].doubt ?? '', /every column/);
});

// A confirmed difference: the same rows reconcile in the other columns.
const CONFIRMED = `数量(个) | 2021.12.31 | 2020.12.31 | 2019.12.31 |
独立门店(含个体户) | 23,879 | 24,293 | 19,990 |
连锁店 | 1,121 | 918 | 1,200 |
专业运营公司 | 1 | 1 | - |
合计 | 25,001 | 25,211 | 21,190 |
`;

test('a difference confirmed by the same rows in other columns is a warning', () => {
  assert.deepEqual(warnings(CONFIRMED), ['合计 [2020.12.31] 25,211 ≠ sum of 3 rows 25,212 (difference 1 个)']);
});

const ONE_CENT = `（除特殊注明外，金额单位均为人民币元）
单位名称 期末余额 占比（%） 坏账准备
甲公司 4,970,060.73 25.71 248,503.04
乙公司 1,932,636.84 10.00 96,631.84
丙公司 119,898.18 0.62 5,994.91
合计 7,022,595.75 36.33 351,129.80
`;

test('a one-cent difference in 元 in a table that reconciles otherwise is information, not a warning', () => {
  const d = diagnostics(analyze(ONE_CENT));
  assert.equal(d.length, 1, JSON.stringify(d.map((x) => x.message)));
  assert.equal(d[0].severity, 'information');
});

// Gross and net rows (bank format): 利息收入 / 利息支出 / 利息净收入 — the net row already holds the two above it.
const GROSS_NET = `单位：人民币百万元
项目 2024年 2023年
利息收入 198,381 227,617
利息支出 (104,954) (109,626)
利息净收入 93,427 117,991
手续费及佣金收入 29,402 35,105
手续费及佣金支出 (5,290) (5,675)
手续费及佣金净收入 24,112 29,430
其他营业收入 29,156 17,278
营业收入合计 146,695 164,699
`;

test('class 5: gross and net rows added together give no warning; the hover says why the total was not checked', () => {
  const a = analyze(GROSS_NET);
  assert.deepEqual(warnings(GROSS_NET), []);
  const total = a.checks.filter((c) => c.row.label === '营业收入合计');
  assert.ok(total.length >= 1);
  for (const c of total.filter((x) => !x.ok)) {
    assert.equal(c.confirmed, false);
    assert.match(hoverAt(a, c.total.figure!.start)!.markdown, /could not be checked with confidence/);
  }
});

// A row of values split over two lines (300.00 / 400.00), a 不适用 cell: the rows cannot be placed, nothing is said.
const SPLIT_ROW = `单位：元
项目 2024年12月31日 2023年12月31日
应收账款 1,000.00 2,000.00
其他应收款 不适用 500.00
存货 300.00
400.00
合计 1,300.00 2,900.00
`;

test('class 8: a row split over two lines and 不适用 cells: no warning', () => {
  assert.deepEqual(warnings(SPLIT_ROW), []);
  // And where the rows are whole, a wrong total is still found.
  const whole = SPLIT_ROW.replace('存货 300.00\n400.00', '存货 300.00 400.00').replace('合计 1,300.00 2,900.00', '合计 1,300.00 2,800.00');
  assert.ok(diagnostics(analyze(whole)).some((d) => /2,800\.00 ≠ sum of 3 rows 2,900\.00/.test(d.message)), diagnostics(analyze(whole)).map((d) => d.message).join('\n'));
});

// Two blocks of one note, one cell per line: the second (累计折旧) starts under the first block's 合计
// row. Figures just above a table whose last row is a total close a block: nothing of the second was
// cut off, so a difference confirmed by its other columns is still a warning.
const AFTER_CLOSED_BLOCK = `单位：万元
项目
2024-12-31
2023-12-31
账面原值
房屋及建筑物
33,218.19
21,969.81
机器设备
38,303.73
31,370.54
合计
71,521.92
53,340.35
累计折旧
房屋及建筑物
2,707.41
2,057.45
机器设备
13,549.54
11,440.69
办公设备
1,145.13
932.25
合计
17,402.08
14,430.39
`;

test('a table that starts under a block closed by its total row is not taken as cut off', () => {
  assert.deepEqual(warnings(AFTER_CLOSED_BLOCK), []);
  const w = warnings(AFTER_CLOSED_BLOCK.replace('17,402.08', '17,452.08'));
  assert.ok(w.some((m) => m.includes('17,452.08') && m.includes('difference 50.00 万元')), w.join('\n'));
  assert.ok(analyze(AFTER_CLOSED_BLOCK).model.tables.every((t) => !t.cutAbove));
  // Figures above that end without a total row: rows of the table below may stand there.
  const cut = AFTER_CLOSED_BLOCK.replace('合计\n71,521.92\n53,340.35\n', '其他设备\n71,521.92\n53,340.35\n');
  assert.ok(analyze(cut).model.tables.some((t) => t.cutAbove));
});

// Top five customers: amounts and their shares of revenue, one cell per line. The shares' 合计 is not
// 100 %, so it is no share total to check; but where it adds up over the same rows, it confirms how the
// rows were read, and a difference in the amounts is a warning.
const TOP_FIVE = `单位：万元
客户名称
销售金额
占营业收入比例
Amazon
45,228.45
13.96%
iHerb
40,498.13
12.50%
Costco
38,668.52
11.93%
合计
124,395.10
38.39%
`;

test('percentages that add up to a total other than 100 % confirm the rows; they are never reported themselves', () => {
  const a = analyze(TOP_FIVE);
  const pct = a.checks.find((c) => c.total.figure!.raw === '38.39%');
  assert.ok(pct && pct.ok && pct.confirmOnly && pct.components.length === 3);
  assert.deepEqual(warnings(TOP_FIVE), []);
  const w = warnings(TOP_FIVE.replace('124,395.10', '124,895.10'));
  assert.ok(w.some((m) => m.includes('124,895.10') && m.includes('difference 500.00 万元')), w.join('\n'));
  // Percentages that do not add up (rates, not shares of one whole) say nothing at all.
  const rates = TOP_FIVE.replace('38.39%', '12.80%');
  assert.equal(analyze(rates).checks.filter((c) => c.total.figure!.percent).length, 0);
  assert.deepEqual(warnings(rates), []);
});

// A capacity table whose header was not read (one cell per line): its first two columns are small
// whole numbers that the checks would not add on their own (rates?), but they add up with the same
// rows, so the rows are read right — and the 小计 of the other two columns, which does not, is a
// warning. No unit is stated anywhere: the message names none.
const CAPACITY = `企业名称
船舶规模
运力规模
海南海峡轮渡运输有限公司
18
10
808
17,208
海南祥隆船务有限公司
2
0
100
1,856
广东徐闻海峡航运有限公司
29
10
1,319
25,313
小计
49
20
2,045
39,211
`;

test('columns that need not add up confirm the rows where they do; a difference without a stated unit names none', () => {
  const a = analyze(CAPACITY);
  assert.ok(a.checks.filter((c) => c.ok && c.confirmOnly).length >= 2);
  assert.deepEqual(warnings(CAPACITY), ['小计 2,045 ≠ sum of 3 rows 2,227 (difference 182, no unit stated)', '小计 39,211 ≠ sum of 3 rows 44,377 (difference 5,166, no unit stated)']);
  // Where they do not add up either, nothing confirms the reading: no warning.
  assert.deepEqual(warnings(CAPACITY.replace('\n49\n20\n', '\n47\n21\n')), []);
});

// Shares by customer group, each group followed by its own breakdown (no 其中): the group rows make
// 100 % under one reading. A 合计 that prints another share is a share total misprinted.
const GROUP_SHARES = `单位:万元
类别 | 2021年度 | | 2020年度 | |
金额 | 占比 | 金额 | 占比 |
车主信息服务 | 51,859.62 | 57.91% | 74,361.53 | 73.25% |
保险类客户 | 44,496.32 | 49.68% | 59,659.69 | 58.77% |
其他 | 7,363.30 | 8.23% | 14,701.84 | 14.48% |
生活信息服务 | 25,888.02 | 28.91% | 15,426.24 | 15.20% |
运营商类客户 | 24,281.37 | 27.11% | 12,398.45 | 12.21% |
其他 | 1,606.65 | 1.80% | 3,027.79 | 2.99% |
商务流程服务 | 11,811.27 | 13.18% | 11,731.50 | 11.55% |
合计 | 89,558.91 | 100.00% | 101,519.27 | 100.00% |
`;

test('a share total that is not 100 % over rows that make 100 % is reported', () => {
  assert.deepEqual(warnings(GROUP_SHARES), []);
  const w = warnings(GROUP_SHARES.replace('| 89,558.91 | 100.00% |', '| 89,558.91 | 100.50% |'));
  assert.ok(w.some((m) => m.includes('100.50') && m.includes('difference 0.50 %')), w.join('\n'));
});

// Quantities in 万台 beside amounts in 万元: small values, but their title states a count unit, so
// they are not taken for a rate column, and a difference there is a warning.
const QUANTITIES = `单位:万元
期间 | 新增发出ETC设备数量(万台) | 发出ETC设备原值 | 本期注销ETC设备数量(万台) | 本期注销ETC设备原值 |
2019年度 | 14.61 | 1,926.33 | 0.09 | 11.52 |
2020年度 | 1.92 | 228.90 | 0.47 | 69.33 |
2021年度 | 14.86 | 1,000.27 | 0.25 | 30.50 |
合 计 | 31.39 | 3,155.50 | 0.81 | 111.35 |
`;

test('a column of small values whose title states a count unit is not taken for rates', () => {
  assert.deepEqual(warnings(QUANTITIES), []);
  const w = warnings(QUANTITIES.replace('| 31.39 |', '| 36.39 |'));
  assert.ok(w.some((m) => m.includes('36.39') && m.includes('difference 5.00 万台')), w.join('\n'));
});

// Shareholders, one cell per line: the holdings make 100 %, so a 合计 that prints something else is a
// warning even though nothing else in the table can confirm the rows.
const HOLDERS = `股东构成
股东名称
持股比例
Kingdomway Pte.Ltd.
95.00%
施某某
5.00%
合计
100.00%
主要财务数据
`;

test('shares that make 100 % confirm a share total that says otherwise', () => {
  assert.deepEqual(warnings(HOLDERS), []);
  const w = warnings(HOLDERS.replace('合计\n100.00%', '合计\n105.00%'));
  assert.ok(w.some((m) => m.includes('105.00') && m.includes('difference 5.00 %')), w.join('\n'));
});

// Investments by investee, nil marks in different columns: no other column adds exactly the same rows,
// but together they add every row of the middle one, so a difference there is confirmed.
const INVESTEES = `单位：万元
被投资单位 2024 年12 月31 日 2023 年12 月31 日 2022 年12 月31 日
iHerb 77,152.96 64,218.66 49,057.15
北京桦冠 3,277.40 3,749.78 3,699.48
Cal-Southampton 268.48 251.93 -
杭州网营 - 2,032.09 4,000.00
PSupps - - 501.47
合计 80,698.84 70,252.46 57,258.10
`;

test('rows confirmed by other columns together, each with nil marks of its own', () => {
  assert.deepEqual(warnings(INVESTEES), []);
  const w = warnings(INVESTEES.replace('70,252.46', '75,252.46'));
  assert.ok(w.some((m) => m.includes('75,252.46') && m.includes('difference 5,000.00 万元')), w.join('\n'));
});

// pdftotext -layout: an ageing table whose rows leave a cell blank in one column or the other (an
// empty cell is a gap at its column's place). The other column adds up with rows that are blank in
// this one, so a difference here is confirmed.
const AGEING = `                                                          单位：元 币种：人民币
        账龄                      期末账面余额                     期初账面余额
1 年以内
其中：1 年以内分项
1 年以内                                 223,561,410.86              6,896,747.56
1 年以内小计                               223,561,410.86              6,896,747.56
1至2年                                    2,322,136.89                 18,568.00
2至3年                                        8,568.00
3至4年                                                                108,800.00
4至5年                                      108,800.00                985,833.33
5 年以上                                   4,474,604.89              4,149,971.56
        合计                            230,475,520.64             12,159,920.45
`;

test('blank cells of a layout that keeps them are empty cells: the other column confirms the rows', () => {
  assert.deepEqual(warnings(AGEING), []);
  const wrong = AGEING.replace('230,475,520.64', '230,475,620.64');
  const w = warnings(wrong);
  assert.ok(w.some((m) => m.includes('230,475,620.64') && m.includes('difference 100.00 元')), w.join('\n'));
  assert.equal(failing(wrong)[0]?.confirmedBy, 'row');
  // In space-separated rows a missing cell leaves no trace: the same rows confirm nothing there.
  const spaced = AGEING.split('\n').map((l) => l.trim().replace(/\s{2,}/g, ' ')).join('\n');
  assert.deepEqual(warnings(spaced.replace('230,475,520.64', '230,475,620.64')), []);
});

// The same statements with runs of spaces collapsed to one (as some extractors write pdftotext's columns):
// a row whose cells the reader cannot take apart ((47) -, 759 -) is not a label, nor the start of the next one,
// and no total or roll-forward over it is checked.
const SINGLE_SPACED = `单位：人民币百万元
项目 2024年度 2023年度
偿还债务证券本金支付的现金 (778,465) (908,807)
偿付债务证券利息支付的现金 (5,231) (5,393)
支付其他与筹资活动有关的现金 (47) -
筹资活动现金流出小计 (807,930) (925,327)

39. 投资收益
 2024年度 2023年度
 衍生金融工具(不含外汇衍生金融工具)净收益 1,798 1,321
 以摊余成本计量的发放贷款和垫款价差收益 - 1
 交易性金融工具的利息收入、价差收益及分红收入 16,907 11,953
 债权投资的价差损益 759 -
 其他净损益 53 79
 合计 19,517 13,354

 上述第三层次资产变动如下：
 交易性金融资产 其他权益工具投资
 2024 年 1 月 1 日 1,891 2,812
 本年增加 26 305
 本年减少 (54) (17)
 转出第三层次 - (12)
 计入损益的利得 (4) -
 2024 年 12 月 31 日 1,859 3,687
`;

test('single-spaced rows whose cells are not read: no warning on the totals and roll-forwards over them', () => {
  const a = analyze(SINGLE_SPACED);
  const row = (label: string) => a.model.tables.flatMap((t) => t.rows).find((r) => r.label === label);
  assert.ok(row('支付其他与筹资活动有关的现金 (47) -')?.uncertain);
  // Not glued to the next row's label.
  assert.ok(row('交易性金融工具的利息收入、价差收益及分红收入'), a.model.tables.flatMap((t) => t.rows.map((r) => r.label)).join(' / '));
  assert.ok(row('其他净损益'));
  assert.deepEqual(warnings(SINGLE_SPACED), []);
  assert.equal(a.ties.filter((t) => !t.ok).length, 0);
});

// pdftotext text whose columns were collapsed: the note column's bare numbers (附注 35) are note references.
const NOTE_NUMBERS = `合并利润表
单位:元 币种:人民币
项目 附注 2021 年度 2020 年度
一、营业总收入 109,464,278,563.89 97,993,240,501.21
其中：营业收入 35 106,190,154,843.76 94,915,380,916.72
利息收入 36 3,274,123,720.13 3,077,859,584.49
二、营业总成本 34,776,902,467.47 31,305,130,587.56
其中：营业成本 35 8,983,377,809.96 8,154,001,476.28
税金及附加 37 15,304,469,070.03 13,886,517,290.78
`;

test('bare note numbers before the figures are note references where the header names a 附注 column, and make the row uncertain where it does not', () => {
  const t = analyze(NOTE_NUMBERS).model.tables[0];
  assert.deepEqual(t.rows.find((r) => r.label === '税金及附加')!.cells.map((c) => c.text), ['15,304,469,070.03', '13,886,517,290.78']);
  assert.equal(t.columns.length, 2);
  const unnamed = analyze(NOTE_NUMBERS.replace('项目 附注 2021', '项目 2021')).model.tables[0];
  assert.ok(unnamed.rows.find((r) => r.label === '税金及附加')!.uncertain);
});

test('one nil line -- read as two empty cells to fill a row leaves the row uncertain (it is as often one)', () => {
  const text = ['27、递延收益', '单位: 元', '项目', '期初余额', '本期增加', '本期减少', '期末余额', '政府补助', '1,745,711.37', '1,745,711.37', '0.00', '合计', '1,745,711.37', '1,745,711.37', '--', ''].join('\n');
  const a = analyze(text);
  assert.ok(a.model.tables[0].rows.find((r) => r.label === '合计')!.uncertain);
  assert.equal(a.ties.filter((t) => !t.ok).length, 0);
  assert.deepEqual(warnings(text), []);
});

test('note numbers under a header line left above the rows (its dates unread) are note references too', () => {
  const text = ['合并资产负债表', '单位:元 币种:人民币', '项目 附注 2021 年 12 月 31 日 2020 年 12 月 31 日', '流动资产：', '货币资金 1 51,810,243,607.11 36,091,090,060.90', '拆出资金 2 135,067,287,778.03 118,199,586,541.06', '结算备付金', '流动资产合计 186,877,531,385.14 154,290,676,601.96', ''].join('\n');
  const a = analyze(text);
  const t = a.model.tables[0];
  assert.deepEqual(t.rows.find((r) => r.label === '货币资金')!.cells.map((c) => c.text), ['51,810,243,607.11', '36,091,090,060.90']);
  assert.ok(a.checks.some((c) => c.row.label === '流动资产合计' && c.ok));
  assert.deepEqual(warnings(text), []);
});

test('a failing untitled column whose total lies within the range of its rows (all of one sign) is an average or a price: no warning', () => {
  // Coal sold (百万吨) adds up; the average price (元/吨) of the 总计 row lies between its rows' prices. The table
  // goes on after a page break, its header (with 元/吨) left on the page before: no column has a title.
  const text = ['国内销售合计 147.2 85.6 296.1 307.3', '出口 23.9 12.2 381.6 374.6', '总计 171.1 97.8 308.1 315.6', ''].join('\n');
  assert.deepEqual(warnings(text), []);
  assert.ok(analyze(text).checks.some((c) => !c.ok && /average or a price/.test(c.doubt ?? '')));
  // A total above each of its rows that does not reconcile is still a warning.
  assert.equal(warnings(text.replace('总计 171.1 97.8 308.1 315.6', '总计 171.1 97.8 678.7 682.9')).length, 2);
  // Under titles that name what the columns hold, a total within its rows' range is a misprint.
  assert.equal(warnings(['项目 2006年销量 2007年销量 2006年金额 2007年金额', text].join('\n')).length, 2);
});

test('rows above a page break are the table\'s where the first line of the page is an unrecognised running header', () => {
  const text = [
    "['供应商', '预付款项余额', '占预付款项余额的比例']",
    "['上海华虹宏力半导体制造有限公司', '534.95', '41.93%']",
    "['广州粤芯半导体技术有限公司', '280.28', '21.97%']",
    "['DB HiTek Co., Ltd', '187.78', '14.72%']",
    '[P83]',
    '某某股份有限公司 2024 年年度报告',
    "['华虹半导体（无锡）有限公司', '186.84', '14.65%']",
    "['敦南科技股份有限公司', '76.71', '6.01%']",
    "['合计', '1,266.56', '99.28%']",
    '',
  ].join('\n');
  assert.deepEqual(warnings(text), []);
});

test('a column relation is not exact in a table where another row departs from it too (a nil mark read as zero): no warning', () => {
  const rows = [
    '项目 单体报表 其他 合并报表',
    '营业收入 239,129.05 38,551.43 200,577.62',
    '营业成本 32,611.33 9,234.96 23,376.37',
    '销售费用 61,106.67 18,885.25 42,221.42',
    '管理费用 31,866.20 1,724.45 30,141.75',
    '加：投资收益 - 12,190.61 -',
    '营业利润 89,166.07 1,242.22 93,366.83',
    '',
  ];
  assert.deepEqual(warnings(rows.join('\n')), []);
  // Without the row that departs, the one that does not agree is a warning.
  assert.equal(warnings(rows.filter((r) => !r.startsWith('加：')).join('\n')).length, 1);
});

test('a total that reconciles with one row taken with the other sign points to a misread sign, not a misprint: no warning', () => {
  const text = ['项目 期末余额 期初余额', '流动负债 714,212,159.46 100,384,626.71', '非流动负债 1,658,420.62 832,750.00', '负债合计 712,553,738.84 101,217,376.71', ''].join('\n');
  assert.deepEqual(warnings(text), []);
  assert.ok(analyze(text).checks.some((c) => !c.ok && /other sign/.test(c.doubt ?? '')));
  // A difference that is not twice a row is still a warning.
  assert.equal(warnings(text.replace('712,553,738.84', '715,870,580.18')).length, 1);
});
