// Filings saved as .txt / .md recognised by their content (client/src/detection.ts):
// the beginnings of real filings (test/vscode/workspace/detect, copies of
// test/fixtures/detect) become filings that the server reads; a README, source
// code and meeting notes that mention filings stay what they are.
import { strict as assert } from 'assert';
import * as vscode from 'vscode';
import { documentInLanguage, extensionApi, waitFor, workspaceFile } from './helpers';

async function setDetect(value: string | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('filingLens').update('detect', value, vscode.ConfigurationTarget.Global);
}

suite('content detection', () => {
  suiteTeardown(async () => {
    await setDetect(undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  for (const name of ['23-annual-cellperline.txt', '26-restructuring-cellperline.txt', '28-cbprospectus-mixed.txt']) {
    test(`${name} ([P1], a company name, a blank line) opens as a filing and gets an outline`, async () => {
      const uri = workspaceFile(`detect/${name}`);
      const opened = await vscode.workspace.openTextDocument(uri);
      assert.equal(opened.lineAt(0).text, '[P1]');
      const doc = await documentInLanguage(uri, 'filing');
      await vscode.window.showTextDocument(doc);
      const symbols = await waitFor(async () => {
        const s = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri);
        return s?.length ? s : undefined;
      }, `the outline of ${name}`);
      assert.ok(symbols.every((s) => s.name.length > 0));
      const api = await extensionApi();
      const record = api.detections().find((r) => r.uri === uri.toString());
      assert.ok(record, 'a detection record');
      assert.equal(record.action, 'switched');
      assert.ok(record.signals.includes('pageMarker') && record.signals.includes('title'), record.signals.join(','));
    });
  }

  test('a .txt with the content of an inquiry reply becomes a filing with its diagnostic', async () => {
    const uri = workspaceFile('detect/inquiry.txt');
    await vscode.workspace.openTextDocument(uri);
    const doc = await documentInLanguage(uri, 'filing');
    const bad = await waitFor(
      () => vscode.languages.getDiagnostics(doc.uri).find((d) => d.source === 'filing-lens' && d.message.includes('25,211 ≠ sum of 3 rows 25,212')),
      'the diagnostic on 25,211 in inquiry.txt',
    );
    assert.equal(bad.range.start.line, 63);
    assert.equal(bad.range.start.character, 14);
  });

  for (const [name, language] of [
    ['readme-zh.md', 'markdown'],
    ['source.txt', 'plaintext'],
    ['../plain.txt', 'plaintext'],
  ] as const) {
    test(`${name}, which mentions filings but is not one, stays ${language}`, async () => {
      const uri = workspaceFile(`detect/${name}`);
      const doc = await vscode.workspace.openTextDocument(uri);
      assert.equal(doc.languageId, language);
      const api = await extensionApi();
      const record = await waitFor(() => api.detections().find((r) => r.uri === uri.toString()), `the detection of ${name}`, 10000);
      assert.equal(record.isFiling, false, JSON.stringify(record));
      assert.equal(record.action, 'none');
      // Still the same language once the detection has run.
      assert.equal(vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString())?.languageId, language);
    });
  }

  test('filingLens.detect = ask: a filing is not switched without an answer', async () => {
    await setDetect('ask');
    const uri = workspaceFile('detect/ask-prospectus.txt');
    await vscode.workspace.openTextDocument(uri);
    const api = await extensionApi();
    const record = await waitFor(() => api.detections().find((r) => r.uri === uri.toString()), 'the detection of ask-prospectus.txt', 10000);
    assert.equal(record.isFiling, true);
    assert.equal(record.action, 'asked');
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString())?.languageId, 'plaintext');
  });

  test('filingLens.detect = off: the content is not looked at', async () => {
    await setDetect('off');
    const uri = workspaceFile('detect/off-annual.txt');
    const doc = await vscode.workspace.openTextDocument(uri);
    await new Promise((r) => setTimeout(r, 500));
    const api = await extensionApi();
    assert.equal(api.detections().find((r) => r.uri === uri.toString()), undefined);
    assert.equal(doc.languageId, 'plaintext');
    assert.equal(vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString())?.languageId, 'plaintext');
    await setDetect(undefined);
  });
});
