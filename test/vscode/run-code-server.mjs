// Runs the extension-host tests (out/test/vscode/suite) inside VS Code 1.100.3 served by
// code-server, in headless chromium. Exits with the suite's code (non-zero on failure or timeout).
//   npm run test:vscode      (= npm run build && npm run compile-tests && node test/vscode/run-code-server.mjs)
// Env: VSCODE_TEST_TIMEOUT_MS (default 360000), VSCODE_TEST_VERBOSE=1 (all workbench console output).
import * as fs from 'node:fs';
import * as util from 'node:util';
import { launchBrowser, requireBuilt, setup, startCodeServer, TESTS_PATH, workbenchUrl } from './code-server.mjs';

const TIMEOUT = Number(process.env.VSCODE_TEST_TIMEOUT_MS || 360000);
const VERBOSE = process.env.VSCODE_TEST_VERBOSE === '1';
const t0 = Date.now();
let server, browser, result = null;
let consoleChain = Promise.resolve();
let exitCode = 1;

const timer = setTimeout(() => finish(1, `global timeout after ${TIMEOUT / 1000}s`), TIMEOUT);
let finishing = false;
async function finish(code, why) {
  if (finishing) return;
  finishing = true;
  clearTimeout(timer);
  if (why) console.error(`vscode: ${why}`);
  try { await browser?.close(); } catch {}
  try { await server?.stop(); } catch {}
  if (code !== 0 && server) console.error(`vscode: code-server log: ${server.logFile}`);
  console.log(result ? `vscode: ${result.passed} passed, ${result.failed} failed` : 'vscode: no test result');
  console.log(`vscode: exit code ${code} after ${((Date.now() - t0) / 1000).toFixed(1)}s`);
  process.exit(code);
}
process.on('SIGINT', () => finish(130, 'interrupted'));
process.on('SIGTERM', () => finish(143, 'terminated'));

try {
  requireBuilt();
  if (!fs.existsSync(`${TESTS_PATH}.js`)) throw new Error(`${TESTS_PATH}.js is missing: run npm run compile-tests`);
  const setupMs = setup();
  console.log(`vscode: set-up checked in ${(setupMs / 1000).toFixed(1)}s`);
  server = await startCodeServer({ name: 'run' });
  browser = await launchBrowser();
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const exited = new Promise((resolve) => page.exposeFunction('codeAutomationExit', (code) => resolve(code)));
  // Workbench and extension-host output arrives as console messages, log-service style:
  // ('%c INFO', 'color: …', format, ...args). Format them in order; print everything between the
  // suite's start and result markers, outside that only errors about the extension (or all with VERBOSE).
  let inSuite = false;
  page.on('console', (msg) => {
    consoleChain = consoleChain.then(async () => {
      let args;
      try { args = await Promise.all(msg.args().map((a) => a.jsonValue())); } catch { args = [msg.text()]; }
      let level = msg.type();
      const m = typeof args[0] === 'string' ? /^%c\s*([A-Z]+)\s*$/.exec(args[0]) : null;
      if (m && args.length >= 2) { level = m[1]; args = args.slice(2); }
      let text = util.format(...args).replace(/\s+$/, '');
      if (text === 'vscode-suite-start') { inSuite = true; return; }
      const r = /vscode-suite-result (\{.*\})/.exec(text);
      if (r) { result = JSON.parse(r[1]); inSuite = false; return; }
      const isError = level === 'ERR' || level === 'error';
      // Workbench errors: the message without the minified stack.
      if (isError && !VERBOSE) text = text.split('\n').filter((l) => !/^\s+at /.test(l)).join('\n').trim();
      if (!text) return;
      if (VERBOSE || inSuite) console.log(isError ? `[error] ${text}` : text);
      else if (isError && /filing/i.test(text)) console.error(`[workbench] ${text.split('\n')[0]}`);
    }).catch(() => {});
  });
  page.on('pageerror', (err) => VERBOSE && console.error(`[pageerror] ${err.message}`));
  await page.goto(workbenchUrl(server.port, { testsPath: TESTS_PATH }));
  exitCode = await exited;
  await consoleChain;
  if (exitCode === 0 && (!result || result.failed > 0 || result.passed === 0)) exitCode = 1;
  await finish(exitCode);
} catch (err) {
  await finish(1, err?.stack || String(err));
}
