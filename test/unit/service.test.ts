// The language service (features/service.ts): one object for every feature, over which the language server
// and the CLI are thin hosts. What it decides itself — which answer a hover or Go to Definition gives when
// several could — and what it asks of its host (inlay settings); and that no feature keeps module state.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { createFilingService } from '../../server/src/features/service';
import { DEFAULT_INLAY_OPTIONS, InlayOptions } from '../../server/src/features/inlayHints';
import { definedTerms } from '../../server/src/features/definedTerms';
import { termAt } from '../../server/src/features/query';

const service = createFilingService();
const slice = (text: string, r: { start: number; end: number }) => text.slice(r.start, r.end);

const NOTES = `释义
中科金财、公司 | 指 | 北京中科金财科技股份有限公司

第十节 财务报告
七、合并财务报表项目注释
1、货币资金
货币资金的明细如下，单位为人民币元，详见下表所列示的内容。
2、应收账款
中科金财应收账款的坏账准备计提方法详见附注七、1。
`;

test('Go to Definition: a cross-reference goes to its section, a defined term to its 释义 entry', () => {
  const a = service.analyze(NOTES);
  const [ref] = service.definition(a, NOTES.indexOf('附注七、1') + 2);
  assert.equal(slice(NOTES, ref.selection), '1、货币资金');
  assert.equal(slice(NOTES, ref.origin), '附注七、1');
  const use = NOTES.lastIndexOf('中科金财');
  const [term] = service.definition(a, use + 1);
  assert.equal(slice(NOTES, term.selection), '中科金财、公司');
  assert.equal(slice(NOTES, term.origin), '中科金财');
  assert.deepEqual(service.definition(a, NOTES.indexOf('坏账准备')), []);
});

test('hover: a figure first, else a defined term, else nothing', () => {
  const a = service.analyze(NOTES);
  const h = service.hover(a, NOTES.lastIndexOf('中科金财') + 1)!;
  assert.match(h.markdown, /\*\*中科金财\*\*：北京中科金财科技股份有限公司/);
  assert.equal(service.hover(a, NOTES.indexOf('明细')), undefined);
  const table = '单位：万元\n项目 2020年 2019年\n甲 1.00 2.00\n乙 3.00 4.00\n合计 4.00 6.00\n';
  const t = service.analyze(table);
  assert.match(service.hover(t, table.indexOf('4.00') + 1)!.markdown, /40,000\.00 元/);
});

test('inlay hints follow the host’s settings, read on every request', () => {
  let options: InlayOptions = { ...DEFAULT_INLAY_OPTIONS, normalizedValues: false, totals: false };
  const hosted = createFilingService({ inlayOptions: () => options });
  const table = '单位：万元\n项目 2020年 2019年\n甲 1.00 2.00\n乙 3.00 4.00\n合计 4.00 6.00\n';
  const a = hosted.analyze(table);
  const all = { start: 0, end: table.length };
  assert.deepEqual(hosted.inlayHints(a, all), []);
  options = { ...options, totals: true };
  assert.ok(hosted.inlayHints(a, all).some((h) => h.label === '✓'));
});

test('a table by index or by an offset inside it, exported with a file name', () => {
  const table = '单位：万元\n项目 2020年 2019年\n甲 1.00 2.00\n乙 3.00 4.00\n合计 4.00 6.00\n';
  const a = service.analyze(table);
  const t = service.tableOf(a, { offset: table.indexOf('3.00') })!;
  assert.equal(t, service.tableOf(a, 0));
  const csv = service.tableExport(a, t, 'csv');
  assert.match(csv.name, /\.csv$/);
  assert.match(csv.text, /甲/);
  assert.equal(service.tableOf(a, 5), undefined);
});

test('features keep no module state: no top-level let, var, Map or WeakMap in server/src/features', () => {
  const dir = path.resolve(__dirname, '../../../server/src/features');
  const wrong: string[] = [];
  for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.ts'))) {
    const text = fs.readFileSync(path.join(dir, f), 'utf8');
    for (const line of text.split('\n')) if (/^(?:export\s+)?(?:let|var)\s|^(?:export\s+)?const\s+\w+\s*(?::[^=]+)?=\s*new\s+(?:Weak)?Map\b/.test(line)) wrong.push(`${f}: ${line.trim()}`);
  }
  assert.deepEqual(wrong, []);
  // The check catches what it looks for.
  assert.ok(/^(?:export\s+)?const\s+\w+\s*(?::[^=]+)?=\s*new\s+(?:Weak)?Map\b/.test('const memo = new WeakMap<Analysis, TermEntry[]>();'));
});

test('the query finds a defined term as the linear search over the text does, at every offset of a real 释义', () => {
  // The oracle: for each term, its first occurrence starting no earlier than offset − its length covers the
  // offset if it starts by then; the longest wins, and of two as long the first the 释义 lists.
  const text = fs.readFileSync(path.resolve(__dirname, '../../../test/fixtures/002-cell-per-line-balance-sheet.filing'), 'utf8');
  const a = service.analyze(text);
  const entries = definedTerms(a);
  assert.ok(entries.length >= 15);
  const linear = (offset: number) => {
    let best: { term: string; start: number } | undefined;
    for (const entry of entries) {
      for (const term of entry.terms) {
        if (best && term.length <= best.term.length) continue;
        const at = text.indexOf(term, Math.max(0, offset - term.length));
        if (at >= 0 && at <= offset) best = { term, start: at };
      }
    }
    return best;
  };
  let found = 0;
  for (let offset = 0; offset <= text.length; offset += 7) {
    const want = linear(offset);
    const got = termAt(a, offset);
    assert.deepEqual(got && { term: got.term, start: got.range.start }, want, `offset ${offset}`);
    if (got) found++;
  }
  assert.ok(found > 20, String(found));
});
