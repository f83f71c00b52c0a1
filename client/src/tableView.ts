// The table view: a webview showing one table as a grid (unit, values in 元,
// ✓ / ✗ on checked totals), built from the data the server's
// `filing-lens.tableGrid` command returns. Clicking a row reveals it in the editor.
import * as vscode from 'vscode';
import { TableGrid, tableHtml } from './tableHtml';

export type { TableGrid };

let panel: vscode.WebviewPanel | undefined;
let target: vscode.Uri | undefined;

export function showTableView(uri: vscode.Uri, grid: TableGrid): vscode.WebviewPanel {
  target = uri;
  if (!panel) {
    panel = vscode.window.createWebviewPanel('filingLens.table', 'Table', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, { enableScripts: true });
    panel.onDidDispose(() => (panel = undefined));
    panel.webview.onDidReceiveMessage(async (m: { line?: number }) => {
      if (typeof m?.line !== 'number' || !target) return;
      const doc = await vscode.workspace.openTextDocument(target);
      const editor = await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One, preserveFocus: false });
      const range = doc.lineAt(Math.min(m.line, doc.lineCount - 1)).range;
      editor.selection = new vscode.Selection(range.start, range.end);
      editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    });
  } else {
    panel.reveal(vscode.ViewColumn.Beside, true);
  }
  panel.title = `表: ${grid.caption.slice(0, 30) || `#${grid.id + 1}`}`;
  panel.webview.html = tableHtml(grid, nonce());
  return panel;
}

function nonce(): string {
  let s = '';
  for (let i = 0; i < 32; i++) s += 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'[Math.floor(Math.random() * 62)];
  return s;
}
