// Glued digits (layout B): all readings of a run into k cells, settled by the table's totals;
// several rows on one line. Texts are short excerpts of corpus 21 / 22 and seed 001.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { analyze } from '../../server/src/analysis/analyze';
import { diagnostics } from '../../server/src/features/diagnostics';
import { gluedReadings } from '../../server/src/parse/numbers';

const readings = (s: string, k: number) => gluedReadings(s, k, 64)?.map((r) => r.cells.map((c) => c?.raw ?? '_').join(' | '));
const rowsOf = (text: string) => analyze(text).model.tables.flatMap((t) => t.rows.filter((r) => r.kind !== 'header'));
const row = (text: string, label: string) => rowsOf(text).find((r) => r.label === label);
const cellsOf = (text: string, label: string) => row(text, label)?.cells.map((c) => c.text);

test('readings of a glued run into k cells: bare digits read as exactly k integers', () => {
  assert.deepEqual(readings('515549174194', 4), ['515 | 549 | 174 | 194']);
  const r = readings('83734612', 4)!;
  assert.ok(r.includes('83 | 73 | 46 | 12') && r.includes('8 | 37 | 346 | 12'));
  assert.ok(r.every((x) => !x.includes('_')), 'no vanished cell in bare digits');
});

test('readings: a vanished cell may be any cell; brackets and a minus are signs', () => {
  assert.deepEqual(readings('776.00', 4), ['776.00 | _ | _ | _', '_ | 776.00 | _ | _', '_ | _ | 776.00 | _', '_ | _ | _ | 776.00']);
  assert.deepEqual(readings('(84,403)(79,114)(67,323)(72,184)', 4), ['(84,403) | (79,114) | (67,323) | (72,184)']);
  assert.deepEqual(readings('869,016.31-7,860,738.68-2,160,499.59-4,580,007.62', 4), ['869,016.31 | -7,860,738.68 | -2,160,499.59 | -4,580,007.62']);
  // Nil dashes before a figure: the cheapest reading first; a minus sign is one more reading, for the totals to weigh.
  assert.equal(readings('---769,500.00', 4)![0], '- | - | - | 769,500.00');
  assert.ok(readings('---769,500.00', 4)!.includes('- | - | _ | -769,500.00'));
  assert.equal(gluedReadings('', 4), undefined);
  assert.equal(gluedReadings('1,234.56', 0), undefined);
});

// Corpus 22: integers glued, unit 百万元; 应收票据 / 其他应收款 / 应付利息 cannot be split from the text alone.
const INTEGERS = `（金额单位：人民币百万元）
资产2007年2006年2005年2004年
流动资产
货币资金15,38115,50919,8917,193
交易性金融资产---145
可供出售金融资产-2,000--
应收票据515549174194
应收账款5,4974,3112,5082,719
预付款项1,9512,4577751,665
其他应收款9755523991,430
存货5,9894,7613,5722,691
其他流动资产23650100-
流动资产合计30,54430,18927,41916,037
`;

test('glued integers: the totals settle the split of each row (corpus 22)', () => {
  assert.deepEqual(cellsOf(INTEGERS, '应收票据'), ['515', '549', '174', '194']);
  assert.deepEqual(cellsOf(INTEGERS, '其他应收款'), ['975', '552', '399', '1,430']);
  assert.ok(!row(INTEGERS, '其他应收款')!.uncertain);
  const checks = analyze(INTEGERS).checks.filter((c) => c.row.label === '流动资产合计');
  assert.equal(checks.length, 4);
  assert.ok(checks.every((c) => c.ok));
});

test('glued integers: a total that does not reconcile under any split leaves the rows uncertain, and no warning', () => {
  const broken = INTEGERS.replace('30,54430,18927,41916,037', '39,54439,18927,41916,037');
  assert.ok(row(broken, '其他应收款')?.uncertain ?? true);
  assert.deepEqual(diagnostics(analyze(broken)).filter((d) => d.severity === 'warning'), []);
});

// Seed 001: the 2021 column has no third and fourth quarter; the subtotal places the six values.
const QUARTERS = `业务类型期间2021年1-6月2020年度2019年度2018年度
金额比例(%)金额比例(%)金额比例(%)金额比例(%)
信息通信系统集成第一季度3,954.8048.851,655.5212.23536.757.00630.858.55
第二季度4,140.2451.153,164.5023.381,711.6822.321,891.1025.64
第三季度3,462.3825.581,985.2425.882,127.0228.83
第四季度5,253.4538.813,435.8444.802,727.8136.98
小计8,095.04100.0013,535.85100.007,669.50100.007,376.78100.00
`;

test('missing cells: the subtotal tells which columns vanished (001 L2086)', () => {
  assert.deepEqual(cellsOf(QUARTERS, '第三季度'), ['', '', '3,462.38', '25.58', '1,985.24', '25.88', '2,127.02', '28.83']);
  assert.ok(!row(QUARTERS, '第三季度')!.uncertain);
  const checks = analyze(QUARTERS).checks.filter((c) => c.row.label === '小计');
  assert.equal(checks.length, 8);
  assert.ok(checks.every((c) => c.ok));
});

// Corpus 21: several rows on one line, a glued-dates header, a row with a vanished cell, a page break.
const SEVERAL = `单位：元
科目名称2010-06-302009-12-312008-12-312007-12-31流动资产：
货币资金102,982,382.0679,525,461.7333,578,185.9626,415,318.70应收票据10,867,142.627,277,457.2614,461,149.754,414,053.90其他流动资产566,050.29323,390.65132,973.96201,911.29流动资产合计114,415,574.9787,126,309.6448,172,309.6731,031,283.89非流动资产：
固定资产88,774,292.7890,899,683.1195,528,301.0992,487,174.23工程物资166,375.00147,475.00--开发支出2,421,693.39766,879.092,762,963.83
1-1-225
商誉--6,747,922.636,747,922.63非流动资产合计91,362,361.1791,814,037.20105,039,187.5599,235,096.86资产总计205,777,936.14178,940,346.84153,211,497.22130,266,380.75
`;

test('several glued rows on one line, a vanished cell placed by the totals, across a page number (corpus 21)', () => {
  assert.deepEqual(cellsOf(SEVERAL, '应收票据'), ['10,867,142.62', '7,277,457.26', '14,461,149.75', '4,414,053.90']);
  assert.deepEqual(cellsOf(SEVERAL, '工程物资'), ['166,375.00', '147,475.00', '-', '-']);
  assert.deepEqual(cellsOf(SEVERAL, '开发支出'), ['2,421,693.39', '766,879.09', '2,762,963.83', '']);
  assert.deepEqual(cellsOf(SEVERAL, '商誉'), ['-', '-', '6,747,922.63', '6,747,922.63']);
  const a = analyze(SEVERAL);
  for (const label of ['流动资产合计', '非流动资产合计']) {
    const cs = a.checks.filter((c) => c.row.label === label);
    assert.equal(cs.length, 4, label);
    assert.ok(cs.every((c) => c.ok), label);
  }
  assert.ok(row(SEVERAL, '流动资产：') && row(SEVERAL, '非流动资产：'), 'headings kept as label rows');
});

test('not glued rows: figures apart by spaces, prose, a quote line without totals', () => {
  const spaced = '项目 2020年 2019年\n货币资金 1,234.56 2,345.67 应收票据 10.00 20.00\n合计 1,244.56 2,365.67\n';
  assert.ok(!analyze(spaced).model.tables.some((t) => t.rows.some((r) => r.label === '应收票据')));
  const quote = '昨收盘:0.000今开盘:0.000最高价:0.000最低价:0.000\n成交额:0成交量:0买入价:0.000卖出价:0.000\n市盈率:0.000收益率:0.00052周最高:0.00052周最低:0.000\n';
  assert.equal(analyze(quote).model.tables.length, 0);
  const prose = '公司2020年营业收入为1,234.56万元，较上年增长12.34%，净利润为234.56万元，合计1,469.12万元。\n';
  assert.equal(analyze(prose).model.tables.length, 0);
});

// Corpus 21: a table's rows on one line, glued to the sentence that follows them.
const THEN_SENTENCE = `单位：万元
项目2010年1-6月2009年度2008年度2007年度研发支出714.421,102.96750.23564.66折旧摊销187.21516.68543.1342.53工资及员工福利等500.85489.64281.89113.76办公费及差旅费163.48281.30312.15165.83会议咨询培训费128.48275.0371.8591.97开办费0.00--812.89业务招待费87.38211.1959.4062.73其他75.17137.50164.850.00合计1,856.983,014.292,183.512,014.53本公司自产疫苗管理费用主要包括研发支出、人员工资等。2007年至2009年本公司研发支出呈较快增长趋势，分别为564.66万元、750.23万元。
`;

test('glued rows followed by a sentence on the same line: read up to the sentence, which is no row', () => {
  assert.deepEqual(cellsOf(THEN_SENTENCE, '开办费'), ['0.00', '-', '-', '812.89']);
  assert.ok(!rowsOf(THEN_SENTENCE).some((r) => r.label.includes('本公司')), 'the sentence is not a row');
  const cs = analyze(THEN_SENTENCE).checks.filter((c) => c.row.label === '合计');
  assert.equal(cs.length, 4);
  // Three columns reconcile; the 2007 one is printed 160.16 above its rows (a real discrepancy of the filing).
  assert.deepEqual(cs.map((c) => c.ok), [true, true, true, false]);
  assert.ok(Math.abs(cs[3].sum - 1854.37) < 0.005);
  // A sentence with one figure in it stays prose.
  assert.equal(analyze('其中研发支出714.42万元，同比增长12.34%。\n').model.tables.length, 0);
});

// Corpus 21: top-five customers, the period column wrapped beside the rows (2010年 / 1-6月, 2009 / 年度),
// glued to the last figure of a row or to the next row's number.
const WRAPPED_PERIODS = `销售金额占自产疫苗销年度序号客户名称
（万元）售收入比例1国药控股广州有限公司1,959.0315.47%2泰凌医药（江苏）有限公司1,828.4214.44%2010年
3开封市众诚生物制品有限公司868.826.86%1-6月
4湖南省瑞格医药有限公司767.396.06%5江西赣卫医药有限公司731.135.77%小计6,154.7948.60%1泰凌医药（江苏）有限公司2,541.8013.48%2开封市众诚生物制品有限公司1,862.499.88%2009
3国药控股广州有限公司1,129.045.99%年度
4江西赣卫医药有限公司1,104.345.86%5济南中信医药有限公司1,049.545.57%小计7,687.2140.78%20081安徽省疾病预防控制中心823.969.80%
`;

test('glued rows: a period wrapped beside the rows is label text, not cells (months, a year at the end of a line, a year before a row number)', () => {
  assert.deepEqual(cellsOf(WRAPPED_PERIODS, '2010年3开封市众诚生物制品有限公司'), ['868.82', '6.86%']);
  assert.deepEqual(cellsOf(WRAPPED_PERIODS, '2开封市众诚生物制品有限公司'), ['1,862.49', '9.88%']);
  assert.deepEqual(cellsOf(WRAPPED_PERIODS, '20081安徽省疾病预防控制中心'), ['823.96', '9.80%']);
  const sub = analyze(WRAPPED_PERIODS).checks.filter((c) => c.row.label === '小计' && !c.total.figure!.percent);
  assert.deepEqual(sub.map((c) => [c.total.figure!.value, c.ok]), [[6154.79, true], [7687.21, true]]);
  // A zero cell before the next label is a cell, not that label's number; a dash before a label is its bullet.
  const zero = '项目2010-06-302009-12-312008-12-312007-12-31原材料1,032.17637.35391.95147.09—低值易耗品352.07283.97256.93181.37存货跌价准备0.870.870.870存货净值1,383.371,020.45647.99328.46合计2,768.481,942.641,297.74656.92\n';
  assert.deepEqual(cellsOf(zero, '存货跌价准备'), ['0.87', '0.87', '0.87', '0']);
  assert.deepEqual(cellsOf(zero, '原材料'), ['1,032.17', '637.35', '391.95', '147.09']);
  const totals = analyze(zero).checks.filter((c) => c.row.label === '合计');
  assert.equal(totals.length, 4);
  assert.ok(totals.every((c) => c.ok));
});

// Corpus 22: a header of periods alone, label lines before the first row, bare integers, a negative in brackets.
const PERIODS_ALONE = `截至6月30日止6个月期间截至12月31日止年度
2007年2006年2006年2005年2004年
(未经审计)
长期股权投资
-按权益法核算的股权投资收益185130466440178
-按成本法核算的股权投资收益5-2715
投资转让净收益/(亏损)27-13(15)
委托贷款收益271211
合计219137470452189
`;

test('glued integers under a header of periods alone: label lines in between, bare first row, a bracketed negative; the totals settle them', () => {
  const t = analyze(PERIODS_ALONE).model.tables[0];
  assert.deepEqual(t.rows.find((r) => r.kind === 'header')?.cells.map((c) => c.text), ['2007年', '2006年', '2006年', '2005年', '2004年']);
  assert.deepEqual(cellsOf(PERIODS_ALONE, '-按权益法核算的股权投资收益'), ['185', '130', '466', '440', '178']);
  assert.deepEqual(cellsOf(PERIODS_ALONE, '投资转让净收益/(亏损)'), ['27', '-', '1', '3', '(15)']);
  const cs = analyze(PERIODS_ALONE).checks.filter((c) => c.row.label === '合计');
  assert.equal(cs.length, 5);
  assert.ok(cs.every((c) => c.ok));
  // A total that no reading reconciles leaves the rows uncertain: nothing checked, nothing said.
  const wrong = PERIODS_ALONE.replace('合计219137470452189', '合计219137470452199');
  assert.equal(analyze(wrong).checks.filter((c) => c.row.label === '合计').length, 0);
  assert.equal(diagnostics(analyze(wrong)).filter((d) => d.severity === 'warning').length, 0);
});

// Seed 001: a remarks column (期后回款情况) after the glued figures, one of them starting with a year glued to the
// last figure's decimals.
const REMARKS = `单位:元
客户1年以上应收账款账面余额总计1-2年应收账款账面余额2-3年应收账款账面余额3年及以上应收账款账面余额坏账计提金额1年以上应收账款期后回款情况
通号工程局集团有限公司天津分公司9,090,266.259,090,266.25--909,026.63已全部回款
中兴捷维通讯技术有限责任公司5,970,297.334,970,060.731,000,236.60-797,077.05尚未回款,预计2021年内收回
上海鑫众通信技术有限公司1,673,540.72-1,095,394.29578,146.43617,691.502020年度回款1,369,081.23元,剩余金额预计于2021年内全部收回
中国联合网络通信有限公司金华市分公司1,104,142.471,104,142.47--110,414.25已全部回款
小计17,838,246.7715,164,469.452,095,630.89578,146.432,434,209.43
`;

test('glued rows with a remarks column after their figures: the figures are the cells, the words no cell', () => {
  assert.deepEqual(cellsOf(REMARKS, '上海鑫众通信技术有限公司'), ['1,673,540.72', '-', '1,095,394.29', '578,146.43', '617,691.50']);
  assert.deepEqual(cellsOf(REMARKS, '中兴捷维通讯技术有限责任公司'), ['5,970,297.33', '4,970,060.73', '1,000,236.60', '-', '797,077.05']);
  const cs = analyze(REMARKS).checks.filter((c) => c.row.label === '小计');
  assert.equal(cs.length, 5);
  assert.ok(cs.every((c) => c.ok));
  // A figure followed by its unit is prose, not a row with a remark.
  assert.equal(rowsOf('营业收入12,345.6711,234.56万元较上年增长\n').length, 0);
});

// Seed 001: one header cell of several titles glued (收入 / 占比(%) / 成本 / 毛利率(%)) over four columns.
const GLUED_HEADER = `2021年1-6月
项目收入占比(%)成本毛利率(%)
技术服务3,597.5490.642,307.9035.85
维保服务371.569.36299.7819.32
设备销售----
总计3,969.10100.002,607.6834.30
`;

test('a header cell of several titles glued titles no column: the amount columns are not taken for percentages', () => {
  const a = analyze(GLUED_HEADER);
  assert.ok(a.model.tables[0].columns.every((c) => c.unit?.kind !== 'percent'));
  const cols = a.checks.filter((c) => c.row.label === '总计' && !c.confirmOnly && c.ok).map((c) => c.column);
  assert.ok(cols.includes(0) && cols.includes(2), `amount columns checked: ${cols}`);
  // A misprinted revenue total is a warning.
  const wrong = analyze(GLUED_HEADER.replace('总计3,969.10', '总计3,979.10'));
  assert.ok(wrong.checks.some((c) => c.row.label === '总计' && c.column === 0 && !c.ok));
});


// Corpus 21: the next heading's number glued after a total's nil dashes (合计706,2091,513,655--（2）销售收入).
const HEADING_AFTER_DASHES = `（1）销售数量
产品名称销售模式2010年1-6月2009年度2008年度2007年度自营模式（支）1,386,1601,945,7001,070,800252,250Hib（西林瓶）代理模式（支）603,2501,346,911625,92894,540合计1,989,4103,292,6111,696,728346,790自营模式（支）61,600---Hib（预灌封）代理模式（支）10,000---合计71,600---冻干A、C群脑
自营模式（支）505,9681,432,755--膜炎球菌多糖代理模式（支）200,24180,900--结合疫苗
合计706,2091,513,655--（2）销售收入
`;

test('a heading number in brackets after nil dashes starts the next label, not a fifth cell', () => {
  const a = analyze(HEADING_AFTER_DASHES);
  const total = a.model.tables.flatMap((t) => t.rows).find((r) => r.kind === 'total' && r.cells[0]?.text === '706,209');
  assert.deepEqual(total?.cells.map((c) => c.text), ['706,209', '1,513,655', '-', '-']);
  const cs = a.checks.filter((c) => c.row === total && !c.confirmOnly);
  assert.equal(cs.length, 2);
  assert.ok(cs.every((c) => c.ok));
});

// Seed 001: periods over two columns each, and under them as many cells of glued titles (收入占比 = 收入 | 占比).
const GLUED_SUBTITLES = `单位:元、%
2021年1-6月2020年度2019年度2018年度
收入占比收入占比收入占比收入占比
情形①3,027,228.8681.476,227,300.6070.682,406,705.1861.212,217,290.8769.07
情形②688,355.5518.532,582,695.8429.321,524,988.5638.79992,830.4730.93
总计3,715,584.41100.008,809,996.44100.003,931,693.74100.003,210,121.34100.00
`;

test('a header row of glued titles under a row of periods spanning two columns each titles no column: the amounts add up as amounts', () => {
  const a = analyze(GLUED_SUBTITLES);
  assert.equal(a.model.tables[0].columns.length, 8);
  assert.ok(a.model.tables[0].columns.every((c) => !c.share));
  const amounts = a.checks.filter((c) => c.row.label === '总计' && !c.confirmOnly && [0, 2, 4, 6].includes(c.column!));
  assert.equal(amounts.length, 4);
  assert.ok(amounts.every((c) => c.ok));
  const wrong = analyze(GLUED_SUBTITLES.replace('总计3,715,584.41', '总计3,715,594.41'));
  assert.ok(wrong.checks.some((c) => c.row.label === '总计' && c.column === 0 && !c.ok && !c.confirmOnly));
});
