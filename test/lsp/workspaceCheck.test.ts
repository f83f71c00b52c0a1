// The two custom requests of server/src/lsp/workspaceCheck.ts over stdio:
// filing-lens/checkFile (a file on disk, the CLI's checks) and filing-lens/summary (an open filing's counts).
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import type { LspClient } from '../../scripts/lsp-client.mjs' with { 'resolution-mode': 'import' };
import { clientModule, FIXTURES, fixture, ROOT, SERVER } from './helpers';
import { SMALL_FILING } from '../unit/texts';

let client: LspClient;
let fileUri: (p: string) => string;
const MAX = 20 * 1024 * 1024;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'filing-lens-wscheck-'));

before(async () => {
  const m = await clientModule();
  fileUri = m.fileUri;
  client = new m.LspClient(SERVER);
  await client.initialize(null, {});
});

after(async () => {
  const exit = await client.shutdown();
  assert.equal(exit.code, 0, client.stderr);
  fs.rmSync(tmp, { recursive: true, force: true });
});

test('checkFile: a filing on disk gets the same problems as the CLI gives, at the same places', async () => {
  const file = path.join(FIXTURES, '003-pipe-inquiry.filing');
  const r = await client.request('filing-lens/checkFile', { uri: fileUri(file), detect: false, maxBytes: MAX });
  assert.equal(r.status, 'checked');
  const cli = spawnSync(process.execPath, [path.join(ROOT, 'dist/cli.js'), 'check', '--format', 'json', file], { encoding: 'utf8' });
  const [expected] = JSON.parse(cli.stdout);
  assert.equal(r.checks, expected.checks);
  assert.ok(r.checks > 0);
  assert.equal(r.diagnostics.length, expected.problems.length);
  assert.equal(r.diagnostics.length, 1);
  const d = r.diagnostics[0];
  assert.equal(d.message, expected.problems[0].message);
  assert.equal(d.code, 'columnTotal');
  assert.deepEqual(d.range.start, { line: expected.problems[0].start.line - 1, character: expected.problems[0].start.column - 1 });
  assert.ok(d.relatedInformation.length >= 2);
});

test('checkFile with detect: a .txt filing is checked, a .txt that is not one is not, a missing or binary file is unreadable', async () => {
  const txt = path.join(tmp, 'inquiry.txt');
  fs.writeFileSync(txt, fixture('003-pipe-inquiry.filing').text);
  const a = await client.request('filing-lens/checkFile', { uri: fileUri(txt), detect: true, maxBytes: MAX });
  assert.equal(a.status, 'checked');
  assert.equal(a.diagnostics.length, 1);

  const notes = path.join(FIXTURES, 'detect/not-filing-notes-zh.txt');
  const b = await client.request('filing-lens/checkFile', { uri: fileUri(notes), detect: true, maxBytes: MAX });
  assert.equal(b.status, 'notFiling');
  assert.equal(b.diagnostics.length, 0);

  const c = await client.request('filing-lens/checkFile', { uri: fileUri(path.join(tmp, 'missing.txt')), detect: true, maxBytes: MAX });
  assert.equal(c.status, 'unreadable');
  assert.match(c.error, /ENOENT/);

  const bin = path.join(tmp, 'binary.filing');
  fs.writeFileSync(bin, Buffer.alloc(4096, 0));
  const e = await client.request('filing-lens/checkFile', { uri: fileUri(bin), detect: false, maxBytes: MAX });
  assert.equal(e.status, 'unreadable');
  assert.match(e.error, /binary/);

  const big = await client.request('filing-lens/checkFile', { uri: fileUri(txt), detect: false, maxBytes: 1000 });
  assert.equal(big.status, 'unreadable');
  assert.match(big.error, /limit/);
});

test('checkFile with detect reads a GB18030 filing by its beginning', async () => {
  const iconv = await import('iconv-lite');
  const gbk = path.join(tmp, 'gbk.txt');
  fs.writeFileSync(gbk, iconv.encode(fixture('003-pipe-inquiry.filing').text, 'gb18030'));
  const r = await client.request('filing-lens/checkFile', { uri: fileUri(gbk), detect: true, maxBytes: MAX });
  assert.equal(r.status, 'checked');
  assert.equal(r.diagnostics.length, 1);
});

test('summary: totals checked, totals that differ and the unit of an open filing', async () => {
  const { text } = fixture('003-pipe-inquiry.filing');
  const uri = 'file:///tmp/filing-lens-summary.filing';
  client.open(uri, text, 1);
  await client.waitForDiagnostics(uri, 1);
  const s = await client.request('filing-lens/summary', { uri });
  const cli = spawnSync(process.execPath, [path.join(ROOT, 'dist/cli.js'), 'check', '--format', 'json', path.join(FIXTURES, '003-pipe-inquiry.filing')], { encoding: 'utf8' });
  const [expected] = JSON.parse(cli.stdout);
  assert.equal(s.totals, expected.checks);
  assert.equal(s.differs, 1);
  assert.ok(s.tables > 0);
  // 003 states no money unit (its tables count 个), so none is shown.
  assert.equal(s.unit, undefined);
  // A table with its own unit line: 单位：万元.
  const small = 'file:///tmp/filing-lens-summary-small.filing';
  client.open(small, SMALL_FILING, 1);
  await client.waitForDiagnostics(small, 1);
  const t = await client.request('filing-lens/summary', { uri: small });
  assert.deepEqual({ tables: t.tables, differs: t.differs, unit: t.unit }, { tables: 1, differs: 1, unit: '万元' });
  assert.ok(t.totals >= 3);
  assert.equal(await client.request('filing-lens/summary', { uri: 'file:///tmp/not-open.filing' }), null);
});

test('checkFile can be cancelled while a large file is analysed; the server answers other requests meanwhile', async () => {
  const big = path.join(tmp, 'big.filing');
  fs.writeFileSync(big, fixture('003-pipe-inquiry.filing').text.repeat(40));
  const id = (client as unknown as { nextId: number }).nextId;
  const t0 = Date.now();
  const pending = client.request('filing-lens/checkFile', { uri: fileUri(big), detect: false, maxBytes: MAX }).then(
    (r: { status: string }) => r.status,
    (e: { code?: number }) => `error ${e.code}`,
  );
  // Another request is answered while the check runs (the analysis yields between slices).
  const other = await client.request('filing-lens/summary', { uri: 'file:///tmp/not-open.filing' });
  assert.equal(other, null);
  client.notify('$/cancelRequest', { id });
  const status = await pending;
  const ms = Date.now() - t0;
  // Cancelled: the handler stops at its next slice (vscode-languageserver may answer RequestCancelled, -32800).
  assert.ok(status === 'cancelled' || status === 'error -32800', status);
  // The whole check of this file, for comparison, completes and finds 40 copies of the one problem.
  const t1 = Date.now();
  const whole = await client.request('filing-lens/checkFile', { uri: fileUri(big), detect: false, maxBytes: MAX });
  const wholeMs = Date.now() - t1;
  assert.equal(whole.status, 'checked');
  assert.equal(whole.diagnostics.length, 40);
  console.log(`# cancelled after ${ms} ms; the whole check of ${(fs.statSync(big).size / 1024 / 1024).toFixed(1)} MB takes ${wholeMs} ms`);
  assert.ok(ms < wholeMs, `cancelled after ${ms} ms, the whole check takes ${wholeMs} ms`);
});

test('summary is pending until the analysis of the open version is done, and never analyses on its own', async () => {
  const uri = 'file:///tmp/filing-lens-summary-big.filing';
  client.open(uri, fixture('003-pipe-inquiry.filing').text.repeat(40), 1);
  const first = await client.request('filing-lens/summary', { uri });
  assert.deepEqual(first, { pending: true });
  await client.waitForDiagnostics(uri, 1);
  const done = await client.request('filing-lens/summary', { uri });
  assert.equal(done.differs, 40);
  assert.ok(done.totals >= 40 * 29, String(done.totals));
});
