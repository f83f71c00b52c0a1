// What the language server gives the editor, through the VS Code API, on
// test/vscode/workspace/003-pipe-inquiry.filing (a copy of test/fixtures/003-pipe-inquiry.filing).
import { strict as assert } from 'assert';
import * as vscode from 'vscode';
import { hoverText, positionOf, waitFor, workspaceFile } from './helpers';

suite('language server features', () => {
  let doc: vscode.TextDocument;

  suiteSetup(async () => {
    doc = await vscode.workspace.openTextDocument(workspaceFile('003-pipe-inquiry.filing'));
    await vscode.window.showTextDocument(doc);
    assert.equal(doc.languageId, 'filing');
  });

  test('the outline has the nested sections and a table with its unit', async () => {
    const symbols = await waitFor(async () => {
      const s = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri);
      return s?.some((x) => x.name.startsWith('问题2')) ? s : undefined;
    }, 'document symbols with 问题2');
    const q2 = symbols.find((s) => s.name.startsWith('问题2'))!;
    const one = q2.children.find((s) => s.name.startsWith('一、'));
    assert.ok(one, q2.children.map((s) => s.name).join(' | '));
    const sub = one.children.find((s) => s.name.startsWith('(二)'));
    assert.ok(sub, one.children.map((s) => s.name).join(' | '));
    const table = sub.children.find((s) => s.kind === vscode.SymbolKind.Struct);
    assert.ok(table, sub.children.map((s) => `${vscode.SymbolKind[s.kind]} ${s.name}`).join(' | '));
    assert.match(table.detail, /单位：个/);
    // The 合计 row with 25,001 lies inside that table.
    assert.ok(table.range.contains(positionOf(doc, '合计 | 25,001')), `${table.name} ${JSON.stringify(table.range)}`);
  });

  test('hover on 25,001 in the 合计 row shows the normalized figure', async () => {
    const pos = positionOf(doc, '25,001 | 25,211', 2);
    const text = await waitFor(async () => {
      const t = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, pos));
      return t.includes('25,001') ? t : undefined;
    }, 'a hover on 25,001');
    assert.match(text, /25,001 个/);
    assert.match(text, /合计/);
  });

  test('diagnostics report the total 25,211 that does not add up, and not the total 25,001 that does', async () => {
    const bad = await waitFor(
      () => vscode.languages.getDiagnostics(doc.uri).find((d) => d.message.includes('25,211 ≠ sum of 3 rows 25,212')),
      'the diagnostic on 25,211',
    );
    assert.equal(bad.severity, vscode.DiagnosticSeverity.Warning);
    // The range covers the figure 25,211 in the 合计 row (the LSP test pins its exact start).
    const figure = positionOf(doc, '25,211 | 21,190');
    assert.equal(bad.range.start.line, figure.line);
    assert.ok(bad.range.contains(figure.translate(0, 3)), JSON.stringify(bad.range));
    // The 合计 row of the same table: its 2021.12.31 total 25,001 holds and gets no diagnostic.
    const good = positionOf(doc, '合计 | 25,001', '合计 | '.length);
    const all = vscode.languages.getDiagnostics(doc.uri);
    const onRow = all.filter((d) => d.range.start.line === good.line);
    const messages = onRow.map((d) => `${d.range.start.line}:${d.range.start.character} ${d.message}`).join('\n');
    assert.ok(!onRow.some((d) => /25,001 ≠/.test(d.message)), messages);
    assert.ok(!all.some((d) => d.range.contains(good.translate(0, 3))), messages);
    assert.equal(onRow.length, 1, messages);
  });
});
