// filing-lens check FILES…: the same core as the language server, from the command line.
import * as fs from 'fs';
import { analyze } from './analysis/analyze';
import { diagnostics } from './features/diagnostics';
import { outline, OutlineItem } from './features/outline';
import { splitLines } from './parse/lines';

function lineCol(lines: ReturnType<typeof splitLines>, offset: number): { line: number; col: number } {
  let lo = 0;
  let hi = lines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lines[mid].start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lines[lo].index + 1, col: offset - lines[lo].start + 1 };
}

function printOutline(items: OutlineItem[], depth: number, out: string[]) {
  for (const i of items) {
    out.push(`${'  '.repeat(depth)}${i.name}${i.detail ? `  (${i.detail})` : ''}`);
    printOutline(i.children, depth + 1, out);
  }
}

function main(argv: string[]): number {
  const args = argv.slice(2);
  const cmd = args[0];
  if (!cmd || cmd === '--help' || cmd === '-h' || !['check', 'outline'].includes(cmd)) {
    process.stdout.write('usage: filing-lens check [--json] FILES…\n       filing-lens outline FILES…\n');
    return cmd ? 2 : 0;
  }
  const json = args.includes('--json');
  const files = args.slice(1).filter((a) => !a.startsWith('--'));
  let problems = 0;
  const results: unknown[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      process.stderr.write(`${file}: cannot read (${(e as Error).message})\n`);
      problems++;
      continue;
    }
    const a = analyze(text);
    const lines = a.model.lines;
    if (cmd === 'outline') {
      const out: string[] = [];
      printOutline(outline(a.model), 0, out);
      if (json) results.push({ file, outline: outline(a.model) });
      else process.stdout.write(`${file}\n${out.join('\n')}\n`);
      continue;
    }
    const ds = diagnostics(a);
    problems += ds.length;
    if (json) results.push({ file, checks: a.checks.length, problems: ds.map((d) => ({ ...lineCol(lines, d.range.start), code: d.code, message: d.message })) });
    else {
      for (const d of ds) {
        const p = lineCol(lines, d.range.start);
        process.stdout.write(`${file}:${p.line}:${p.col}: ${d.severity}: ${d.message} [${d.code}]\n`);
      }
      process.stdout.write(`${file}: ${a.checks.length} totals checked, ${ds.length} do not reconcile\n`);
    }
  }
  if (json) process.stdout.write(JSON.stringify(results, null, 2) + '\n');
  return problems > 0 ? 1 : 0;
}

process.exitCode = main(process.argv);
