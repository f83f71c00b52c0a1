// Filing Lens: Open PDF as Filing in the editor: test/vscode/workspace/balance-sheet.pdf
// (a copy of test/fixtures/pdf/34-balance-sheet.pdf) becomes balance-sheet.filing beside it,
// with the server's features, and a hover on a figure names its PDF page.
import { strict as assert } from 'assert';
import * as vscode from 'vscode';
import { hoverText, positionOf, waitFor, workspaceFile } from './helpers';

suite('PDF as filing', () => {
  const pdf = () => workspaceFile('balance-sheet.pdf');
  const filing = () => workspaceFile('balance-sheet.filing');

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(filing()).then(undefined, () => undefined);
  });

  test('Open PDF as Filing writes NAME.filing beside the PDF and opens it with its checks; a hover names the page', async () => {
    await vscode.workspace.fs.delete(filing()).then(undefined, () => undefined);
    const uri = await vscode.commands.executeCommand<vscode.Uri>('filingLens.openPdfAsFiling', pdf());
    assert.ok(uri, 'the command returns the filing it opened');
    assert.equal(uri.toString(), filing().toString());
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.equal(doc.languageId, 'filing');
    assert.ok(doc.getText().includes('\n资产总计 |  | 5,793,311,212.77 | 5,855,983,945.78 |\n'));
    const written = Buffer.from(await vscode.workspace.fs.readFile(filing())).toString('utf8');
    assert.equal(written, doc.getText());
    // The server reads it: the outline has the statement's tables.
    const symbols = await waitFor(async () => {
      const s = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri);
      return s?.length ? s : undefined;
    }, 'document symbols of the converted PDF');
    assert.ok(symbols.some((s) => s.name.includes('财务报表')), symbols.map((s) => s.name).join(' | '));
    // 短期借款 is on the PDF's second page.
    const pos = positionOf(doc, '200,000,000.00 | 276,000,000.00', 2);
    const text = await waitFor(async () => {
      const t = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, pos));
      return t.includes('PDF page') ? t : undefined;
    }, 'a hover naming the PDF page');
    assert.match(text, /PDF page 2\b/);
  });
});
