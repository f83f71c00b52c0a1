// Language identification: by extension, by first line, and by the command.
import { strict as assert } from 'assert';
import * as vscode from 'vscode';
import { EXTENSION_ID, waitFor, workspaceFile } from './helpers';

suite('language', () => {
  test('the extension under development is present', () => {
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID), vscode.extensions.all.map((e) => e.id).join(', '));
  });

  test('a .filing file gets the filing language and activates the extension', async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceFile('003-pipe-inquiry.filing'));
    assert.equal(doc.languageId, 'filing');
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    await waitFor(() => ext.isActive, 'the extension to activate');
  });

  test('a file without a known extension whose first line names a report gets filing', async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceFile('report-no-ext'));
    assert.match(doc.lineAt(0).text, /年度报告/);
    assert.equal(doc.languageId, 'filing');
  });

  test('a .txt file stays plain text (firstLine does not override the extension); filingLens.setLanguage switches it', async () => {
    const uri = workspaceFile('plain.txt');
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.match(doc.lineAt(0).text, /年度报告/);
    assert.equal(doc.languageId, 'plaintext');
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('filingLens.setLanguage');
    const switched = await waitFor(
      () => vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString() && d.languageId === 'filing'),
      'plain.txt to switch to filing',
      10000,
    );
    assert.equal(switched.languageId, 'filing');
    assert.equal(vscode.window.activeTextEditor?.document.languageId, 'filing');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
