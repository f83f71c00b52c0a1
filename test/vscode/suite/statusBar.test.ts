// The status-bar item of the active filing (client/src/statusBar.ts) and its command.
import { strict as assert } from 'assert';
import * as vscode from 'vscode';
import { extensionApi, positionOf, waitFor, workspaceFile } from './helpers';

suite('status bar', () => {
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('shows the totals checked, the one that differs, for the active filing; hides for other files', async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceFile('003-pipe-inquiry.filing'));
    const editor = await vscode.window.showTextDocument(doc);
    const api = await extensionApi();
    const status = await waitFor(() => {
      const s = api.statusBar();
      return s.visible && s.summary && s.summary.differs === 1 ? s : undefined;
    }, 'the status bar of 003-pipe-inquiry.filing');
    assert.match(status.text, /^Filing · \d+ totals · 1 differs$/);
    const totals = Number(/(\d+) totals/.exec(status.text)![1]);
    assert.ok(totals > 10, status.text);
    assert.equal(status.summary!.totals, totals);

    // Clicking it with the cursor outside any table: the summary of the filing.
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    const summary = await vscode.commands.executeCommand<{ summary?: { totals: number; differs: number } }>('filingLens.showStatus');
    assert.deepEqual({ totals: summary?.summary?.totals, differs: summary?.summary?.differs }, { totals, differs: 1 });

    // With the cursor in the table of the 合计 row: the grid of that table.
    const p = positionOf(doc, '合计 | 25,001');
    editor.selection = new vscode.Selection(p, p);
    const grid = await vscode.commands.executeCommand<{ table?: { rows: unknown[] } }>('filingLens.showStatus');
    assert.ok(grid?.table && grid.table.rows.length >= 4, JSON.stringify(grid).slice(0, 200));

    // A plain-text file that is not a filing: no item.
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(workspaceFile('detect/source.txt')));
    await waitFor(() => !api.statusBar().visible, 'the status-bar item to hide');
  });

  test('shows the unit of a filing that states one', async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceFile('check/notes.filing'));
    await vscode.window.showTextDocument(doc);
    const api = await extensionApi();
    const status = await waitFor(() => {
      const s = api.statusBar();
      return s.visible && s.summary && s.text.includes('单位') ? s : undefined;
    }, 'the status bar of notes.filing with its unit');
    assert.match(status.text, /^Filing · \d+ totals · all reconcile · 单位 元$/);
  });
});
