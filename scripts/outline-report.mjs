// Prints the top two levels of the outline (sections only) of each file given,
// and how many lines of it are page furniture, for checking the outline by hand:
//   node scripts/outline-report.mjs [--counts] [--levels N] [--furniture] FILES…
// --counts prints one line per file (top-level entries, second-level entries,
// furniture lines by kind); --furniture also lists the distinct furniture lines.
// Needs dist/core.js (npm run build).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const core = require(path.resolve(path.dirname(new URL(import.meta.url).pathname), '../dist/core.js'));

const args = process.argv.slice(2);
const countsOnly = args.includes('--counts');
const listFurniture = args.includes('--furniture');
const levelsAt = args.indexOf('--levels');
const levels = levelsAt >= 0 ? Number(args[levelsAt + 1]) : 2;
const files = args.filter((a, i) => !a.startsWith('--') && !(levelsAt >= 0 && i === levelsAt + 1));

function lineOf(text, offset) {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

for (const f of files) {
  if (!fs.statSync(f).isFile()) continue;
  const text = fs.readFileSync(f, 'utf8');
  const a = core.analyze(text);
  const items = core.outline(a.model).filter((i) => i.kind === 'section');
  const second = items.reduce((n, i) => n + i.children.filter((c) => c.kind === 'section').length, 0);
  const kinds = {};
  const distinct = new Map();
  for (const l of a.model.lines) {
    const k = a.model.furniture.get(l.index);
    if (!k) continue;
    kinds[k] = (kinds[k] ?? 0) + 1;
    const t = l.text.trim();
    const key = `${k}\t${t.replace(/\d+/g, 'N')}`;
    distinct.set(key, (distinct.get(key) ?? 0) + 1);
  }
  const furniture = Object.entries(kinds).map(([k, n]) => `${k}=${n}`).join(' ');
  console.log(`${path.basename(f)}: top=${items.length} second=${second} furniture: ${furniture || 'none'}`);
  if (listFurniture) {
    for (const [k, n] of [...distinct].sort((x, y) => y[1] - x[1])) console.log(`  ${String(n).padStart(5)} ${k}`);
  }
  if (countsOnly) continue;
  const walk = (list, depth) => {
    for (const i of list) {
      if (i.kind !== 'section') continue;
      console.log(`${'  '.repeat(depth + 1)}${i.name}  @${lineOf(text, i.selectionRange.start)}`);
      if (depth + 1 < levels) walk(i.children, depth + 1);
    }
  };
  walk(items, 0);
}
