// The steps of the income statement, as data (analysis/checks/identities.ts STATEMENT_STEPS): 利润总额 =
// 营业利润 + 营业外收入 − 营业外支出, 净利润 = 利润总额 − 所得税费用, 净利润 = 归属于母公司 + 少数股东损益,
// in a statement that prints its expenses positive (32, 茅台) and in one that prints them negative (36, a
// bank: 减：营业外支出 (505)) — a figure written negative is never negated again.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { analyze } from '../../server/src/analysis/analyze';
import { diagnostics } from '../../server/src/features/diagnostics';

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, '../../../test/fixtures/steps', name), 'utf8');
const steps = (text: string) => analyze(text).checks.filter((c) => c.kind === 'identity');
const warnings = (text: string) => diagnostics(analyze(text)).filter((d) => d.severity === 'warning').map((d) => d.message);
const POSITIVE = fixture('32-income-positive-convention.filing');
const NEGATIVE = fixture('36-income-negative-convention.filing');

test('income-statement steps reconcile in a statement printing expenses positive', () => {
  const cs = steps(POSITIVE);
  const names = cs.map((c) => `${c.row.label.replace(/（.*$/, '')}[${c.column}] = ${c.description}`);
  for (const col of [0, 1]) {
    assert.ok(names.includes(`四、利润总额[${col}] = 营业利润 + 营业外收入 − 营业外支出`), names.join('\n'));
    assert.ok(names.includes(`五、净利润[${col}] = 利润总额 − 所得税费用`), names.join('\n'));
    assert.ok(names.includes(`五、净利润[${col}] = 归属于母公司所有者的净利润 + 少数股东损益`), names.join('\n'));
  }
  assert.ok(cs.every((c) => c.ok));
});

test('a subtracted line printed negative ((505) under 减：营业外支出) is not negated again', () => {
  const cs = steps(NEGATIVE);
  assert.equal(cs.length, 4, cs.map((c) => c.description).join('\n'));
  assert.ok(cs.every((c) => c.ok), cs.filter((c) => !c.ok).map((c) => `${c.row.label} ${c.total.figure!.raw} vs ${c.sum}`).join('\n'));
});

test('a wrong digit in 利润总额 is reported, the other period confirming the reading', () => {
  const text = NEGATIVE.replace('54,738', '54,798');
  assert.notEqual(text, NEGATIVE);
  const w = warnings(text);
  assert.ok(w.some((m) => /^五、利润总额 \[2024年度\] 54,798 ≠ 营业利润 \+ 营业外收入 − 营业外支出 = 54,738/.test(m)), w.join('\n'));
  const pos = POSITIVE.replace('55,720,529,956.46   49,523,329,882.40\n（一）', '55,720,529,966.46   49,523,329,882.40\n（一）');
  assert.notEqual(pos, POSITIVE);
  const wp = warnings(pos);
  assert.ok(wp.some((m) => /^五、净利润.*55,720,529,966\.46 ≠ 利润总额 − 所得税费用 = 55,720,529,956\.46/.test(m)), wp.join('\n'));
});
