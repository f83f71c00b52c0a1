// Shared by run-code-server.mjs and screenshots.mjs: set-up, a code-server on
// loopback with fresh profile folders, and the workbench in headless chromium.
// See /work/shared/vscode-in-ci.md (verified with code-server 4.100.3 = VS Code 1.100.3).
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const VERSION = process.env.CODE_SERVER_VERSION || '4.100.3';
export const BASE = process.env.VSCODE_TEST_DIR || path.join(ROOT, '.vscode-test');
export const WORKSPACE = path.join(ROOT, 'test', 'vscode', 'workspace');
export const TESTS_PATH = path.join(ROOT, 'out', 'test', 'vscode', 'suite', 'index');
const ENTRY = path.join(BASE, `code-server-${VERSION}`, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export function setup() {
  const t0 = Date.now();
  const r = spawnSync('bash', [path.join(ROOT, 'test', 'vscode', 'setup-code-server.sh')], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, CI: process.env.CI || 'true' },
  });
  if (r.status !== 0) throw new Error(`setup-code-server.sh failed (exit ${r.status ?? r.signal})`);
  return Date.now() - t0;
}

export function requireBuilt() {
  for (const f of ['dist/extension.js', 'dist/server.js']) {
    if (!fs.existsSync(path.join(ROOT, f))) throw new Error(`${f} is missing: run npm run build`);
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Starts code-server with a fresh --user-data-dir and --extensions-dir; resolves once /healthz answers. */
export async function startCodeServer({ name = 'run', log = false, settings = {} } = {}) {
  const port = await freePort();
  const runDir = path.join(BASE, name);
  fs.rmSync(runDir, { recursive: true, force: true });
  const userData = path.join(runDir, 'user-data');
  const extensions = path.join(runDir, 'extensions');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.mkdirSync(extensions, { recursive: true });
  // Quiet, predictable workbench: no welcome page, no trust prompt, no auto-save.
  fs.writeFileSync(
    path.join(userData, 'User', 'settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'security.workspace.trust.enabled': false,
        'files.autoSave': 'off',
        'telemetry.telemetryLevel': 'off',
        'update.mode': 'none',
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'workbench.enableExperiments': false,
        'chat.commandCenter.enabled': false,
        'workbench.colorTheme': 'Default Light Modern',
        'window.commandCenter': false,
        'editor.minimap.enabled': false,
        ...settings,
      },
      null,
      2,
    ),
  );
  const logFile = path.join(runDir, 'code-server.log');
  const out = fs.openSync(logFile, 'a');
  const child = spawn(
    process.execPath,
    [
      ENTRY,
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--user-data-dir', userData,
      '--extensions-dir', extensions,
    ],
    { cwd: ROOT, detached: true, stdio: ['ignore', log ? 'inherit' : out, log ? 'inherit' : out], env: { ...process.env, VSCODE_TEST: '1' } },
  );
  let exited = null;
  child.on('exit', (code, signal) => (exited = { code, signal }));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60000;
  for (;;) {
    if (exited) throw new Error(`code-server exited early (${JSON.stringify(exited)}); see ${logFile}`);
    try {
      const r = await fetch(`${url}/healthz`);
      if (r.ok) break;
    } catch {}
    if (Date.now() > deadline) throw new Error(`code-server did not answer on ${url}; see ${logFile}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const stop = async () => {
    if (exited) return;
    const done = new Promise((r) => child.once('exit', r));
    try { process.kill(-child.pid, 'SIGTERM'); } catch {}
    const t = setTimeout(() => { try { process.kill(-child.pid, 'SIGKILL'); } catch {} }, 5000);
    await done;
    clearTimeout(t);
  };
  return { port, url, logFile, runDir, stop };
}

/** The workbench URL that opens `folder` and, when `testsPath` is given, runs that test module. */
export function workbenchUrl(port, { folder = WORKSPACE, testsPath } = {}) {
  const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
  const payload = [['extensionDevelopmentPath', remote(ROOT)], ['skipWelcome', 'true']];
  if (testsPath) payload.push(['extensionTestsPath', remote(testsPath)]);
  return `http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

export async function launchBrowser() {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--lang=en-US'],
  });
}
