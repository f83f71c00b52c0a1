// Entry of dist/server.js. The transport comes from the command line:
// --stdio (any editor), --node-ipc (VS Code's client), --socket=PORT, --pipe=NAME.
// Over stdio frames are read strictly (lsp/framing.ts): a framing error is
// logged and the server exits with code 1, for the client to restart it.
// On every transport the LSP lifecycle is enforced (lsp/lifecycle.ts).
import { format } from 'node:util';
import {
  createConnection,
  createServerPipeTransport,
  createServerSocketTransport,
  IPCMessageReader,
  IPCMessageWriter,
  Message,
  MessageReader,
  MessageWriter,
  ProposedFeatures,
  StreamMessageWriter,
} from 'vscode-languageserver/node';
import { StrictFramingReader } from './lsp/framing';
import { LifecycleGate } from './lsp/lifecycle';
import { startServer } from './lsp/server';

const argv = process.argv.slice(2);
const option = (name: string) => {
  const i = argv.findIndex((a) => a === name || a.startsWith(name + '='));
  if (i < 0) return undefined;
  return argv[i].includes('=') ? argv[i].slice(argv[i].indexOf('=') + 1) : (argv[i + 1] ?? '');
};

function transport(): [MessageReader, MessageWriter] | undefined {
  if (argv.includes('--stdio')) {
    const writer = new StreamMessageWriter(process.stdout);
    const reader = new StrictFramingReader(process.stdin, {
      onFatal: (reason) => {
        process.stderr.write(`filing-lens: LSP framing error on stdin: ${reason}; exiting (code 1) for the client to restart the server\n`);
        process.exit(1);
      },
      onBadMessage: (code, message) => void writer.write({ jsonrpc: '2.0', id: null, error: { code, message } } as Message).catch(() => undefined),
    });
    // stdout carries the protocol: console output goes to stderr.
    const toStderr = (...args: unknown[]) => void process.stderr.write(format(...args) + '\n');
    console.log = console.info = console.warn = console.debug = toStderr;
    return [reader, writer];
  }
  if (argv.includes('--node-ipc')) return [new IPCMessageReader(process), new IPCMessageWriter(process)];
  const port = option('--socket');
  if (port !== undefined && /^\d+$/.test(port)) return createServerSocketTransport(Number(port));
  const pipe = option('--pipe');
  if (pipe) return createServerPipeTransport(pipe);
  return undefined;
}

const io = transport();
if (!io) {
  process.stderr.write('filing-lens language server: start it with --stdio (or --node-ipc, --socket=PORT, --pipe=NAME).\n');
  process.exit(2);
}
const gate = new LifecycleGate(io[0], io[1]);
// The client went away: exit, 0 only after a shutdown request (as the LSP specification asks of `exit`).
gate.onClose(() => process.exit(gate.state === 'shutdown' ? 0 : 1));
process.on('uncaughtException', (e) => process.stderr.write(`filing-lens: uncaught ${e instanceof Error ? e.stack : String(e)}\n`));
startServer(createConnection(ProposedFeatures.all, gate, io[1]));
