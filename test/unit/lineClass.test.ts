// The line classes shared by the table readers (parse/tables/lineClass.ts): what each class says of a
// line, and that skipping readers and lines by their classes changes no table — on every fixture
// and on random table-like text.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { chunksOf } from '../../server/src/parse/chunks';
import { findFurniture, splitLines } from '../../server/src/parse/lines';
import { findTables } from '../../server/src/parse/tables';
import {
  ANGLE,
  BLANK,
  classOf,
  DIGIT,
  GLUED_RUNS,
  LIST_OPEN,
  PIPE,
  SHORT,
  UNIT_WORDS_ONLY,
  VALUE_LINE,
  VALUE_START,
  WIDE_GAP,
  YEAR,
} from '../../server/src/parse/tables/lineClass';

const ROOT = path.resolve(__dirname, '../../..');
const FIXTURES = path.join(ROOT, 'test/fixtures');

const has = (text: string, mask: number) => (classOf(text) & mask) === mask;

test('classes: blank lines, characters, how a line starts and ends', () => {
  assert.ok(has('', BLANK) && has(' \t\u3000', BLANK));
  assert.ok(!has(' x', BLANK));
  assert.ok(has('合计 | 25,001 |', PIPE | DIGIT) && !has('合计 25,001', PIPE));
  assert.ok(has('<table><tr>', ANGLE) && !has('合计', ANGLE));
  assert.ok(has("  ['合计', '1.00']", LIST_OPEN) && !has("合计 ['a']", LIST_OPEN));
  assert.ok(has('2024 年 12 月', YEAR) && has('12019', YEAR) && !has('2,019', YEAR) && !has('1899', YEAR));
  assert.ok(has('货币资金      1,234.56', WIDE_GAP) && has('    1,234.56', WIDE_GAP) && !has('货币资金 1,234.56', WIDE_GAP) && !has('货币资金 1,234.56  ', WIDE_GAP));
});

test('classes: a line that may be values only', () => {
  for (const t of ['1,234.56', '  (1,234.56)  ', '-', '——', '12.5%', '1,234.56 2,345.67', '＜0.01', '(1,474,894 )', '３０', '*', '1.5万 -']) assert.ok(has(t, VALUE_LINE), t);
  for (const t of ['货币资金 1,234.56', '2中国联通2020', '2018年度7,752.15', '1,234.56 元整', '1、概况', '1,234.56 合计 2', '30 万元']) assert.ok(!has(t, VALUE_LINE), t);
  // A value may end in its unit, or be 不适用: it starts as one, though the line does not end as a figure does.
  assert.ok(has('1,234元', VALUE_START | SHORT) && !has('1,234元', VALUE_LINE));
  assert.ok(has('不适用', VALUE_START) && !has('不适用', VALUE_LINE));
  assert.ok(has('1,234 万元', VALUE_START | UNIT_WORDS_ONLY) && has('人民币30亿元', UNIT_WORDS_ONLY) && !has('1、概况', UNIT_WORDS_ONLY) && !has('2019年', UNIT_WORDS_ONLY));
  assert.ok(!has('1'.repeat(201), VALUE_LINE) && has('1'.repeat(200), VALUE_LINE));
  assert.ok(!has('x'.repeat(61), SHORT) && has('x'.repeat(60), SHORT));
});

test('classes: two glued figure runs', () => {
  assert.ok(has('货币资金102,982,382.0679,525,461.73应收票据10,867,142.62', GLUED_RUNS));
  // Figures set apart by spaces are a space-separated row (but a bracket may follow a space: 合计 (1,234.56)…).
  assert.ok(!has('合计 1,234.56 2,345.67', GLUED_RUNS) && !has('货币资金102,982,382.06 应收票据10,867,142.62', GLUED_RUNS));
  assert.ok(has('合计 (1,234.56)应收票据(2,345.67)', GLUED_RUNS) && has('合计1,234.56(应收票据2,345.67', GLUED_RUNS));
  assert.ok(has('毛利率12.5%费用率--', GLUED_RUNS));
  assert.ok(!has('合计28,770,992.0165,364,545.23', GLUED_RUNS));
  assert.ok(!has('第1页共2页 12', GLUED_RUNS));
});

/** Every chunk's tables, with the classes used to skip readers and lines or not. */
function tablesOf(text: string, unclassed: boolean): string {
  const lines = splitLines(text);
  const furniture = findFurniture(lines);
  const claimed = new Uint8Array(lines.length);
  const out = chunksOf(lines, text.length).flatMap((c) => findTables({ lines, furniture, claimed, from: c.fromLine, to: c.toLine, unclassed }));
  return JSON.stringify(out);
}

test('skipping by the classes changes no table of any fixture', () => {
  const files = fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.filing'));
  assert.ok(files.length >= 10);
  let withTables = 0;
  for (const f of files) {
    const text = fs.readFileSync(path.join(FIXTURES, f), 'utf8');
    const classed = tablesOf(text, false);
    if (classed !== '[]') withTables++;
    assert.equal(classed, tablesOf(text, true), f);
  }
  assert.ok(withTables >= 10, `${withTables} fixtures with tables`);
});

// Lines of the layouts the readers look for, at random: labels, figures, headers, rows with their
// figures after one space, padded into columns, glued, between pipes, alone on their lines, prose.
const LABELS = ['合计', '小计', '总计', '货币资金', '应收账款', '存货', '流动资产合计', '项目', '其中：银行存款', '减：坏账准备', '七、1', '附注', '单位：元', '第三节', '一、营业收入'];
const FIGURES = ['1,234.56', '(2,345.00)', '-', '--', '——', '不适用', '12.5%', '100.00%', '30万元', '3,580.12', '1,000', '7', '2024', '＜0.01'];
const HEADERS = ['2024年12月31日', '2023 年', '期末余额', '期初余额', '2019-12-31', '[P12]', '1-1-200', '12'];
const label = fc.constantFrom(...LABELS);
const figure = fc.constantFrom(...FIGURES);
const figures = fc.array(figure, { minLength: 1, maxLength: 4 });
const gap = fc.constantFrom(' ', '  ', '      ', '\t', '');
const line = fc.oneof(
  label,
  figure,
  fc.constantFrom(...HEADERS),
  fc.constant(''),
  fc.tuple(label, gap, figures, gap).map(([l, g, fs, h]) => l + g + fs.join(h || ' ')),
  fc.tuple(fc.constantFrom(' ', '      ', '            '), figures).map(([g, fs]) => g + fs.join(g)),
  fc.tuple(label, figures).map(([l, fs]) => l + fs.join('')),
  fc.tuple(label, figures).map(([l, fs]) => [l, ...fs].join(' | ') + ' |'),
  fc.tuple(label, figures).map(([l, fs]) => `['${l}', ${fs.map((f) => `'${f}'`).join(', ')}]`),
  fc.constantFrom('本期发生的同一控制下企业合并的说明及其对财务报表的影响详见附注，下同。', '|---|---|', '<table><tr><td>合计</td><td>1</td></tr></table>', '期末余额  期初余额'),
);

test('skipping by the classes changes no table of random table-like text', () => {
  let withTables = 0;
  fc.assert(
    fc.property(fc.array(line, { minLength: 1, maxLength: 40 }), (ls) => {
      const text = ls.join('\n');
      const classed = tablesOf(text, false);
      if (classed !== '[]') withTables++;
      assert.equal(classed, tablesOf(text, true));
    }),
    { numRuns: 300, seed: 20261130 },
  );
  // (The text must make tables often enough for the comparison to say something.)
  assert.ok(withTables >= 30, `${withTables} of 300 texts with tables`);
});
