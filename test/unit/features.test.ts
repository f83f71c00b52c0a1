// The editor features as plain functions over an analysis (offsets in, offsets out).
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { analyze } from '../../server/src/analysis/analyze';
import { foldingRanges } from '../../server/src/features/folding';
import { selectionRangesAt } from '../../server/src/features/selection';
import { semanticTokens, TOKEN_MODIFIERS, TOKEN_TYPES } from '../../server/src/features/semanticTokens';
import { inlayHints } from '../../server/src/features/inlayHints';
import { tableLenses } from '../../server/src/features/codeLens';
import { tableAt, tableGrid } from '../../server/src/features/tableGrid';
import { tableHtml } from '../../client/src/tableHtml';
import { matchScore, workspaceSymbols } from '../../server/src/features/workspaceSymbols';

export const COUNTS = `问题1 关于商户
一、商户数量
(二)发行人小B商户是否区分独立个体户、连锁店、专业运营公司等
单位：万元
数量 | 2021.12.31 | 2020.12.31 | 2019.12.31 |
独立门店(含个体户) | 23,879 | 24,293 | 19,990 |
连锁店 | 1,121 | 918 | 1,200 |
专业运营公司 | 1 | 1 | - |
合计 | 25,001 | 25,311 | 21,190 |

二、其他
本节说明其他事项，包括经营情况与未来的发展规划。
`;

const slice = (text: string, r: { start: number; end: number }) => text.slice(r.start, r.end);

test('folding: each section from its heading to its last non-blank line, and the table from its caption', () => {
  const folds = foldingRanges(analyze(COUNTS).model);
  const texts = folds.map((f) => `${f.kind}:${slice(COUNTS, f).split('\n')[0]}…${slice(COUNTS, f).split('\n').pop()}`);
  assert.deepEqual(texts, [
    'section:问题1 关于商户…本节说明其他事项，包括经营情况与未来的发展规划。',
    'section:一、商户数量…合计 | 25,001 | 25,311 | 21,190 |',
    'section:(二)发行人小B商户是否区分独立个体户、连锁店、专业运营公司等…合计 | 25,001 | 25,311 | 21,190 |',
    'table:(二)发行人小B商户是否区分独立个体户、连锁店、专业运营公司等…合计 | 25,001 | 25,311 | 21,190 |',
    'section:二、其他…本节说明其他事项，包括经营情况与未来的发展规划。',
  ]);
  // No fold ends in whitespace (it would swallow the next heading's line).
  for (const f of folds) assert.ok(!/\s$/.test(slice(COUNTS, f)));
});

test('selection ranges grow figure → cell → row → table → sections, each containing the last', () => {
  const a = analyze(COUNTS);
  const chain = selectionRangesAt(a, COUNTS.indexOf('25,311') + 2);
  const texts = chain.map((r) => slice(COUNTS, r));
  assert.equal(texts[0], '25,311');
  assert.equal(texts[1].trim(), '25,311');
  assert.equal(texts[2], '合计 | 25,001 | 25,311 | 21,190 |');
  assert.ok(texts[3].startsWith('(二)') && texts[3].endsWith('21,190 |'), texts[3]);
  assert.ok(texts.some((t) => t.startsWith('一、商户数量')));
  assert.ok(texts[texts.length - 1].startsWith('问题1'));
  for (let i = 1; i < chain.length; i++) {
    assert.ok(chain[i].start <= chain[i - 1].start && chain[i - 1].end <= chain[i].end, `${i} contains ${i - 1}`);
    assert.ok(chain[i].end - chain[i].start > chain[i - 1].end - chain[i - 1].start);
  }
  // In prose: just the sections.
  const prose = selectionRangesAt(a, COUNTS.indexOf('本节说明'));
  assert.equal(slice(COUNTS, prose[0]), '二、其他\n本节说明其他事项，包括经营情况与未来的发展规划。\n');
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
  assert.ok(named.includes('number.readonly:25,311'));
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

test('inlay hints: the value in 元 after figures of a 万元 table (when asked), ✓ or the sum after checked totals', () => {
  const a = analyze(COUNTS);
  const all = { start: 0, end: COUNTS.length };
  const at = (h: { offset: number }) => COUNTS.slice(h.offset - 6, h.offset);
  const totals = inlayHints(a, all, { normalizedValues: false, totals: true });
  assert.deepEqual(totals.map((h) => `${at(h)} ${h.label}`), ['25,001 ✓', '25,311 ≠ 25,212', '21,190 ✓']);
  assert.match(totals[1].tooltip, /difference 99 /);
  const normalized = inlayHints(a, all, { normalizedValues: true, totals: false });
  const first = normalized.find((h) => at(h) === '23,879');
  assert.ok(first, normalized.map((h) => h.label).join(' '));
  assert.equal(first.label, '=238,790,000.00 元');
  assert.equal(inlayHints(a, all, { normalizedValues: false, totals: false }).length, 0);
  // Only the requested range.
  const line = COUNTS.indexOf('连锁店 |');
  const some = inlayHints(a, { start: line, end: line + 25 }, { normalizedValues: true, totals: true });
  assert.deepEqual(some.map((h) => h.label), ['=11,210,000.00 元', '=9,180,000.00 元', '=12,000,000.00 元']);
  // A 元 table gets no normalized hints.
  const yuan = analyze(COUNTS.replace('单位：万元', '单位：元'));
  assert.equal(inlayHints(yuan, all, { normalizedValues: true, totals: false }).length, 0);
});

test('code lens above each table: size, unit, totals checked and differing', () => {
  const lenses = tableLenses(analyze(COUNTS));
  assert.equal(lenses.length, 1);
  assert.equal(lenses[0].title, '4 rows × 3 columns · 单位：万元 · 3 totals checked, 1 differ');
  assert.ok(COUNTS.slice(lenses[0].range.start, lenses[0].range.end).startsWith('(二)发行人'));
  // Accepting the difference: 0 differ.
  const accepted = tableLenses(analyze(COUNTS + 'filing-lens: accept 合计 25,311\n'));
  assert.match(accepted[0].title, /3 totals checked, 0 differ$/);
});

test('table grid: columns, rows, values in 元 and reconciliation marks per total cell', () => {
  const a = analyze(COUNTS);
  const table = tableAt(a, COUNTS.indexOf('连锁店'))!;
  assert.ok(table);
  assert.equal(tableAt(a, COUNTS.indexOf('(二)')), table, 'the caption line belongs to the table');
  const g = tableGrid(a, table);
  assert.equal(g.unit, '万元');
  assert.deepEqual(g.columns, ['2021.12.31', '2020.12.31', '2019.12.31']);
  const total = g.rows.find((r) => r.label === '合计')!;
  assert.equal(total.kind, 'total');
  assert.equal(total.line, 8);
  const marks = total.cells.map((c) => c.mark ?? '');
  assert.deepEqual(marks.filter(Boolean), ['ok', 'differs', 'ok']);
  const bad = total.cells.find((c) => c.mark === 'differs')!;
  assert.equal(bad.text, '25,311');
  assert.match(bad.note!, /25,212/);
  assert.equal(bad.normalized, '253,110,000.00 元');
  assert.equal(g.checked, 3);
  assert.equal(g.differ, 1);
  const html = tableHtml(g, 'NONCE');
  assert.match(html, /<h3>\(二\)发行人小B商户/);
  assert.match(html, /25,311<span class="bad">✗<\/span>/);
  assert.match(html, /25,001<span class="ok">✓<\/span>/);
  assert.match(html, /script-src 'nonce-NONCE'/);
  assert.match(html, /data-line="8"/);
  // Text from the document is escaped.
  const evil = tableHtml({ ...g, caption: '<img src=x onerror=alert(1)>' }, 'N');
  assert.ok(!evil.includes('<img'));
});

test('workspace symbols: sections and table captions of every open filing, best matches first', () => {
  const other = '第三节 管理层讨论与分析\n一、商户与收入\n本节说明其他事项，包括经营情况与未来的发展规划。\n';
  const docs = [
    { uri: 'file:///a.filing', analysis: analyze(COUNTS) },
    { uri: 'file:///b.filing', analysis: analyze(other) },
  ];
  const all = workspaceSymbols(docs, '');
  assert.ok(all.some((s) => s.uri === 'file:///b.filing' && s.name === '第三节 管理层讨论与分析' && s.kind === 'section'));
  const table = all.find((s) => s.kind === 'table');
  assert.ok(table && table.name.startsWith('表: (二)发行人'), JSON.stringify(all.map((s) => s.name)));
  assert.equal(table.container, '(二) 发行人小B商户是否区分独立个体户、连锁店、专业运营公司等');
  const q = workspaceSymbols(docs, '商户');
  assert.deepEqual(q.map((s) => `${s.uri.slice(-8)} ${s.name}`), [
    'a.filing 一、 商户数量',
    'b.filing 一、 商户与收入',
    'a.filing 问题1 关于商户',
    'a.filing (二) 发行人小B商户是否区分独立个体户、连锁店、专业运营公司等',
    'a.filing 表: (二)发行人小B商户是否区分独立个体户、连锁店、专业运营公司等',
  ]);
  assert.equal(workspaceSymbols(docs, '资产负债表').length, 0);
  assert.equal(matchScore('合并资产负债表', '合资负'), 1);
  assert.equal(matchScore('合并资产负债表', '负合'), 0);
});
