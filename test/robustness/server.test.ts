// The language server (dist/server.js --stdio) under bad input: binary junk,
// an empty document, a 50 MB document, a 100,000-character line, U+FFFD and
// private-use glyphs, mixed line endings, edits into nonsense and back, and
// protocol abuse (unknown URIs, positions past the end, didChange before
// didOpen, malformed requests and JSON). It must keep answering throughout.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import type { LspClient } from '../../scripts/lsp-client.mjs' with { 'resolution-mode': 'import' };
import { clientModule, FIXTURES, SERVER } from '../lsp/helpers';
import { COUNTS, junkBytes } from './util';

/** Bounds for the 50 MB document, with headroom over what a developer machine measures (printed). */
export const BIG_DIAGNOSTICS_MS = 20_000;
export const BIG_PEAK_RSS_MB = 1024;
const LONG_LINE_MS = 5_000;

let client: LspClient;
let mod: Awaited<ReturnType<typeof clientModule>>;
let n = 0;
const uriOf = (name: string) => `file:///robustness/${++n}-${name}`;

before(async () => {
  mod = await clientModule();
  client = new mod.LspClient(SERVER);
  await client.initialize(null, {});
});

after(async () => {
  // No handler may have thrown: the server logs guarded failures as window/logMessage.
  const failures = client.notifications.filter((m) => m.method === 'window/logMessage' && /failed|uncaught/i.test(m.params.message));
  assert.deepEqual(failures.map((m) => m.params.message), []);
  assert.doesNotMatch(client.stderr, /uncaught/i);
  const exit = await client.shutdown();
  assert.equal(exit.code, 0, client.stderr);
});

/** LSP position of a UTF-16 offset: \r\n, \r and \n all end a line, as in the LSP spec. */
function positionAt(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let start = 0;
  for (let i = 0; i < offset; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 || c === 10) {
      if (c === 13 && text.charCodeAt(i + 1) === 10) {
        if (i + 1 >= offset) break;
        i++;
      }
      line++;
      start = i + 1;
    }
  }
  return { line, character: offset - start };
}

async function openAndWait(name: string, text: string, version = 1, timeoutMs?: number) {
  const uri = uriOf(name);
  client.open(uri, text, version);
  const d = await client.waitForDiagnostics(uri, version, timeoutMs);
  return { uri, diagnostics: d.diagnostics };
}

const hover = (uri: string, position: { line: number; character: number }) => client.request('textDocument/hover', { textDocument: { uri }, position });
const symbols = (uri: string) => client.request('textDocument/documentSymbol', { textDocument: { uri } });

function assertSymbolsInside(list: any[], lines: number) {
  for (const s of list) {
    assert.ok(s.range.end.line <= lines, `${s.name} ends at line ${s.range.end.line}, past ${lines}`);
    assert.ok(cmp(s.range.start, s.selectionRange.start) <= 0 && cmp(s.selectionRange.end, s.range.end) <= 0, s.name);
    assertSymbolsInside(s.children ?? [], lines);
  }
}

function cmp(a: { line: number; character: number }, b: { line: number; character: number }) {
  return a.line - b.line || a.character - b.character;
}

test('server: binary junk (random bytes read as UTF-8) gets diagnostics, symbols and hovers without an error', async () => {
  const text = junkBytes(7, 200_000).toString('utf8');
  const { uri, diagnostics } = await openAndWait('junk.filing', text);
  assert.deepEqual(diagnostics, []);
  const syms = await symbols(uri);
  assert.ok(Array.isArray(syms));
  const lines = text.split(/\r\n|\r|\n/).length;
  assertSymbolsInside(syms, lines);
  for (const line of [0, 1, 17, Math.floor(lines / 2), lines - 1]) {
    const h = await hover(uri, { line, character: 3 });
    assert.ok(h === null || /\d/.test(h.contents.value), JSON.stringify(h));
  }
});

test('server: an empty document has no diagnostics, no symbols, no hover', async () => {
  const { uri, diagnostics } = await openAndWait('empty.filing', '');
  assert.deepEqual(diagnostics, []);
  assert.deepEqual(await symbols(uri), []);
  assert.equal(await hover(uri, { line: 0, character: 0 }), null);
});

test(`server: a 100,000-character line before a table: diagnostics in < ${LONG_LINE_MS} ms, hover and the check after it still right`, async () => {
  const text = `${'1,234.56 | 壹佰万元 '.repeat(6_250)}\n${COUNTS}`;
  assert.equal(text.indexOf('\n'), 100_000);
  const started = Date.now();
  const { uri, diagnostics } = await openAndWait('long-line.filing', text, 1, LONG_LINE_MS);
  console.log(`server, 100,000-char line: diagnostics after ${Date.now() - started} ms`);
  const bad = diagnostics.find((d: any) => /25,211 ≠/.test(d.message));
  assert.ok(bad, JSON.stringify(diagnostics));
  assert.deepEqual(bad.range.start, positionAt(text, text.indexOf('25,211')));
  // The long line is never a table row and has no figures: no hover, no semantic token on it.
  assert.equal(await hover(uri, { line: 0, character: 50_000 }), null);
  assert.equal(await hover(uri, { line: 0, character: 1 }), null);
  const tokens: number[] = (await client.request('textDocument/semanticTokens/full', { textDocument: { uri } })).data;
  assert.ok(tokens.length > 0, 'the table below has tokens');
  assert.ok(tokens[0] > 0, `the first token is on line ${tokens[0]}, not the long line`);
  const at = positionAt(text, text.indexOf('918'));
  const h2 = await hover(uri, { line: at.line, character: at.character + 1 });
  assert.match(h2?.contents.value ?? '', /\*\*918 个\*\*/);
});

test('server: mixed line endings (\\r-only lines, \\r\\n, \\n): diagnostics and hovers land on the right figures', async () => {
  const lines = `问题1 关于收入\n\n说明如下。\n${COUNTS}`.split('\n');
  const eols = ['\r', '\r', '\r\n', '\r', '\n', '\r', '\r\n'];
  const text = lines.map((l, i) => l + (i < lines.length - 1 ? eols[i % eols.length] : '')).join('');
  const { uri, diagnostics } = await openAndWait('mixed-eol.filing', text);
  const bad = diagnostics.find((d: any) => /25,211 ≠ sum of 3 rows 25,212/.test(d.message));
  assert.ok(bad, JSON.stringify(diagnostics));
  const total = text.indexOf('25,211');
  assert.deepEqual(bad.range, { start: positionAt(text, total), end: positionAt(text, total + 6) });
  for (const needle of ['918', '1,121', '25,001', '19,990']) {
    const at = text.indexOf(needle);
    const pos = positionAt(text, at);
    const h = await hover(uri, { line: pos.line, character: pos.character + 1 });
    assert.ok(h, `no hover on ${needle} at ${JSON.stringify(pos)}`);
    assert.deepEqual(h.range, { start: pos, end: positionAt(text, at + needle.length) }, needle);
    assert.match(h.contents.value, new RegExp(`as written: \`${needle}`));
  }
  const syms = await symbols(uri);
  assert.equal(syms[0]?.name, '问题1 关于收入');
  assert.deepEqual(syms[0].selectionRange.start, { line: 0, character: 0 });
});

test('server: U+FFFD, private-use glyphs and astral characters before figures keep hover positions right (UTF-16)', async () => {
  const text = COUNTS.replace('独立门店', '\u{f0001}\u{1d400}独\ufffd门\ue01a店').replace('连锁店', '\ufffd\ue000\u{10fffd}连锁店');
  const { uri, diagnostics } = await openAndWait('glyphs.filing', text);
  assert.ok(diagnostics.some((d: any) => /25,211 ≠/.test(d.message)), JSON.stringify(diagnostics));
  for (const needle of ['23,879', '918']) {
    const at = text.indexOf(needle);
    const pos = positionAt(text, at);
    const h = await hover(uri, { line: pos.line, character: pos.character });
    assert.deepEqual(h?.range, { start: pos, end: positionAt(text, at + needle.length) }, needle);
  }
});

test('server: a document edited into nonsense and back gets its original diagnostics again', async () => {
  const text = fs.readFileSync(path.join(FIXTURES, '003-pipe-inquiry.filing'), 'utf8');
  const { uri, diagnostics: original } = await openAndWait('edits.filing', text);
  assert.ok(original.length > 0, 'the fixture has diagnostics to come back to');
  let version = 1;
  const change = async (contentChanges: unknown[]) => {
    version++;
    client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
    return (await client.waitForDiagnostics(uri, version)).diagnostics;
  };
  // Whole-document replacement with junk, then incremental edits into the junk.
  const junk = junkBytes(3, 30_000).toString('utf8');
  assert.deepEqual(await change([{ text: junk }]), []);
  await change([
    { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '合计 | 1 | 2 |\r' },
    { range: { start: { line: 2, character: 0 }, end: { line: 5, character: 0 } }, text: '' },
    { range: { start: { line: 1_000, character: 0 }, end: { line: 1_000, character: 0 } }, text: '\ufffd' },
  ]);
  // Back to the original, and a second round where the table is cut out and pasted back.
  const back = await change([{ text }]);
  assert.deepEqual(back, original);
  const lines = text.split('\n');
  const row = lines.findIndex((l) => l.startsWith('合计 | 25,001'));
  const cut = lines.slice(row - 3, row + 1).join('\n') + '\n';
  const gone = await change([{ range: { start: { line: row - 3, character: 0 }, end: { line: row + 1, character: 0 } }, text: '' }]);
  assert.ok(!gone.some((d: any) => /25,211 ≠/.test(d.message)), 'the table is gone');
  assert.deepEqual(await change([{ range: { start: { line: row - 3, character: 0 }, end: { line: row - 3, character: 0 } }, text: cut }]), original);
});

test('server: survives an unknown URI, positions past the end, didChange/didClose before didOpen, malformed requests and JSON', async () => {
  const unknown = 'file:///robustness/never-opened.filing';
  assert.equal(await hover(unknown, { line: 0, character: 0 }), null);
  assert.deepEqual(await symbols(unknown), []);
  client.notify('textDocument/didChange', { textDocument: { uri: unknown, version: 5 }, contentChanges: [{ text: COUNTS }] });
  client.notify('textDocument/didClose', { textDocument: { uri: unknown } });
  assert.equal(await hover(unknown, { line: 5, character: 7 }), null, 'a didChange before didOpen does not create the document');

  const { uri } = await openAndWait('abuse.filing', COUNTS);
  assert.equal(await hover(uri, { line: 1_000_000, character: 1_000_000 }), null);
  assert.equal(await hover(uri, { line: 2, character: 1_000_000 }), null);
  assert.equal(await hover(uri, { line: -1, character: -5 }), null);
  // A didOpen again for an open document (a client bug) replaces it.
  client.open(uri, COUNTS.replace('25,211', '25,212'), 7);
  assert.deepEqual((await client.waitForDiagnostics(uri, 7)).diagnostics, []);

  // Malformed parameters answer empty, not an error.
  assert.equal(await client.request('textDocument/hover', {}), null);
  await assert.rejects(client.request('textDocument/documentSymbol', null), /Invalid params/);
  await assert.rejects(client.request('textDocument/hover', 7), /Invalid params/);
  await assert.rejects(client.request('filingLens/noSuchMethod', {}), /Unhandled method/);
  // A frame whose body is not JSON.
  (client.proc.stdin as NodeJS.WritableStream).write('Content-Length: 5\r\n\r\n{bad}');

  // Still answering.
  const at = positionAt(COUNTS, COUNTS.indexOf('918'));
  const h = await hover(uri, { line: at.line, character: at.character + 1 });
  assert.match(h?.contents.value ?? '', /\*\*918 个\*\*/);
  const syms = await symbols(uri);
  assert.equal(syms.length, 1);
  assert.match(syms[0].name, /^\(二\)发行人小B商户/);
  assert.equal(syms[0].children[0]?.kind, 23, 'the table under its heading');
  assert.equal(client.proc.exitCode, null, 'the server is still running');
});

test('server: malformed hover, definition, selection and range parameters answer empty, never a figure elsewhere', async () => {
  const { uri } = await openAndWait('params.filing', COUNTS);
  const at = positionAt(COUNTS, COUNTS.indexOf('918'));
  // The well-formed request answers, so that the empty answers below mean something.
  assert.match((await hover(uri, at))?.contents.value ?? '', /\*\*918 个\*\*/);
  const req = (method: string, params: unknown) => client.request(method, params);
  assert.equal(await req('textDocument/hover', { textDocument: null, position: at }), null);
  assert.equal(await req('textDocument/hover', { textDocument: { uri: 42 }, position: at }), null);
  assert.equal(await req('textDocument/hover', { textDocument: { uri } }), null, 'no position');
  assert.equal(await req('textDocument/hover', { textDocument: { uri }, position: null }), null);
  for (const position of [
    { line: at.line + 0.5, character: at.character },
    { line: at.line, character: at.character + 0.5 },
    { line: String(at.line), character: at.character },
    { line: at.line },
    { line: at.line, character: Number.MAX_VALUE },
    { line: -1, character: at.character },
  ]) {
    assert.equal(await req('textDocument/hover', { textDocument: { uri }, position }), null, JSON.stringify(position));
    assert.deepEqual(await req('textDocument/definition', { textDocument: { uri }, position }), [], JSON.stringify(position));
  }
  const sel = await req('textDocument/selectionRange', { textDocument: { uri }, positions: [{ line: 1.5, character: 2 }, at] });
  assert.equal(sel.length, 2);
  assert.deepEqual(sel[0].range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
  assert.ok(sel[1].parent, 'the well-formed position gets its ranges');
  assert.deepEqual(await req('textDocument/selectionRange', { textDocument: { uri }, positions: null }), []);
  assert.deepEqual(await req('textDocument/semanticTokens/range', { textDocument: { uri }, range: { start: { line: 'a' }, end: at } }), { data: [] });
  assert.deepEqual(await req('textDocument/inlayHint', { textDocument: { uri }, range: null }), []);
  assert.deepEqual(await req('textDocument/codeAction', { textDocument: { uri }, range: null, context: null }), []);
  assert.equal(await req('workspace/executeCommand', { command: 'filing-lens.tableGrid', arguments: [uri, { line: 2.5, character: 1 }] }), null);
  assert.equal(await req('workspace/executeCommand', { command: 'filing-lens.tableGrid', arguments: null }), null);
});

test(`server: a 50 MB document gets the size-limit information and an outline only, in < ${BIG_DIAGNOSTICS_MS / 1000} s and < ${BIG_PEAK_RSS_MB} MB peak RSS`, async () => {
  // A fresh server, so that its peak memory is this document's.
  const big = new mod.LspClient(SERVER);
  try {
    await big.initialize(null, {});
    const fixtures = fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.filing')).sort().map((f) => fs.readFileSync(path.join(FIXTURES, f), 'utf8'));
    const parts: string[] = [];
    let bytes = 0;
    for (let i = 0; bytes < 50 * 1024 * 1024; i++) {
      parts.push(fixtures[i % fixtures.length]);
      bytes += Buffer.byteLength(fixtures[i % fixtures.length]);
    }
    const text = parts.join('');
    // The limit (20 MB by default) is measured in UTF-16 code units: this file must be over it that way too.
    assert.ok(text.length > 20 * 1024 * 1024, `${text.length} characters`);
    const peak = () => {
      try {
        const m = /VmHWM:\s*(\d+) kB/.exec(fs.readFileSync(`/proc/${big.proc.pid}/status`, 'utf8'));
        return m ? Number(m[1]) / 1024 : undefined;
      } catch {
        return undefined;
      }
    };
    const idle = peak();
    const uri = 'file:///robustness/big.filing';
    const started = Date.now();
    big.open(uri, text, 1);
    const d = await big.waitForDiagnostics(uri, 1, BIG_DIAGNOSTICS_MS);
    const diagMs = Date.now() - started;
    assert.equal(d.diagnostics.length, 1, JSON.stringify(d.diagnostics.slice(0, 3)));
    assert.equal(d.diagnostics[0].severity, 3);
    assert.equal(d.diagnostics[0].code, 'too-large');
    assert.match(d.diagnostics[0].message, /over the 20 MB limit \(setting filingLens\.maxFileSizeMB\); only the outline is shown/);
    const t1 = Date.now();
    const syms = await big.request('textDocument/documentSymbol', { textDocument: { uri } }, BIG_DIAGNOSTICS_MS);
    const symMs = Date.now() - t1;
    assert.ok(syms.length > 100, `${syms.length} symbols`);
    const names: string[] = [];
    const collect = (s: any) => (names.push(s.name), (s.children ?? []).forEach(collect));
    syms.forEach(collect);
    assert.ok(names.some((name) => name.startsWith('问题2')), names.slice(0, 20).join('\n'));
    const lastLine = text.split('\n').length - 1;
    assert.ok(syms[syms.length - 1].range.start.line > lastLine / 2, 'the outline covers the whole document');
    // No hovers over the limit, even on a figure.
    const at = positionAt(text, text.indexOf('25,211 | 21,190'));
    assert.equal(await big.request('textDocument/hover', { textDocument: { uri }, position: at }), null);
    const rss = peak();
    console.log(
      `server, 50 MB document (${(bytes / 1048576).toFixed(1)} MB UTF-8, ${(text.length / 1048576).toFixed(1)} M UTF-16 units): ` +
        `diagnostics after ${diagMs} ms, documentSymbol ${symMs} ms, peak RSS ${rss?.toFixed(0) ?? '?'} MB (idle ${idle?.toFixed(0) ?? '?'} MB)`,
    );
    if (rss !== undefined) assert.ok(rss < BIG_PEAK_RSS_MB, `peak RSS ${rss.toFixed(0)} MB`);
    // Five one-character edits, each answered with the size-limit information again; memory stays bounded by the document.
    const t2 = Date.now();
    for (let version = 2; version <= 6; version++) {
      big.notify('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: [{ range: { start: { line: 1000 * version, character: 0 }, end: { line: 1000 * version, character: 0 } }, text: 'x' }],
      });
      const e = await big.waitForDiagnostics(uri, version, BIG_DIAGNOSTICS_MS);
      assert.deepEqual(e.diagnostics.map((x: any) => x.code), ['too-large']);
    }
    const afterEdits = peak();
    console.log(`server, 50 MB document: five edits answered in ${Date.now() - t2} ms, peak RSS ${afterEdits?.toFixed(0) ?? '?'} MB`);
    if (afterEdits !== undefined) assert.ok(afterEdits < 20 * (bytes / 1048576) + 150, `peak RSS ${afterEdits.toFixed(0)} MB after the edits`);
    const exit = await big.shutdown();
    assert.equal(exit.code, 0, big.stderr);
  } finally {
    if (big.proc.exitCode === null) big.proc.kill();
  }
});
