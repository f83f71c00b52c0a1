// Ties of the statement of changes in equity (所有者权益变动表), on a real excerpt (pdftotext
// -layout): the consolidated balance sheet's equity lines, the income statement's 综合收益总额 and
// the consolidated statement of changes in equity, this year's part and last year's.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { analyze } from '../../server/src/analysis/analyze';
import { Tie } from '../../server/src/analysis/ties';
import { columnComponent } from '../../server/src/analysis/ties/equity';
import { diagnostics } from '../../server/src/features/diagnostics';
import { hoverAt } from '../../server/src/features/hover';

const ROOT = path.resolve(__dirname, '../../..');
const EQUITY = fs.readFileSync(path.join(ROOT, 'test/fixtures/ties/32-equity-statement.filing'), 'utf8');

const equity = (ties: Tie[]) => ties.filter((t) => t.family === 'equity');
const raws = (t: Tie) => [t.target, ...t.parts.map((p) => p.end)].map((e) => e.cell.figure?.raw ?? '');
function replaceNth(text: string, from: string, to: string, n: number): string {
  let at = -1;
  for (let i = 0; i <= n; i++) {
    at = text.indexOf(from, at + 1);
    assert.ok(at >= 0, `occurrence ${n} of ${from}`);
  }
  return text.slice(0, at) + to + text.slice(at + from.length);
}

test('equity: 本年年末余额 and 上年年末余额 against the balance sheet, 综合收益总额 against the income statement, last year against this year', () => {
  const ties = equity(analyze(EQUITY).ties);
  assert.ok(ties.every((t) => t.ok));
  const by = (d: RegExp) => ties.filter((t) => d.test(t.description));
  // Components tied: 其他综合收益, 盈余公积, 一般风险准备, 未分配利润, 归属于母公司 小计, 少数股东权益, 所有者权益合计.
  assert.equal(by(/资产负债表 \[期末\] = 所有者权益变动表 本年年末余额/).length, 7);
  assert.equal(by(/资产负债表 \[期初\] = 所有者权益变动表 上年年末余额/).length, 7);
  assert.equal(by(/上年年末余额 = 上年的本年年末余额/).length, 7);
  assert.equal(by(/本年年末余额 = 本年年初余额 \+ 本期增减变动金额/).length, 14);
  // 综合收益总额: 合计, 归属于母公司, 少数股东, in both years.
  assert.equal(by(/利润表 综合收益总额/).length, 6);
  const retained = by(/^未分配利润: 资产负债表 \[期末\]/);
  assert.equal(retained.length, 1);
  assert.deepEqual(raws(retained[0]), ['160,716,861,920.19', '160,716,861,920.19']);
  assert.match(retained[0].target.name, /^合并资产负债表 未分配利润/);
  assert.match(retained[0].parts[0].end.name, /^合并所有者权益变动表 未分配利润 \[本期期末余额\]/);
  const total = by(/^所有者权益合计: 利润表 综合收益总额 \[上期\]/);
  assert.deepEqual(raws(total[0]), ['49,525,197,236.44', '49,525,197,236.44']);
  const roll = by(/^所有者权益变动表: 本年年末余额/).find((t) => t.target.cell.figure?.raw === '7,418,137,908.05');
  assert.ok(roll);
  assert.deepEqual(raws(roll), ['7,418,137,908.05', '6,397,948,013.72', '1,020,189,894.33']);
});

test('equity: a column whose title the text has mangled (a fragment of another column in it) gets no tie', () => {
  // "实收资本(或股 优 本) 先 股" and "资本公积 其 他": the 其他权益工具 columns' words run into them.
  const ties = equity(analyze(EQUITY).ties);
  for (const t of ties) for (const e of [t.target, ...t.parts.map((p) => p.end)]) if (/所有者权益变动表/.test(e.name)) assert.ok(e.column !== undefined && e.column >= 2, e.name);
  assert.ok(!ties.some((t) => /^(?:股本|资本公积):/.test(t.description)));
  assert.equal(columnComponent('实收资本(或股 优 本) 先 股'), undefined);
  assert.equal(columnComponent('资本公积 其 他'), undefined);
  assert.equal(columnComponent('减：库 资本公积'), undefined);
  assert.equal(columnComponent('其他权益工具 实收资本 (或 优 股本) 先 股'), undefined);
  // Band titles over a column are taken off; a word broken over two header lines is joined.
  assert.equal(columnComponent('2024 年度 其他综合收益'), 'oci');
  assert.equal(columnComponent('归属于母公司所有者权益 其他综合收益'), 'oci');
  assert.equal(columnComponent('其他综合收 益'), 'oci');
  assert.equal(columnComponent('实收资本(或股本)'), 'capital');
  assert.equal(columnComponent('减：库存股'), 'treasury');
  assert.equal(columnComponent('归属于母公司所有者权益'), undefined);
  // Two columns of the same name: neither is tied.
  const twice = EQUITY.replace(/(\n[^\n]*?)盈余公积([^\n]*?)一般风险准备/g, '$1盈余公积$2盈余公积');
  assert.ok(!equity(analyze(twice).ties).some((t) => /^(?:盈余公积|一般风险准备):/.test(t.description)));
});

test('equity: without a band naming the year of a part, nothing is tied to the other statements', () => {
  // The band line "2021 年度" over this year's part taken away: its year is no longer certain.
  const lines = EQUITY.split('\n');
  const band = lines.findIndex((l) => /^\s+2021 年度\s*$/.test(l));
  assert.ok(band > 0);
  const text = [...lines.slice(0, band), '', ...lines.slice(band + 1)].join('\n');
  const ties = equity(analyze(text).ties);
  assert.ok(!ties.some((t) => /资产负债表|上年的本年年末余额/.test(t.description)));
  // Within each part the columns still roll forward.
  assert.equal(ties.filter((t) => /本年年初余额 \+ 本期增减变动金额/.test(t.description)).length, 14);
  // The year under the title is the statement's, not a band of its first part, with a blank line between them too.
  const title = lines.findIndex((l) => l.trim() === '合并所有者权益变动表');
  const spaced = [...lines.slice(0, title + 1), '', ...lines.slice(title + 1, band), '', ...lines.slice(band + 1)].join('\n');
  assert.ok(!equity(analyze(spaced).ties).some((t) => /资产负债表|上年的本年年末余额/.test(t.description)));
  const spacedWithBand = [...lines.slice(0, title + 1), '', ...lines.slice(title + 1)].join('\n');
  assert.equal(equity(analyze(spacedWithBand).ties).filter((t) => /资产负债表/.test(t.description)).length, 14);
});

test('equity: a figure of the statement changed breaks its ties, with a warning', () => {
  // 未分配利润 本期期末余额: the balance sheet's figure first, the statement's second.
  const text = replaceNth(EQUITY, '160,716,861,920.19', '160,716,862,020.19', 1);
  const a = analyze(text);
  const broken = equity(a.ties).filter((t) => !t.ok);
  assert.equal(broken.length, 2);
  assert.ok(broken.every((t) => Math.abs(Math.abs(t.difference) - 100) < 1e-6));
  const at = text.indexOf('160,716,862,020.19');
  const warnings = diagnostics(a).filter((p) => p.code === 'tie-equity');
  assert.ok(warnings.some((w) => w.range.start === at || w.related.some((r) => r.range.start === at)));
  assert.match(warnings[0].message, /Tie \(equity statement\) broken/);
  assert.match(hoverAt(a, at + 1)!.markdown, /✗ equity statement/);
});

/** 36: 合并资产负债表(续) and 合并及银行股东权益变动表, its parts named 本集团 / 本行 and its balances by date. */
const DATED = fs.readFileSync(path.join(ROOT, 'test/fixtures/ties/36-equity-dated-rows.filing'), 'utf8');

test('equity: balances named by date (2024年1月1日余额, 2024年12月31日余额), the scope of each part from its 本集团 / 本行 band', () => {
  const ties = equity(analyze(DATED).ties);
  assert.ok(ties.length > 0 && ties.every((t) => t.ok));
  const bs = ties.filter((t) => /资产负债表/.test(t.description));
  // 8 components × (期末, 期初), all consolidated: the bank's own parts have no balance sheet here.
  assert.equal(bs.length, 16);
  assert.ok(bs.every((t) => t.target.name.startsWith('合并资产负债表') && t.parts[0].end.name.startsWith('合并所有者权益变动表')));
  const capital = bs.find((t) => /^股本: 资产负债表 \[期末\]/.test(t.description))!;
  assert.match(capital.parts[0].end.name, /\[2024年12月31日余额\]/);
  // Last year's closing row against this year's opening one, in each of the two scopes.
  const period = ties.filter((t) => /上年的本年年末余额/.test(t.description));
  assert.equal(period.filter((t) => t.target.name.startsWith('合并')).length, 8);
  assert.equal(period.filter((t) => t.target.name.startsWith('母公司')).length, 8);
  assert.ok(period.every((t) => /\[2024年1月1日余额\]/.test(t.target.name) && /\[上年 2023年12月31日余额\]/.test(t.parts[0].end.name)));
  // Without the band, a "合并及银行" title does not say whose part it is: no tie for it.
  const lines = DATED.split('\n');
  const bands = lines.flatMap((l, i) => (l.trim() === '本集团' ? [i] : []));
  assert.equal(bands.length, 3); // the balance sheet's, this year's part's, last year's part's
  lines[bands[1]] = '';
  const text = lines.join('\n');
  const without = equity(analyze(text).ties);
  assert.ok(!without.some((t) => /资产负债表/.test(t.description)));
  assert.equal(without.filter((t) => /上年的本年年末余额/.test(t.description) && t.target.name.startsWith('合并')).length, 0);
});

test('equity: a table after another statement title does not continue the part before it', () => {
  const lines = EQUITY.split('\n');
  const band = lines.findIndex((l) => /^\s+2020 年度\s*$/.test(l));
  assert.ok(band > 0);
  const before = equity(analyze(EQUITY).ties).filter((t) => /上年的本年年末余额|\[上期\]/.test(t.description));
  assert.equal(before.length, 10);
  // The title of another statement between this year's part and last year's: last year's is no longer known.
  const text = [...lines.slice(0, band), '母公司资产负债表', ...lines.slice(band)].join('\n');
  assert.equal(equity(analyze(text).ties).filter((t) => /上年的本年年末余额|\[上期\]/.test(t.description)).length, 0);
});
