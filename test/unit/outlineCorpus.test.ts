// The top two levels of the outline of every real filing beside the project (../shared/filings,
// ../shared/corpus), as the server gives it, in a golden per file (test/golden/outline-top2): one line an
// entry, indented by level, its line number and kind. Each golden was reviewed by hand against the filing.
// Outside CI without ../shared the test is skipped; in CI ../shared must be there and a missing golden fails
// (goldens are written locally, reviewed and committed; UPDATE_GOLDEN=1 rewrites them).
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { analyze } from '../../server/src/analysis/analyze';
import { outline, OutlineItem } from '../../server/src/features/outline';
import { checkGolden, lineOf } from './summary';

const ROOT = path.resolve(__dirname, '../../..');
const SHARED = path.resolve(ROOT, '../shared');
const GOLDEN = path.join(ROOT, 'test/golden/outline-top2');
const dirs = ['filings', 'corpus'].map((d) => path.join(SHARED, d));
const available = dirs.every((d) => fs.existsSync(d));
const update = process.env.UPDATE_GOLDEN === '1';
const skip = !available && !process.env.CI ? '../shared is not beside the project' : false;

/** "  一、公司基本情况  @1234  section" — the top two levels, sections and tables. */
export function outlineTop2(text: string, items: OutlineItem[], depth = 0): string[] {
  return items.flatMap((i) => [
    `${'  '.repeat(depth)}${i.name}  @${lineOf(text, i.selectionRange.start)}  ${i.kind}`,
    ...(depth < 1 ? outlineTop2(text, i.children, depth + 1) : []),
  ]);
}

test('outline top two levels: ../shared is present in CI', { skip }, () => {
  assert.ok(available, '../shared/filings and ../shared/corpus must be beside the project in CI');
});

for (const dir of available ? dirs : []) {
  for (const name of fs.readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()) {
    test(`outline top two levels: ${name}`, () => {
      const text = fs.readFileSync(path.join(dir, name), 'utf8');
      const actual = outlineTop2(text, outline(analyze(text).model)).join('\n') + '\n';
      checkGolden(path.join(GOLDEN, name), actual, update);
    });
  }
}
