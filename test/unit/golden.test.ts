// Golden tests over real excerpts of each layout. A missing golden file is
// written locally (and fails under CI); UPDATE_GOLDEN=1 rewrites them all. Review a diff before committing it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { analyze } from '../../server/src/analysis/analyze';
import { checkGolden, checksSummary, outlineSummary, tablesSummary } from './summary';

const ROOT = path.resolve(__dirname, '../../..');
const FIXTURES = path.join(ROOT, 'test/fixtures');
const GOLDEN = path.join(ROOT, 'test/golden');
const update = process.env.UPDATE_GOLDEN === '1';

function golden(name: string, actual: string) {
  checkGolden(path.join(GOLDEN, name), actual, update);
}

for (const fixture of fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.filing')).sort()) {
  test(`golden: ${fixture}`, () => {
    const a = analyze(fs.readFileSync(path.join(FIXTURES, fixture), 'utf8'));
    const base = fixture.replace(/\.filing$/, '');
    golden(`${base}.outline.txt`, outlineSummary(a));
    golden(`${base}.tables.txt`, tablesSummary(a));
    golden(`${base}.checks.txt`, checksSummary(a));
  });
}
