// Picks figures at random with a fixed seed (10 a file) from the analysis of each file given — table cells
// and figures in prose — and prints each with the lines around it and what the hover says, for labelling by
// hand into test/hover-sample.tsv (the expected facts are written from the text, not copied from here):
//   node scripts/hover-sample.mjs [--n 10] FILES…
// Needs dist/core.js (npm run build).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const core = require(path.resolve(path.dirname(new URL(import.meta.url).pathname), '../dist/core.js'));

const args = process.argv.slice(2);
const nAt = args.indexOf('--n');
const perFile = nAt >= 0 ? Number(args[nAt + 1]) : 10;
const files = args.filter((a, i) => !a.startsWith('--') && !(nAt >= 0 && i === nAt + 1));

/** mulberry32: a small PRNG, seeded from the file's name, so that the sample is the same on every run. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function seedOf(name) {
  let h = 14;
  for (const ch of name) h = (Math.imul(h, 31) + ch.codePointAt(0)) >>> 0;
  return h;
}

for (const f of files) {
  const name = path.basename(f);
  const text = fs.readFileSync(f, 'utf8');
  const a = core.analyze(text);
  const lines = a.model.lines;
  const lineOf = (offset) => core.lineAt(lines, offset).index;
  const rand = prng(seedOf(name));
  const picked = new Set();
  const all = a.figures;
  while (picked.size < Math.min(perFile, all.length)) picked.add(Math.floor(rand() * all.length));
  for (const i of [...picked].sort((x, y) => x - y)) {
    const { figure, table } = all[i];
    const li = lineOf(figure.start);
    // The figure as written, and which of its occurrences on the line where it is written more than once (160,000.00@2).
    let raw = text.slice(figure.start, figure.end);
    const before = lines[li].text.slice(0, figure.start - lines[li].start).split(raw).length;
    if (lines[li].text.split(raw).length > 2) raw += `@${before}`;
    const h = core.hoverFacts(a, figure.start);
    console.log(`\n=== ${name}\t${li + 1}\t${raw}\t${table ? `table ${table.id} (${table.layout}) caption=${JSON.stringify(table.caption.slice(0, 40))} unit=${table.unit.name}/${table.unit.source}` : 'prose'}`);
    console.log(`    hover: ${JSON.stringify(h && { ...h, range: undefined })}`);
    if (table) {
      const t0 = lineOf(table.start);
      for (let k = Math.max(0, t0 - 4); k <= Math.min(t0 + 3, li - 5); k++) console.log(`  ${String(k + 1).padStart(6)}| ${lines[k].text.slice(0, 160)}`);
      if (t0 + 3 < li - 5) console.log('        …');
    }
    for (let k = Math.max(0, li - 5); k <= Math.min(lines.length - 1, li + 2); k++) console.log(`  ${String(k + 1).padStart(6)}${k === li ? '>' : '|'} ${lines[k].text.slice(0, 200)}`);
  }
}
