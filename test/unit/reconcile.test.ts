// Each reconciliation rule on real excerpts of the filings, including the
// structures that must not be flagged.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { analyze } from '../../server/src/analysis/analyze';
import { ALL_CHECKS } from '../../server/src/analysis/reconcile';
import { diagnostics } from '../../server/src/features/diagnostics';

// The messages on totals (the document-wide note on unread totals aside).
const messages = (text: string) => diagnostics(analyze(text)).filter((d) => d.check).map((d) => d.message);
const checked = (text: string) => analyze(text).checks;

// 003: one row per line with pipes; counts (个) get no rounding tolerance.
const COUNTS = `(二)发行人小B商户是否区分独立个体户、连锁店、专业运营公司等
数量(个) | 2021.12.31 | 2020.12.31 | 2019.12.31 |
独立门店(含个体户) | 23,879 | 24,293 | 19,990 |
连锁店 | 1,121 | 918 | 1,200 |
专业运营公司 | 1 | 1 | - |
合计 | 25,001 | 25,211 | 21,190 |
`;

test('a count total off by one is flagged, with both sides and the difference', () => {
  assert.deepEqual(messages(COUNTS), ['合计 [2020.12.31] 25,211 ≠ sum of 3 rows 25,212 (difference 1 个)']);
  const d = diagnostics(analyze(COUNTS))[0];
  assert.equal(d.related.length, 3);
  assert.equal(COUNTS.slice(d.range.start, d.range.end), '25,211');
});

test('totals that add up are checked and not flagged', () => {
  const ok = checked(COUNTS).filter((c) => c.ok).map((c) => c.total.figure!.raw);
  assert.deepEqual(ok, ['25,001', '21,190']);
});

// 003: formula rows in a tag column, with a merged cell shifting one row left.
const FORMULAS = `数量(个) | 注释 | 2021.12.31 | 2020.12.31 | 2019.12.31 |
线上: | i | 67 | 49 | 48 |
全网商户 | 67 | 49 | 48 | |
线下: | ii=1+2 | 18,276 | 4,427 | 19 |
全网商户 | 1 | 318 | 9 | 19 |
小B商户: | 2=a+b+c | 17,958 | 4,418 | - |
独立门店(含个体户) | A | 862 | 330 | - |
连锁店 | b | 17,096 | 4,088 | - |
专业运营公司 | c | - | - | - |
合计 | i+ii | 18,343 | 4,476 | 67 |
`;

test('formula rows ii=1+2, 2=a+b+c and i+ii are evaluated', () => {
  const cs = checked(FORMULAS).filter((c) => c.kind === 'formula');
  assert.deepEqual(cs.map((c) => `${c.row.formula}:${c.total.figure!.raw}:${c.ok}`), [
    '1+2:18,276:true', '1+2:4,427:true', '1+2:19:true',
    'a+b+c:17,958:true', 'a+b+c:4,418:true',
    'i+ii:18,343:true', 'i+ii:4,476:true', 'i+ii:67:true',
  ]);
  const broken = FORMULAS.replace('| 17,958 |', '| 17,959 |');
  assert.ok(messages(broken).some((m) => m.includes('17,959 ≠ a + b + c = 17,958')), messages(broken).join('\n'));
});

// 001: glued digits; 万元 figures to two decimals get a rounding tolerance; 毛利率 is not added.
const GLUED = `本说明中涉及货币金额的单位,如无特别指明,均为人民币万元;若明细数加计之和与合计数有尾差,系四舍五入所致。
报告期内,ICT行业应用业务收入及毛利率情况如下:
项 目2021年1-6月2020年度2019年度2018年度
收入毛利毛利率收入毛利毛利率收入毛利毛利率收入毛利毛利率
高铁业务2,353.951,019.7443.32%6,446.283,269.0950.71%4,033.121,921.6547.65%2,305.93898.9238.98%
智慧城市业务1,615.15341.6821.15%3,001.61681.7622.71%2,079.61588.8128.31%1,427.10310.6521.77%
小计3,969.101,361.4234.30%9,447.893,950.8541.82%6,112.732,510.4641.07%3,733.031,209.5732.40%
`;

test('glued rows are split into the header columns; margins are not added; amounts reconcile', () => {
  const a = analyze(GLUED);
  const t = a.model.tables[0];
  assert.equal(t.layout, 'glued');
  assert.equal(t.columns.length, 12);
  assert.equal(t.columns[2].additive, false); // 毛利率
  assert.equal(t.unit.name, '人民币万元');
  assert.equal(t.unit.source, 'document');
  const cs = a.checks;
  assert.equal(cs.length, 8);
  assert.ok(cs.every((c) => c.ok));
  // 2,353.95 + 1,615.15 = 3,969.10 exactly; the tolerance is ±0.005 per figure.
  assert.equal(cs[0].tolerance, 0.015);
});

test('a rounding difference within tolerance is not flagged, one beyond it is', () => {
  const within = GLUED.replace('小计3,969.10', '小计3,969.11');
  assert.deepEqual(messages(within), []);
  const beyond = GLUED.replace('小计3,969.10', '小计3,969.19');
  assert.deepEqual(messages(beyond), ['小计 [2021年1-6月 收入] 3,969.19 ≠ sum of 2 rows 3,969.10 (difference 0.09 万元)']);
});

// 004: space-separated rows; 其中 is a breakdown, not added again.
const SPACE = `（除特殊注明外，金额单位均为人民币元）
(二) 应收账款
类别 账面余额 比例（%） 坏账准备 计提比例（%） 账面价值
单项金额重大并单独计提坏账准备的应收账款
按组合计提坏账准备的应收账款 37,449,003.12 100.00 1,989,067.63 5.31 35,459,935.49
其中：账龄组合 37,449,003.12 100.00 1,989,067.63 5.31 35,459,935.49
单项金额不重大但单独计提坏账准备的应收账款 - - - - -
合计 37,449,003.12 100.00 1,989,067.63 5.31 35,459,935.49
`;

test('其中 rows are not added into the total; ratios are not added', () => {
  const a = analyze(SPACE);
  assert.equal(a.model.tables[0].layout, 'space');
  assert.deepEqual(messages(SPACE), []);
  const cols = a.checks.map((c) => c.total.figure!.raw);
  assert.ok(cols.includes('37,449,003.12') && cols.includes('35,459,935.49'), cols.join(' '));
  assert.ok(!cols.includes('5.31'));
  const moved = SPACE.replace('合计 37,449,003.12', '合计 37,449,003.13');
  assert.equal(messages(moved).length, 1);
});

// 004: 非经常性损益 — 所得税影响额 is subtracted.
const DEDUCTIONS = `项目 2019年1-6月 2018年度 2017年度
非流动资产处置损益 -1,000.00 2,000.00 3,000.00
计入当期损益的政府补助 115,269.97 1,264,618.30 607,402.23
小计 114,269.97 1,266,618.30 610,402.23
所得税影响额 17,140.50 189,992.75 91,560.33
少数股东权益影响额（税后）
合计 97,129.47 1,076,625.55 518,841.90
`;

test('deductions written without 减： are subtracted (所得税影响额)', () => {
  const cs = checked(DEDUCTIONS).filter((c) => c.row.label === '合计');
  assert.equal(cs.length, 3);
  assert.ok(cs.every((c) => c.ok && c.components.some((p) => p.sign === -1)), JSON.stringify(cs.map((c) => c.sum)));
});

// 002: one cell per line, blank lines between cells, extra blank lines for empty cells; nested age bands.
const AGES = ['按账龄披露', '', '单位: 元', '', '账龄', '', '期末余额', '', '1年以内(含1年)', '', '120,759,410.16', '', '1年以内', '', '120,759,410.16', '', '1至2年', '', '21,335,202.66', '', '2至3年', '', '6,832,582.88', '', '3年以上', '', '4,739,482.74', '', '3至4年', '', '2,919,296.25', '', '4至5年', '', '1,135,661.49', '', '5年以上', '', '684,525.00', '', '合计', '', '153,666,678.44', ''].join('\n');

test('nested age bands (1年以内(含1年) over 1年以内, 3年以上 over its parts) are not added twice', () => {
  const a = analyze(AGES);
  assert.equal(a.model.tables[0].layout, 'cellPerLine');
  assert.equal(a.checks.length, 1);
  assert.ok(a.checks[0].ok, `${a.checks[0].sum}`);
  assert.equal(messages(AGES.replace('153,666,678.44', '153,666,678.45')).length, 1);
});

// 002: balance sheet identities, with empty cells as runs of blank lines.
const cells = (rows: [string, string, string][]) => rows.map((r) => r.join('\n\n')).join('\n\n') + '\n';
const BALANCE = '1、合并资产负债表\n\n单位:元\n\n' + cells([
  ['项目', '2019年6月30日', '2018年12月31日'],
  ['流动资产:', '', ''],
  ['货币资金', '379,496,625.81', '389,651,012.22'],
  ['应收账款', '140,848,836.46', '108,821,967.43'],
  ['流动资产合计', '520,345,462.27', '498,472,979.65'],
  ['非流动资产:', '', ''],
  ['固定资产', '7,071,621.43', '7,071,621.43'],
  ['无形资产', '34,200,500.27', '34,200,500.27'],
  ['非流动资产合计', '41,272,121.70', '41,272,121.70'],
  ['资产总计', '561,617,583.97', '539,745,101.35'],
  ['流动负债:', '', ''],
  ['短期借款', '266,157,746.00', '317,875,718.84'],
  ['流动负债合计', '266,157,746.00', '317,875,718.84'],
  ['负债合计', '266,157,746.00', '317,875,718.84'],
  ['所有者权益:', '', ''],
  ['实收资本(或股本)', '337,752,322.00', '337,752,322.00'],
  ['减:库存股', '42,292,484.03', '115,882,939.49'],
  ['所有者权益合计', '295,459,837.97', '221,869,382.51'],
  ['负债和所有者权益总计', '561,617,583.97', '539,745,101.35'],
]);

test('balance sheet: column totals, 减: rows, totals of totals and identities all hold', () => {
  const a = analyze(BALANCE);
  assert.equal(a.model.tables.length, 1);
  assert.deepEqual(messages(BALANCE), []);
  const kinds = new Set(a.checks.map((c) => `${c.row.label}:${c.kind}`));
  for (const k of ['流动资产合计:columnTotal', '资产总计:columnTotal', '所有者权益合计:columnTotal', '负债和所有者权益总计:columnTotal']) assert.ok(kinds.has(k), [...kinds].join(' '));
  // The identities are checked, and hold: 资产总计 = 负债和所有者权益总计 = 负债合计 + 所有者权益合计.
  const identities = a.checks.filter((c) => c.kind === 'identity');
  assert.ok(identities.some((c) => c.row.label === '资产总计' && c.description === '负债和所有者权益总计' && c.ok), identities.map((c) => `${c.row.label} = ${c.description}`).join(' / '));
  assert.ok(identities.some((c) => c.row.label === '负债和所有者权益总计' && c.description === '负债合计 + 所有者权益合计' && c.ok), identities.map((c) => `${c.row.label} = ${c.description}`).join(' / '));
  const broken = BALANCE.replace('负债和所有者权益总计\n\n561,617,583.97', '负债和所有者权益总计\n\n561,617,583.98');
  assert.ok(messages(broken).some((m) => m.startsWith('负债和所有者权益总计')), messages(broken).join('\n'));
});

// 001: a row total column (合计) that adds the period columns.
const CROSS = `本说明中涉及货币金额的单位,如无特别指明,均为人民币万元。
项 目2021年1-6月2020年度2019年度2018年度合计
按照验收时点确认收入8,095.0413,535.857,669.507,376.7836,677.17
按照审计时点确认收入6,887.4514,477.467,159.696,839.5835,364.18
`;

test('cross-footing: a 合计 column adds the columns before it', () => {
  const cs = checked(CROSS).filter((c) => c.kind === 'crossFoot');
  assert.equal(cs.length, 2);
  assert.ok(cs.every((c) => c.ok));
  assert.equal(messages(CROSS.replace('36,677.17', '36,677.71')).length, 1);
});

// 003: a table of running balances (结存) over years is not a sum.
const BALANCES = `单位:万元
期间 | 新增发出ETC设备数量(万台) | 发出ETC设备结存数量(万台) |
2019年度 | 14.61 | 14.53 |
2020年度 | 1.92 | 15.97 |
2021年度 | 14.86 | 30.59 |
合 计 | 31.39 | 30.59 |
`;

test('balance columns (结存) are not added; 万台 figures get a rounding tolerance', () => {
  const cs = checked(BALANCES);
  assert.equal(cs.length, 1);
  assert.equal(cs[0].total.figure!.raw, '31.39');
  assert.ok(cs[0].ok);
});

test('each kind of check can be turned off', () => {
  assert.equal(analyze(COUNTS, { checks: { ...ALL_CHECKS, columnTotals: false } }).checks.length, 0);
  assert.equal(analyze(FORMULAS, { checks: { ...ALL_CHECKS, formulas: false } }).checks.filter((c) => c.kind === 'formula').length, 0);
  assert.equal(analyze(CROSS, { checks: { ...ALL_CHECKS, crossFooting: false } }).checks.filter((c) => c.kind === 'crossFoot').length, 0);
});

test('a filing-lens: accept line silences that difference only', () => {
  const accepted = COUNTS + 'filing-lens: accept 合计 25,211\n';
  assert.deepEqual(messages(accepted), []);
  assert.equal(analyze(accepted).model.tables[0].rows.length, 5);
  assert.equal(messages(COUNTS + 'filing-lens: accept 合计 25,001\n').length, 1);
});

// 004: space-separated rows with a label wrapped over three lines and a row without figures between a row and its total.
const WRAPPED_BETWEEN = `类别
2019-6-30

账面余额 坏账准备 账面价值
 金额 比例（%） 金额
计提比例

（%）

单项金额重大并单

独计提坏账准备的

应收账款

按组合计提坏账准

备的应收账款 37,131,003.12 100.00 1,973,167.63 5.31 35,157,835.49

其中：账龄组合 37,131,003.12 100.00 1,973,167.63 5.31 35,157,835.49

无风险组合

单项金额不重大但

单独计提坏账准备

的应收账款

合计 37,131,003.12 100.00 1,973,167.63 5.31 35,157,835.49
`;

test('up to five short label lines between space-separated rows stay in the table: its total is checked', () => {
  const a = analyze(WRAPPED_BETWEEN);
  const totals = a.checks.filter((c) => c.row.label === '合计' && !c.confirmOnly);
  assert.ok(totals.length >= 2 && totals.every((c) => c.ok));
  assert.equal(diagnostics(analyze(WRAPPED_BETWEEN.replace('合计 37,131,003.12', '合计 37,131,013.12'))).filter((d) => d.severity === 'warning').length, 1);
  // Four lines of prose-length text end the table before the total.
  const long = WRAPPED_BETWEEN.replace('单项金额不重大但\n', '单项金额不重大但单独计提坏账准备的应收账款说明\n');
  assert.deepEqual(analyze(long).checks.filter((c) => c.row.label === '合计'), []);
});

// 24: deductions written in brackets, a running subtotal without a label between them; 27: a 账面价值合计 under
// a total and its deduction.
test('deductions after a total, or written in brackets around a running subtotal, are taken from the rows above', () => {
  const brackets = `合同资产
2025 年12 月31 日
2024 年12 月31 日
合同资产
26,763
26,249
减：减值准备
(1,079)
(1,124)

25,684
25,125
减：列示于其他非流动资产的合同资产
(5,506)
(4,460)

合计
20,178
20,665
`;
  const a = analyze(brackets);
  const totals = a.checks.filter((c) => c.row.label === '合计');
  assert.equal(totals.length, 2);
  assert.ok(totals.every((c) => c.ok));
  const netOfDeduction = `单位：万元
项目
2025 年
2024 年
个人
1,341,505.03
937,166.60
机构
140,525.30
60,927.10
合计
1,482,030.34
998,093.70
减：减值准备
1,171.04
499.64
账面价值合计
1,480,859.29
997,594.06
`;
  const net = analyze(netOfDeduction).checks.filter((c) => c.row.label === '账面价值合计');
  assert.equal(net.length, 2);
  assert.ok(net.every((c) => c.ok && c.components.length === 2));
  assert.equal(diagnostics(analyze(netOfDeduction.replace('1,480,859.29', '1,480,869.29'))).filter((d) => d.severity === 'warning').length, 1);
});

// Corpus 22: a 小计 right under another 小计 with no rows of its own; the 合计 adds both.
const LONE_SUBTOTAL = `单位：亿元
['', '2007年', '2006年']
['河北国华定洲发电有限责任公司', '0.40', '0.38']
['浙江嘉华发电有限责任公司', '0.50', '0.43']
['神华财务有限公司', '0.41', '0.24']
['内蒙古蒙华海勃湾发电有限责任公司', '0.11', '0.16']
['内蒙古京达发电有限责任公司', '0.03', '0.13']
['其他联营公司', '0.40', '-0.04']
['按权益法核算的投资收益小计', '1.85', '1.30']
['按成本法核算的股权投资收益及其他小计', '0.34', '0.07']
['合计', '2.19', '1.37']
`;

test('a total over a checked subtotal and a lone subtotal with no rows of its own is checked; a misprint in it is a warning', () => {
  const totals = (text: string) => analyze(text).checks.filter((c) => c.row.label === '合计' && !c.confirmOnly);
  assert.equal(totals(LONE_SUBTOTAL).length, 2);
  assert.ok(totals(LONE_SUBTOTAL).every((c) => c.ok));
  const wrong = totals(LONE_SUBTOTAL.replace("'2.19'", "'2.29'"));
  assert.ok(wrong.some((c) => !c.ok && c.column === 0));
  // Two lone subtotals and nothing checked: the total is not checked.
  const none = LONE_SUBTOTAL.replace(/\['(?:河北|浙江|神华|内蒙古|其他).*\n/g, '');
  assert.equal(totals(none).length, 0);
});
