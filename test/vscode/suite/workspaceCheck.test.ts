// Filing Lens: Check All Filings in Workspace / in Folder (client/src/workspaceCheck.ts
// and the server's filing-lens/checkFile), on test/vscode/workspace/check: a .txt
// with the content of an inquiry reply (one total off by 1), a clean .filing, meeting
// notes that are not a filing, and a "scan" of NUL bytes that cannot be read.
import { strict as assert } from 'assert';
import * as vscode from 'vscode';
import { waitFor, workspaceFile } from './helpers';
import type { WorkspaceCheckSummary } from '../../../client/src/workspaceCheck';

// The summary the command returns, as the client defines it (a type only: nothing of the client is loaded here).
type Summary = WorkspaceCheckSummary;

const isOpen = (uri: vscode.Uri) => vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString());

suite('workspace check', () => {
  const inquiry = workspaceFile('check/inquiry-copy.txt');
  const notes = workspaceFile('check/meeting-notes.txt');

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('Check All Filings in Folder finds the problem of a .txt filing never opened, with progress per file', async () => {
    assert.ok(!isOpen(inquiry), 'check/inquiry-copy.txt must not have been opened by an earlier test');
    assert.ok(!isOpen(notes));
    const s = await vscode.commands.executeCommand<Summary>('filingLens.checkFolder', workspaceFile('check'));
    assert.ok(s, 'a summary');
    assert.equal(s.files, 4, s.message);
    assert.equal(s.filings, 2, s.message);
    assert.equal(s.notFilings, 1, s.message);
    assert.equal(s.unreadable.length, 1, s.message);
    assert.match(s.unreadable[0].uri, /scan\.filing$/);
    assert.match(s.unreadable[0].error, /binary/);
    assert.equal(s.warnings, 1, s.message);
    assert.deepEqual(s.filesWithProblems, ['check/inquiry-copy.txt']);
    assert.ok(s.totals > 20, s.message);
    assert.equal(s.progressReports, 4, 'one progress report per file');
    assert.equal(s.cancelled, false);
    assert.match(s.message, /2 filings checked \(4 files looked at\), \d+ totals checked, 1 warning in 1 file, 1 could not be read\./);

    // The Problems panel has the warning, though the file was never opened.
    const diags = vscode.languages.getDiagnostics(inquiry);
    assert.equal(diags.length, 1, JSON.stringify(diags));
    assert.equal(diags[0].source, 'filing-lens');
    assert.equal(diags[0].code, 'columnTotal');
    assert.match(diags[0].message, /25,211 ≠ sum of 3 rows 25,212/);
    assert.deepEqual([diags[0].range.start.line, diags[0].range.start.character], [63, 14]);
    assert.ok((diags[0].relatedInformation ?? []).length >= 3);
    assert.ok(!isOpen(inquiry), 'the check does not open the files');
    assert.equal(vscode.languages.getDiagnostics(notes).length, 0);
  });

  test('opening a checked file hands its problems to the server: one warning, not two', async () => {
    const doc = await vscode.workspace.openTextDocument(inquiry);
    await vscode.window.showTextDocument(doc);
    await waitFor(() => vscode.workspace.textDocuments.find((d) => d.uri.toString() === inquiry.toString() && d.languageId === 'filing'), 'inquiry-copy.txt as a filing');
    // The workspace check's entry is dropped when the file opens as a filing; the server publishes its own.
    const diags = await waitFor(() => {
      const d = vscode.languages.getDiagnostics(inquiry);
      return d.length === 1 ? d : undefined;
    }, 'one diagnostic for the opened file');
    assert.match(diags[0].message, /25,211/);
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(vscode.languages.getDiagnostics(inquiry).length, 1);
  });

  test('Check All Filings in Workspace covers every folder and leaves the other texts alone', async () => {
    const s = await vscode.commands.executeCommand<Summary>('filingLens.checkWorkspace');
    // check/ (4), detect/ (8), the top level's .filing files and plain.txt.
    assert.equal(s.files, 15, s.message);
    assert.equal(s.progressReports, s.files);
    // Non-filings: meeting notes, source.txt, readme-zh.md, plain.txt.
    assert.equal(s.notFilings, 4, s.message);
    assert.equal(s.unreadable.length, 1, s.message);
    assert.equal(s.filings, s.files - 5, s.message);
    // 003 in three copies (two .txt) has the one total that differs.
    assert.deepEqual([...s.filesWithProblems].sort(), ['003-pipe-inquiry.filing', 'check/inquiry-copy.txt', 'detect/inquiry.txt']);
    assert.equal(s.warnings, 3);
  });
});
