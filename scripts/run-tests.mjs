// Runs the unit, golden and LSP tests (compiled to out/ by `npm run compile-tests`)
// with Node's own test runner. Extension-host tests run separately (npm run test:vscode).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const dirs = ['out/test/unit', 'out/test/lsp', 'out/test/robustness'];
const files = [];
for (const d of dirs) {
  if (!fs.existsSync(d)) continue;
  for (const f of fs.readdirSync(d).sort()) if (f.endsWith('.test.js')) files.push(path.join(d, f));
}
if (!files.length) {
  console.error('no test files found; run `npm run compile-tests` first');
  process.exit(1);
}
const r = spawnSync(process.execPath, ['--test', '--test-reporter=spec', ...files], { stdio: 'inherit' });
process.exit(r.status ?? 1);
