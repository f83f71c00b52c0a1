#!/usr/bin/env node
// Each filing read again in the layouts other extractors give (test/unit/layoutVariants.ts: single-spaced,
// tabs, no indent, no blank lines, [Pn] markers, page breaks with running headers, CRLF, full-width parentheses). The figures do not change,
// so a warning or broken tie that appears only in a copy is a misreading of that layout.
//   npm run build && npm run compile-tests && node scripts/variants.mjs [FILES…]   (default: ../shared)
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const require = createRequire(import.meta.url);
const core = await import(path.join(root, 'dist', 'core.js'));
const { LAYOUT_VARIANTS } = require(path.join(root, 'out', 'test', 'unit', 'layoutVariants.js'));
const shared = path.join(root, '..', 'shared');
let files = process.argv.slice(2);
if (!files.length) {
  for (const d of ['filings', 'corpus']) {
    const dir = path.join(shared, d);
    if (fs.existsSync(dir)) files.push(...fs.readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().map((f) => path.join(dir, f)));
  }
}
const warnings = (text) => core.diagnostics(core.analyze(text)).filter((d) => d.severity === 'warning').map((d) => d.message);
let total = 0;
let runs = 0;
for (const f of files) {
  const text = fs.readFileSync(f, 'utf8');
  const base = new Set(warnings(text));
  const extra = [];
  for (const [name, variant] of Object.entries(LAYOUT_VARIANTS)) {
    runs++;
    for (const m of warnings(variant(text))) if (!base.has(m)) extra.push(`${name}: ${m}`);
  }
  total += extra.length;
  console.log(`${path.basename(f).padEnd(48)} ${String(base.size).padStart(3)} warnings as written, ${extra.length} new in ${Object.keys(LAYOUT_VARIANTS).length} layouts`);
  for (const e of extra) console.log(`    ${e.slice(0, 220)}`);
}
console.log(`\n${files.length} files × ${Object.keys(LAYOUT_VARIANTS).length} layouts (${runs} readings): ${total} warnings that the text as written does not raise`);
process.exitCode = total ? 1 : 0;
