// Ties over stdio JSON-RPC, as an editor sees them: Go to Definition from a balance-sheet line to
// its note total and back, Find All References, a warning for a broken tie with related
// information at both ends, and the filingLens.ties.* settings.
import { strict as assert } from 'node:assert';
import { after, before, test } from 'node:test';
import type { LspClient } from '../../scripts/lsp-client.mjs' with { 'resolution-mode': 'import' };
import { clientModule, fixture, positionOf, SERVER } from './helpers';

let client: LspClient;
let init: any;
const { text: TEXT } = fixture('ties/002-statements-and-notes.filing');
const URI = 'file:///tmp/filing-lens-ties.filing';
const BROKEN_URI = 'file:///tmp/filing-lens-ties-broken.filing';
const NOTE_AFTER = '1、货?#26131;?#37329;';

before(async () => {
  const m = await clientModule();
  client = new m.LspClient(SERVER);
  client.configuration = {};
  init = await client.initialize(null, { workspace: { configuration: true } });
});

after(async () => {
  const exit = await client.shutdown();
  assert.equal(exit.code, 0, client.stderr);
});

test('Go to Definition from a balance-sheet line goes to its note 合计, and back; references list both', async () => {
  assert.equal(init.capabilities.definitionProvider, true);
  assert.equal(init.capabilities.referencesProvider, true);
  client.open(URI, TEXT, 1);
  const diags = await client.waitForDiagnostics(URI, 1);
  assert.deepEqual(diags.diagnostics.filter((d: any) => String(d.code).startsWith('tie-')), [], 'the excerpt agrees with itself');
  const bs = positionOf(TEXT, '379,496,625.81');
  const note = positionOf(TEXT, '379,496,625.81', NOTE_AFTER);
  assert.ok(note.line > bs.line);
  const [link] = await client.request('textDocument/definition', { textDocument: { uri: URI }, position: { line: bs.line, character: bs.character + 3 } });
  assert.equal(link.targetUri, URI);
  assert.deepEqual(link.targetSelectionRange.start, note);
  assert.deepEqual(link.originSelectionRange, { start: bs, end: { line: bs.line, character: bs.character + 14 } });
  const [back] = await client.request('textDocument/definition', { textDocument: { uri: URI }, position: note });
  assert.deepEqual(back.targetSelectionRange.start, bs);
  const refs = await client.request('textDocument/references', { textDocument: { uri: URI }, position: bs, context: { includeDeclaration: true } });
  assert.deepEqual(refs.map((r: any) => r.range.start), [bs, note]);
  const hover = await client.request('textDocument/hover', { textDocument: { uri: URI }, position: bs });
  assert.match(hover.contents.value, /Ties \(勾稽关系\)\*\* — 1 of 1 agree/);
});

test('a note whose component and 合计 both changed by 100: a warning with related information at both ends', async () => {
  const at = TEXT.indexOf('379,496,625.81', TEXT.indexOf(NOTE_AFTER));
  const cash = TEXT.indexOf('96,923.72', TEXT.indexOf(NOTE_AFTER));
  let broken = TEXT.slice(0, at) + '379,496,725.81' + TEXT.slice(at + 14);
  broken = broken.slice(0, cash) + '97,023.72' + broken.slice(cash + 9);
  client.open(BROKEN_URI, broken, 1);
  const diags = await client.waitForDiagnostics(BROKEN_URI, 1);
  const ties = diags.diagnostics.filter((d: any) => String(d.code).startsWith('tie-'));
  assert.equal(ties.length, 1);
  assert.equal(ties[0].code, 'tie-notes');
  assert.equal(ties[0].severity, 2);
  assert.match(ties[0].message, /difference 100\.00 元/);
  assert.deepEqual(ties[0].range.start, positionOf(broken, '379,496,625.81'));
  assert.deepEqual(
    ties[0].relatedInformation.map((r: any) => r.location.range.start),
    [positionOf(broken, '379,496,625.81'), positionOf(broken, '379,496,725.81')],
  );
  // No total warning: the note adds up on its own.
  assert.equal(diags.diagnostics.filter((d: any) => d.severity === 2).length, 1);
});

test('filingLens.ties.notes = false: the tie is not made, so neither warning nor definition', async () => {
  client.configuration = { ties: { notes: false } };
  client.notify('workspace/didChangeConfiguration', { settings: {} });
  const diags = await client.waitFor(
    (m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === BROKEN_URI && !m.params.diagnostics.some((d: any) => d.code === 'tie-notes'),
  );
  assert.ok(diags);
  const bs = positionOf(TEXT, '379,496,625.81');
  const links = await client.request('textDocument/definition', { textDocument: { uri: URI }, position: bs });
  assert.deepEqual(links, []);
  client.configuration = {};
  client.notify('workspace/didChangeConfiguration', { settings: {} });
});

test('prose ↔ table over stdio: Go to Definition from an amount in prose goes to the statement figure; a wrong one is a tie-prose warning', async () => {
  const { text } = fixture('ties/32-prose-and-income-statement.filing');
  const uri = 'file:///tmp/filing-lens-ties-prose.filing';
  const broken = text.replace('1094.64 亿元', '1049.64 亿元');
  client.open(uri, broken, 1);
  const diags = await client.waitForDiagnostics(uri, 1);
  const ties = diags.diagnostics.filter((d: any) => d.code === 'tie-prose');
  assert.equal(ties.length, 1);
  const prose = positionOf(broken, '1049.64 亿元');
  const statement = positionOf(broken, '109,464,278,563.89');
  assert.deepEqual(ties[0].range.start, prose);
  assert.deepEqual(ties[0].relatedInformation.map((r: any) => r.location.range.start), [prose, statement]);
  const [link] = await client.request('textDocument/definition', { textDocument: { uri }, position: { line: prose.line, character: prose.character + 2 } });
  assert.deepEqual(link.targetSelectionRange.start, statement);
  const [back] = await client.request('textDocument/definition', { textDocument: { uri }, position: statement });
  assert.deepEqual(back.targetSelectionRange.start, prose);
});
