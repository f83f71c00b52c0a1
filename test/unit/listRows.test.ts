// List rows (JSON-lines extractions): one Python list literal per line. Short texts of each shape,
// copied from a real prospectus (corpus file 20), and what must not be read as a row.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { analyze } from '../../server/src/analysis/analyze';
import { diagnostics } from '../../server/src/features/diagnostics';
import { hoverFacts } from '../../server/src/features/hover';
import { parseListLiteral } from '../../server/src/parse/tables/listRows';

// The messages on totals (the document-wide note on unread totals aside).
const messages = (text: string) => diagnostics(analyze(text)).filter((d) => d.check).map((d) => d.message);

test('a list literal: cells with the offsets of their text, quotes, escapes and a trailing comma', () => {
  const line = `  ['流动资产合计', "it's", '', 'a\\'b', '\\uf0b2疫苗',]`;
  const items = parseListLiteral(line, 100)!;
  assert.deepEqual(items.map((i) => i.text), ['流动资产合计', "it's", '', "a'b", '疫苗']);
  assert.equal(line.slice(items[0].start - 100, items[0].end - 100), '流动资产合计');
  assert.equal(line.slice(items[1].start - 100, items[1].end - 100), "it's");
  assert.equal(items[2].start, items[2].end);
  assert.equal(line.slice(items[3].start - 100, items[3].end - 100), "a\\'b");
  assert.ok(items[3].escaped && !items[0].escaped);
});

test('lines that are not list literals', () => {
  for (const t of ['[2009]0016号', "['a' 'b']", "['a', 'b'", "['a', 'b'] 注", '[]', "['unterminated]", '资产总计 [1] 100']) {
    assert.equal(parseListLiteral(t), undefined, t);
  }
});

// 20: the consolidated balance sheet, cut by a page footer and header, with the column header repeated.
const BALANCE = `（一）合并资产负债表
单位：万元
['项目', '2021年6月30日', '2020年12月31日', '2019年12月31日', '2018年12月31日']
['流动资产', '', '', '', '']
['货币资金', '27,909.53', '23,024.57', '1,487.00', '6,387.58']
['交易性金融资产', '-', '2,007.98', '4,500.00', '-']
['应收票据', '979.49', '654.23', '355.84', '398.68']
['应收账款', '9,015.40', '7,435.38', '2,710.67', '1,275.30']
['应收款项融资', '1,671.22', '854.28', '122.14', '-']
['预付款项', '2,140.08', '1,275.73', '1,315.67', '1,595.80']
['其他应收款', '34.67', '34.79', '5.22', '4.10']
['存货', '7,673.91', '7,476.35', '6,207.55', '4,765.06']
['其他流动资产', '1.77', '24.78', '150.13', '1,320.86']
['流动资产合计', '49,426.08', '42,788.10', '16,854.22', '15,747.39']
['非流动资产', '', '', '', '']
['固定资产', '594.21', '496.37', '326.98', '226.10']
['使用权资产', '413.46', '-', '-', '-']
['无形资产', '73.88', '84.95', '56.15', '38.47']
['长期待摊费用', '217.24', '215.06', '-', '-']
['递延所得税资产', '192.17', '175.47', '113.34', '80.83']
1-1-200
['项目', '2021年6月30日', '2020年12月31日', '2019年12月31日', '2018年12月31日']
['其他非流动资产', '74.14', '4.07', '1.24', '5.20']
['非流动资产合计', '1,565.11', '975.92', '497.71', '350.60']
['资产总计', '50,991.19', '43,764.02', '17,351.93', '16,097.99']
`;

test('a balance sheet in list rows: band rows, a repeated header after a page break, totals of totals', () => {
  const a = analyze(BALANCE);
  assert.equal(a.model.tables.length, 1);
  const t = a.model.tables[0];
  assert.equal(t.layout, 'list');
  assert.equal(t.unit.name, '万元');
  assert.deepEqual(t.columns.map((c) => c.title), ['2021年6月30日', '2020年12月31日', '2019年12月31日', '2018年12月31日']);
  const byLabel = (l: string) => t.rows.find((r) => r.label === l)!;
  assert.ok(byLabel('流动资产').band && byLabel('非流动资产').band);
  assert.equal(byLabel('交易性金融资产').cells[0].figure, undefined);
  const cash = byLabel('货币资金').cells[0];
  assert.equal(BALANCE.slice(cash.start, cash.end), '27,909.53');
  assert.equal(cash.figure!.value, 27909.53);
  const ok = a.checks.filter((c) => c.ok).map((c) => c.row.label);
  for (const l of ['流动资产合计', '非流动资产合计', '资产总计']) assert.ok(ok.filter((x) => x === l).length >= 4, l);
  assert.deepEqual(messages(BALANCE), []);
  // One figure changed: the total that no longer adds up is flagged.
  const wrong = BALANCE.replace("'1,565.11'", "'1,565.21'");
  assert.deepEqual(messages(wrong).filter((m) => m.includes('[2021年6月30日]')).length >= 1, true);
});

// 20 line 2392–2395: values of three sub-rows stacked in one cell, the label cell stacking three labels.
// The filing's own 合计 for 2021年1-6月 is 32,083.43 where its parts add to 32,082.43 (the same table
// elsewhere in the filing says 32,082.43): a real discrepancy.
const STACKED = `单位：万元
['产品类别', '产品品类', '2021年1-6月金额', '占比', '2020年度金额', '占比', '2019年度金额', '占比', '2018年度金额', '占比']
['MOSFET', '高压超级结MOSFET中低压屏蔽栅MOSFET超级硅MOSFET', '23,917.468,006.71135.31', '74.55%24.96%0.42%', '24,907.955,930.4340.36', '80.66%19.21%0.13%', '15,738.183,858.168.32', '80.28%19.68%0.04%', '12,453.372,830.16-', '81.48%18.52%-']
['IGBT', 'TGBT', '22.95', '0.07%', '-', '-', '-', '-', '-', '-']
['合计', '', '32,083.43', '100.00%', '30,878.74', '100.00%', '19,604.66', '100.00%', '15,283.52', '100.00%']
`;

test('stacked values are split into sub-rows where the label cell stacks as many labels', () => {
  const a = analyze(STACKED);
  const t = a.model.tables[0];
  assert.deepEqual(
    t.rows.filter((r) => r.kind !== 'header').map((r) => r.label),
    ['高压超级结MOSFET', '中低压屏蔽栅MOSFET', '超级硅MOSFET', 'IGBT TGBT', '合计'],
  );
  const second = t.rows[2];
  assert.equal(STACKED.slice(second.cells[0].start, second.cells[0].end), '8,006.71');
  assert.equal(second.cells[1].figure!.value, 24.96);
  assert.equal(STACKED.slice(second.labelRange.start, second.labelRange.end), '中低压屏蔽栅MOSFET');
  assert.deepEqual(messages(STACKED), ['合计 [2021年1-6月金额] 32,083.43 ≠ sum of 4 rows 32,082.43 (difference 1.00 万元)']);
  const ok = a.checks.filter((c) => c.ok && c.row.label === '合计').length;
  assert.ok(ok >= 6, `${ok} checks of the other columns reconcile`);
});

// 20 line 4417ff: two values stacked in a cell whose label does not stack two labels: the row is uncertain,
// and the total over it is not checked.
const UNSPLIT = `单位：万元
['项目', '政府补助金额', '与资产/收益相关']
['基于新型半浮栅结构的新能源高功率器件的研发及产业化', '44.80240.00', '与资产相关与收益相关']
['2019年度苏州市市级打造先进制造业基地专项资金项目', '130.00', '与收益相关']
['其他零星补助', '16.18', '与收益相关']
['合计', '430.98', '-']
`;

test('stacked values without as many stacked labels make the row uncertain, and its total is not checked', () => {
  const a = analyze(UNSPLIT);
  const row = a.model.tables[0].rows[1];
  assert.equal(row.uncertain, true);
  assert.equal(a.checks.length, 0);
  assert.deepEqual(messages(UNSPLIT), []);
});

// 20 line 1664ff: one list of several blocks, each under a period title and its own header row.
const BLOCKS = `['2021年6月30日', '', '']
['岗位类别', '员工人数（人）', '所占比例']
['研发人员', '31', '45.59%']
['销售人员', '16', '23.53%']
['管理人员', '21', '30.88%']
['合计', '68', '100.00%']
['2020年12月31日', '', '']
['岗位类别', '员工人数（人）', '所占比例']
['研发人员', '24', '45.28%']
['销售人员', '14', '26.42%']
['管理人员', '15', '28.30%']
['合计', '53', '100.00%']
`;

test('a header that comes again without a page break starts a new table', () => {
  const a = analyze(BLOCKS);
  assert.equal(a.model.tables.length, 2);
  assert.deepEqual(a.model.tables.map((t) => t.columns.map((c) => c.title).join('|')), ['员工人数（人）|所占比例', '员工人数（人）|所占比例']);
  assert.equal(a.checks.filter((c) => c.ok).length, 4);
  assert.deepEqual(messages(BLOCKS), []);
});

// 20 line 4722ff: blocks under period rows, each closed by a 小计 or 合计.
const PERIOD_BANDS = `['供应商', '预付款项余额', '占预付款项余额的比例']
['2021年6月30日', '', '']
['上海华虹宏力半导体制造有限公司', '1,500.00', '70.09%']
['广州粤芯半导体技术有限公司', '639.90', '29.90%']
['小 计', '2,139.90', '99.99%']
['2020年12月31日', '', '']
['上海华虹宏力半导体制造有限公司', '534.95', '41.93%']
['广州粤芯半导体技术有限公司', '280.28', '21.97%']
['DB HiTek Co., Ltd', '187.78', '14.72%']
['华虹半导体（无锡）有限公司', '186.84', '14.65%']
['敦南科技股份有限公司', '76.71', '6.01%']
['合计', '1,266.56', '99.28%']
`;

test('a row naming a period with every cell empty heads a block: the 合计 below does not add the 小计 above', () => {
  const a = analyze(PERIOD_BANDS);
  assert.deepEqual(messages(PERIOD_BANDS), []);
  const ok = a.checks.filter((c) => c.ok).map((c) => `${c.row.label}:${c.components.length}`);
  assert.ok(ok.includes('小 计:2') && ok.includes('合计:5'), ok.join(' '));
});

test('nil markers are empty cells, and lists of text are no table', () => {
  const text = `['项目', '2021年', '2020年', '2019年']
['基本每股收益（元）', '1.03', '——', '不适用']
['现金分红（万元）', '-', '-', '-']
['合计', '1.03', '-', '']
`;
  const t = analyze(text).model.tables[0];
  assert.deepEqual(t.rows[1].cells.map((c) => c.figure?.value), [1.03, undefined, undefined]);
  const prose = `['序号', '股东姓名', '备注']
['1', '王鹏飞', '实际控制人']
['2', '龚轶', '实际控制人']
`;
  assert.equal(analyze(prose).model.tables.length, 0);
});

// 20 line 4500ff: the asset structure without band rows — 流动资产合计, then the non-current items and their
// 合计. Read with 非流动资产合计 passing over 流动资产合计, every total fails; the table's arithmetic prefers the
// reading where 流动资产合计 closes its group.
const NO_BANDS = `单位：万元
['项目', '2021年6月30日金额', '比例', '2020年12月31日金额', '比例']
['货币资金', '27,909.53', '54.73%', '23,024.57', '52.61%']
['交易性金融资产', '-', '-', '2,007.98', '4.59%']
['应收票据', '979.49', '1.92%', '654.23', '1.49%']
['应收账款', '9,015.40', '17.68%', '7,435.38', '16.99%']
['应收款项融资', '1,671.22', '3.28%', '854.28', '1.95%']
['预付款项', '2,140.08', '4.20%', '1,275.73', '2.92%']
['其他应收款', '34.67', '0.07%', '34.79', '0.08%']
['存货', '7,673.91', '15.05%', '7,476.35', '17.08%']
['其他流动资产', '1.77', '0.00%', '24.78', '0.06%']
['流动资产合计', '49,426.08', '96.93%', '42,788.10', '97.77%']
['固定资产', '594.21', '1.17%', '496.37', '1.13%']
['使用权资产', '413.46', '0.81%', '-', '-']
['无形资产', '73.88', '0.14%', '84.95', '0.19%']
['长期待摊费用', '217.24', '0.43%', '215.06', '0.49%']
['递延所得税资产', '192.17', '0.38%', '175.47', '0.40%']
['其他非流动资产', '74.14', '0.15%', '4.07', '0.01%']
['非流动资产合计', '1,565.11', '3.07%', '975.92', '2.23%']
['资产总计', '50,991.19', '100.00%', '43,764.02', '100.00%']
`;

test('a statement without band rows: the reading under which its totals reconcile is taken', () => {
  const a = analyze(NO_BANDS);
  assert.deepEqual(messages(NO_BANDS), []);
  const ok = a.checks.filter((c) => c.ok && c.kind === 'columnTotal').map((c) => `${c.row.label}:${c.components.length}`);
  assert.ok(ok.includes('非流动资产合计:6') && ok.includes('资产总计:2'), ok.join(' '));
  // A real difference is still found under that reading.
  assert.deepEqual(messages(NO_BANDS.replace("'1,565.11'", "'1,566.11'")).filter((m) => m.includes('1,566.11')).length >= 1, true);
});

// 20 line 5155ff: a summary of the cash-flow statement — subtotals and net amounts without their items.
const CASH_SUMMARY = `单位：万元
['项目', '2021年1-6月', '2020年度', '2019年度', '2018年度']
['经营活动现金流入小计', '31,428.68', '24,578.55', '26,369.96', '18,478.99']
['经营活动现金流出小计', '28,163.55', '28,327.12', '22,464.19', '24,366.01']
['经营活动产生的现金流量净额', '3,265.13', '-3,748.57', '3,905.77', '-5,887.02']
['投资活动现金流入小计', '2,018.13', '31,322.99', '15,776.18', '36,117.67']
['投资活动现金流出小计', '326.82', '29,064.44', '19,083.14', '30,066.19']
['投资活动产生的现金流量净额', '1,691.31', '2,258.55', '-3,306.96', '6,051.49']
['筹资活动现金流入小计', '-', '23,030.00', '-', '-']
['筹资活动现金流出小计', '69.32', '-', '-', '-']
['筹资活动产生的现金流量净额', '-69.32', '23,030.00', '-', '-']
`;

test('a net amount that a statement identity computes closes its section: the next subtotal does not add it', () => {
  const a = analyze(CASH_SUMMARY);
  assert.deepEqual(messages(CASH_SUMMARY), []);
  assert.equal(a.checks.filter((c) => c.kind === 'columnTotal').length, 0);
  assert.ok(a.checks.filter((c) => c.kind === 'identity' && c.ok).length >= 8);
});

// 22 line 7362ff: each total comes above its own (partial) 其中 breakdown.
const TOTAL_ABOVE_BREAKDOWN = `单位：亿元
['', '2007年6月30日金额', '占资产总计比重', '2006年12月31日金额', '占资产总计比重']
['流动资产合计', '305.44', '17.77%', '301.89', '18.48%']
['其中：货币资金', '153.81', '8.95%', '155.09', '9.50%']
['应收账款', '54.97', '3.20%', '43.11', '2.64%']
['存货', '59.89', '3.48%', '47.61', '2.92%']
['非流动资产合计', '1,413.84', '82.23%', '1,331.31', '81.52%']
['其中：长期股权投资', '35.63', '2.07%', '36.70', '2.25%']
['固定资产', '999.34', '58.13%', '986.25', '60.39%']
['在建工程', '150.80', '8.77%', '111.02', '6.80%']
['无形资产', '169.29', '9.85%', '149.74', '9.17%']
['资产总计', '1,719.28', '100.00%', '1,633.20', '100.00%']
`;

// 22 line 8398ff: a 其中 row right under a band: the parts of the total below.
const BREAKDOWN_UNDER_BAND = `单位：亿元
['', '2007年', '2006年']
['营业收入：', '', '']
['其中：对外交易收入', '271.76', '230.44']
['分部间交易收入', '45.49', '28.44']
['营业收入合计', '317.25', '258.88']
['营业成本', '160.03', '120.33']
`;

test('其中 rows under a total break that total down; 其中 rows under a band are the parts of the total below', () => {
  assert.deepEqual(messages(TOTAL_ABOVE_BREAKDOWN), []);
  const ok = analyze(TOTAL_ABOVE_BREAKDOWN).checks.filter((c) => c.ok && c.row.label === '资产总计' && c.kind === 'columnTotal');
  assert.ok(ok.length >= 2 && ok.every((c) => c.components.length === 2));
  assert.deepEqual(messages(BREAKDOWN_UNDER_BAND), []);
  const under = analyze(BREAKDOWN_UNDER_BAND).checks.filter((c) => c.ok);
  assert.deepEqual(under.map((c) => c.components.length), [2, 2]);
  assert.equal(messages(BREAKDOWN_UNDER_BAND.replace("'317.25'", "'318.25'")).length, 1);
});

// 22 line 8108ff: a net row (净利息支出 = 利息支出 − 资本化) written without 小计, then the 合计 of the net rows.
const RUNNING_SUBTOTAL = `单位：亿元
['', '截至6月30日止6个月', '']
['', '2007年', '2006年']
['贷款及应付款项的利息支出', '17.95', '15.14']
['减：资本化的利息支出', '1.99', '2.81']
['净利息支出', '15.96', '12.33']
['存款及应收款项的利息收入', '-1.34', '-1.04']
['净汇兑(收益)/亏损', '-2.92', '0.68']
['合计', '11.70', '11.97']
`;

// 22 line 8420ff: rows nested without 其中 (销售至外部客户 = 国内 + 出口), price columns beside the volumes.
const NESTED_WITH_PRICES = `['', '截至6月30日止6个月', '', '', '']
['', '2007年', '', '2006年', '']
['', '销售量', '销售价格', '销售量', '销售价格']
['', '百万吨', '人民币元/吨', '百万吨', '人民币元/吨']
['销售至外部客户', '83.6', '314.7', '71.0', '314.0']
['国内外部客户销售', '71.4', '304.5', '58.6', '298.7']
['出口销售', '12.2', '374.6', '12.4', '386.1']
['销售至公司发电分部', '14.2', '321.1', '9.8', '290.2']
['销售量合计/加权平均价格', '97.8', '315.6', '80.8', '311.1']
`;

test('a running subtotal without 小计, and rows nested beside columns that do not add, are read by the arithmetic', () => {
  assert.deepEqual(messages(RUNNING_SUBTOTAL), []);
  assert.deepEqual(analyze(RUNNING_SUBTOTAL).checks.filter((c) => c.ok).map((c) => c.components.length), [3, 3]);
  assert.equal(messages(RUNNING_SUBTOTAL.replace("'11.70'", "'12.70'")).length, 1);
  const t = analyze(NESTED_WITH_PRICES).model.tables[0];
  assert.deepEqual(t.columns.map((c) => c.additive), [true, false, true, false]);
  assert.deepEqual(messages(NESTED_WITH_PRICES), []);
  assert.deepEqual(analyze(NESTED_WITH_PRICES).checks.filter((c) => c.ok).map((c) => c.components.length), [2, 2]);
});

test('a page break too short a text tells from its running header: a page number, one short line, the header again', () => {
  const text = BALANCE.replace('1-1-200\n', '1-1-200\n苏州东微半导体股份有限公司招股意向书\n');
  const a = analyze(text);
  assert.equal(a.model.tables.length, 1);
  assert.deepEqual(messages(text.replace("'1,565.11'", "'1,565.21'")).filter((m) => m.startsWith('非流动资产合计')).length, 1);
  // A caption and a unit line between two tables with the same header: two tables.
  const two = `${BALANCE}1-1-201\n（三）合并现金流量表\n单位：万元\n${BALANCE.split('\n').slice(2).join('\n')}`;
  assert.equal(analyze(two).model.tables.length, 2);
});

// 22: a company's facts, then its financial data under a title row that states the unit and a header row of its own,
// in one run of list lines: the title row starts a table, whose figures are in its unit.
test('a title row stating a unit over a header row starts a table of its own', () => {
  const text = [
    "['成立时间', '2003年12月15日', '', '注册资本', '17,000万元']",
    "['持有权益比例', '本公司持有80%；余姚市城市建设投资发展有限公司持有20%', '', '注册地', '浙江余姚市新建路58号']",
    "['主要财务数据：（2006年经审计）(单位：万元)', '', '', '', '']",
    "['', '总资产', '净资产', '', '净利润']",
    "['2006年末/年度', '219,878.21', '32,690.74', '', '-14,809.26']",
    "['2007中期/上半年', '220,766.55', '20,046.20', '', '-12,644.54']",
    '',
  ].join('\n');
  const a = analyze(text);
  const h = hoverFacts(a, text.indexOf('-14,809.26'));
  assert.equal(h?.column, '净利润');
  assert.equal(h?.unit, '万元');
  assert.equal(h?.value, -148092600);
});
