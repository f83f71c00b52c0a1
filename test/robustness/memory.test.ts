// Memory bounded by the document, over stdio: documents inside the limits
// (under maxFileSizeMB, lines under 20,000 characters) built to make the most
// work — pipes on end, figures on end, blank lines on end, 10,000-row tables —
// are opened and edited in a fresh server each, which must stay alive, answer,
// and keep its peak RSS (VmHWM) within 20 × the document plus a fixed base.
// Such documents are over their work budget: one information message, the
// outline only, no figures, hovers or semantic tokens.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import { test } from 'node:test';
import { clientModule, positionOf, SERVER } from '../lsp/helpers';
import { COUNTS } from './util';

/** What node and the server take before any document (about 50 MB idle) and what V8 keeps beyond live data, with headroom. */
export const BASE_MB = 150;
export const TIMES_DOCUMENT = 20;

function peakMb(pid: number): number | undefined {
  try {
    const m = /VmHWM:\s*(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

const PIPE_LINE = '1|'.repeat(10000).slice(0, 19999);
const DOCUMENTS: Record<string, () => string> = {
  // The document: 1,000 lines of 19,999 characters, one pipe table of 10 million cells if it were read.
  'pipe-dense (19 MB)': () => '单位：万元\n' + (PIPE_LINE + '\n').repeat(1000),
  // Prose figures on end: 1元1元… in lines under 20,000 characters.
  'digit soup (16 MB)': () => ('1元'.repeat(6000) + '\n').repeat(700),
  // Blank lines on end: more lines than the line budget.
  'blank lines (8 MB)': () => '\n'.repeat(8 * 1024 * 1024),
};

for (const [name, make] of Object.entries(DOCUMENTS)) {
  test(`memory: ${name} — alive after open and an edit, one information message, peak RSS within ${TIMES_DOCUMENT}× the document + ${BASE_MB} MB`, async () => {
    const mod = await clientModule();
    const client = new mod.LspClient(SERVER);
    try {
      await client.initialize(null, {});
      // A small document open beside it: its hovers must not wait for the large one's analysis.
      const small = 'file:///memory/small.filing';
      client.open(small, COUNTS, 1);
      await client.waitForDiagnostics(small, 1);
      const text = make();
      const mb = Buffer.byteLength(text) / 1048576;
      const uri = `file:///memory/${name.replace(/\W+/g, '-')}.filing`;
      const t0 = Date.now();
      client.open(uri, text, 1);
      const hovered = client.request('textDocument/hover', { textDocument: { uri: small }, position: positionOf(COUNTS, '918') }).then((h: any) => ({ h, ms: Date.now() - t0 }));
      const opened = await client.waitForDiagnostics(uri, 1, 120_000);
      const openMs = Date.now() - t0;
      const beside = await hovered;
      assert.match(beside.h?.contents.value ?? '', /\*\*918 个\*\*/);
      assert.equal(opened.diagnostics.length, 1, JSON.stringify(opened.diagnostics));
      assert.equal(opened.diagnostics[0].code, 'over-budget');
      assert.equal(opened.diagnostics[0].severity, 3);
      // A one-character edit in the middle, then another at the start.
      const t1 = Date.now();
      client.notify('textDocument/didChange', {
        textDocument: { uri, version: 2 },
        contentChanges: [{ range: { start: { line: 500, character: 0 }, end: { line: 500, character: 0 } }, text: '2' }],
      });
      client.notify('textDocument/didChange', {
        textDocument: { uri, version: 3 },
        contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, text: '' }],
      });
      const edited = await client.waitForDiagnostics(uri, 3, 120_000);
      const editMs = Date.now() - t1;
      assert.deepEqual(
        edited.diagnostics.map((d: any) => d.code),
        ['over-budget'],
      );
      // Still answering, with nothing from the cells: no hover, no semantic tokens.
      const position = { line: 2, character: 4 };
      assert.equal(await client.request('textDocument/hover', { textDocument: { uri }, position }), null);
      assert.deepEqual((await client.request('textDocument/semanticTokens/full', { textDocument: { uri } })).data, []);
      assert.ok(Array.isArray(await client.request('textDocument/documentSymbol', { textDocument: { uri } })));
      assert.equal(client.proc.exitCode, null, 'the server is alive');
      const peak = peakMb(client.proc.pid!);
      console.log(`memory, ${name}: ${mb.toFixed(1)} MB; a hover on another document ${beside.ms} ms after didOpen; diagnostics ${openMs} ms after didOpen, ${editMs} ms after the edits; peak RSS ${peak?.toFixed(0) ?? '?'} MB (${peak ? ((peak - BASE_MB) / mb).toFixed(1) : '?'} × the document over the base)`);
      if (peak !== undefined) assert.ok(peak < TIMES_DOCUMENT * mb + BASE_MB, `peak RSS ${peak.toFixed(0)} MB for ${mb.toFixed(1)} MB`);
      const exit = await client.shutdown();
      assert.equal(exit.code, 0, client.stderr);
    } finally {
      if (client.proc.exitCode === null) client.proc.kill();
    }
  });
}
