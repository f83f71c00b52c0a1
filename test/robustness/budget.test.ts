// Limits enforced by work done (parse/document.ts, parse/chunks.ts): a line over
// 20,000 characters is a chunk of its own that no table detector sees; a chunk
// whose cells could go over the document's work budget is never searched, and
// the document gets only its outline and one information message; a document of
// more lines than its line budget is not parsed at all.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { analyze } from '../../server/src/analysis/analyze';
import { problemsAfterEdit } from '../../server/src/features/incremental';
import { diagnostics } from '../../server/src/features/diagnostics';
import { hoverAt } from '../../server/src/features/hover';
import { outline } from '../../server/src/features/outline';
import { semanticTokens } from '../../server/src/features/semanticTokens';
import { foldingRanges } from '../../server/src/features/folding';
import { inlayHints } from '../../server/src/features/inlayHints';
import { tableLenses } from '../../server/src/features/codeLens';
import { workspaceSymbols } from '../../server/src/features/workspaceSymbols';
import { selectionRangesAt } from '../../server/src/features/selection';
import { crossReferenceAt } from '../../server/src/features/crossReference';
import { termAt } from '../../server/src/features/query';
import { chunksOf, chunkWorkBound, MAX_TABLE_LINE } from '../../server/src/parse/chunks';
import { lineBudget, utf8Length, workBudget } from '../../server/src/parse/document';
import { splitLines } from '../../server/src/parse/lines';
import { COUNTS, table } from './util';

const FIXTURES = path.resolve(__dirname, '../../../test/fixtures');
const fixtures = fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.filing')).sort().map((f) => ({ name: f, text: fs.readFileSync(path.join(FIXTURES, f), 'utf8') }));
const cellsOf = (a: ReturnType<typeof analyze>) => a.model.tables.reduce((n, t) => n + t.rows.reduce((m, r) => m + r.cells.length, 0), 0);

test('utf8Length counts the bytes of the text in UTF-8', () => {
  for (const s of ['', 'abc', '单位：万元', 'é\u{1d400}\ufffd\n|1,234.56', fixtures[0].text]) assert.equal(utf8Length(s), Buffer.byteLength(s, 'utf8'), s.slice(0, 20));
});

test('the real filings of test/fixtures are far inside their work budget, and never over it', () => {
  for (const f of fixtures) {
    const a = analyze(f.text);
    const work = cellsOf(a) + a.model.proseFigures.length;
    const budget = workBudget(utf8Length(f.text));
    assert.equal(a.model.overBudget, undefined, f.name);
    assert.ok(work < budget / 4, `${f.name}: ${work} of ${budget}`);
    assert.ok(a.model.lines.length < lineBudget(utf8Length(f.text)) / 4, f.name);
  }
});

test('chunkWorkBound is at least the cells the detectors make of each chunk (fixtures, generated tables, pipes on end)', () => {
  const texts = [
    ...fixtures.map((f) => f.text),
    table('pipe', 300).text,
    table('space', 300).text,
    table('glued', 300).text,
    '单位：万元\n' + ('1|'.repeat(300) + '\n').repeat(40),
    '项目 | a | b |\n' + 'x | 1 | |\n'.repeat(30) + 'y | 1 | 2 | 3 | 4 | 5 | 6 |\n' + 'z | 1 | |\n'.repeat(30),
    '合计' + '1.00'.repeat(100) + '\n' + '合计' + '2.00'.repeat(100) + '\n',
    '项目\n\n1\n\n2\n\n3\n\n'.repeat(200),
  ];
  for (const text of texts) {
    const a = analyze(text, { workBudget: Infinity });
    const lines = a.model.lines;
    for (const c of chunksOf(lines, text.length)) {
      const made = a.model.tables.filter((t) => t.start >= c.start && t.start < c.end).reduce((n, t) => n + t.rows.reduce((m, r) => m + r.cells.length, 0), 0);
      assert.ok(made <= chunkWorkBound(lines, c), `${made} cells > bound ${chunkWorkBound(lines, c)} in ${text.slice(c.start, c.start + 60)}`);
    }
  }
});

test('a line over 20,000 characters is never a table row: no cells, figures, hovers or semantic tokens on it, the table above intact', () => {
  const head = COUNTS;
  const long = '合计 | ' + '1 | '.repeat(250_000);
  const text = head + long + '\n' + COUNTS;
  assert.ok(long.length > MAX_TABLE_LINE);
  const a = analyze(text);
  const from = head.length;
  const to = from + long.length;
  assert.equal(a.model.tables.length, 2);
  for (const t of a.model.tables) for (const r of t.rows) assert.ok(r.end <= from || r.start > to, `a row on the long line: ${r.label}`);
  assert.ok(!a.figures.some((p) => p.figure.start >= from && p.figure.start < to));
  assert.equal(hoverAt(a, from + 10), undefined);
  assert.equal(semanticTokens(a, { start: from, end: to }).filter((t) => t.start >= from && t.start < to).length, 0);
  // Both tables still checked: the 25,211 total is flagged in each.
  assert.equal(diagnostics(a).filter((d) => /25,211 ≠/.test(d.message)).length, 2);
  // A long line is a chunk of its own.
  const lines = splitLines(text);
  const longLine = lines.findIndex((l) => l.text.length > MAX_TABLE_LINE);
  assert.ok(chunksOf(lines, text.length).some((c) => c.fromLine === longLine && c.toLine === longLine + 1));
});

test('a 100,000-character line of figures costs 0–10 ms and gives no figures', () => {
  const text = `${'1,234.56 | 壹佰万元 '.repeat(6_250)}\n${COUNTS}`;
  analyze(text);
  const t0 = process.hrtime.bigint();
  const a = analyze(text);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  console.log(`budget: 100,000-character line + a table analysed in ${ms.toFixed(1)} ms`);
  assert.ok(!a.figures.some((p) => p.figure.start < 100_000));
  assert.ok(ms < 50, `${ms} ms`);
});

test('a document over its work budget: the outline only, one information message, no figures; the same in its edits', () => {
  const text = `问题1 关于收入\n\n${COUNTS}\n二、其他\n\n单位：万元\n${('1|'.repeat(2000) + '\n').repeat(300)}`;
  const a = analyze(text);
  assert.deepEqual(a.model.overBudget, { budget: workBudget(utf8Length(text)), of: 'work' });
  assert.equal(a.outlineOnly, true);
  assert.equal(a.model.tables.length, 0);
  assert.equal(a.figures.length, 0);
  assert.deepEqual(
    outline(a.model).map((o) => o.name),
    ['问题1 关于收入'],
  );
  assert.deepEqual(outline(a.model)[0].children.map((o) => o.name), ['(二)发行人小B商户是否区分独立个体户、连锁店、专业运营公司等', '二、其他']);
  const d = diagnostics(a);
  assert.equal(d.length, 1);
  assert.equal(d[0].code, 'over-budget');
  assert.equal(d[0].severity, 'information');
  assert.match(d[0].message, /more table cells and figures than can be analysed .*only the outline is shown/);
  // The edit path declines: the whole analysis decides.
  assert.equal(problemsAfterEdit(a, d, text.replace('25,211', '25,212')), undefined);
  // The same document with a budget that fits is analysed.
  const full = analyze(text, { workBudget: Infinity });
  assert.ok(cellsOf(full) > workBudget(utf8Length(text)));
});

test('prose figures count against the budget too (digit soup)', () => {
  const text = `问题1 关于收入\n${('1元'.repeat(5000) + '\n').repeat(40)}`;
  const a = analyze(text);
  assert.equal(a.model.overBudget?.of, 'work');
  assert.equal(a.figures.length, 0);
  assert.equal(outline(a.model)[0]?.name, '问题1 关于收入');
  assert.equal(analyze(text, { workBudget: Infinity }).figures.length, 200_000);
});

test('a document of more lines than its line budget is not parsed; every feature answers empty without throwing', () => {
  const text = '问题1 关于收入\n' + '\n'.repeat(300_000) + COUNTS;
  const a = analyze(text);
  assert.equal(a.model.overBudget?.of, 'lines');
  assert.equal(a.model.overBudget?.used, 300_001 + COUNTS.split('\n').length);
  assert.deepEqual(a.model.lines, []);
  const d = diagnostics(a);
  assert.deepEqual(d.map((x) => x.code), ['over-budget']);
  assert.match(d[0].message, /too many lines for its size/);
  const everywhere = { start: 0, end: text.length };
  assert.deepEqual(outline(a.model), []);
  assert.deepEqual(semanticTokens(a), []);
  assert.deepEqual(foldingRanges(a.model), []);
  assert.deepEqual(inlayHints(a, everywhere), []);
  assert.deepEqual(tableLenses(a), []);
  assert.deepEqual(workspaceSymbols([{ uri: 'u', analysis: a }], ''), []);
  for (const at of [0, 5, text.length - 3, text.length]) {
    assert.equal(hoverAt(a, at), undefined);
    assert.equal(crossReferenceAt(a, at), undefined);
    assert.equal(termAt(a, at), undefined);
    assert.ok(Array.isArray(selectionRangesAt(a, at)));
  }
});
