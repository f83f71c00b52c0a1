// Recognising a filing by its first lines (server/src/features/detect.ts), on the
// beginnings of real filings in several converter layouts and on texts that are
// not filings but mention what filings carry.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { detectFiling, detectionPrefix, DETECT_MAX_CHARS, DETECT_MAX_LINES } from '../../server/src/features/detect';

const ROOT = path.resolve(__dirname, '../../..');
const DETECT = path.join(ROOT, 'test/fixtures/detect');
const read = (p: string) => fs.readFileSync(path.join(ROOT, p), 'utf8');

const FILING_EXCERPTS = fs.readdirSync(DETECT).filter((f) => /^\d/.test(f)).sort();
const NOT_FILINGS = fs.readdirSync(DETECT).filter((f) => f.startsWith('not-filing')).sort();

test('the detection fixtures are there (five corpus excerpts, three non-filings)', () => {
  assert.equal(FILING_EXCERPTS.length, 5);
  assert.equal(NOT_FILINGS.length, 3);
});

for (const f of FILING_EXCERPTS) {
  test(`a real filing's beginning is a filing: ${f}`, () => {
    const text = fs.readFileSync(path.join(DETECT, f), 'utf8');
    const d = detectFiling(text);
    assert.ok(d.isFiling, JSON.stringify(d));
    assert.ok(d.signals.length >= 3, JSON.stringify(d.signals));
    assert.ok(d.signals.some((s) => s.kind === 'title'), 'a report title is found');
  });
}

test('excerpts that start with [P1], a company name and a blank line are recognised by their page markers', () => {
  for (const f of ['23-annual-cellperline.txt', '26-restructuring-cellperline.txt', '28-cbprospectus-mixed.txt']) {
    const text = fs.readFileSync(path.join(DETECT, f), 'utf8');
    assert.equal(text.split('\n')[0], '[P1]');
    const kinds = detectFiling(text).signals.map((s) => s.kind);
    assert.ok(kinds.includes('pageMarker'), `${f}: ${kinds}`);
  }
});

test('the seed filings (test/fixtures/*.filing) are filings by their content alone', () => {
  // The five seeds (000–004); the layout excerpts beside them (21-…, 22-…) are parts of filings.
  const files = fs.readdirSync(path.join(ROOT, 'test/fixtures')).filter((f) => /^00\d-.*\.filing$/.test(f));
  assert.equal(files.length, 5);
  for (const f of files) assert.ok(detectFiling(read(`test/fixtures/${f}`)).isFiling, f);
});

for (const f of NOT_FILINGS) {
  test(`a text that mentions filings but is not one stays plain: ${f}`, () => {
    const d = detectFiling(fs.readFileSync(path.join(DETECT, f), 'utf8'));
    assert.equal(d.isFiling, false, JSON.stringify(d));
  });
}

test('the project’s own README, architecture notes and source files with filing text in them stay plain', () => {
  for (const f of ['README.md', 'ARCHITECTURE.md', 'server/src/parse/units.ts', 'test/unit/texts.ts', 'client/src/extension.ts']) {
    const d = detectFiling(read(f));
    assert.equal(d.isFiling, false, `${f}: ${JSON.stringify(d)}`);
    assert.ok(d.veto, `${f} is ruled out as English or program text`);
  }
});

test('one strong signal is not enough; two independent ones are', () => {
  // A title and a company name only (a news item about a report).
  assert.equal(detectFiling('贵州茅台酒股份有限公司\n2021 年年度报告\n').isFiling, false);
  // The same with a unit line and a statement title.
  const d = detectFiling('贵州茅台酒股份有限公司\n2021 年年度报告\n\n合并资产负债表\n单位：元  币种：人民币\n');
  assert.ok(d.isFiling, JSON.stringify(d));
  assert.deepEqual(d.signals.map((s) => s.kind).sort(), ['company', 'statement', 'title', 'unit']);
  // Weak signals alone never make a filing, however many.
  const weak = '某某股份有限公司\n重要提示\n1 / 189\n' + '1,234,567.89 2,345,678.90 '.repeat(3) + '\n这是一段说明文字，内容与财务无关。\n';
  const w = detectFiling(weak);
  assert.ok(w.score >= 4, JSON.stringify(w));
  assert.equal(w.isFiling, false);
});

test('only the beginning is read: signals after the first lines do not count', () => {
  const filler = '这是一段普通的说明文字，没有任何财务信息。\n';
  const signals = '[P1]\n某某股份有限公司 2024 年年度报告\n\n[P2]\n单位：万元\n';
  assert.ok(detectFiling(signals + filler.repeat(500)).isFiling);
  assert.equal(detectFiling(filler.repeat(DETECT_MAX_LINES) + signals).isFiling, false);
  // A 20 MB text with no line breaks: the prefix is cut at DETECT_MAX_CHARS.
  const huge = '年'.repeat(10 * 1024 * 1024);
  assert.equal(detectionPrefix(huge).length, DETECT_MAX_CHARS);
  const t0 = performance.now();
  const d = detectFiling(huge);
  const ms = performance.now() - t0;
  assert.equal(d.isFiling, false);
  console.log(`# detectFiling on a 10 M-character single line: ${ms.toFixed(1)} ms`);
  // Whole lines within the limits.
  const p = detectionPrefix('a\nb\nc\n', 2);
  assert.equal(p, 'a\nb\n');
});

test('bad input never throws', () => {
  for (const t of ['', '\n\n\n', '\ud800\udc00\ud800', '\r\r\r[P1]\r[P2]\r', 'x'.repeat(100000), undefined as unknown as string, 42 as unknown as string]) {
    const d = detectFiling(t);
    assert.equal(typeof d.isFiling, 'boolean');
  }
});

test('the language’s firstLine pattern (package.json) names the report kinds of the issue, and not a README title', () => {
  const pkg = JSON.parse(read('package.json'));
  const firstLine = new RegExp(pkg.contributes.languages[0].firstLine);
  for (const line of [
    '深圳市银之杰科技股份有限公司 2017 年年度报告全文',
    '中科金财:2019年半年度财务报告',
    '苏州东微半导体股份有限公司招股意向书',
    '厦门金达威集团股份有限公司向不特定对象发行可转换公司债券募集说明书',
    '海南海峡航运股份有限公司重大资产重组报告书（草案）',
    '中国移动有限公司2025年第一季度报告',
    '关于某某公司首次公开发行股票并上市申请文件的审核问询函',
  ]) {
    assert.match(line, firstLine);
  }
  for (const line of ['# filing-lens', '[P1]', 'import * as vscode from "vscode";']) assert.doesNotMatch(line, firstLine);
});

test('property: the answer depends on the first lines only, and no input throws', () => {
  const pieces = ['[P1]', '[P2]', '某某股份有限公司', '2024 年年度报告', '合并资产负债表', '单位：万元', '股票代码：600000', '重要提示', '1 / 120', '1,234.56', 'const x = 1;', '说明文字。', '', ' ', '\r', '\ud800'];
  const line = fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 20 }));
  fc.assert(
    fc.property(fc.array(line, { minLength: DETECT_MAX_LINES, maxLength: DETECT_MAX_LINES + 20 }), fc.array(line, { maxLength: 30 }), (head, tail) => {
      const text = head.map((l) => l.replace(/[\r\n]/g, '')).join('\n') + '\n';
      const a = detectFiling(text);
      const b = detectFiling(text + tail.join('\n'));
      assert.deepEqual(b, a);
    }),
    { numRuns: 50, seed: 20261129 },
  );
});
