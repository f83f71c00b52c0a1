// Bad frames on stdin: dist/server.js --stdio must never hang. A framing error
// (a missing, non-numeric or wrong Content-Length, a stray line) is logged on
// stderr and the server exits with code 1 (the client restarts it); a body
// that is framed correctly but is not JSON is answered with a parse error and
// the server goes on.
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import { clientModule, SERVER } from '../lsp/helpers';

const frame = (body: string) => `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
const INIT = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });

/** Starts a server, writes `data`, and reports its exit code, stderr, stdout and how long it took (or 'running' after `limitMs`). */
function run(data: string, limitMs: number): Promise<{ code: number | null | 'running'; stderr: string; stdout: string; ms: number }> {
  const started = Date.now();
  const proc = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  let stdout = '';
  proc.stderr.on('data', (d) => (stderr += d));
  proc.stdout.on('data', (d) => (stdout += d));
  proc.stdin.on('error', () => undefined);
  proc.stdin.write(data);
  // stdin stays open: a server that only exits when its input closes fails here.
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      proc.kill();
      resolve({ code: 'running', stderr, stdout, ms: Date.now() - started });
    }, limitMs);
    proc.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, stdout, ms: Date.now() - started });
    });
  });
}

const FATAL: [string, string, RegExp][] = [
  ['no Content-Length header', `Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n${INIT}`, /without Content-Length/],
  ['a non-numeric Content-Length', `Content-Length: 12a\r\n\r\n${INIT}`, /not a number: "12a"/],
  ['a negative Content-Length', `Content-Length: -5\r\n\r\n${INIT}`, /not a number/],
  ['a stray line before the header', `hello\r\n${frame(INIT)}`, /not a header line: "hello"/],
  ['a stray line ended by LF only', `some log output\n${frame(INIT)}`, /not ended by CRLF/],
  ['an empty line where a header should be', `\r\n${frame(INIT)}`, /empty line/],
  ['a Content-Length shorter than the body', `Content-Length: 20\r\n\r\n${INIT}${frame(INIT)}`, /not a header line/],
  ['an endless header', 'Content-Length: 5' + ' '.repeat(10_000), /header of more than/],
  ['a Content-Length over the limit', `Content-Length: 9999999999\r\n\r\n{}`, /over the limit/],
];

test('framing errors on stdin: the server logs the reason and exits with code 1 at once', async () => {
  const results = await Promise.all(FATAL.map(([, data]) => run(data, 4000)));
  FATAL.forEach(([name, , reason], i) => {
    const r = results[i];
    assert.equal(r.code, 1, `${name}: exit ${r.code}, stderr ${r.stderr}`);
    assert.match(r.stderr, /LSP framing error on stdin/, name);
    assert.match(r.stderr, reason, name);
    assert.ok(r.ms < 4000, `${name}: ${r.ms} ms`);
  });
});

test('a Content-Length longer than what follows: the server exits with code 1 after 5 s without data instead of waiting forever', async () => {
  const r = await run(`Content-Length: 500\r\n\r\n${INIT}`, 12_000);
  console.log(`framing: stalled frame ended after ${r.ms} ms`);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /no data for 5000 ms in the middle of a body of 500 bytes/);
});

test('a well-framed body that is not JSON is answered with a parse error (−32700) and the session goes on', async () => {
  const mod = await clientModule();
  const client = new mod.LspClient(SERVER);
  try {
    const errors: any[] = [];
    const raw = client as any;
    const onMessage = raw.onMessage.bind(client);
    raw.onMessage = (m: any) => (m.id === null && m.error ? errors.push(m.error) : onMessage(m));
    await client.initialize(null, {});
    (client.proc.stdin as NodeJS.WritableStream).write('Content-Length: 5\r\n\r\n{bad}');
    (client.proc.stdin as NodeJS.WritableStream).write('Content-Length: 4\r\n\r\nnull');
    const symbols = await client.request('textDocument/documentSymbol', { textDocument: { uri: 'file:///nowhere.filing' } });
    assert.deepEqual(symbols, []);
    assert.deepEqual(
      errors.map((e) => e.code),
      [-32700, -32600],
    );
    const exit = await client.shutdown();
    assert.equal(exit.code, 0, client.stderr);
  } finally {
    if (client.proc.exitCode === null) client.proc.kill();
  }
});

test('a client that closes stdin without shutdown: the server exits with code 1; after shutdown and exit, code 0', async () => {
  const proc = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'ignore', 'pipe'] });
  proc.stdin.end(frame(INIT));
  const code = await new Promise((resolve) => proc.on('exit', resolve));
  assert.equal(code, 1);
  const mod = await clientModule();
  const client = new mod.LspClient(SERVER);
  await client.initialize(null, {});
  const exit = await client.shutdown();
  assert.equal(exit.code, 0, client.stderr);
});
