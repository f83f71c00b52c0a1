// Opening a 20 MB .txt does not block the extension host: detection reads only
// the first lines (client/src/detection.ts documentPrefix). Measured: the time the
// detection takes, and the longest pause of the extension host's event loop while
// the file is opened and recognised (which includes VS Code's own work of taking
// the 20 MB document in). Files are written to the temp folder, not the workspace.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { documentInLanguage, extensionApi, waitFor } from './helpers';

const MB = 1024 * 1024;
const LINE = '报告期内，公司的主营业务包括金融信息化服务、移动商务服务、电子商务三大业务领域，营业收入 1,234,567.89 元。\n';

/** Measures the longest gap between ticks of a 5 ms timer while `f` runs. */
async function longestPause<T>(f: () => Promise<T>): Promise<{ value: T; maxGapMs: number; totalMs: number }> {
  let last = performance.now();
  let maxGap = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    maxGap = Math.max(maxGap, now - last);
    last = now;
  }, 5);
  const t0 = performance.now();
  try {
    const value = await f();
    return { value, maxGapMs: maxGap, totalMs: performance.now() - t0 };
  } finally {
    clearInterval(timer);
  }
}

function writeLarge(file: string, head: string): number {
  const body = LINE.repeat(Math.ceil((20 * MB) / Buffer.byteLength(LINE)));
  fs.writeFileSync(file, head + body);
  return fs.statSync(file).size;
}

suite('a 20 MB .txt', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'filing-lens-large-'));

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('that is not a filing stays plain text; detection reads a prefix and takes milliseconds', async () => {
    const file = path.join(dir, 'large-log.txt');
    const size = writeLarge(file, '服务日志导出\n');
    assert.ok(size >= 20 * MB);
    const uri = vscode.Uri.file(file);
    const api = await extensionApi();
    const run = await longestPause(async () => {
      await vscode.workspace.openTextDocument(uri);
      return waitFor(() => api.detections().find((r) => r.uri === uri.toString()), 'the detection of the large file', 60000, 20);
    });
    const record = run.value;
    console.log(`    20 MB plain .txt (${(size / MB).toFixed(1)} MB): detection ${record.ms.toFixed(2)} ms over ${record.chars} characters; open + detect ${run.totalMs.toFixed(0)} ms, longest extension-host pause ${run.maxGapMs.toFixed(0)} ms`);
    assert.equal(record.isFiling, false);
    assert.ok(record.chars <= 64 * 1024, `read ${record.chars} characters`);
    assert.ok(record.ms < 500, `detection took ${record.ms} ms`);
    assert.equal(vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString())?.languageId, 'plaintext');
  });

  test('that is a filing becomes one without blocking the extension host on detection', async () => {
    const file = path.join(dir, 'large-filing.txt');
    const head = fs.readFileSync(path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, 'detect', '23-annual-cellperline.txt'), 'utf8');
    const size = writeLarge(file, head);
    const uri = vscode.Uri.file(file);
    const api = await extensionApi();
    const run = await longestPause(async () => {
      await vscode.workspace.openTextDocument(uri);
      return documentInLanguage(uri, 'filing', 60000);
    });
    const record = api.detections().find((r) => r.uri === uri.toString());
    assert.ok(record);
    console.log(`    20 MB filing .txt (${(size / MB).toFixed(1)} MB): detection ${record.ms.toFixed(2)} ms over ${record.chars} characters; open + switch to filing ${run.totalMs.toFixed(0)} ms, longest extension-host pause ${run.maxGapMs.toFixed(0)} ms`);
    assert.equal(record.action, 'switched');
    assert.ok(record.chars <= 64 * 1024);
    assert.ok(record.ms < 500, `detection took ${record.ms} ms`);
    // For comparison: the same 20 MB opened as a .filing (no detection at all): the pause that
    // remains is VS Code's and the language client's (which sends the whole text to the server).
    const direct = path.join(dir, 'large-direct.filing');
    fs.copyFileSync(file, direct);
    const base = await longestPause(async () => {
      const d = await vscode.workspace.openTextDocument(vscode.Uri.file(direct));
      await new Promise((r) => setTimeout(r, 1500));
      return d;
    });
    assert.equal(base.value.languageId, 'filing');
    console.log(`    the same as a .filing (no detection): open + 1.5 s ${base.totalMs.toFixed(0)} ms, longest extension-host pause ${base.maxGapMs.toFixed(0)} ms`);
    // The extension host still answers: a command round trip right after.
    const t0 = performance.now();
    await vscode.commands.executeCommand('filingLens.showStatus');
    console.log(`    a command right after: ${(performance.now() - t0).toFixed(0)} ms`);
  });
});
