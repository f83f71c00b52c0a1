// pdftotext -layout text (layout F): columns read by the figures' positions on the line.
// Shapes from ../shared/corpus files 30, 32, 34 and 36, rebuilt small.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { analyze } from '../../server/src/analysis/analyze';
import { diagnostics } from '../../server/src/features/diagnostics';
import { Table } from '../../server/src/model/types';
import { readAlignedLine } from '../../server/src/parse/tables/alignedColumns';

/** A line with a label from column `indent` and each cell right-aligned to end at its column. */
function line(label: string, cells: [string, number][], indent = 1): string {
  let s = ' '.repeat(indent) + label;
  for (const [text, end] of cells) {
    const pad = end - text.length - s.length;
    s += ' '.repeat(Math.max(1, pad)) + text;
  }
  return s;
}

const cellsOf = (t: Table, label: string) => {
  const r = t.rows.find((x) => x.label === label);
  assert.ok(r, `no row ${label} in ${t.rows.map((x) => x.label).join(', ')}`);
  return r.cells.map((c) => c.text);
};
const aligned = (text: string) => analyze(text).model.tables.filter((t) => t.layout === 'aligned');
const warnings = (text: string) => diagnostics(analyze(text)).filter((d) => d.severity === 'warning').map((d) => d.message);

// 30: a note column (七、1), an empty cell as a gap, labels wrapped with the figures on the middle line.
const BALANCE = [
  '                                                      单位：元 币种：人民币',
  '       项目          附注        2024 年 12 月 31 日           2023 年 12 月 31 日',
  '流动资产：',
  line('货币资金', [['七、1', 22], ['347,680,977.31', 51], ['620,449,552.12', 75]]),
  ' 结算备付金',
  line('应收账款', [['七、5', 22], ['113,020,440.47', 51], ['113,946,018.73', 75]]),
  line('持有待售资产', [['332,920,412.03', 75]]),
  line('其他流动资产', [['七、13', 23], ['2,343,783.51', 51]]),
  line('流动资产合计', [['463,045,201.29', 51], ['1,067,315,982.88', 75]], 2),
  ' 归属于母公司所有者权益',
  line('', [['463,045,201.29', 51], ['1,067,315,982.88', 75]], 0),
  '（或股东权益）合计',
  '',
].join('\n');

test('figures are placed in columns by position: a gap is an empty cell, the note column is no figure', () => {
  const [t] = aligned(BALANCE);
  assert.ok(t, 'an aligned table');
  assert.deepEqual(t.columns.map((c) => c.title), ['2024 年 12 月 31 日', '2023 年 12 月 31 日']);
  assert.deepEqual(cellsOf(t, '货币资金'), ['347,680,977.31', '620,449,552.12']);
  assert.deepEqual(cellsOf(t, '持有待售资产'), ['', '332,920,412.03']);
  assert.deepEqual(cellsOf(t, '其他流动资产'), ['2,343,783.51', '']);
  assert.deepEqual(cellsOf(t, '结算备付金'), []);
  assert.ok(t.rows.every((r) => !r.uncertain));
});

test('the totals of an aligned table are checked, including a label wrapped around its figures', () => {
  const a = analyze(BALANCE);
  const [t] = a.model.tables;
  const wrapped = t.rows.find((r) => r.label === '归属于母公司所有者权益（或股东权益）合计');
  assert.ok(wrapped, 'the three lines make one row');
  assert.equal(wrapped.kind, 'total');
  const ok = a.checks.filter((c) => c.ok && c.row.label === '流动资产合计').map((c) => c.total.text);
  assert.deepEqual(ok, ['463,045,201.29', '1,067,315,982.88']);
  assert.deepEqual(warnings(BALANCE), []);
});

test('a changed digit in an aligned total is reported', () => {
  // (A one-cent difference in 元 is information, not a warning: the digit changed is the tens.)
  const wrong = BALANCE.replace('463,045,201.29   ', '463,045,211.29   ');
  assert.ok(warnings(wrong).includes('流动资产合计 [2024 年 12 月 31 日] 463,045,211.29 ≠ sum of 3 rows 463,045,201.29 (difference 10.00 元)'), warnings(wrong).join('\n'));
});

// 30/32: a page break (footer, form feed, running header) inside the statement; the next page's columns sit elsewhere.
const BROKEN = [
  '       项目          附注        2024 年 12 月 31 日           2023 年 12 月 31 日',
  line('长期股权投资', [['七、17', 23], ['500,166,195.79', 51], ['495,208,685.38', 75]]),
  line('固定资产', [['七、21', 23], ['121,979,228.55', 51], ['119,909,390.18', 75]]),
  line('在建工程', [['七、22', 23], ['373,690,707.39', 51], ['110,831,458.60', 75]]),
  '                          78 / 189',
  '\f           金花企业（集团）股份有限公司2024 年年度报告',
  '',
  '',
  line('开发支出', [['八、', 17], ['12,062,615.16', 48], ['10,298,110.27', 67]]),
  line('商誉', [['2,000.00', 48]]),
  line('递延所得税资产', [['七、29', 20], ['59,290,322.58', 48], ['30,542,946.60', 67]]),
  line('非流动资产合计', [['1,067,191,069.47', 48], ['766,790,591.03', 67]], 2),
  '',
].join('\n');

test('a table goes on across a page break, each page with its own column positions', () => {
  const ts = aligned(BROKEN);
  assert.equal(ts.length, 1);
  const [t] = ts;
  assert.deepEqual(cellsOf(t, '商誉'), ['2,000.00', '']);
  assert.deepEqual(cellsOf(t, '开发支出'), ['12,062,615.16', '10,298,110.27']);
  assert.ok(!t.rows.some((r) => r.label.includes('年度报告')), 'the running header is no row');
  const a = analyze(BROKEN);
  assert.equal(a.checks.filter((c) => c.ok && c.row.label === '非流动资产合计').length, 2);
});

// 32: bare note numbers under 附注, one space between two columns, labels wrapped with the figures on the first line.
const PARENT = [
  '      项目           附注           2021 年 12 月 31 日            2020 年 12 月 31 日',
  line('应收账款', [['1', 22], ['1,480,080,983.77', 57], ['9,203,780,107.14', 80]]),
  line('其他应收款', [['2', 22], ['9,210,501.43', 57], ['42,323,669.01', 80]]),
  line('存货', [['32,424,250,538.15', 57], ['28,162,833,603.66', 80]]),
  line('所有者权益（或股东权', [['33,913,542,023.35', 62], ['37,408,937,379.81', 80]], 2),
  '益）合计',
  '',
].join('\n');

test('bare note numbers under 附注 are not figures; one space can part two columns; a label wrapped below its figures', () => {
  const [t] = aligned(PARENT);
  assert.ok(t);
  assert.deepEqual(cellsOf(t, '应收账款'), ['1,480,080,983.77', '9,203,780,107.14']);
  assert.deepEqual(cellsOf(t, '所有者权益（或股东权益）合计'), ['33,913,542,023.35', '37,408,937,379.81']);
  const a = analyze(PARENT);
  assert.equal(a.checks.filter((c) => c.ok).length, 2);
});

test('rows whose figures cannot be placed with confidence are uncertain, and their totals are not checked', () => {
  // A figure between the two columns, text cells among figures.
  const text = [
    '       项目                  2024 年                   2023 年',
    line('甲', [['100.00', 30], ['200.00', 55]]),
    line('乙', [['50.00', 42]]),
    line('丙', [['10.00', 30], ['20.00', 55], ['上年为负', 66]]),
    line('丁', [['1.00', 20], ['其他收益', 30], ['2.00', 55]]),
    line('合计', [['999.00', 30], ['999.00', 55]]),
    '',
  ].join('\n');
  const [t] = aligned(text);
  assert.ok(t);
  const uncertain = t.rows.filter((r) => r.uncertain).map((r) => r.label);
  assert.deepEqual(uncertain, ['乙', '丁 1.00 其他收益']);
  // A short text after the figures is a text cell of its own column.
  assert.deepEqual(cellsOf(t, '丙'), ['10.00', '20.00', '上年为负']);
  assert.deepEqual(warnings(text), []);
});

test('what is not an aligned table: prose, values alone on their lines, rows with single spaces', () => {
  const prose = '截至本报告期，公司已收到西部集团支付的股份转让款合计     19,571\n本期共计发生额合计 1,234.00\n';
  assert.deepEqual(aligned(prose), []);
  // Layout G: one cell per line, values right-aligned with leading spaces.
  const cellPerLine = '存货\n      12,034,922\n其他\n       1,131,047\n合计\n      13,165,969\n';
  assert.deepEqual(aligned(cellPerLine), []);
  // Seed 004: space-separated rows with one space.
  const spaced = '项目 2020年 2019年\n货币资金 3,550,196.05 7,066,350.78\n存货 1,000.00 2,000.00\n合计 3,551,196.05 7,068,350.78\n';
  assert.deepEqual(aligned(spaced), []);
  assert.equal(analyze(spaced).model.tables[0]?.layout, 'space');
});

test('a line is read as label, note reference, figures and nil marks', () => {
  const r = readAlignedLine(line('开发支出', [['八、', 17], ['12,062,615.16', 48], ['/', 67]]));
  assert.equal(r.kind, 1);
  assert.equal(r.label, '开发支出');
  assert.equal(r.note?.text, '八、');
  assert.deepEqual(r.vals.map((v) => v.text), ['12,062,615.16', '/']);
  assert.equal(readAlignedLine('       项目          附注        2024 年 12 月 31 日').kind, 2);
  assert.equal(readAlignedLine('             2024              2023').kind, 2, 'a line of years is a header');
  assert.equal(readAlignedLine('').kind, 0);
});

test('a row whose label leaves one space before its first figure still belongs to the table below it', () => {
  // 32 l.5242–5255, shortened: the first row's label runs up to one space before its figure.
  const text = [
    '     项目       期初余额                     本期增加                本期减少             期末余额',
    '一、工资、奖金、津贴 2,850,160,827.76         7,809,070,214.14    7,048,507,477.75 3,610,723,564.15',
    '和补贴',
    '二、职工福利费                               262,186,601.48      262,150,146.28           36,455.20',
    '     合计    2,850,160,827.76         8,071,256,815.62    7,310,657,624.03    3,610,760,019.35',
    '',
  ].join('\n');
  const [t] = aligned(text);
  assert.ok(t);
  assert.deepEqual(cellsOf(t, '一、工资、奖金、津贴'), ['2,850,160,827.76', '7,809,070,214.14', '7,048,507,477.75', '3,610,723,564.15']);
  assert.deepEqual(cellsOf(t, '二、职工福利费'), ['', '262,186,601.48', '262,150,146.28', '36,455.20']);
  assert.equal(analyze(text).checks.filter((c) => c.ok && c.row.label === '合计').length, 4);
});

test("a lone figure on a page without a full row is not placed by another page's columns", () => {
  // 32 l.5606: the figure sits in the second column, the next page's columns are further right.
  const text = [
    '        项目                               本期发生额          上期发生额',
    line('权益法核算的长期股权投资收益', [], 0),
    line('处置长期股权投资产生的投资收益', [['237,455.55', 73]], 0),
    line('交易性金融资产在持有期间的投资收益', [], 0),
    '                   101 / 124',
    '\f                         2021 年年度报告',
    '',
    line('处置其他非流动金融资产取得的投资收益', [['-1,505,395.94', 66], ['68,175.91', 78]], 0),
    line('大额存单在持有期间的利息收入', [['59,761,333.33', 66]], 0),
    line('合计', [['58,255,937.39', 66], ['305,631.46', 78]], 9),
    '',
  ].join('\n');
  const [t] = aligned(text);
  assert.ok(t);
  const lone = t.rows.find((r) => r.label === '处置长期股权投资产生的投资收益');
  assert.ok(lone?.uncertain, 'the lone figure is not placed');
  assert.deepEqual(warnings(text), []);
});

// 36 (平安银行): the period centred over the stage columns (本集团 / 2024年12月31日 / 第一阶段 | 第二阶段 …).
const PERIOD_OVER_STAGES = `      不考虑任何抵押及其他信用增级措施的最大信用风险敞口(已扣除减值准备)：

                                                    本集团
                                                2024年12月31日
                                                                        不考虑任何
                                                                        抵押及其他
                                                                        信用增级措
                                                                        施的最大信
                      第一阶段         第二阶段           第三阶段         不适用      用风险敞口


      存放中央银行款项          265,552           -             -           -     265,552
      存放同业款项            132,090           -             -           -     132,090
      拆出资金              267,252           -             -           -     267,252
      交易性金融资产(不含股权)           -           -             -     629,430     629,430
      衍生金融资产                  -           -             -      65,412      65,412
      买入返售金融资产           32,719           -             -           -      32,719
      发放贷款和垫款         3,178,985     102,025        13,043           -   3,294,053
      其他债权投资            176,645          10             -           -     176,655
      债权投资              780,485       4,102           488           -     785,075
      其他金融资产             11,193         327            94           -      11,614
      小计              4,844,921     106,464        13,625     694,842   5,659,852
`;

test('a single period over all the columns dates each of them; a single other word (本集团) names none', () => {
  const t = analyze(PERIOD_OVER_STAGES).model.tables.find((x) => x.layout === 'aligned');
  assert.ok(t);
  assert.deepEqual(t.columns.map((c) => c.title), ['2024年12月31日 第一阶段', '2024年12月31日 第二阶段', '2024年12月31日 第三阶段', '2024年12月31日 不适用', '2024年12月31日 不考虑任何 抵押及其他 信用增级措 施的最大信 用风险敞口']);
});

// 32 (贵州茅台): a title wrapped around the line of the other titles (电子设备及其 above it, 他 below it); and
// 本集团 right over one title names the table, not that column.
const TITLE_AROUND_LINE = `                                                                           单位：元 币种：人民币
                                                                          电子设备及其
      项目           房屋及建筑物                机器设备              运输工具                                  合计
                                                                            他
一、账面原值：
  1.期初余额          22,132,224,920.44   1,999,629,112.98   276,593,468.31   777,794,492.36   25,186,241,994.09
  2.本期增加金额         2,450,899,506.50      78,839,832.19    49,663,726.77    49,862,986.39    2,629,266,051.85
    （1）购置             41,200,048.72         651,810.69    18,738,972.91    11,099,469.07       71,690,301.39
    （2）在建工程转入      2,409,699,457.78      78,188,021.50    30,924,753.86    38,763,517.32    2,557,575,750.46
    （3）企业合并增加
    （4）外币报表折算
`;

const GROUP_OVER_TITLE = `                                           本集团
                            附注四       2024年度       2023年度

七、其他综合收益的税后净额                    47
(一) 不能重分类进损益的其他综合收益
    其他权益工具投资公允价值变动                          403      (181)
    3.外币财务报表折算差额                              37         6
    小计                                     (777)     (191)
`;

test('a title wrapped around the line of the other titles is one title; one word right over a title is not part of it', () => {
  const t = analyze(TITLE_AROUND_LINE).model.tables.find((x) => x.layout === 'aligned');
  assert.ok(t);
  assert.deepEqual(t.columns.map((c) => c.title), ['房屋及建筑物', '机器设备', '运输工具', '电子设备及其 他', '合计']);
  const g = analyze(GROUP_OVER_TITLE).model.tables.find((x) => x.layout === 'aligned');
  assert.ok(g);
  assert.deepEqual(g.columns.map((c) => c.title), ['2024年度', '2023年度']);
});


// 30: an income statement its labels wrapped over two lines
// with the figures on a line of their own between them, numbered items one after another.
const INCOME_OVER_PAGES = [
  '                                                 单位：元 币种：人民币',
  '       项目            附注               2024 年度         2023 年度',
  "汇兑收益（损失以“－”号填列）",
  "净敞口套期收益（损失以“-”号填",
  "列）",
  "公允价值变动收益（损失以“－”号",
  "                    七、70             -798,667.76    -20,035,459.74",
  "填列）",
  "信用减值损失（损失以“-”号填列） 七、71             -9,984,788.32     8,360,161.30",
  "资产减值损失（损失以“-”号填列） 七、72               -260,109.28",
  "资产处置收益（损失以“－”号填列） 六、73                 14,677.84",
  "三、营业利润（亏损以“－”号填列）                  49,019,056.34    -32,899,876.34",
  " 加：营业外收入            七、74                8,265.69     18,229,176.39",
  " 减：营业外支出            七、75            6,988,041.89     26,383,917.31",
  "四、利润总额（亏损总额以“－”号",
  "                                   42,039,280.14    -41,054,617.26",
  "填列）",
  " 减：所得税费用            七、76           -31,561,250.23     1,835,962.99",
  "五、净利润（净亏损以“－”号填列）                   73,600,530.37   -42,890,580.25",
  "（一）按经营持续性分类",
  "   1.持续经营净利润（净亏损以",
  "                                   73,198,202.66    -25,001,421.52",
  "“－”号填列）",
  "   2.终止经营净利润（净亏损以",
  "                                      402,327.71    -17,889,158.73",
  "“－”号填列）",
  "（二）按所有权归属分类",
  "   1.归属于母公司股东的净利润",
  "                                   74,611,329.88    -42,890,580.25",
  "（净亏损以“-”号填列）",
  "   2.少数股东损益（净亏损以“-”",
  "                                    -1,010,799.51",
  "号填列）",
  "六、其他综合收益的税后净额       七、77            -3,042,105.95    -2,448,277.86",
  " （一）归属母公司所有者的其他综",
  "                                    -3,042,105.95    -2,448,277.86",
  "合收益的税后净额",
  "   1．不能重分类进损益的其他综",
  "                                    -2,732,750.00    -2,463,250.00",
  "合收益",
  " （1）重新计量设定受益计划变动",
  "额",
  " （2）权益法下不能转损益的其他",
  "综合收益",
  " （3）其他权益工具投资公允价值",
  "                                    -2,732,750.00    -2,463,250.00",
  "变动",
  " （4）企业自身信用风险公允价值",
  "变动",
  "   2．将重分类进损益的其他综合",
  "                                     -309,355.95        14,972.14",
  "收益",
  " （1）权益法下可转损益的其他综",
  "                                     -309,355.95        14,972.14",
  "合收益",
].join('\n');

test('aligned: a label wrapped around a line of figures starts at its numbered item and ends before the next', () => {
  const ts = aligned(INCOME_OVER_PAGES);
  const t = ts.find((x) => x.rows.some((r) => r.label.startsWith('三、营业利润')))!;
  assert.ok(t, ts.map((x) => x.rows[0]?.label).join(' / '));
  assert.deepEqual(cellsOf(t, '1.持续经营净利润（净亏损以“－”号填列）'), ['73,198,202.66', '-25,001,421.52']);
  assert.deepEqual(cellsOf(t, '2.终止经营净利润（净亏损以“－”号填列）'), ['402,327.71', '-17,889,158.73']);
  assert.deepEqual(cellsOf(t, '1.归属于母公司股东的净利润（净亏损以“-”号填列）'), ['74,611,329.88', '-42,890,580.25']);
  assert.deepEqual(cellsOf(t, '2.少数股东损益（净亏损以“-”号填列）'), ['-1,010,799.51', '']);
  assert.deepEqual(cellsOf(t, '（3）其他权益工具投资公允价值变动'), ['-2,732,750.00', '-2,463,250.00']);
  assert.deepEqual(cellsOf(t, '2．将重分类进损益的其他综合收益'), ['-309,355.95', '14,972.14']);
  // A heading row over its items keeps no figures of theirs.
  assert.deepEqual(cellsOf(t, '（一）按经营持续性分类'), []);
  // No table of another reader takes the figures padded to their columns.
  assert.equal(analyze(INCOME_OVER_PAGES).model.tables.filter((x) => x.layout === 'cellStream').length, 0);
  assert.deepEqual(warnings(INCOME_OVER_PAGES), []);
});

// 30 (华润三九): a column of remarks (情况说明) right of the figures, its title as tall as the others, and two text
// cells before the figures (分产品 | 成本构成项目). Its title makes as many stacks as there are columns of figures
// with the lower header lines only; those are not the columns' titles.
const REMARKS = [
  '                                 分产品情况',
  '                              本期占总                    上年同期       本期金额较',
  '       成本构成                            上年同期金                                情况',
  ' 分产品           本期金额           成本比例                    占总成本       上年同期变',
  '        项目                                 额                                说明',
  '                               (%)                    比例(%)      动比例(%)',
  '       材料成本   40,438,630.53     59.64 35,926,986.52     58.64        1.00',
  '骨科类    人工成本    3,548,433.37      5.23  3,144,736.56      5.13        0.10',
  '       制造费用   23,814,051.16     35.12 22,197,331.24     36.23       -1.11',
  '       材料成本   15,497,896.12     50.20 17,658,421.59     50.83       -0.63',
  '免疫类    人工成本    4,876,776.06     15.80  5,964,373.59     17.17       -1.37',
  '       制造费用   10,496,646.59     34.00 11,117,157.10     32.00        2.00',
  '',
].join('\n');

test('a remarks column right of the figures titles no column of figures', () => {
  const t = analyze(REMARKS).model.tables.find((x) => x.layout === 'aligned');
  assert.ok(t);
  const titles = t.columns.map((c) => c.title.replace(/\s+/g, ''));
  assert.equal(titles.length, 5);
  assert.match(titles[0], /本期金额$/);
  assert.match(titles[2], /^上年同期金额$/);
  assert.ok(titles.every((x) => !/说明/.test(x)), titles.join(' | '));
});

test('aligned: a page marker between the header and the rows leaves the header the table\'s', () => {
  const text = [
    '24.   卖出回购金融资产款',
    '                                            本集团',
    '                                  2024年12月31日  2023年12月31日',
    '[P203]',
    '',
    '      银行同业                             120,120        58,151',
    '      其他金融机构                            11,048             -',
    '      小计                               131,168        58,151',
    '',
  ].join('\n');
  const t = aligned(text)[0];
  assert.ok(t);
  assert.deepEqual(t.columns.map((c) => c.title), ['2024年12月31日', '2023年12月31日']);
  assert.ok(analyze(text).checks.some((c) => c.row.label === '小计' && c.ok && !c.confirmOnly));
});
