// Outline goldens over excerpts of the corpus layouts (test/fixtures/outline):
// pdftotext with form feeds and "N / 189" footers, one cell per line with [Pn]
// markers, JSON-lines records with 1-1-200 footers, a bank's decimal sections.
// Only the sections are in these goldens (the table detectors change apart);
// UPDATE_GOLDEN=1 rewrites them. Beside the goldens, properties every layout must keep.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { analyze } from '../../server/src/analysis/analyze';
import { outline, OutlineItem } from '../../server/src/features/outline';
import { lineOf } from './summary';

const ROOT = path.resolve(__dirname, '../../..');
const FIXTURES = path.join(ROOT, 'test/fixtures/outline');
const GOLDEN = path.join(ROOT, 'test/golden/outline');
const update = process.env.UPDATE_GOLDEN === '1';

function sections(items: OutlineItem[]): OutlineItem[] {
  return items.filter((i) => i.kind === 'section');
}

function summary(text: string, items: OutlineItem[], depth = 0): string[] {
  return sections(items).flatMap((i) => [`${'  '.repeat(depth)}${i.name}  @${lineOf(text, i.selectionRange.start)}`, ...summary(text, i.children, depth + 1)]);
}

const CONTINUATION = /[(（]\s*续\s*[)）]\s*$|续表$/;
const FRAGMENT = /^\d{1,2}\s*(?:月|日|个|位|年)/;

for (const fixture of fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.filing')).sort()) {
  test(`outline golden: ${fixture}`, () => {
    const text = fs.readFileSync(path.join(FIXTURES, fixture), 'utf8');
    const a = analyze(text);
    const items = outline(a.model);
    const actual = summary(text, items).join('\n') + '\n';
    const file = path.join(GOLDEN, fixture.replace(/\.filing$/, '.outline.txt'));
    if (update || !fs.existsSync(file)) {
      fs.mkdirSync(GOLDEN, { recursive: true });
      fs.writeFileSync(file, actual);
    } else {
      assert.equal(actual, fs.readFileSync(file, 'utf8'), `${fixture}: the outline differs from its golden file (UPDATE_GOLDEN=1 rewrites it)`);
    }
    // Whatever the golden says: no heading is page furniture, a continuation, a cell fragment or a row of a table.
    const walk = (list: OutlineItem[]) => {
      for (const i of sections(list)) {
        const line = lineOf(text, i.selectionRange.start) - 1;
        assert.ok(!a.model.furniture.has(line), `${fixture}: heading on a furniture line: ${i.name}`);
        assert.ok(!CONTINUATION.test(i.name), `${fixture}: continuation as a heading: ${i.name}`);
        assert.ok(!FRAGMENT.test(i.name), `${fixture}: cell fragment as a heading: ${i.name}`);
        assert.ok(!a.model.tables.some((t) => t.rows.some((r) => r.line === line)), `${fixture}: table row as a heading: ${i.name}`);
        walk(i.children);
      }
    };
    walk(items);
  });
}
