// The command-line checker (dist/cli.js) at its edges: a reader that closes the
// pipe early (… | head -1), more --jobs than cores, and file names with # ? %
// and spaces in SARIF.
import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { FIXTURES, ROOT } from '../lsp/helpers';

const CLI = path.join(ROOT, 'dist/cli.js');
const PIPE = path.join(FIXTURES, '003-pipe-inquiry.filing');
const many = (n: number) => Array.from({ length: n }, () => PIPE);

test('cli: a reader that closes stdout after the first line — the checker ends quietly with 141, no EPIPE trace', async () => {
  const proc = spawn(process.execPath, [CLI, 'check', '--jobs', '1', ...many(40)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (d) => (stderr += d));
  let first = '';
  proc.stdout.once('data', (d) => {
    first = String(d);
    proc.stdout.destroy();
  });
  const code = await new Promise((resolve) => proc.on('exit', resolve));
  assert.match(first, /003-pipe-inquiry\.filing:64:15: warning/);
  assert.equal(code, 141, stderr);
  assert.doesNotMatch(stderr, /EPIPE|Error|at /);
});

const bash = spawnSync('bash', ['-c', 'true']).status === 0;
test('cli: `filing-lens check … | head -1` prints one line and no EPIPE trace', { skip: !bash && 'no bash' }, () => {
  const files = many(40).map((f) => `'${f}'`).join(' ');
  const r = spawnSync('bash', ['-c', `'${process.execPath}' '${CLI}' check --jobs 2 ${files} | head -1; exit \${PIPESTATUS[0]}`], { encoding: 'utf8' });
  assert.equal(r.stdout.split('\n').filter(Boolean).length, 1);
  assert.ok(r.status === 141 || r.status === 1, `exit ${r.status}`); // 1 if it finished before head closed the pipe
  assert.doesNotMatch(r.stderr, /EPIPE|Error|at /);
});

const hasTime = fs.existsSync('/usr/bin/time');
test('cli: --jobs over the number of cores is capped at it (said on stderr); the output is the same as with one job', () => {
  const cores = os.availableParallelism();
  const files = many(12);
  const one = spawnSync(process.execPath, [CLI, 'check', '--jobs', '1', ...files], { encoding: 'utf8' });
  const args = [CLI, 'check', '--jobs', '302', ...files];
  const r = hasTime
    ? spawnSync('/usr/bin/time', ['-f', 'peak %M kB', process.execPath, ...args], { encoding: 'utf8' })
    : spawnSync(process.execPath, args, { encoding: 'utf8' });
  assert.equal(r.status, 1, r.stderr);
  assert.equal(r.stdout, one.stdout);
  assert.match(r.stderr, new RegExp(`--jobs 302 is more than the ${cores} cores here; using ${cores}`));
  const peak = /peak (\d+) kB/.exec(r.stderr);
  if (peak) {
    console.log(`cli: --jobs 302 on 12 files: peak RSS ${(Number(peak[1]) / 1024).toFixed(0)} MB with ${cores} workers`);
    // 302 workers took 1.4 GB; each worker is a V8 heap of 30–60 MB.
    assert.ok(Number(peak[1]) / 1024 < 150 + 100 * cores, peak[0]);
  }
  assert.doesNotMatch(spawnSync(process.execPath, [CLI, 'check', '--jobs', String(cores), PIPE], { encoding: 'utf8' }).stderr, /more than/);
});

test('cli: SARIF artifact URIs escape # ? % and spaces, absolute paths as file: URIs, relative ones as relative references', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'filing-lens sarif #1?'));
  try {
    const sub = path.join(dir, 'a#b?c 100%');
    fs.mkdirSync(sub);
    const file = path.join(sub, '回复#2?.filing');
    fs.copyFileSync(PIPE, file);
    const absolute = JSON.parse(spawnSync(process.execPath, [CLI, 'check', '--format', 'sarif', file], { encoding: 'utf8' }).stdout);
    const uri: string = absolute.runs[0].artifacts[0].location.uri;
    assert.match(uri, /^file:\/\//);
    assert.doesNotMatch(uri.slice('file://'.length), /[#? ]/);
    assert.equal(fileURLToPath(uri), file);
    assert.equal(absolute.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, uri);
    assert.equal(new URL(uri).hash, '');
    assert.equal(new URL(uri).search, '');

    const relative = JSON.parse(spawnSync(process.execPath, [CLI, 'check', '--format', 'sarif', path.relative(dir, file)], { cwd: dir, encoding: 'utf8' }).stdout);
    const rel: string = relative.runs[0].artifacts[0].location.uri;
    assert.doesNotMatch(rel, /[#? ]|^file:/);
    assert.equal(rel.split('/').map(decodeURIComponent).join(path.sep), path.relative(dir, file));
    // Resolved against the folder it was run in, it names the file.
    assert.equal(fileURLToPath(new URL(rel, `file://${dir.split(path.sep).map(encodeURIComponent).join('/')}/`)), file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
