// The language server as an editor sees it: dist/server.js --stdio, JSON-RPC.
import { strict as assert } from 'node:assert';
import { after, before, test } from 'node:test';
import type { LspClient } from '../../scripts/lsp-client.mjs' with { 'resolution-mode': 'import' };
import { clientModule, fixture, positionOf, SERVER } from './helpers';

let client: LspClient;
let fileUri: (p: string) => string;
const pipe = fixture('003-pipe-inquiry.filing');

before(async () => {
  const m = await clientModule();
  fileUri = m.fileUri;
  client = new m.LspClient(SERVER);
  const init = await client.initialize(null, {});
  assert.equal(init.capabilities.documentSymbolProvider, true);
  assert.equal(init.capabilities.hoverProvider, true);
});

after(async () => {
  const exit = await client.shutdown();
  assert.equal(exit.code, 0, client.stderr);
});

test('didOpen publishes the diagnostic on a total that does not add up, with its components', async () => {
  const uri = fileUri(pipe.path);
  client.open(uri, pipe.text, 1);
  const d = await client.waitForDiagnostics(uri, 1);
  const msg = d.diagnostics.map((x) => x.message);
  const bad = d.diagnostics.find((x) => /25,211/.test(x.message));
  assert.ok(bad, msg.join('\n'));
  assert.match(bad.message, /合计.*25,211 ≠ sum of 3 rows 25,212 \(difference 1 个\)/);
  assert.equal(bad.severity, 2);
  assert.equal(bad.relatedInformation.length, 3);
  assert.deepEqual(bad.range.start, positionOf(pipe.text, '25,211 | 21,190'));
  // The column next to it adds up and is not reported.
  assert.ok(!msg.some((m) => /25,001 ≠/.test(m)), msg.join('\n'));
});

test('documentSymbol gives the nested sections and the tables with their units', async () => {
  const uri = fileUri(pipe.path);
  const symbols = await client.request('textDocument/documentSymbol', { textDocument: { uri } });
  const q2 = symbols.find((s: any) => s.name.startsWith('问题2'));
  assert.ok(q2, JSON.stringify(symbols.map((s: any) => s.name)));
  const one = q2.children.find((s: any) => s.name.startsWith('一、'));
  assert.ok(one);
  const sub = one.children.find((s: any) => s.name.startsWith('(二)'));
  assert.ok(sub);
  const table = sub.children.find((s: any) => s.kind === 23);
  assert.ok(table, JSON.stringify(sub.children));
  assert.match(table.detail, /单位：个/);
  // Selection ranges sit inside the ranges, and children inside their parents.
  const walk = (s: any, parent?: any) => {
    assert.ok(cmp(s.range.start, s.selectionRange.start) <= 0 && cmp(s.selectionRange.end, s.range.end) <= 0, s.name);
    if (parent) assert.ok(cmp(parent.range.start, s.range.start) <= 0 && cmp(s.range.end, parent.range.end) <= 0, `${s.name} in ${parent.name}`);
    for (const c of s.children ?? []) walk(c, s);
  };
  symbols.forEach((s: any) => walk(s));
  // No page numbers or running headers among the sections.
  const names: string[] = [];
  const collect = (s: any) => (names.push(s.name), (s.children ?? []).forEach(collect));
  symbols.forEach(collect);
  assert.ok(!names.some((n) => /^8-2-2-\d+$|专项说明$/.test(n)), names.join('\n'));
});

test('hover on a figure gives its normalized value, row, column and the check', async () => {
  const uri = fileUri(pipe.path);
  const pos = positionOf(pipe.text, '25,001 | 25,211');
  const h = await client.request('textDocument/hover', { textDocument: { uri }, position: { line: pos.line, character: pos.character + 2 } });
  assert.ok(h);
  assert.match(h.contents.value, /\*\*25,001 个\*\*/);
  assert.match(h.contents.value, /row: 合计/);
  assert.match(h.contents.value, /column: 2021\.12\.31/);
  assert.match(h.contents.value, /✓/);
  const none = await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
  assert.equal(none, null);
});

test('didChange re-analyses: fixing the total removes the diagnostic, versions in order', async () => {
  const uri = fileUri(pipe.path);
  const pos = positionOf(pipe.text, '25,211 | 21,190');
  client.notify('textDocument/didChange', {
    textDocument: { uri, version: 2 },
    contentChanges: [{ range: { start: pos, end: { line: pos.line, character: pos.character + 6 } }, text: '25,212' }],
  });
  const d = await client.waitForDiagnostics(uri, 2);
  assert.ok(!d.diagnostics.some((x) => /25,21[12] ≠/.test(x.message)), d.diagnostics.map((x) => x.message).join('\n'));
  // Not silent because the analysis failed: the fixed total is checked, and reconciles.
  const h = (await client.request('textDocument/hover', { textDocument: { uri }, position: { line: pos.line, character: pos.character + 2 } })) as { contents: { value: string } } | null;
  assert.match(h?.contents.value ?? '', /25,212[\s\S]*reconciles/);
});

function cmp(a: { line: number; character: number }, b: { line: number; character: number }) {
  return a.line - b.line || a.character - b.character;
}

test('edits in quick succession: diagnostics are published in version order and end at the last version', async () => {
  const uri = fileUri(pipe.path) + '?versions';
  const seen: number[] = [];
  client.open(uri, pipe.text, 1);
  const pos = positionOf(pipe.text, '25,211 | 21,190');
  for (let v = 2; v <= 6; v++) {
    const digit = String(v % 2 === 0 ? 2 : 1);
    client.notify('textDocument/didChange', {
      textDocument: { uri, version: v },
      contentChanges: [{ range: { start: { line: pos.line, character: pos.character + 5 }, end: { line: pos.line, character: pos.character + 6 } }, text: digit }],
    });
  }
  // Version 6 ends with 25,212 in the 2020 column: that total then holds.
  for (;;) {
    const d = await client.waitForDiagnostics(uri, undefined, 20000);
    seen.push(d.version!);
    if (d.version === 6) {
      assert.ok(!d.diagnostics.some((x: any) => /25,21[12] ≠/.test(x.message)), d.diagnostics.map((x: any) => x.message).join('\n'));
      break;
    }
  }
  for (let i = 1; i < seen.length; i++) assert.ok(seen[i] >= seen[i - 1], `published out of order: ${seen.join(',')}`);
  client.notify('textDocument/didClose', { textDocument: { uri } });
});
