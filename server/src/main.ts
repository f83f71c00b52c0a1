// Entry of dist/server.js. The transport comes from the command line:
// --stdio (any editor), --node-ipc (VS Code's client), --socket=PORT.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './lsp/server';

if (!process.argv.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket') || a.startsWith('--pipe'))) {
  process.stderr.write('filing-lens language server: start it with --stdio (or --node-ipc, --socket=PORT).\n');
  process.exit(2);
}
process.on('uncaughtException', (e) => process.stderr.write(`filing-lens: uncaught ${e instanceof Error ? e.stack : String(e)}\n`));
startServer(createConnection(ProposedFeatures.all));
