// Every diagnostic about a total says the unit its table is in (万元, 元, 百万元, %, 户 …), or that no unit is
// stated; on a 万元 table it never says 元. Over excerpts here, and over the real filings in ../shared.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { analyze } from '../../server/src/analysis/analyze';
import { diagnostics } from '../../server/src/features/diagnostics';

const ROOT = path.resolve(__dirname, '../../..');
const SHARED = path.resolve(ROOT, '../shared');
const dirs = ['filings', 'corpus'].map((d) => path.join(SHARED, d));
const available = dirs.every((d) => fs.existsSync(d));

const table = (unitLine: string) => `${unitLine}
项目 | 2021年度 | 2020年度 |
营业收入 | 1,000.00 | 900.00 |
营业成本 | 500.00 | 400.00 |
合计 | 1,600.00 | 1,300.00 |
`;

function warnings(text: string): string[] {
  return diagnostics(analyze(text)).filter((d) => d.check).map((d) => d.message);
}

test('a check on a 万元 table says 万元; on a 百万元 table 百万元; with no unit stated, says so', () => {
  assert.deepEqual(warnings(table('单位：万元')), ['合计 [2021年度] 1,600.00 ≠ sum of 2 rows 1,500.00 (difference 100.00 万元)']);
  assert.match(warnings(table('单位：人民币百万元')).join(), /\(difference 100\.00 百万元\)$/);
  assert.match(warnings(table('下表列示营业收入与营业成本：')).join(), /\(difference 100\.00, no unit stated\)$/);
  // The document's statement, where the table says nothing.
  assert.match(warnings(`本说明中涉及货币金额的单位,如无特别指明,均为人民币万元。\n\n${table('')}`).join(), /\(difference 100\.00 万元\)$/);
});

test("every diagnostic on a total over ../shared names its table's unit", { skip: !available && !process.env.CI ? '../shared is not beside the project' : false }, () => {
  assert.ok(available, '../shared/filings and ../shared/corpus must be beside the project in CI');
  let n = 0;
  const wrong: string[] = [];
  for (const dir of dirs) {
    for (const name of fs.readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()) {
      for (const d of diagnostics(analyze(fs.readFileSync(path.join(dir, name), 'utf8')))) {
        const c = d.check;
        if (!c) continue;
        n++;
        const f = c.total.figure!;
        const unit = f.unit ?? c.table.columns[c.column]?.unit ?? c.table.unit;
        const name_ = f.percent ? '%' : unit.name.replace(/^人民币/, '');
        const says = unit.source === 'default' && !f.percent ? ', no unit stated' : ` ${name_}`;
        if (!d.message.endsWith(`${says})`)) wrong.push(`${name}: ${d.message} — the table is in${says}`);
      }
    }
  }
  assert.deepEqual(wrong, []);
  assert.ok(n > 0);
});
