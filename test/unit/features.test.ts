// The editor features as plain functions over an analysis (offsets in, offsets out).
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { analyze } from '../../server/src/analysis/analyze';
import { foldingRanges } from '../../server/src/features/folding';
import { selectionRangesAt } from '../../server/src/features/selection';
import { semanticTokens, TOKEN_MODIFIERS, TOKEN_TYPES } from '../../server/src/features/semanticTokens';

export const COUNTS = `问题1 关于商户
一、商户数量
(二)发行人小B商户是否区分独立个体户、连锁店、专业运营公司等
单位：万元
数量 | 2021.12.31 | 2020.12.31 | 2019.12.31 |
独立门店(含个体户) | 23,879 | 24,293 | 19,990 |
连锁店 | 1,121 | 918 | 1,200 |
专业运营公司 | 1 | 1 | - |
合计 | 25,001 | 25,211 | 21,190 |

二、其他
正文。
`;

const slice = (text: string, r: { start: number; end: number }) => text.slice(r.start, r.end);

test('folding: each section from its heading to its last non-blank line, and the table from its caption', () => {
  const folds = foldingRanges(analyze(COUNTS).model);
  const texts = folds.map((f) => `${f.kind}:${slice(COUNTS, f).split('\n')[0]}…${slice(COUNTS, f).split('\n').pop()}`);
  assert.deepEqual(texts, [
    'section:问题1 关于商户…正文。',
    'section:一、商户数量…合计 | 25,001 | 25,211 | 21,190 |',
    'section:(二)发行人小B商户是否区分独立个体户、连锁店、专业运营公司等…合计 | 25,001 | 25,211 | 21,190 |',
    'table:(二)发行人小B商户是否区分独立个体户、连锁店、专业运营公司等…合计 | 25,001 | 25,211 | 21,190 |',
    'section:二、其他…正文。',
  ]);
  // No fold ends in whitespace (it would swallow the next heading's line).
  for (const f of folds) assert.ok(!/\s$/.test(slice(COUNTS, f)));
});

test('selection ranges grow figure → cell → row → table → sections, each containing the last', () => {
  const a = analyze(COUNTS);
  const chain = selectionRangesAt(a, COUNTS.indexOf('25,211') + 2);
  const texts = chain.map((r) => slice(COUNTS, r));
  assert.equal(texts[0], '25,211');
  assert.equal(texts[1].trim(), '25,211');
  assert.equal(texts[2], '合计 | 25,001 | 25,211 | 21,190 |');
  assert.ok(texts[3].startsWith('(二)') && texts[3].endsWith('21,190 |'), texts[3]);
  assert.ok(texts.some((t) => t.startsWith('一、商户数量')));
  assert.ok(texts[texts.length - 1].startsWith('问题1'));
  for (let i = 1; i < chain.length; i++) {
    assert.ok(chain[i].start <= chain[i - 1].start && chain[i - 1].end <= chain[i].end, `${i} contains ${i - 1}`);
    assert.ok(chain[i].end - chain[i].start > chain[i - 1].end - chain[i - 1].start);
  }
  // In prose: just the sections.
  const prose = selectionRangesAt(a, COUNTS.indexOf('正文'));
  assert.equal(slice(COUNTS, prose[0]), '二、其他\n正文。\n');
});

test('semantic tokens: headings, units, row labels, totals and figures, sorted and on one line each', () => {
  const a = analyze(COUNTS);
  const tokens = semanticTokens(a);
  const named = tokens.map((t) => {
    const mods = TOKEN_MODIFIERS.filter((_, i) => t.modifiers & (1 << i));
    return `${TOKEN_TYPES[t.type]}${mods.length ? '.' + mods.join('.') : ''}:${slice(COUNTS, t)}`;
  });
  assert.ok(named.includes('namespace.declaration:一、商户数量'), named.join('\n'));
  assert.ok(named.includes('type:万元'));
  assert.ok(named.includes('property:连锁店'));
  assert.ok(named.includes('keyword:合计'));
  assert.ok(named.includes('number:1,121'));
  assert.ok(named.includes('number.readonly:25,211'));
  for (let i = 0; i < tokens.length; i++) {
    assert.ok(!slice(COUNTS, tokens[i]).includes('\n'));
    if (i) assert.ok(tokens[i].start >= tokens[i - 1].end, 'sorted, no overlap');
  }
  // A range request gives only the tokens in the range.
  const from = COUNTS.indexOf('连锁店');
  const some = semanticTokens(a, { start: from, end: from + 20 });
  assert.ok(some.length > 0 && some.length < tokens.length);
  assert.ok(!some.some((t) => slice(COUNTS, t) === '一、商户数量'));
});
