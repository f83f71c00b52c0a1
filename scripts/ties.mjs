// Ties (勾稽关系) measured on real filings (default: ../shared/filings and ../shared/corpus).
//
// Per file: tables read, ties checked by family and how many disagree (each disagreement listed
// with --list, to be judged by hand against the text).
// With --mutation: for each tie that agrees, one side is changed by +100 (in its own unit) while its
// table keeps adding up on its own (the total it is part of, or one component of the total it is,
// changed by +100 as well), and the filing analysed again: a mutant is caught when a broken tie is
// reported on the changed figure. At most --max N mutants per file (default 40), spread evenly.
// A prose ↔ table tie has its prose figure changed instead, by 2 units of its last digit (3.92 亿元 →
// 3.94 亿元): the smallest change its rounding (± half a unit) cannot hide, whatever the table says.
//
// Usage: node scripts/ties.mjs [--list] [--mutation] [--max N] [FILES…]   (after npm run build)
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const core = await import(path.join(root, 'dist/core.js'));
const args = process.argv.slice(2);
const flag = (f) => args.includes(f);
const maxAt = args.indexOf('--max');
const maxMutants = maxAt >= 0 ? Number(args[maxAt + 1]) : 40;
let files = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--max');
const shared = path.resolve(root, '../shared');
if (!files.length) {
  for (const d of ['filings', 'corpus']) {
    const dir = path.join(shared, d);
    if (fs.existsSync(dir)) files.push(...fs.readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().map((f) => path.join(dir, f)));
  }
}
const FAMILIES = ['rollForwards', 'statements', 'notes', 'periods', 'equity', 'prose'];

/** A figure's text after adding `delta` to its value, written the way it was (commas, decimals, parentheses). */
function rewrite(figure, delta) {
  const raw = figure.raw;
  if (!/^[-(（]?[\d,]+(?:\.\d+)?[)）]?$/.test(raw)) return undefined;
  const v = figure.value + delta;
  const neg = v < 0;
  let s = Math.abs(v).toFixed(figure.decimals);
  if (raw.includes(',')) {
    const [i, d] = s.split('.');
    s = i.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (d !== undefined ? '.' + d : '');
  }
  if (!neg) return s;
  return /^[(（]/.test(raw) ? `(${s})` : `-${s}`;
}

/** A prose figure (58,546.18 万元) by 2 units of its last digit, its unit kept. */
function mutateProse(text, end) {
  const f = end.cell.figure;
  const m = /^([-−]?[\d,]+(?:\.\d+)?)(.*)$/s.exec(f.raw);
  const s = m && rewrite({ raw: m[1].replace('−', '-'), value: f.value, decimals: f.decimals }, 2 * 10 ** -f.decimals);
  if (!s) return undefined;
  return { text: text.slice(0, f.start) + s + m[2] + text.slice(f.end), at: f.start };
}

function mutate(text, analysis, tie) {
  if (tie.target.prose) return mutateProse(text, tie.target);
  // The side changed: the note's figure of an equality, the closing balance of a roll-forward.
  const ends = core.tieEnds(tie).filter((e) => e.cell.figure);
  // (An empty closing balance: the last movement written instead.)
  const preferred = tie.family === 'rollForwards' ? [tie.target, ...tie.parts.map((p) => p.end).reverse()] : [...tie.parts.map((p) => p.end).reverse(), tie.target];
  const side = preferred.find((e) => e.cell.figure && rewrite(e.cell.figure, 100));
  if (!side) return undefined;
  const cells = new Set([side.cell]);
  const tied = new Set(ends.map((e) => e.cell));
  // Keep the table adding up: the total this figure is part of, or one component of the total it is.
  for (const c of analysis.checks) {
    if (!c.ok) continue;
    if (c.total === side.cell) {
      const comp = c.components.find((p) => p.sign === 1 && !tied.has(p.cell) && p.cell.figure && rewrite(p.cell.figure, 100));
      if (comp) cells.add(comp.cell);
    } else if (c.components.some((p) => p.cell === side.cell && p.sign === 1) && !tied.has(c.total)) cells.add(c.total);
  }
  const edits = [];
  for (const cell of cells) {
    const s = rewrite(cell.figure, 100);
    if (!s) return undefined;
    edits.push({ start: cell.figure.start, end: cell.figure.end, text: s });
  }
  edits.sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of edits) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  const shift = edits.filter((e) => e.start < side.cell.figure.start).reduce((a, e) => a + e.text.length - (e.end - e.start), 0);
  return { text: out, at: side.cell.figure.start + shift };
}

const totals = Object.fromEntries(FAMILIES.map((f) => [f, [0, 0]]));
let mutants = 0;
let caught = 0;
const mutantsBy = Object.fromEntries(FAMILIES.map((f) => [f, [0, 0]]));
const missed = [];
const rows = [];
for (const file of files) {
  const text = fs.readFileSync(file, 'utf8');
  const a = core.analyze(text);
  const by = Object.fromEntries(FAMILIES.map((f) => [f, [0, 0]]));
  for (const t of a.ties) {
    by[t.family][0]++;
    totals[t.family][0]++;
    if (!t.ok) by[t.family][1]++, totals[t.family][1]++;
  }
  const name = path.basename(file);
  let m = 0;
  let c = 0;
  if (flag('--mutation')) {
    const ok = a.ties.filter((t) => t.ok);
    const step = Math.max(1, ok.length / maxMutants);
    for (let k = 0; k < ok.length && m < maxMutants; k = Math.floor(k + step)) {
      const mu = mutate(text, a, ok[Math.floor(k)]);
      if (!mu) continue;
      m++;
      const b = core.analyze(mu.text);
      const hit = b.ties.some((t) => !t.ok && core.tieEnds(t).some((e) => e.cell.figure && e.cell.figure.start === mu.at));
      const by = mutantsBy[ok[Math.floor(k)].family];
      by[0]++;
      if (hit) c++, by[1]++;
      else missed.push(`${name}: ${ok[Math.floor(k)].family} ${ok[Math.floor(k)].target.name}`);
    }
    mutants += m;
    caught += c;
  }
  rows.push({ name, tables: a.model.tables.length, by, m, c });
  if (flag('--list'))
    for (const t of a.ties)
      if (!t.ok)
        console.log(`  ✗ ${name} ${t.family} line ${core.endLine(t.target) + 1}: ${t.target.name} ${t.target.value} ≠ ${t.parts.map((p) => `${p.sign < 0 ? '−' : '+'}${p.end.name} ${p.end.value} (line ${core.endLine(p.end) + 1})`).join(' ')} difference ${t.difference.toFixed(2)}`);
}

const cell = ([n, bad]) => (n ? `${n}${bad ? ` (${bad} ✗)` : ''}` : '–');
console.log(`| file | tables | roll-forwards | statement ↔ statement | statement ↔ note | period ↔ period | equity statement | prose ↔ table |${flag('--mutation') ? ' mutants caught |' : ''}`);
console.log(`|---|---:|${FAMILIES.map(() => "---:|").join("")}${flag("--mutation") ? "---:|" : ""}`);
for (const r of rows) console.log(`| ${r.name} | ${r.tables} | ${FAMILIES.map((f) => cell(r.by[f])).join(' | ')} |${flag('--mutation') ? ` ${r.m ? `${r.c}/${r.m}` : '–'} |` : ''}`);
console.log(`| **all** | | ${FAMILIES.map((f) => cell(totals[f])).join(' | ')} |${flag('--mutation') ? ` ${caught}/${mutants} |` : ''}`);
if (flag('--mutation')) {
  console.log(`\nmutants: ${mutants}, caught ${caught} (${mutants ? ((100 * caught) / mutants).toFixed(1) : '–'} %)`);
  console.log(`by family: ${FAMILIES.map((f) => `${f} ${mutantsBy[f][1]}/${mutantsBy[f][0]}`).join(', ')}`);
  for (const x of missed.slice(0, 20)) console.log(`  missed: ${x}`);
}
