import * as vscode from 'vscode';

/** Retries `fn` every `intervalMs` until it returns a truthy value (or throws no more); fails after `timeoutMs`. */
export async function waitFor<T>(
  fn: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  what: string,
  timeoutMs = 30000,
  intervalMs = 150,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
      last = v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) {
      const detail = last instanceof Error ? last.message : JSON.stringify(last);
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what} (last: ${detail})`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** The workspace the runner opens: test/vscode/workspace (copies of fixtures). */
export function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('No workspace folder: the runner must open test/vscode/workspace.');
  return vscode.Uri.joinPath(folder.uri, name);
}

/** Position of the first occurrence of `needle` in `doc`, shifted by `delta` characters. */
export function positionOf(doc: vscode.TextDocument, needle: string, delta = 0): vscode.Position {
  const offset = doc.getText().indexOf(needle);
  if (offset < 0) throw new Error(`"${needle}" not found in ${doc.uri.toString()}`);
  return doc.positionAt(offset + delta);
}

export function hoverText(hovers: vscode.Hover[] | undefined): string {
  return (hovers ?? [])
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

export const EXTENSION_ID = 'filing-lens.filing-lens';

/** What the extension exports (client/src/extension.ts FilingLensApi), once it is active. */
export interface FilingLensApi {
  detections(): readonly { uri: string; isFiling: boolean; score: number; signals: string[]; chars: number; ms: number; action: string }[];
  statusBar(): { text: string; visible: boolean; summary?: { tables: number; totals: number; differs: number; unit?: string } };
}

export async function extensionApi(): Promise<FilingLensApi> {
  const ext = vscode.extensions.getExtension<FilingLensApi>(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not installed`);
  return ext.isActive ? ext.exports : await ext.activate();
}

/** The open document for `uri` once its language is `languageId`. */
export function documentInLanguage(uri: vscode.Uri, languageId: string, timeoutMs = 15000): Promise<vscode.TextDocument> {
  return waitFor(
    () => vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString() && d.languageId === languageId),
    `${uri.path} in language ${languageId}`,
    timeoutMs,
  );
}
