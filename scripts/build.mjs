// Bundles the client (dist/extension.js), the language server (dist/server.js)
// and the command-line checker (dist/cli.js) with esbuild.
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
};

await Promise.all([
  esbuild.build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  esbuild.build({ ...common, entryPoints: ['server/src/main.ts'], outfile: 'dist/server.js' }),
  esbuild.build({ ...common, entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } }),
]);

// dist/core.js: the analysis core and the feature functions without the LSP
// shell, for in-process measurement (scripts/bench.mjs).
await esbuild.build({
  ...common,
  stdin: {
    contents: [
      "export { analyze, figureAt } from './server/src/analysis/analyze';",
      "export { hoverAt } from './server/src/features/hover';",
      "export { outline } from './server/src/features/outline';",
      "export { diagnostics } from './server/src/features/diagnostics';",
      "export { tiedFiguresAt, tieReferencesAt } from './server/src/features/ties';",
      "export { tieEnds, findTies } from './server/src/analysis/ties';",
    ].join('\n'),
    resolveDir: '.',
    sourcefile: 'core-entry.ts',
    loader: 'ts',
  },
  outfile: 'dist/core.js',
});
