// Column relations found from the figures (analysis/columnRelations.ts): a column that is the difference
// or the sum of two columns before it in every row but one is checked in that row — and only where the
// rows establish it independently and the odd row is written like them. Excerpts of real filings.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { analyze } from '../../server/src/analysis/analyze';
import { diagnostics } from '../../server/src/features/diagnostics';
import { hoverAt } from '../../server/src/features/hover';

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, '../../../test/fixtures/relations', name), 'utf8');
const relations = (text: string) => analyze(text).checks.filter((c) => c.relation);
const warnings = (text: string) => diagnostics(analyze(text)).filter((d) => d.severity === 'warning').map((d) => d.message);

// 研发费用加计扣除: 各期申报 | 本次申报 | 差异 | 差异率, glued; 差异 = 本次申报 − 各期申报 to the cent in
// 2020, 2019 and 合计, and the 2018 row prints 40.01 where 509.93 − 469.94 = 39.99.
const GLUED = fixture('glued-difference.filing');

test('a difference column that holds in three rows is checked in the fourth, which is reported', () => {
  const rs = relations(GLUED);
  assert.deepEqual(rs.filter((c) => c.ok).map((c) => c.row.label).sort(), ['2019年', '2020年']);
  const bad = rs.filter((c) => !c.ok);
  assert.equal(bad.length, 1);
  assert.equal(bad[0].row.label, '2018年');
  assert.equal(bad[0].total.figure!.raw, '40.01');
  assert.ok(Math.abs(bad[0].sum - 39.99) < 1e-9);
  const w = warnings(GLUED);
  assert.equal(w.length, 1, w.join('\n'));
  assert.match(w[0], /^2018年 40\.01 ≠ column 2 − column 1 = 39\.99 as in 3 other rows of the table \(difference 0\.02, no unit stated\)$/);
  const at = GLUED.indexOf('40.01') + 1;
  const h = hoverAt(analyze(GLUED), at);
  assert.ok(h && /column relation does not reconcile[\s\S]*column 3 = column 2 − column 1 in 3 other rows/.test(h.markdown), h?.markdown);
});

test('cells in the wrong order are not a wrong figure: a row whose three figures reconcile in another order is not checked', () => {
  // 469.94 | 39.99 | 509.93: 509.93 = 469.94 + 39.99, the cells of 差异 and 本次申报 swapped.
  const text = GLUED.replace('2018年469.94509.9340.017.84%', '2018年469.9439.99509.937.84%');
  assert.notEqual(text, GLUED);
  assert.equal(relations(text).filter((c) => !c.ok).length, 0);
  assert.deepEqual(warnings(text), []);
});

test('two rows that do not agree leave the relation unestablished', () => {
  const text = GLUED.replace('2019年651.54668.7317.19', '2019年651.54668.7317.91');
  assert.notEqual(text, GLUED);
  assert.deepEqual(warnings(text), []);
  assert.equal(relations(text).length, 0);
});

test('a movement with a third column, empty in the rows that hold, is not a relation of two columns', () => {
  // 期初 | 计入损益 | 计入其他综合收益 | 期末: 期末 = 期初 + 损益 wherever the third column is "-"; in
  // 资产减值准备 (43,746 + (98) + 293 = 43,941) it is not.
  const text = fixture('layout-movement-three-operands.filing');
  const rs = relations(text);
  assert.ok(rs.length >= 4, `${rs.length} relation checks`);
  assert.ok(rs.every((c) => c.ok), rs.filter((c) => !c.ok).map((c) => c.row.label).join(', '));
  assert.ok(!rs.some((c) => c.row.label.includes('资产减值准备')));
  assert.deepEqual(warnings(text), []);
});

test('a projection growing by the same steps adds up for one reason, not for several: no relation', () => {
  // T+1 … T+5 of a cost projection: T+3 = T+1 + T+2 in rows that grow 1, 2, 3, not in 生产成本.
  const text = fixture('cells-projection-ramp.filing');
  assert.ok(analyze(text).model.tables.length >= 1);
  assert.equal(relations(text).length, 0);
  assert.deepEqual(warnings(text), []);
});
