// Shared by the LSP tests: the real server (dist/server.js) over stdio, and fixture paths.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Client from '../../scripts/lsp-client.mjs' with { 'resolution-mode': 'import' };

export const ROOT = path.resolve(__dirname, '../../..');
export const SERVER = path.join(ROOT, 'dist/server.js');
export const FIXTURES = path.join(ROOT, 'test/fixtures');

export async function clientModule(): Promise<typeof Client> {
  return (await import(pathToFileURL(path.join(ROOT, 'scripts/lsp-client.mjs')).toString())) as typeof Client;
}

export function fixture(name: string): { path: string; text: string } {
  const p = path.join(FIXTURES, name);
  return { path: p, text: fs.readFileSync(p, 'utf8') };
}

/** Line/character of the first occurrence of `needle` (after `after`, if given). */
export function positionOf(text: string, needle: string, after = ''): { line: number; character: number } {
  const from = after ? text.indexOf(after) : 0;
  const at = text.indexOf(needle, from < 0 ? 0 : from);
  if (at < 0) throw new Error(`not in text: ${needle}`);
  const before = text.slice(0, at);
  const line = before.split('\n').length - 1;
  return { line, character: at - (before.lastIndexOf('\n') + 1) };
}
