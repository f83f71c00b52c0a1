// The "for reading all day" features (code lens, inlay hints, folding, expand selection,
// workspace symbols, go to definition, the table commands), reached through the VS Code API
// as the editor reaches them, on test/vscode/workspace/003-pipe-inquiry.filing and
// notes-crossref.filing (the cross-references of test/unit's NOTES excerpt).
import { strict as assert } from 'assert';
import * as vscode from 'vscode';
import { positionOf, waitFor, workspaceFile } from './helpers';

/** The 003 table of 小B商户 counts: header line, and the 合计 row with 25,001 (holds) and 25,211 (≠ 25,212). */
const HEADER = '数量(个) | 2021.12.31 | 2020.12.31 | 2019.12.31 |';
const TOTAL = '合计 | 25,001 | 25,211 | 21,190 |';

const labelText = (h: vscode.InlayHint) => (typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join(''));
const show = (r: vscode.Range) => `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;

suite('reading features', () => {
  let doc: vscode.TextDocument;
  let headerLine: number;
  let totalLine: number;

  suiteSetup(async () => {
    doc = await vscode.workspace.openTextDocument(workspaceFile('003-pipe-inquiry.filing'));
    await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
    assert.equal(doc.languageId, 'filing');
    headerLine = positionOf(doc, HEADER).line;
    totalLine = positionOf(doc, TOTAL).line;
  });

  /** Shows 003 with the cursor on `needle` (+ delta). */
  async function cursorAt(needle: string, delta = 0): Promise<vscode.TextEditor> {
    const editor = await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One, preserveFocus: false });
    const p = positionOf(doc, needle, delta);
    editor.selection = new vscode.Selection(p, p);
    return editor;
  }

  const tableLens = () =>
    waitFor(async () => {
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri);
      // The lens of the table: the last one starting above the 合计 row.
      const above = (lenses ?? []).filter((l) => l.range.start.line <= headerLine).sort((a, b) => b.range.start.line - a.range.start.line)[0];
      return above?.command ? above : undefined;
    }, 'a code lens above the 003 table');

  test('a code lens above the table opens it with filingLens.showTable', async () => {
    const lens = await tableLens();
    const command = lens.command!;
    assert.equal(command.command, 'filingLens.showTable');
    // On the table's header row or the line that introduces it (…分类如下：), not further up.
    assert.ok(headerLine - lens.range.start.line <= 1, `lens at ${show(lens.range)}, header row on line ${headerLine}`);
    assert.match(command.title, /4 rows × 3 columns/);
    assert.match(command.title, /1 differ/);
    const [uri, table] = command.arguments ?? [];
    assert.equal(uri, doc.uri.toString());
    assert.equal(typeof table, 'number');
  });

  test('inlay hints: ✓ after the total 25,001 and ≠ 25,212 after the total 25,211', async () => {
    const range = new vscode.Range(headerLine, 0, totalLine + 1, 0);
    const after = (figure: string) => positionOf(doc, TOTAL, TOTAL.indexOf(figure) + figure.length);
    const hints = await waitFor(async () => {
      const h = await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', doc.uri, range);
      return h?.some((x) => x.position.line === totalLine) ? h : undefined;
    }, 'inlay hints on the 合计 row');
    const at = (p: vscode.Position) => hints.filter((h) => h.position.isEqual(p)).map(labelText);
    const listing = hints.map((h) => `${h.position.line}:${h.position.character} ${labelText(h)}`).join('\n');
    assert.deepEqual(at(after('25,001')), ['✓'], listing);
    assert.deepEqual(at(after('25,211')), ['≠ 25,212'], listing);
  });

  test('folding: the section 问题2 and the table fold', async () => {
    const folds = await waitFor(async () => {
      const f = await vscode.commands.executeCommand<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', doc.uri);
      return f?.length ? f : undefined;
    }, 'folding ranges');
    const listing = folds.map((f) => `${f.start}-${f.end} ${f.kind ?? ''}`).join(', ');
    const q2 = positionOf(doc, '问题2 关于小B商户根据').line;
    const section = folds.find((f) => f.start === q2);
    assert.ok(section, listing);
    assert.equal(section.kind, vscode.FoldingRangeKind.Region);
    assert.ok(section.end > totalLine, listing);
    // The table: from its header (or the line introducing it) to the 合计 row, not a section.
    const table = folds.find((f) => f.kind === undefined && headerLine - f.start <= 1 && f.start <= headerLine && f.end === totalLine);
    assert.ok(table, listing);
  });

  test('expand selection grows from the figure 25,001 to its row, the table and the sections', async () => {
    const pos = positionOf(doc, TOTAL, TOTAL.indexOf('25,001') + 2);
    const [first] = await waitFor(
      async () => {
        const r = await vscode.commands.executeCommand<vscode.SelectionRange[]>('vscode.executeSelectionRangeProvider', doc.uri, [pos]);
        return r?.[0]?.parent ? r : undefined;
      },
      'selection ranges from 25,001',
    );
    const chain: vscode.Range[] = [];
    for (let r: vscode.SelectionRange | undefined = first; r; r = r.parent) chain.push(r.range);
    const listing = chain.map((r) => `${show(r)} ${JSON.stringify(doc.getText(r).slice(0, 20))}`).join('\n');
    // Each range contains the one before. (Not strictly: VS Code merges the server's chain with its
    // word ranges and adds whole-line variants, and may repeat a range that already ends a line.)
    for (let i = 1; i < chain.length; i++) assert.ok(chain[i].contains(chain[i - 1]), `not growing at ${i}:\n${listing}`);
    const texts = chain.map((r) => doc.getText(r));
    assert.equal(texts[0], '25,001', listing);
    const row = doc.lineAt(totalLine).range;
    assert.ok(chain.some((r) => r.start.isEqual(row.start) && r.end.line === totalLine), `no range for the 合计 row:\n${listing}`);
    const table = chain.find((r) => r.start.line <= headerLine && r.start.line >= headerLine - 1 && r.end.line === totalLine);
    assert.ok(table, `no range for the table:\n${listing}`);
    const subsection = positionOf(doc, '(二)发行人小B商户是否区分');
    assert.ok(chain.some((r) => r.start.isEqual(subsection) && r.end.line > totalLine), `no range for the section (二):\n${listing}`);
    const q2 = positionOf(doc, '问题2 关于小B商户根据');
    assert.ok(chain.some((r) => r.start.isEqual(q2)), `no range for 问题2:\n${listing}`);
  });

  test('workspace symbols find 问题2 in the open filing', async () => {
    const symbols = await waitFor(async () => {
      const s = await vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', '问题2');
      return s?.some((x) => x.name.startsWith('问题2')) ? s : undefined;
    }, 'a workspace symbol 问题2');
    const q2 = symbols.find((s) => s.name.startsWith('问题2') && s.location.uri.toString() === doc.uri.toString());
    assert.ok(q2, symbols.map((s) => `${s.name} ${s.location.uri.path}`).join('\n'));
    assert.equal(q2.location.range.start.line, positionOf(doc, '问题2 关于小B商户根据').line);
  });

  test('go to definition on 详见附注七、1 lands on the heading 1、货币资金', async () => {
    const notes = await vscode.workspace.openTextDocument(workspaceFile('notes-crossref.filing'));
    assert.equal(notes.languageId, 'filing');
    const target = async (needle: string) => {
      const links = await waitFor(
        async () => {
          const l = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', notes.uri, positionOf(notes, needle, 2));
          return l?.length ? l : undefined;
        },
        `a definition for ${needle}`,
      );
      assert.equal(links.length, 1);
      const link = links[0];
      assert.ok('targetUri' in link, JSON.stringify(link));
      assert.equal(link.targetUri.toString(), notes.uri.toString());
      return { link, heading: notes.getText(link.targetSelectionRange ?? link.targetRange) };
    };
    const one = await target('附注七、1');
    assert.equal(one.heading, '1、货币资金');
    assert.equal(notes.getText(one.link.originSelectionRange), '附注七、1');
    assert.equal((await target('附注五、（一）')).heading, '（一）金融工具');
  });

  test('filingLens.copyTableTsv with the cursor in the table puts the table, tab-separated, on the clipboard', async () => {
    await cursorAt(TOTAL, 4);
    await vscode.env.clipboard.writeText('');
    // vscode.env.clipboard is VS Code's clipboard service. While extension tests run, the web
    // workbench (code-server) keeps it in memory rather than in navigator.clipboard, so this checks
    // what the extension wrote through the API, not what the browser's clipboard received.
    const returned = await vscode.commands.executeCommand<string>('filingLens.copyTableTsv');
    const text = await vscode.env.clipboard.readText();
    assert.equal(text, returned);
    // Each count column is followed by its plain number (the base-unit companion column, here 个).
    const lines = text.split('\n');
    assert.equal(lines[0], '数量(个)\t2021.12.31\t2021.12.31 (个)\t2020.12.31\t2020.12.31 (个)\t2019.12.31\t2019.12.31 (个)', text);
    assert.ok(lines.includes('独立门店(含个体户)\t23,879\t23879\t24,293\t24293\t19,990\t19990'), text);
    assert.ok(lines.includes('合计\t25,001\t25001\t25,211\t25211\t21,190\t21190'), text);
    assert.equal(lines.filter(Boolean).length, 5, text);
  });

  test('the code lens command opens the table grid in a webview tab', async () => {
    const isGrid = (t: vscode.Tab) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('filingLens.table');
    const gridTabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter(isGrid);
    await vscode.window.tabGroups.close(gridTabs());
    const lens = await tableLens();
    await cursorAt('问题2 关于小B商户根据');
    // What clicking the lens runs.
    const grid = await vscode.commands.executeCommand<{ caption: string; id: number }>(lens.command!.command, ...(lens.command!.arguments ?? []));
    assert.ok(grid, 'filingLens.showTable returned no grid');
    const tab = await waitFor(() => gridTabs()[0], 'a webview tab for the table');
    assert.match(tab.label, /^表: /);
    // The same table from the command palette, with the cursor in it: the one panel is reused.
    await cursorAt(TOTAL, 4);
    const again = await vscode.commands.executeCommand<{ id: number }>('filingLens.showTable');
    assert.equal(again?.id, grid.id);
    assert.equal(gridTabs().length, 1);
    await vscode.window.tabGroups.close(gridTabs());
  });
});
