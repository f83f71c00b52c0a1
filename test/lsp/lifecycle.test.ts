// The LSP lifecycle over stdio, as the specification has it: −32002
// (ServerNotInitialized) for a request before initialize, notifications before
// it dropped, a second initialize refused, −32600 (InvalidRequest) for a
// request after shutdown; and a didOpen again without didClose, at a lower
// version, publishes fresh diagnostics instead of leaving the stale ones.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { clientModule, positionOf, SERVER } from './helpers';
import { COUNTS } from '../robustness/util';

const FIXED = COUNTS.replace('25,211', '25,212');

async function rejection(p: Promise<unknown>): Promise<{ code?: number; message: string }> {
  try {
    await p;
  } catch (e) {
    return e as { code?: number; message: string };
  }
  assert.fail('the request was answered');
}

test('before initialize: requests answer −32002, notifications are dropped; a second initialize answers −32600', async () => {
  const mod = await clientModule();
  const client = new mod.LspClient(SERVER);
  try {
    const uri = 'file:///lifecycle/early.filing';
    client.open(uri, COUNTS, 1);
    const early = await rejection(client.request('textDocument/hover', { textDocument: { uri }, position: { line: 5, character: 10 } }));
    assert.equal(early.code, -32002, early.message);
    assert.equal((await rejection(client.request('shutdown', null))).code, -32002);
    const init = await client.initialize(null, {});
    assert.equal(init.capabilities.hoverProvider, true);
    // The didOpen sent before initialize was dropped: the document is not known.
    assert.equal(await client.request('textDocument/hover', { textDocument: { uri }, position: positionOf(COUNTS, '918') }), null);
    const again = await rejection(client.request('initialize', { processId: null, rootUri: null, capabilities: {} }));
    assert.equal(again.code, -32600, again.message);
    // The server is still running normally.
    client.open(uri, COUNTS, 1);
    const d = await client.waitForDiagnostics(uri, 1);
    assert.ok(d.diagnostics.some((x: any) => /25,211 ≠/.test(x.message)), JSON.stringify(d.diagnostics));
    const exit = await client.shutdown();
    assert.equal(exit.code, 0, client.stderr);
  } finally {
    if (client.proc.exitCode === null) client.proc.kill();
  }
});

test('after shutdown: every request answers −32600 and exit ends the server with code 0', async () => {
  const mod = await clientModule();
  const client = new mod.LspClient(SERVER);
  try {
    await client.initialize(null, {});
    const uri = 'file:///lifecycle/late.filing';
    client.open(uri, COUNTS, 1);
    await client.waitForDiagnostics(uri, 1);
    assert.equal(await client.request('shutdown', null), null);
    const hover = await rejection(client.request('textDocument/hover', { textDocument: { uri }, position: positionOf(COUNTS, '918') }));
    assert.equal(hover.code, -32600, hover.message);
    assert.equal((await rejection(client.request('shutdown', null))).code, -32600);
    assert.equal((await rejection(client.request('textDocument/documentSymbol', { textDocument: { uri } }))).code, -32600);
    client.notify('exit', null);
    const exit = await client.exited;
    assert.equal(exit.code, 0, client.stderr);
  } finally {
    if (client.proc.exitCode === null) client.proc.kill();
  }
});

test('exit without shutdown ends the server with code 1', async () => {
  const mod = await clientModule();
  const client = new mod.LspClient(SERVER);
  await client.initialize(null, {});
  client.notify('exit', null);
  assert.equal((await client.exited).code, 1);
});

test('a didOpen again without didClose, at a lower or the same version, publishes the new text’s diagnostics', async () => {
  const mod = await clientModule();
  const client = new mod.LspClient(SERVER);
  try {
    await client.initialize(null, {});
    const uri = 'file:///lifecycle/reopened.filing';
    client.open(uri, COUNTS, 7);
    const first = await client.waitForDiagnostics(uri, 7);
    assert.equal(first.diagnostics.length, 1, JSON.stringify(first.diagnostics));
    // Reopened at version 1 with the total corrected: the warning must go.
    client.open(uri, FIXED, 1);
    const second = await client.waitForDiagnostics(uri, 1);
    assert.deepEqual(second.diagnostics, []);
    // And at the same version with the error back: it must come back.
    client.open(uri, COUNTS, 1);
    const third = await client.waitForDiagnostics(uri, 1);
    assert.equal(third.diagnostics.length, 1, JSON.stringify(third.diagnostics));
    const h = await client.request('textDocument/hover', { textDocument: { uri }, position: positionOf(COUNTS, '25,211') });
    assert.match(h.contents.value, /25,211/);
    const exit = await client.shutdown();
    assert.equal(exit.code, 0, client.stderr);
  } finally {
    if (client.proc.exitCode === null) client.proc.kill();
  }
});
