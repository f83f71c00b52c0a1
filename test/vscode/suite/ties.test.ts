// Ties (勾稽关系) in the editor: Go to Definition from a balance-sheet line to its note total
// (test/fixtures/ties/002-statements-and-notes.filing, opened as an untitled filing), the hover
// listing where the figure appears again, and Find All References.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { hoverText, waitFor } from './helpers';

const FIXTURE = path.resolve(__dirname, '../../../../test/fixtures/ties/002-statements-and-notes.filing');
const NOTE = '1、货?#26131;?#37329;';

suite('ties between statements and notes', () => {
  let doc: vscode.TextDocument;
  let text: string;

  suiteSetup(async () => {
    text = fs.readFileSync(FIXTURE, 'utf8');
    doc = await vscode.workspace.openTextDocument({ language: 'filing', content: text });
    await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
  });

  test('Go to Definition on the balance-sheet 货币资金 lands on the 合计 of its note', async () => {
    const bs = doc.positionAt(text.indexOf('379,496,625.81') + 3);
    const note = doc.positionAt(text.indexOf('379,496,625.81', text.indexOf(NOTE)));
    const links = await waitFor(async () => {
      const l = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', doc.uri, bs);
      return l?.length ? l : undefined;
    }, 'a definition on the balance-sheet figure');
    assert.equal(links.length, 1);
    const link = links[0];
    assert.ok('targetUri' in link, JSON.stringify(link));
    assert.deepEqual([link.targetSelectionRange!.start.line, link.targetSelectionRange!.start.character], [note.line, note.character]);
    assert.equal(doc.getText(link.targetSelectionRange), '379,496,625.81');
    assert.equal(doc.lineAt(note.line - 2).text.trim(), '合计');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, bs);
    assert.match(hoverText(hovers), /Ties \(勾稽关系\)\*\* — 1 of 1 agree/);
    const refs = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', doc.uri, bs);
    assert.deepEqual(refs.map((r) => r.range.start.line).sort((a, b) => a - b), [bs.line, note.line]);
  });
});
