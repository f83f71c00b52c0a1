// Filing Lens: Open PDF as Filing — the PDF read into filing text (server/src/pdf,
// pdf.js in the extension host), written as NAME.filing beside the PDF or opened
// untitled; a hover on a figure names its PDF page (the `[Pn]` marker above it),
// and Filing Lens: Open PDF at Page opens the PDF there.
import * as path from 'path';
import * as vscode from 'vscode';
import { pdfToFiling } from '../../server/src/pdf/convert';

export const OPEN_PDF_AS_FILING = 'filingLens.openPdfAsFiling';
export const OPEN_PDF_AT_PAGE = 'filingLens.openPdfAtPage';

/** The PDF each converted filing came from (untitled documents have no name to go by). */
const sources = new Map<string, vscode.Uri>();

const PAGE_MARKER = /^\[P(\d+)\]\s*$/;
const FIGURE_WORD = /[-(（]?\d[\d,]*(?:\.\d+)?%?[)）]?/;

/** The page of a line: the nearest `[Pn]` marker line at or above it. */
export function pageAt(document: vscode.TextDocument, line: number): number | undefined {
  for (let i = line; i >= 0; i--) {
    const m = PAGE_MARKER.exec(document.lineAt(i).text);
    if (m) return Number(m[1]);
  }
  return undefined;
}

/** The PDF a filing document was converted from: remembered, or NAME.pdf beside NAME.filing. */
async function sourcePdf(document: vscode.TextDocument): Promise<vscode.Uri | undefined> {
  const known = sources.get(document.uri.toString());
  if (known) return known;
  if (document.uri.scheme === 'untitled') return undefined;
  const parsed = path.posix.parse(document.uri.path);
  for (const ext of ['.pdf', '.PDF']) {
    const candidate = document.uri.with({ path: path.posix.join(parsed.dir, parsed.name + ext) });
    try {
      await vscode.workspace.fs.stat(candidate);
      return candidate;
    } catch {
      // not there
    }
  }
  return undefined;
}

async function openPdfAsFiling(context: vscode.ExtensionContext, uri?: vscode.Uri): Promise<vscode.Uri | undefined> {
  if (!uri) {
    const picked = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { PDF: ['pdf', 'PDF'] }, openLabel: 'Open as Filing' });
    uri = picked?.[0];
    if (!uri) return undefined;
  }
  const pdf = uri;
  const name = path.posix.basename(pdf.path);
  const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Filing Lens: reading ${name}…` }, async () => {
    let data: Uint8Array;
    try {
      data = await vscode.workspace.fs.readFile(pdf);
    } catch (e) {
      return { text: '', pages: 0, warnings: [], ms: 0, error: `cannot read the file (${e instanceof Error ? e.message : String(e)})` };
    }
    return pdfToFiling(data, { cMapUrl: context.asAbsolutePath(path.join('dist', 'cmaps')) + path.sep });
  });
  if (result.error) {
    void vscode.window.showErrorMessage(`Filing Lens: ${name}: ${result.error}`);
    return undefined;
  }
  if (result.warnings.length) {
    const shown = result.warnings.slice(0, 5).join('; ') + (result.warnings.length > 5 ? `; and ${result.warnings.length - 5} more` : '');
    void vscode.window.showWarningMessage(`Filing Lens: ${name}: ${shown}`);
  }
  const target = pdf.with({ path: pdf.path.replace(/\.pdf$/i, '') + '.filing' });
  let document: vscode.TextDocument | undefined;
  if (pdf.scheme !== 'untitled') {
    let exists = false;
    try {
      await vscode.workspace.fs.stat(target);
      exists = true;
    } catch {
      exists = false;
    }
    const choice = exists
      ? await vscode.window.showWarningMessage(`${path.posix.basename(target.path)} exists. Replace it?`, { modal: true }, 'Replace', 'Open Untitled')
      : 'Replace';
    if (!choice) return undefined;
    if (choice === 'Replace') {
      try {
        await vscode.workspace.fs.writeFile(target, Buffer.from(result.text, 'utf8'));
        document = await vscode.workspace.openTextDocument(target);
      } catch {
        document = undefined; // read-only folder: untitled below
      }
    }
  }
  if (!document) document = await vscode.workspace.openTextDocument({ language: 'filing', content: result.text });
  else if (document.languageId !== 'filing') document = await vscode.languages.setTextDocumentLanguage(document, 'filing');
  sources.set(document.uri.toString(), pdf);
  await vscode.window.showTextDocument(document, { preview: false });
  vscode.window.setStatusBarMessage(`Filing Lens: ${name}: ${result.pages} pages read in ${(result.ms / 1000).toFixed(1)} s`, 6000);
  return document.uri;
}

/** Opens the PDF at a page (the page of the cursor when not given), in the system's PDF viewer. */
async function openPdfAtPage(uri?: string, page?: number): Promise<vscode.Uri | undefined> {
  const editor = vscode.window.activeTextEditor;
  const document = uri ? await vscode.workspace.openTextDocument(vscode.Uri.parse(uri)) : editor?.document;
  if (!document) {
    void vscode.window.showInformationMessage('Filing Lens: open a filing converted from a PDF first.');
    return undefined;
  }
  const n = page ?? (editor && editor.document === document ? pageAt(document, editor.selection.active.line) : undefined);
  const pdf = await sourcePdf(document);
  if (!pdf) {
    void vscode.window.showInformationMessage('Filing Lens: no PDF found for this filing (NAME.pdf beside NAME.filing).');
    return undefined;
  }
  // PDF viewers (browsers' among them) read #page=N.
  const at = n ? pdf.with({ fragment: `page=${n}` }) : pdf;
  await vscode.env.openExternal(at);
  return at;
}

export function registerPdfCommands(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(OPEN_PDF_AS_FILING, (uri?: vscode.Uri) => openPdfAsFiling(context, uri instanceof vscode.Uri ? uri : undefined)),
    vscode.commands.registerCommand(OPEN_PDF_AT_PAGE, (uri?: string, page?: number) => openPdfAtPage(typeof uri === 'string' ? uri : undefined, typeof page === 'number' ? page : undefined)),
    vscode.languages.registerHoverProvider({ language: 'filing' }, {
      provideHover(document, position) {
        const range = document.getWordRangeAtPosition(position, FIGURE_WORD);
        if (!range) return undefined;
        const page = pageAt(document, position.line);
        if (page === undefined) return undefined;
        const args = encodeURIComponent(JSON.stringify([document.uri.toString(), page]));
        const md = new vscode.MarkdownString(`PDF page ${page} · [open the PDF there](command:${OPEN_PDF_AT_PAGE}?${args})`);
        md.isTrusted = { enabledCommands: [OPEN_PDF_AT_PAGE] };
        return new vscode.Hover(md, range);
      },
    }),
  );
}
