// Bundles the client (dist/extension.js), the language server (dist/server.js)
// and the command-line checker (dist/cli.js) with esbuild.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';

const production = process.argv.includes('--production');

// pdf.js (bundled for PDF import, server/src/pdf) warns on stdout while it loads
// in Node (no canvas package to render with; we only read text). Its warnings
// would mix with `filing-lens import` output and the extension host's log.
const quietPdfJs = {
  name: 'quiet-pdfjs',
  setup(build) {
    build.onLoad({ filter: /pdfjs-dist[\\/]legacy[\\/]build[\\/]pdf(\.worker)?\.mjs$/ }, async (args) => {
      const text = await fs.promises.readFile(args.path, 'utf8');
      return { contents: text.replace('console.log(`Warning: ${msg}`);', 'void msg;'), loader: 'js' };
    });
  },
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  plugins: [quietPdfJs],
};

await Promise.all([
  esbuild.build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  esbuild.build({ ...common, entryPoints: ['server/src/main.ts'], outfile: 'dist/server.js' }),
  esbuild.build({ ...common, entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } }),
]);

// pdf.js's packed CMaps beside the bundles (dist/cmaps), for PDFs whose CJK
// fonts have no ToUnicode map; pdf.js itself is bundled (server/src/pdf).
fs.cpSync('node_modules/pdfjs-dist/cmaps', 'dist/cmaps', { recursive: true });

// dist/core.js: the analysis core and the feature functions without the LSP
// shell, for in-process measurement (scripts/bench.mjs).
await esbuild.build({
  ...common,
  stdin: {
    contents: [
      "export { analyze, figureAt } from './server/src/analysis/analyze';",
      "export { hoverAt, hoverFacts } from './server/src/features/hover';",
      "export { outline } from './server/src/features/outline';",
      "export { lineAt } from './server/src/parse/lines';",
      "export { diagnostics } from './server/src/features/diagnostics';",
      "export { problemsAfterEdit } from './server/src/features/incremental';",
      "export { tiedFiguresAt, tieReferencesAt } from './server/src/features/ties';",
      "export { tieEnds, endLine, findTies } from './server/src/analysis/ties';",
    ].join('\n'),
    resolveDir: '.',
    sourcefile: 'core-entry.ts',
    loader: 'ts',
  },
  outfile: 'dist/core.js',
});
