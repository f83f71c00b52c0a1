// The same filing in another layout says nothing new. Extractors differ in what they keep of a page: runs of
// spaces collapsed to one or turned into tabs, indentation dropped, blank lines dropped, [Pn] page markers
// added, page breaks with a running header inside tables, CRLF line ends, full-width parentheses. A warning that appears only in such a copy of a bundled
// excerpt is a misreading of that layout (the figures did not change), so none may appear.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { analyze } from '../../server/src/analysis/analyze';
import { diagnostics } from '../../server/src/features/diagnostics';
import { LAYOUT_VARIANTS } from './layoutVariants';

const FIXTURES = path.join(__dirname, '..', '..', '..', 'test', 'fixtures');

const warnings = (text: string) =>
  diagnostics(analyze(text))
    .filter((d) => d.severity === 'warning')
    .map((d) => d.message);

for (const file of fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.filing')).sort()) {
  test(`layout variants: ${file} raises no warning in another layout that it does not raise as written`, () => {
    const text = fs.readFileSync(path.join(FIXTURES, file), 'utf8');
    const base = new Set(warnings(text));
    for (const [name, variant] of Object.entries(LAYOUT_VARIANTS)) {
      const extra = warnings(variant(text)).filter((m) => !base.has(m));
      assert.deepEqual(extra, [], `${name}: ${extra.length} new warnings`);
    }
  });
}
