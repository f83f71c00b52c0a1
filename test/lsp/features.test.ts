// The features beyond the outline, as an editor sees them over stdio JSON-RPC:
// folding, selection ranges, semantic tokens, inlay hints, code lenses, workspace
// symbols, table export, cross-references, defined terms, quick fixes.
import { strict as assert } from 'node:assert';
import { after, before, test } from 'node:test';
import type { LspClient } from '../../scripts/lsp-client.mjs' with { 'resolution-mode': 'import' };
import { clientModule, fixture, positionOf, SERVER } from './helpers';
import { SMALL_FILING } from '../unit/texts';

let client: LspClient;
let fileUri: (p: string) => string;
let init: any;
const pipe = fixture('003-pipe-inquiry.filing');

const SMALL = SMALL_FILING;
const SMALL_URI = 'file:///tmp/filing-lens-small.filing';

before(async () => {
  const m = await clientModule();
  fileUri = m.fileUri;
  client = new m.LspClient(SERVER);
  client.configuration = { inlayHints: { normalizedValues: false, totals: true } };
  init = await client.initialize(null, { workspace: { configuration: true } });
  client.open(SMALL_URI, SMALL, 1);
  await client.waitForDiagnostics(SMALL_URI, 1);
});

after(async () => {
  const exit = await client.shutdown();
  assert.equal(exit.code, 0, client.stderr);
});

test('foldingRange: sections and tables fold from their first line to their last', async () => {
  assert.equal(init.capabilities.foldingRangeProvider, true);
  const folds = await client.request('textDocument/foldingRange', { textDocument: { uri: SMALL_URI } });
  const pairs = folds.map((f: any) => `${f.startLine}-${f.endLine}`).sort();
  // 问题1 (0–11), 一、 (1–8), (二) section and its table (2–8), 二、 (10–11).
  assert.deepEqual(pairs, ['0-11', '1-8', '10-11', '2-8', '2-8'].sort());
});

test('selectionRange: figure → cell → row → table → section', async () => {
  assert.equal(init.capabilities.selectionRangeProvider, true);
  const pos = positionOf(SMALL, '25,311');
  const [sel] = await client.request('textDocument/selectionRange', { textDocument: { uri: SMALL_URI }, positions: [{ line: pos.line, character: pos.character + 1 }] });
  assert.deepEqual(sel.range, { start: pos, end: { line: pos.line, character: pos.character + 6 } });
  const ranges: any[] = [];
  for (let s = sel; s; s = s.parent) ranges.push(s.range);
  const row = ranges.find((r) => r.start.character === 0 && r.start.line === pos.line);
  assert.ok(row, JSON.stringify(ranges));
  assert.ok(ranges.some((r) => r.start.line === 2 && r.end.line === 8), 'the table, from its caption');
  assert.deepEqual(ranges[ranges.length - 1].start, { line: 0, character: 0 });
});

test('semanticTokens/full: a legend and tokens for headings, labels, totals, figures and units', async () => {
  const legend = init.capabilities.semanticTokensProvider.legend;
  assert.deepEqual(legend.tokenTypes, ['namespace', 'class', 'property', 'keyword', 'number', 'type']);
  const { data } = await client.request('textDocument/semanticTokens/full', { textDocument: { uri: SMALL_URI } });
  assert.equal(data.length % 5, 0);
  const lines = SMALL.split('\n');
  const tokens: string[] = [];
  let line = 0;
  let ch = 0;
  for (let i = 0; i < data.length; i += 5) {
    line += data[i];
    ch = data[i] ? data[i + 1] : ch + data[i + 1];
    tokens.push(`${legend.tokenTypes[data[i + 3]]}:${lines[line].slice(ch, ch + data[i + 2])}`);
  }
  for (const t of ['namespace:问题1 关于商户', 'type:万元', 'property:独立门店(含个体户)', 'keyword:合计', 'number:25,311', 'number:1,121']) assert.ok(tokens.includes(t), `${t} in ${tokens.join(', ')}`);
  const ranged = await client.request('textDocument/semanticTokens/range', { textDocument: { uri: SMALL_URI }, range: { start: { line: 6, character: 0 }, end: { line: 7, character: 0 } } });
  assert.ok(ranged.data.length > 0 && ranged.data.length < data.length);
});

test('features answer on a real filing without errors', async () => {
  const uri = fileUri(pipe.path);
  client.open(uri, pipe.text, 1);
  await client.waitForDiagnostics(uri, 1);
  const folds = await client.request('textDocument/foldingRange', { textDocument: { uri } });
  assert.ok(folds.length > 10);
  for (const f of folds) assert.ok(f.endLine > f.startLine);
  const { data } = await client.request('textDocument/semanticTokens/full', { textDocument: { uri } });
  assert.ok(data.length > 500);
  assert.doesNotMatch(client.stderr, /failed/);
});

test('inlayHint: ✓ / the sum after checked totals; values in 元 only once the setting is on', async () => {
  assert.equal(init.capabilities.inlayHintProvider, true);
  const range = { start: { line: 0, character: 0 }, end: { line: 12, character: 0 } };
  const hints = await client.request('textDocument/inlayHint', { textDocument: { uri: SMALL_URI }, range });
  assert.deepEqual(hints.map((h: any) => h.label), ['✓', '≠ 25,212', '✓']);
  const total = positionOf(SMALL, '25,311');
  assert.deepEqual(hints[1].position, { line: total.line, character: total.character + 6 });
  client.configuration = { inlayHints: { normalizedValues: true, totals: false } };
  client.notify('workspace/didChangeConfiguration', { settings: null });
  await client.waitForDiagnostics(SMALL_URI);
  const after = await client.request('textDocument/inlayHint', { textDocument: { uri: SMALL_URI }, range });
  assert.ok(after.length >= 10, JSON.stringify(after.map((h: any) => h.label)));
  assert.ok(after.every((h: any) => h.label.startsWith('=') && h.label.endsWith('元')));
  assert.ok(after.some((h: any) => h.label === '=238,790,000.00 元'));
  client.configuration = { inlayHints: { normalizedValues: false, totals: true } };
  client.notify('workspace/didChangeConfiguration', { settings: null });
  await client.waitForDiagnostics(SMALL_URI);
});

test('codeLens above each table runs filingLens.showTable with the table id', async () => {
  const lenses = await client.request('textDocument/codeLens', { textDocument: { uri: SMALL_URI } });
  assert.equal(lenses.length, 1);
  assert.equal(lenses[0].range.start.line, 2);
  assert.equal(lenses[0].command.title, '4 rows × 3 columns · 单位：万元 · 3 totals checked, 1 differ');
  assert.equal(lenses[0].command.command, 'filingLens.showTable');
  assert.deepEqual(lenses[0].command.arguments, [SMALL_URI, 0]);
});

test('workspace/executeCommand filing-lens.tableGrid returns the grid of the table by id or by position', async () => {
  assert.ok(init.capabilities.executeCommandProvider.commands.includes('filing-lens.tableGrid'));
  const byId = await client.request('workspace/executeCommand', { command: 'filing-lens.tableGrid', arguments: [SMALL_URI, 0] });
  const byPos = await client.request('workspace/executeCommand', { command: 'filing-lens.tableGrid', arguments: [SMALL_URI, positionOf(SMALL, '918')] });
  assert.deepEqual(byPos, byId);
  assert.equal(byId.unit, '万元');
  assert.equal(byId.differ, 1);
  assert.deepEqual(byId.rows.find((r: any) => r.label === '合计').cells.map((c: any) => c.mark), ['ok', 'differs', 'ok']);
  const none = await client.request('workspace/executeCommand', { command: 'filing-lens.tableGrid', arguments: ['file:///not/open.filing', 0] });
  assert.equal(none, null);
});

test('workspace/symbol finds sections and tables across the open filings', async () => {
  assert.equal(init.capabilities.workspaceSymbolProvider, true);
  const other = 'file:///tmp/filing-lens-other.filing';
  client.open(other, '第三节 管理层讨论与分析\n一、商户与收入\n本节说明其他事项，包括经营情况与未来的发展规划。\n', 1);
  await client.waitForDiagnostics(other, 1);
  const found = await client.request('workspace/symbol', { query: '商户' });
  const names = found.map((s: any) => `${s.location.uri === other ? 'other' : s.location.uri === SMALL_URI ? 'small' : 'pipe'} ${s.name}`);
  assert.ok(names.includes('other 一、 商户与收入'), names.join('\n'));
  assert.ok(names.includes('small 一、 商户数量'));
  const table = found.find((s: any) => s.location.uri === SMALL_URI && s.kind === 23);
  assert.ok(table);
  assert.deepEqual(table.location.range.start, { line: 2, character: 0 });
  assert.ok(found.length < 200);
  const none = await client.request('workspace/symbol', { query: 'zzzz不存在的标题' });
  assert.deepEqual(none, []);
});

test('filing-lens.tableCsv / tableTsv return the table as text with values in 元', async () => {
  const csv = await client.request('workspace/executeCommand', { command: 'filing-lens.tableCsv', arguments: [SMALL_URI, positionOf(SMALL, '1,121')] });
  assert.match(csv.name, /^\(二\)发行人小B商户.*\.csv$/);
  const lines = csv.text.split('\r\n');
  assert.equal(lines[0], '数量,2021.12.31,2021.12.31 (元),2020.12.31,2020.12.31 (元),2019.12.31,2019.12.31 (元)');
  assert.equal(lines[2], '连锁店,"1,121",11210000.00,918,9180000.00,"1,200",12000000.00');
  const tsv = await client.request('workspace/executeCommand', { command: 'filing-lens.tableTsv', arguments: [SMALL_URI, 0] });
  assert.equal(tsv.text.split('\n')[2], '连锁店\t1,121\t11210000.00\t918\t9180000.00\t1,200\t12000000.00');
  // Outside any table and before the first one: nothing.
  const none = await client.request('workspace/executeCommand', { command: 'filing-lens.tableCsv', arguments: [SMALL_URI, { line: 0, character: 0 }] });
  assert.equal(none, null);
});

const NOTES_URI = 'file:///tmp/filing-lens-notes.filing';
const NOTES = `第十节 财务报告
释义
中科金财、公司 | 指 | 北京中科金财科技股份有限公司
五、重要会计政策及会计估计
（一）金融工具
金融工具的分类说明如下，包括以摊余成本计量的金融资产等内容。
七、合并财务报表项目注释
1、货币资金
货币资金的明细如下，单位为人民币元，详见下表所列示的内容。
2、应收账款
中科金财应收账款的坏账准备计提方法详见附注七、1，金融工具的分类详见本附注五、（一）。
`;

test('definition on 详见附注七、1 / 详见本附注五、（一） goes to the section heading', async () => {
  assert.equal(init.capabilities.definitionProvider, true);
  client.open(NOTES_URI, NOTES, 1);
  await client.waitForDiagnostics(NOTES_URI, 1);
  const at = (needle: string, plus: number) => {
    const p = positionOf(NOTES, needle);
    return { textDocument: { uri: NOTES_URI }, position: { line: p.line, character: p.character + plus } };
  };
  const [one] = await client.request('textDocument/definition', at('附注七、1', 4));
  assert.equal(one.targetUri, NOTES_URI);
  assert.deepEqual(one.targetSelectionRange.start, positionOf(NOTES, '1、货币资金'));
  assert.deepEqual(one.originSelectionRange.start, positionOf(NOTES, '附注七、1'));
  const [five] = await client.request('textDocument/definition', at('附注五、（一）', 5));
  assert.deepEqual(five.targetSelectionRange.start, positionOf(NOTES, '（一）金融工具'));
  const nothing = await client.request('textDocument/definition', at('坏账准备', 1));
  assert.deepEqual(nothing, []);
});

test('hover and definition on a defined term reach its 释义 entry', async () => {
  const p = positionOf(NOTES, '中科金财应收账款');
  const pos = { line: p.line, character: p.character + 1 };
  const [link] = await client.request('textDocument/definition', { textDocument: { uri: NOTES_URI }, position: pos });
  assert.deepEqual(link.targetSelectionRange.start, positionOf(NOTES, '中科金财、公司'));
  assert.deepEqual(link.originSelectionRange, { start: p, end: { line: p.line, character: p.character + 4 } });
  const h = await client.request('textDocument/hover', { textDocument: { uri: NOTES_URI }, position: pos });
  assert.match(h.contents.value, /\*\*中科金财\*\*：北京中科金财科技股份有限公司/);
  // Figures keep their own hover.
  const fig = positionOf(SMALL, '1,121');
  const fh = await client.request('textDocument/hover', { textDocument: { uri: SMALL_URI }, position: fig });
  assert.match(fh.contents.value, /11,210,000\.00 元/);
});

test('quick fixes on a reconciliation warning: accept the difference, and show the components', async () => {
  const pos = positionOf(SMALL, '25,311');
  const diagnostic = {
    range: { start: pos, end: { line: pos.line, character: pos.character + 6 } },
    severity: 2,
    source: 'filing-lens',
    code: 'columnTotal',
    message: '合计 [2020.12.31] 25,311 ≠ sum of 3 rows 25,212',
    data: { accept: 'filing-lens: accept 合计 25,311', line: pos.line },
  };
  const actions = await client.request('textDocument/codeAction', {
    textDocument: { uri: SMALL_URI },
    range: diagnostic.range,
    context: { diagnostics: [diagnostic] },
  });
  assert.equal(actions.length, 2, JSON.stringify(actions.map((a: any) => a.title)));
  assert.match(actions[0].title, /^Accept this difference/);
  const show = actions[1];
  assert.equal(show.title, 'Show the components (total of 3: 独立门店(含个体户), 连锁店, 专业运营公司)');
  assert.equal(show.command.command, 'filingLens.showComponents');
  const [uri, total, components, table] = show.command.arguments;
  assert.equal(uri, SMALL_URI);
  assert.deepEqual(total, diagnostic.range);
  assert.deepEqual(components.map((r: any) => r.start), [positionOf(SMALL, '24,293'), positionOf(SMALL, '918'), { line: 7, character: positionOf(SMALL, '1 | 1 |').character + 4 }]);
  assert.equal(table, 0);
});

test('semanticTokens/full/delta: after an edit, edits against the last result that give the whole result again', async () => {
  assert.deepEqual(init.capabilities.semanticTokensProvider.full, { delta: true });
  const uri = 'file:///tmp/filing-lens-delta.filing';
  client.open(uri, pipe.text, 1);
  await client.waitForDiagnostics(uri, 1);
  const first = await client.request('textDocument/semanticTokens/full', { textDocument: { uri } });
  assert.ok(first.resultId && first.data.length > 100);
  // A digit of a figure changed, then a heading line inserted: the tokens after it move down a line.
  const at = positionOf(pipe.text, '25,211');
  client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: at, end: { line: at.line, character: at.character + 1 } }, text: '3' }] });
  client.notify('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '第一节 重要提示\n' }] });
  await client.waitForDiagnostics(uri, 3);
  const delta = await client.request('textDocument/semanticTokens/full/delta', { textDocument: { uri }, previousResultId: first.resultId });
  assert.ok(Array.isArray(delta.edits), JSON.stringify(delta).slice(0, 200));
  const data = [...first.data];
  for (const e of [...delta.edits].sort((a: any, b: any) => b.start - a.start)) data.splice(e.start, e.deleteCount, ...(e.data ?? []));
  const whole = await client.request('textDocument/semanticTokens/full', { textDocument: { uri } });
  assert.deepEqual(data, whole.data);
  assert.ok(delta.edits.reduce((n: number, e: any) => n + (e.data?.length ?? 0), 0) < whole.data.length / 2, 'the edits are smaller than the whole result');
  // An id the server does not hold: the whole result.
  const unknown = await client.request('textDocument/semanticTokens/full/delta', { textDocument: { uri }, previousResultId: 'nope' });
  assert.deepEqual(unknown.data, whole.data);
  client.notify('textDocument/didClose', { textDocument: { uri } });
});
