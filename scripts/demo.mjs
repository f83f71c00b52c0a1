// npm start: runs the real language server (dist/server.js --stdio) on a filing,
// as an editor would, and prints its outline, hovers on a few figures, and its diagnostics.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LspClient, fileUri } from './lsp-client.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const file = process.argv[2] ?? path.join(root, 'test/fixtures/003-pipe-inquiry.filing');
const text = fs.readFileSync(file, 'utf8');
const uri = fileUri(file);
const client = new LspClient(path.join(root, 'dist/server.js'));
await client.initialize(null, {});
client.open(uri, text);

const lineStarts = [0];
for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
const lineText = (l) => text.slice(lineStarts[l], (lineStarts[l + 1] ?? text.length + 1) - 1).replace(/\r$/, '');

const symbols = await client.request('textDocument/documentSymbol', { textDocument: { uri } });
console.log(`# Outline of ${path.relative(process.cwd(), file)}`);
let tables = [];
const print = (items, depth) => {
  for (const s of items) {
    console.log(`${'  '.repeat(depth)}${s.kind === 23 ? '▦' : '§'} ${s.name}${s.detail ? `  — ${s.detail}` : ''}  (line ${s.selectionRange.start.line + 1})`);
    if (s.kind === 23) tables.push(s);
    print(s.children ?? [], depth + 1);
  }
};
print(symbols, 0);

console.log('\n# Hovers');
let shown = 0;
for (const t of tables) {
  if (shown >= 4) break;
  // The first figure in the table's last row (often its total).
  for (let l = t.range.end.line; l >= t.range.start.line && shown < 4; l--) {
    const m = /\d[\d,]*(?:\.\d+)?%?/.exec(lineText(l));
    if (!m) continue;
    const hover = await client.request('textDocument/hover', { textDocument: { uri }, position: { line: l, character: m.index + 1 } });
    if (!hover) continue;
    console.log(`line ${l + 1}, "${m[0]}":\n${hover.contents.value.replace(/^/gm, '  ')}\n`);
    shown++;
    break;
  }
}

const diags = await client.waitForDiagnostics(uri);
console.log(`# Diagnostics (${diags.diagnostics.length})`);
for (const d of diags.diagnostics) console.log(`line ${d.range.start.line + 1}: ${d.message}`);
await client.shutdown();
