// The layers of server/src show in its folders, and imports only run downward:
//   model ← parse ← analysis ← features ← lsp, with io (files for the CLI) beside the core and the
// entry points (main.ts, cli.ts) on top. The core (model, parse, analysis, features) never imports
// vscode, vscode-languageserver or Node's I/O. This test reads every import of server/src and fails on
// one that runs up a layer or leaves the core.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';

const SRC = path.resolve(__dirname, '../../../server/src');
const RANK: Record<string, number> = { model: 0, parse: 1, analysis: 2, features: 3, io: 3, pdf: 3, lsp: 4, '.': 5 };
const CORE = new Set(['model', 'parse', 'analysis', 'features']);
const IMPORT = /^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]/gm;
const FORBIDDEN_IN_CORE = /^(?:vscode|vscode-languageserver|vscode-languageclient|node:|fs$|path$|os$|child_process$|worker_threads$|iconv-lite$)/;

function* files(dir: string): Generator<string> {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* files(p);
    else if (e.name.endsWith('.ts')) yield p;
  }
}

const layerOf = (file: string) => {
  const rel = path.relative(SRC, file).split(path.sep);
  return rel.length === 1 ? '.' : rel[0];
};

test('layers: imports in server/src run only downward, and the core imports no editor or Node I/O module', () => {
  const wrong: string[] = [];
  let seen = 0;
  for (const file of files(SRC)) {
    const from = layerOf(file);
    assert.ok(from in RANK, `${path.relative(SRC, file)}: a folder with no layer (add it to RANK)`);
    const text = fs.readFileSync(file, 'utf8');
    IMPORT.lastIndex = 0;
    for (let m = IMPORT.exec(text); m; m = IMPORT.exec(text)) {
      const spec = m[1] ?? m[2];
      seen++;
      if (spec.startsWith('.')) {
        const to = layerOf(path.resolve(path.dirname(file), spec));
        if (!(to in RANK)) wrong.push(`${path.relative(SRC, file)} → ${spec}: outside server/src`);
        else if (RANK[to] > RANK[from] || (RANK[to] === RANK[from] && to !== from)) wrong.push(`${path.relative(SRC, file)} (${from}) → ${spec} (${to}): runs up or across a layer`);
      } else if (CORE.has(from) && FORBIDDEN_IN_CORE.test(spec)) {
        wrong.push(`${path.relative(SRC, file)} (${from}) → ${spec}: the core imports no editor or Node I/O module`);
      }
    }
  }
  assert.ok(seen > 50, `only ${seen} imports found: the pattern no longer matches`);
  assert.deepEqual(wrong, []);
});

test('layers: the check itself catches an import up a layer', () => {
  // A line as it would stand in parse/: it names analysis/, a layer above.
  const line = "import { analyze } from '../analysis/analyze';";
  IMPORT.lastIndex = 0;
  const m = IMPORT.exec(line);
  assert.equal(m?.[1], '../analysis/analyze');
  const to = layerOf(path.resolve(SRC, 'parse', m![1]));
  assert.ok(RANK[to] > RANK.parse);
});
