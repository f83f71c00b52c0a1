// A handler that throws: the failure is logged (window/logMessage, shown in the
// output channel), that request answers empty, and the server goes on answering.
// The throw is provoked with a codeAction whose diagnostics list holds null.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { clientModule, positionOf, SERVER } from './helpers';
import { COUNTS } from '../robustness/util';

test('a handler that throws is logged and answers empty; other requests keep working', async () => {
  const mod = await clientModule();
  const client = new mod.LspClient(SERVER);
  try {
    await client.initialize(null, {});
    const uri = 'file:///guarded/counts.filing';
    client.open(uri, COUNTS, 1);
    const d = await client.waitForDiagnostics(uri, 1);
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const actions = await client.request('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [null] } });
    assert.deepEqual(actions, []);
    const log = await client.waitFor((m: any) => m.method === 'window/logMessage' && /codeAction failed/.test(m.params.message), 5000);
    assert.equal(log.params.type, 1, 'logged as an error');
    assert.match(log.params.message, /TypeError/);
    // The same request with the real diagnostic answers, and so does a hover.
    const fixes = await client.request('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: d.diagnostics } });
    assert.ok(fixes.some((a: any) => /Accept this difference/.test(a.title)));
    const h = await client.request('textDocument/hover', { textDocument: { uri }, position: positionOf(COUNTS, '918') });
    assert.match(h.contents.value, /\*\*918 个\*\*/);
    const exit = await client.shutdown();
    assert.equal(exit.code, 0, client.stderr);
  } finally {
    if (client.proc.exitCode === null) client.proc.kill();
  }
});
