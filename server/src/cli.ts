// filing-lens check FILES… / filing-lens outline FILES…: the same core as the
// language server, from the command line. Output as compiler-style text
// (file:line:col: warning: message [code]), JSON or SARIF 2.1.0. Batches are
// spread over a pool of worker threads; a progress bar goes to stderr when it
// is a terminal. Exit code: 0 clean, 1 problems found (or a file could not be
// read), 2 usage error, 141 when stdout or stderr was closed early (as in
// `filing-lens check … | head -1`: ends quietly, as a program killed by SIGPIPE).
import { lineAt } from './parse/lines';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { OutlineItem } from './features/outline';
import { createFilingService } from './features/service';
import { readFilingFile } from './io/readFile';
import { Line } from './model/types';
import { isPdfPath, readPdfFile } from './pdf/file';
import * as fs from 'node:fs';

/** The language service (features/service.ts): the CLI is one of its two hosts, the language server the other. */
const service = createFilingService();

const VERSION = '0.1.0';
/** The exit code of a process killed by SIGPIPE (128 + 13): what `… | head` expects of a writer. */
export const EXIT_CLOSED_PIPE = 141;
const USAGE = `usage: filing-lens check [--format text|json|sarif] [--jobs N] [--no-progress] FILES…
       filing-lens outline [--format text|json] FILES…
       filing-lens import [--password P] FILE.pdf [-o FILE.filing]   (PDF → filing text; check and outline read .pdf too)
Exit code: 0 no problems, 1 problems found or a file could not be read, 2 usage error.
`;

type Command = 'check' | 'outline';
type Format = 'text' | 'json' | 'sarif';

interface Position {
  line: number;
  column: number;
}

export interface FileProblem {
  start: Position;
  end: Position;
  severity: 'error' | 'warning' | 'information';
  code: string;
  message: string;
  related: { start: Position; end: Position; message: string }[];
}

interface OutlineNode {
  name: string;
  detail: string;
  kind: 'section' | 'table';
  line: number;
  children: OutlineNode[];
}

export interface FileResult {
  file: string;
  encoding?: string;
  error?: string;
  warning?: string;
  checks: number;
  problems: FileProblem[];
  outline?: OutlineNode[];
}

// ---------------------------------------------------------------------------
// One file (in a worker or in the main thread)

function lineCol(lines: Line[], offset: number): Position {
  const l = lineAt(lines, offset) ?? { index: 0, start: 0 };
  return { line: l.index + 1, column: offset - l.start + 1 };
}

export function processFile(file: string, command: Command): FileResult {
  const read = readFilingFile(file);
  if (read.error) return { file, encoding: read.encoding, error: read.error, checks: 0, problems: [] };
  return processText(file, read.text, command, read.encoding, read.warning);
}

/** A PDF: converted to filing text (pdf/), then read like any filing. */
export async function processPdf(file: string, command: Command): Promise<FileResult> {
  try {
    const pdf = await readPdfFile(file);
    if (pdf.error) return { file, error: pdf.error, checks: 0, problems: [] };
    return processText(file, pdf.text, command, undefined, pdf.warnings.length ? pdf.warnings.join('; ') : undefined);
  } catch (e) {
    return { file, error: `${file}: internal error (${e instanceof Error ? e.message : String(e)})`, checks: 0, problems: [] };
  }
}

function processText(file: string, text: string, command: Command, encoding?: string, warning?: string): FileResult {
  const a = service.analyze(text);
  const lines = a.model.lines;
  const result: FileResult = { file, encoding, warning, checks: a.checks.length, problems: [] };
  if (command === 'outline') {
    const node = (i: OutlineItem): OutlineNode => ({ name: i.name, detail: i.detail, kind: i.kind, line: lineCol(lines, i.selectionRange.start).line, children: i.children.map(node) });
    result.outline = service.outline(a).map(node);
    return result;
  }
  result.problems = service.diagnostics(a).map((d) => ({
    start: lineCol(lines, d.range.start),
    end: lineCol(lines, d.range.end),
    severity: d.severity,
    code: d.code,
    message: d.message,
    related: d.related.map((r) => ({ start: lineCol(lines, r.range.start), end: lineCol(lines, r.range.end), message: r.message })),
  }));
  return result;
}

function safeProcess(file: string, command: Command): FileResult {
  try {
    return processFile(file, command);
  } catch (e) {
    return { file, error: `${file}: internal error (${e instanceof Error ? e.message : String(e)})`, checks: 0, problems: [] };
  }
}

// ---------------------------------------------------------------------------
// Running a batch: in process, or over a pool of worker threads

interface Task {
  index: number;
  file: string;
  command: Command;
}

async function runAll(files: string[], command: Command, jobs: number, onDone: (index: number, r: FileResult) => void): Promise<void> {
  const workers = Math.min(jobs, files.length);
  if (workers <= 1) {
    files.forEach((f, i) => onDone(i, safeProcess(f, command)));
    return;
  }
  let next = 0;
  await Promise.all(
    Array.from({ length: workers }, () =>
      new Promise<void>((resolve) => {
        const w = new Worker(__filename, { workerData: { filingLensWorker: true } });
        let current: Task | undefined;
        const give = () => {
          if (next >= files.length) {
            current = undefined;
            void w.terminate().then(() => resolve());
            return;
          }
          current = { index: next, file: files[next], command };
          next++;
          w.postMessage(current);
        };
        w.on('message', (m: { index: number; result: FileResult }) => {
          onDone(m.index, m.result);
          give();
        });
        w.on('error', (e) => {
          // A worker that dies loses only its current file; the rest go on in this thread.
          if (current) onDone(current.index, { file: current.file, error: `${current.file}: internal error (${e.message})`, checks: 0, problems: [] });
          while (next < files.length) {
            const i = next++;
            onDone(i, safeProcess(files[i], command));
          }
          resolve();
        });
        give();
      }),
    ),
  );
}

function workerMain(): void {
  parentPort!.on('message', (t: Task) => {
    parentPort!.postMessage({ index: t.index, result: safeProcess(t.file, t.command) });
  });
}

// ---------------------------------------------------------------------------
// Output

function printOutline(items: OutlineNode[], depth: number, out: string[]) {
  for (const i of items) {
    out.push(`${'  '.repeat(depth)}${i.name}${i.detail ? `  (${i.detail})` : ''}`);
    printOutline(i.children, depth + 1, out);
  }
}

const RULES: { id: string; name: string; text: string }[] = [
  { id: 'columnTotal', name: 'ColumnTotal', text: 'A 合计 / 小计 / 总计 row does not equal the sum of the rows it totals.' },
  { id: 'formula', name: 'Formula', text: 'A formula row written into the table (ii=1+2, ③=②-①) does not hold.' },
  { id: 'identity', name: 'StatementIdentity', text: 'A balance-sheet or cash-flow identity (资产总计 = 负债和所有者权益总计 …) does not hold.' },
  { id: 'share', name: 'Shares', text: 'Share columns (占比, 比例) of a total row do not add up to 100%.' },
  { id: 'crossFoot', name: 'CrossFooting', text: "A row's total column does not equal the sum of its other columns." },
];

/** An absolute path as a file: URI, a relative one as a relative reference; every segment escaped (# ? % space …). */
export function toUri(file: string): string {
  if (path.isAbsolute(file)) return pathToFileURL(file).href;
  return file.split(path.sep).map(encodeURIComponent).join('/');
}

export function sarif(results: FileResult[]): unknown {
  const rules = [...RULES];
  for (const r of results) for (const p of r.problems) if (!rules.some((x) => x.id === p.code)) rules.push({ id: p.code, name: p.code, text: p.code });
  const level = (s: FileProblem['severity']) => (s === 'information' ? 'note' : s);
  const region = (a: Position, b: Position) => ({ startLine: a.line, startColumn: a.column, endLine: b.line, endColumn: b.column });
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'filing-lens',
            version: VERSION,
            rules: rules.map((r) => ({ id: r.id, name: r.name, shortDescription: { text: r.text }, defaultConfiguration: { level: 'warning' } })),
          },
        },
        columnKind: 'utf16CodeUnits',
        artifacts: results.map((r) => ({ location: { uri: toUri(r.file) }, ...(r.encoding ? { encoding: r.encoding } : {}) })),
        invocations: [
          {
            executionSuccessful: !results.some((r) => r.error),
            toolExecutionNotifications: results
              .filter((r) => r.error || r.warning)
              .map((r) => ({ level: r.error ? 'error' : 'warning', message: { text: (r.error ?? r.warning)! }, locations: [{ physicalLocation: { artifactLocation: { uri: toUri(r.file) } } }] })),
          },
        ],
        results: results.flatMap((r, artifact) =>
          r.problems.map((p) => ({
            ruleId: p.code,
            ruleIndex: rules.findIndex((x) => x.id === p.code),
            level: level(p.severity),
            message: { text: p.message },
            locations: [{ physicalLocation: { artifactLocation: { uri: toUri(r.file), index: artifact }, region: region(p.start, p.end) } }],
            relatedLocations: p.related.map((x, id) => ({
              id,
              message: { text: x.message },
              physicalLocation: { artifactLocation: { uri: toUri(r.file), index: artifact }, region: region(x.start, x.end) },
            })),
          })),
        ),
      },
    ],
  };
}

class Progress {
  private done = 0;
  private problems = 0;
  private last = 0;
  constructor(private total: number, private enabled: boolean) {}
  tick(r: FileResult) {
    this.done++;
    this.problems += r.problems.length;
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.last < 80 && this.done < this.total) return;
    this.last = now;
    const width = 30;
    const filled = Math.round((this.done / this.total) * width);
    process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${this.done}/${this.total} files · ${this.problems} problems`);
  }
  end() {
    if (this.enabled) process.stderr.write('\r\x1b[2K');
  }
}

// ---------------------------------------------------------------------------

interface Args {
  command: Command;
  format: Format;
  jobs: number;
  /** Set when --jobs asked for more workers than there are cores. */
  capped?: number;
  progress: boolean;
  files: string[];
}

function parseArgs(argv: string[]): Args | string {
  const [command, ...rest] = argv;
  if (command !== 'check' && command !== 'outline') return command ? `unknown command: ${command}` : 'no command';
  const cores = Math.max(1, (os as { availableParallelism?: () => number }).availableParallelism?.() ?? os.cpus().length);
  const args: Args = { command, format: 'text', jobs: cores, progress: true, files: [] };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    const value = (name: string) => {
      const eq = a.indexOf('=');
      if (eq >= 0) return a.slice(eq + 1);
      if (i + 1 >= rest.length) throw new Error(`${name} needs a value`);
      return rest[++i];
    };
    try {
      if (a === '--json') args.format = 'json';
      else if (a === '--format' || a.startsWith('--format=')) {
        const f = value('--format');
        if (f !== 'text' && f !== 'json' && f !== 'sarif') return `unknown format: ${f} (text, json or sarif)`;
        if (f === 'sarif' && command === 'outline') return 'outline has no sarif format';
        args.format = f;
      } else if (a === '--jobs' || a === '-j' || a.startsWith('--jobs=')) {
        const n = Number(value('--jobs'));
        if (!Number.isInteger(n) || n < 1) return `--jobs needs a positive whole number`;
        // More workers than cores only costs memory and time (each worker is a whole V8 heap).
        if (n > cores) args.capped = n;
        args.jobs = Math.min(n, cores);
      } else if (a === '--no-progress') args.progress = false;
      else if (a === '--') args.files.push(...rest.slice(i + 1)), (i = rest.length);
      else if (a.startsWith('-') && a !== '-') return `unknown option: ${a}`;
      else args.files.push(a);
    } catch (e) {
      return (e as Error).message;
    }
  }
  if (!args.files.length) return 'no files given';
  return args;
}

async function main(argv: string[]): Promise<number> {
  if (!argv.length || argv[0] === '--help' || argv[0] === '-h') {
    process.stdout.write(USAGE);
    return argv.length ? 0 : 2;
  }
  if (argv[0] === '--version') {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  if (argv[0] === 'import') return importPdf(argv.slice(1));
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    process.stderr.write(`filing-lens: ${args}\n${USAGE}`);
    return 2;
  }
  const { command, format, files } = args;
  if (args.capped) process.stderr.write(`filing-lens: --jobs ${args.capped} is more than the ${args.jobs} cores here; using ${args.jobs}\n`);
  const results: FileResult[] = new Array(files.length);
  const progress = new Progress(files.length, args.progress && !!process.stderr.isTTY && files.length > 1);
  // Text output streams in input order as files finish.
  let printed = 0;
  const flush = () => {
    while (printed < files.length && results[printed]) {
      const r = results[printed++];
      if (format !== 'text') continue;
      if (r.error) {
        progress.end();
        process.stderr.write(`${r.error}\n`);
        continue;
      }
      if (r.warning) process.stderr.write(`${r.file}: ${r.warning}\n`);
      if (command === 'outline') {
        const out: string[] = [];
        printOutline(r.outline ?? [], 1, out);
        progress.end();
        process.stdout.write(`${r.file}\n${out.join('\n')}${out.length ? '\n' : ''}`);
      } else if (r.problems.length) {
        progress.end();
        process.stdout.write(r.problems.map((p) => `${r.file}:${p.start.line}:${p.start.column}: ${p.severity}: ${p.message} [${p.code}]\n`).join(''));
      }
    }
  };
  // PDFs are converted in this thread (pdf.js is asynchronous); the other files go to the pool.
  const textFiles: number[] = [];
  for (let i = 0; i < files.length; i++) {
    if (!isPdfPath(files[i])) {
      textFiles.push(i);
      continue;
    }
    results[i] = await processPdf(files[i], command);
    flush();
    progress.tick(results[i]);
  }
  await runAll(textFiles.map((i) => files[i]), command, args.jobs, (k, r) => {
    results[textFiles[k]] = r;
    flush();
    progress.tick(r);
  });
  progress.end();
  const problems = results.reduce((n, r) => n + r.problems.length, 0);
  const unreadable = results.filter((r) => r.error).length;
  if (format === 'json') {
    const json = results.map((r) =>
      command === 'outline'
        ? { file: r.file, encoding: r.encoding, error: r.error, outline: r.outline }
        : { file: r.file, encoding: r.encoding, error: r.error, warning: r.warning, checks: r.checks, problems: r.problems },
    );
    process.stdout.write(JSON.stringify(json, null, 2) + '\n');
  } else if (format === 'sarif') {
    process.stdout.write(JSON.stringify(sarif(results), null, 2) + '\n');
  }
  if (command === 'check') {
    const checks = results.reduce((n, r) => n + r.checks, 0);
    process.stderr.write(`filing-lens: ${files.length} ${files.length === 1 ? 'file' : 'files'}, ${checks} totals checked, ${problems} ${problems === 1 ? 'problem' : 'problems'}${unreadable ? `, ${unreadable} not read` : ''}\n`);
  }
  return problems > 0 || unreadable > 0 ? 1 : 0;
}

// ---------------------------------------------------------------------------
// filing-lens import FILE.pdf [-o FILE.filing]: the PDF as filing text, to a file or to stdout.

async function importPdf(argv: string[]): Promise<number> {
  let input: string | undefined;
  let output: string | undefined;
  let password: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-o' || a === '--output') {
      if (i + 1 >= argv.length) return usage(`${a} needs a file name`);
      output = argv[++i];
    } else if (a.startsWith('--output=')) output = a.slice('--output='.length);
    else if (a === '--password') {
      if (i + 1 >= argv.length) return usage(`${a} needs a value`);
      password = argv[++i];
    } else if (a.startsWith('-') && a !== '-') return usage(`unknown option: ${a}`);
    else if (input) return usage('import takes one PDF');
    else input = a;
  }
  if (!input) return usage('no PDF given');
  const r = await readPdfFile(input, password);
  if (r.error) {
    process.stderr.write(`filing-lens: ${r.error}\n`);
    return 1;
  }
  for (const w of r.warnings) process.stderr.write(`${input}: ${w}\n`);
  if (output && output !== '-') {
    try {
      fs.writeFileSync(output, r.text);
    } catch (e) {
      process.stderr.write(`filing-lens: cannot write ${output} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})\n`);
      return 1;
    }
    process.stderr.write(`filing-lens: ${input}: ${r.pages} pages → ${output} (${r.ms} ms)\n`);
  } else process.stdout.write(r.text);
  return 0;
}

function usage(message: string): number {
  process.stderr.write(`filing-lens: ${message}\n${USAGE}`);
  return 2;
}

if (!isMainThread && (workerData as { filingLensWorker?: boolean } | undefined)?.filingLensWorker) workerMain();
else if (require.main === module) {
  // A reader that closed the pipe (… | head -1) wants no more: end quietly, without a stack trace.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(EXIT_CLOSED_PIPE);
      throw e;
    });
  }
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (e) => {
      process.stderr.write(`filing-lens: ${e instanceof Error ? e.stack : String(e)}\n`);
      process.exitCode = 2;
    },
  );
}
