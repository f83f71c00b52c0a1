// $/cancelRequest over stdio: long requests on a large document (documentSymbol,
// semantic tokens, hover while the whole analysis runs) answer RequestCancelled
// (−32800) at the next slice of the analysis instead of computing the whole
// answer; the analysis the diagnostics need goes on and is published.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { clientModule, FIXTURES, SERVER } from './helpers';

/** About `mb` MB of UTF-8 made of the fixture filings, under the 20 MB limit: a whole analysis of it takes a second or more. */
function largeFiling(mb: number): string {
  const parts = fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.filing')).sort().map((f) => fs.readFileSync(path.join(FIXTURES, f), 'utf8'));
  const out: string[] = [];
  let bytes = 0;
  for (let i = 0; bytes < mb * 1024 * 1024; i++) {
    out.push(parts[i % parts.length]);
    bytes += Buffer.byteLength(parts[i % parts.length]);
  }
  return out.join('');
}

test('cancelled documentSymbol, semantic tokens and hover on a 12 MB document answer −32800 at once; the diagnostics still come', async () => {
  const mod = await clientModule();
  const client = new mod.LspClient(SERVER);
  try {
    await client.initialize(null, {});
    const text = largeFiling(12);
    const uri = 'file:///cancel/large.filing';
    const opened = Date.now();
    client.open(uri, text, 1);
    const diagnostics = client.waitForDiagnostics(uri, 1, 60_000).then(() => Date.now());
    const ask = (method: string, params: unknown) => {
      const id = client.nextId;
      const answer = client.request(method, params, 60_000).then(
        () => ({ code: 0, at: Date.now() }),
        (e: { code?: number }) => ({ code: e.code, at: Date.now() }),
      );
      return { id, answer };
    };
    const requests = [
      ask('textDocument/documentSymbol', { textDocument: { uri } }),
      ask('textDocument/semanticTokens/full', { textDocument: { uri } }),
      ask('textDocument/hover', { textDocument: { uri }, position: { line: 100, character: 3 } }),
    ];
    await new Promise((resolve) => setTimeout(resolve, 100));
    const cancelled = Date.now();
    for (const r of requests) client.notify('$/cancelRequest', { id: r.id });
    const answers = await Promise.all(requests.map((r) => r.answer));
    const published = await diagnostics;
    const waits = answers.map((a) => a.at - cancelled);
    console.log(`cancel: answers ${waits.join(', ')} ms after $/cancelRequest; diagnostics ${published - opened} ms after didOpen`);
    for (const a of answers) assert.equal(a.code, -32800);
    // Within a slice or two of the analysis; on a loaded machine everything is slower, so the bound grows with the analysis time.
    const bound = Math.max(1500, (published - opened) / 4);
    for (const w of waits) assert.ok(w < bound, `answered ${w} ms after the cancel (bound ${bound} ms)`);
    assert.ok(published - opened > Math.max(...waits) + 100, 'the analysis was still running when the requests were cancelled');
    // Once analysed, the same request answers.
    const symbols = await client.request('textDocument/documentSymbol', { textDocument: { uri } });
    assert.ok(symbols.length > 10);
    const exit = await client.shutdown();
    assert.equal(exit.code, 0, client.stderr);
  } finally {
    if (client.proc.exitCode === null) client.proc.kill();
  }
});
