// Re-analysing one chunk after an edit gives the same problems as analysing the whole new text.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { analyze } from '../../server/src/analysis/analyze';
import { changedRange, problemsAfterEdit } from '../../server/src/features/incremental';
import { diagnostics, Problem } from '../../server/src/features/diagnostics';

const FIXTURES = path.resolve(__dirname, '../../../test/fixtures');

function lcg(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

// The document-wide note on unread totals is left out: an edit keeps the last one until the whole analysis
// that follows counts the total rows again.
const key = (ps: Problem[]) => ps.filter((p) => p.code !== 'unread-totals').map((p) => `${p.range.start}-${p.range.end} ${p.message} [${p.related.map((r) => `${r.range.start}-${r.range.end}`).join(',')}] ${p.accept?.offset ?? ''}`);

test('changedRange finds the edited stretch', () => {
  assert.deepEqual(changedRange('abcdef', 'abXdef'), { start: 2, oldEnd: 3, newEnd: 3 });
  assert.deepEqual(changedRange('abcdef', 'abcXYdef'), { start: 3, oldEnd: 3, newEnd: 5 });
  assert.deepEqual(changedRange('aaaa', 'aaa'), { start: 3, oldEnd: 4, newEnd: 3 });
});

test('a digit changed in a total is re-checked in its chunk alone and gets the same problem as a full analysis', () => {
  const text = fs.readFileSync(path.join(FIXTURES, '003-pipe-inquiry.filing'), 'utf8');
  const prev = analyze(text);
  const prevProblems = diagnostics(prev);
  const at = text.indexOf('25,211 | 21,190');
  const edited = text.slice(0, at) + '25,212' + text.slice(at + 6);
  const inc = problemsAfterEdit(prev, prevProblems, edited);
  assert.ok(inc, 'the edit should be handled within its chunk');
  assert.ok(inc.reanalysed.end - inc.reanalysed.start < text.length / 2);
  assert.deepEqual(key(inc.problems), key(diagnostics(analyze(edited))));
  assert.equal(inc.problems.length, prevProblems.length - 1);
});

test('random one-character edits: the chunk result equals the whole-text result', () => {
  const rand = lcg(Number(process.env.INCREMENTAL_SEED ?? 20261124));
  let fast = 0;
  let total = 0;
  for (const f of fs.readdirSync(FIXTURES).filter((x) => x.endsWith('.filing')).sort()) {
    const text = fs.readFileSync(path.join(FIXTURES, f), 'utf8');
    const prev = analyze(text);
    const prevProblems = diagnostics(prev);
    // Edits near figures are the interesting ones: pick digits, and now and then anything.
    const digits: number[] = [];
    for (let i = 0; i < text.length; i++) if (text[i] >= '0' && text[i] <= '9') digits.push(i);
    for (let n = 0; n < 25; n++) {
      const at = rand() < 0.8 && digits.length ? digits[Math.floor(rand() * digits.length)] : Math.floor(rand() * text.length);
      const r = rand();
      const edited =
        r < 0.6 ? text.slice(0, at) + String(Math.floor(rand() * 10)) + text.slice(at + 1) : r < 0.8 ? text.slice(0, at) + '7' + text.slice(at) : text.slice(0, at) + text.slice(at + 1);
      const inc = problemsAfterEdit(prev, prevProblems, edited);
      total++;
      if (!inc) continue;
      fast++;
      assert.deepEqual(key(inc.problems), key(diagnostics(analyze(edited))), `${f}: edit at ${at}`);
    }
  }
  assert.ok(fast >= total * 0.7, `only ${fast} of ${total} edits took the chunk path`);
});
