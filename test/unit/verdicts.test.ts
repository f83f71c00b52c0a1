// Every warning over the real filings beside the project (../shared/filings, ../shared/corpus) must have a
// verdict in test/verdicts.tsv, and the verdict must be "real": a warning that cries wolf fails this test.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { analyze } from '../../server/src/analysis/analyze';
import { lineAt } from '../../server/src/parse/lines';
import { diagnostics } from '../../server/src/features/diagnostics';

const ROOT = path.resolve(__dirname, '../../..');
const SHARED = path.resolve(ROOT, '../shared');
const dirs = ['filings', 'corpus'].map((d) => path.join(SHARED, d));
const available = dirs.every((d) => fs.existsSync(d));

const verdicts = new Map<string, { verdict: string; why: string }>();
for (const line of fs.readFileSync(path.join(ROOT, 'test/verdicts.tsv'), 'utf8').split('\n')) {
  if (!line.trim() || line.startsWith('#')) continue;
  const [file, at, verdict, message, why] = line.split('\t');
  verdicts.set(`${file}\t${at}\t${message}`, { verdict, why });
}

test('verdicts: every warning over ../shared/filings and ../shared/corpus is judged, and real', { skip: !available && !process.env.CI ? '../shared is not beside the project' : false }, () => {
  assert.ok(available, '../shared/filings and ../shared/corpus must be beside the project in CI');
  const unjudged: string[] = [];
  const falseAlarms: string[] = [];
  let n = 0;
  for (const dir of dirs) {
    for (const name of fs.readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()) {
      const a = analyze(fs.readFileSync(path.join(dir, name), 'utf8'));
      for (const d of diagnostics(a)) {
        if (d.severity !== 'warning') continue;
        n++;
        const line = (lineAt(a.model.lines, d.range.start)?.index ?? 0) + 1;
        const v = verdicts.get(`${name}\t${line}\t${d.message}`);
        if (!v) unjudged.push(`${name}\t${line}\t?\t${d.message}`);
        else if (v.verdict !== 'real') falseAlarms.push(`${name}:${line} ${d.message} — ${v.why}`);
      }
    }
  }
  assert.deepEqual(unjudged, [], `warnings without a verdict in test/verdicts.tsv:\n${unjudged.join('\n')}`);
  assert.deepEqual(falseAlarms, [], `false warnings:\n${falseAlarms.join('\n')}`);
  assert.ok(n > 0, 'the seed filings hold real discrepancies: some warnings are expected');
});
