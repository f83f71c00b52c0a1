// Text summaries of an analysis, for golden files: the outline, every table
// (layout, unit, columns, rows with their figures), and every check.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Analysis } from '../../server/src/analysis/analyze';
import { checkMessage } from '../../server/src/features/diagnostics';
import { outline, OutlineItem } from '../../server/src/features/outline';

export function lineOf(text: string, offset: number): number {
  let n = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

export function outlineSummary(a: Analysis): string {
  const out: string[] = [];
  const walk = (items: OutlineItem[], depth: number) => {
    for (const i of items) {
      out.push(`${'  '.repeat(depth)}${i.kind === 'table' ? '▦' : '§'} ${i.name}${i.detail ? `  — ${i.detail}` : ''}  @${lineOf(a.model.text, i.selectionRange.start)}`);
      walk(i.children, depth + 1);
    }
  };
  walk(outline(a.model), 0);
  return out.join('\n') + '\n';
}

export function tablesSummary(a: Analysis): string {
  const out: string[] = [];
  for (const t of a.model.tables) {
    out.push(`T${t.id} @${lineOf(a.model.text, t.start)} ${t.layout} unit=${t.unit.name}(${t.unit.source}) caption=${JSON.stringify(t.caption.slice(0, 40))}`);
    out.push(`  columns: ${t.columns.map((c) => `${c.title || '?'}${c.additive ? '' : ' (not added)'}${c.share ? ' (share)' : ''}${c.unit ? ` [${c.unit.name}]` : ''}`).join(' | ')}`);
    for (const r of t.rows) {
      const cells = r.cells.map((c) => (c.figure ? `${c.figure.value}${c.figure.percent ? '%' : ''}` : c.text || '·')).join(' | ');
      const flags = [r.breakdown && '其中', r.subtract && '减', r.tag && `tag=${r.tag}`, r.formula && `=${r.formula}`, r.uncertain && 'uncertain', r.repeatedHeader && 'repeated', r.band && 'band'].filter(Boolean).join(',');
      out.push(`  ${r.kind.padEnd(8)} ${r.label.slice(0, 30)}${flags ? ` {${flags}}` : ''} | ${cells}`);
    }
  }
  return out.join('\n') + '\n';
}

export function checksSummary(a: Analysis): string {
  const out: string[] = [];
  for (const c of a.checks) {
    const mark = c.ok ? 'ok ' : c.confirmed ? 'BAD' : '?  ';
    const text = c.ok ? `${c.row.label.replace(/\s+/g, '')} ${c.total.figure!.raw} = ${c.description}${c.confirmOnly ? ' (confirms the rows only)' : ''}` : checkMessage(c) + (c.confirmed ? '' : ` — not confirmed: ${c.doubt}`);
    out.push(`${mark} @${lineOf(a.model.text, c.total.start)} ${c.kind} ${text}`);
  }
  return out.join('\n') + '\n';
}

/**
 * Compares a summary with its golden file. A missing golden is written locally (and reviewed before it is
 * committed) but fails under CI; update (UPDATE_GOLDEN=1) rewrites it.
 */
export function checkGolden(file: string, actual: string, update: boolean): void {
  const name = path.basename(file);
  if (!update && !fs.existsSync(file) && process.env.CI) {
    assert.fail(`${name} is missing: golden files are written locally (npm test or UPDATE_GOLDEN=1), reviewed and committed, never in CI`);
  }
  if (update || !fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, actual);
    return;
  }
  assert.equal(actual, fs.readFileSync(file, 'utf8'), `${name} differs from its golden file (UPDATE_GOLDEN=1 rewrites it; review the diff)`);
}
