// Precision and recall measured on real filings (default: ../shared/filings):
// how many totals are checked, how many diagnostics each file gets, and the
// mutation test — change one digit of every verified total (each digit in turn,
// d → (d+5) mod 10) and count how often a diagnostic appears on that total.
// Usage: node scripts/measure.mjs [FILES…]   (after npm run build)
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const core = await import(path.join(root, 'dist/core.js'));
let files = process.argv.slice(2);
if (!files.length) {
  const dir = path.resolve(root, '../shared/filings');
  files = fs.existsSync(dir) ? fs.readdirSync(dir).sort().map((f) => path.join(dir, f)) : [];
}
const lineOf = (text, off) => text.slice(0, off).split('\n').length;

let totalChecks = 0, totalDiags = 0, mutants = 0, caught = 0, beyondTol = 0, caughtBeyond = 0;
const missed = [];
for (const file of files) {
  const text = fs.readFileSync(file, 'utf8');
  const a = core.analyze(text);
  const diags = core.diagnostics(a);
  totalChecks += a.checks.length;
  totalDiags += diags.length;
  console.log(`\n${path.basename(file)}: ${a.checks.length} totals checked, ${diags.length} diagnostics`);
  for (const d of diags) console.log(`  line ${lineOf(text, d.range.start)}: ${d.message}`);
  // Mutations, on the table's own stretch of text (with the document's unit statement in front).
  const unitLine = a.model.documentUnit?.range ? text.slice(text.lastIndexOf('\n', a.model.documentUnit.range.start) + 1, text.indexOf('\n', a.model.documentUnit.range.end)) + '\n' : '';
  const seen = new Set();
  for (const c of a.checks) {
    if (!c.ok || seen.has(c.total.figure.start)) continue;
    seen.add(c.total.figure.start);
    // The table from its first line, after the document's unit statement and the table's own unit line.
    const u = c.table.unit.source === 'table' && c.table.unit.range ? c.table.unit.range : undefined;
    const tableUnitLine = u ? text.slice(text.lastIndexOf('\n', u.start) + 1, text.indexOf('\n', u.end)) + '\n\n' : '';
    // A table that continues a broken-off grid is measured with the table before it.
    const prev = c.table.continued ? a.model.tables[c.table.id - 1] : undefined;
    const from = text.lastIndexOf('\n', (prev ?? c.table).start) + 1;
    const to = Math.min(text.length, c.table.end + 1);
    const excerpt = unitLine + tableUnitLine + text.slice(from, to);
    const shift = unitLine.length + tableUnitLine.length - from;
    const f = c.total.figure;
    for (let i = f.start; i < f.end; i++) {
      const ch = text[i];
      if (ch < '0' || ch > '9') continue;
      // d → d+5 (mod 10), but never a leading zero: that would not be a figure any more.
      const leading = !/\d/.test(text.slice(f.start, i).replace(/[^\d]/g, ''));
      let digit = (Number(ch) + 5) % 10;
      if (digit === 0 && leading) digit = (Number(ch) + 4) % 10;
      const at = i + shift;
      const mutated = excerpt.slice(0, at) + digit + excerpt.slice(at + 1);
      const m = core.analyze(mutated);
      const hit = m.checks.some((x) => !x.ok && x.total.figure.start === f.start + shift);
      const place = Math.pow(10, (f.raw.replace(/[^\d.]/g, '').split('.')[1]?.length ?? 0) - (text.slice(i + 1, f.end).replace(/[^\d]/g, '').length));
      const delta = Math.abs(digit - Number(ch)) * place; // size of the change in the figure's unit, at most
      const isBeyond = delta > c.tolerance + 1e-9;
      mutants++;
      if (hit) caught++;
      if (isBeyond) {
        beyondTol++;
        if (hit) caughtBeyond++;
        else if (missed.length < 5000) missed.push(`${path.basename(file)} line ${lineOf(text, f.start)} ${c.row.label} ${f.raw} digit ${i - f.start}`);
      }
    }
  }
}
console.log(`\nAll files: ${totalChecks} totals checked, ${totalDiags} diagnostics.`);
console.log(`Mutation test: ${caught}/${mutants} one-digit changes of verified totals flagged (${(100 * caught / Math.max(1, mutants)).toFixed(1)}%); ` +
  `of the changes larger than the rounding tolerance, ${caughtBeyond}/${beyondTol} (${(100 * caughtBeyond / Math.max(1, beyondTol)).toFixed(1)}%).`);
if (missed.length) console.log('Missed (beyond tolerance):\n  ' + missed.join('\n  '));
