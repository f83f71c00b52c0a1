// Takes the README pictures by driving the VS Code workbench (code-server 4.100.3) in
// headless chromium with the extension under development loaded:
//   test/vscode/screenshots/outline.png      Outline view on test/fixtures/000-annual-report.filing
//   test/vscode/screenshots/hover-wanyuan.png hover on 8,095.04 in a 万元 table (001-glued-inquiry.filing)
//   test/vscode/screenshots/diagnostic.png   squiggle + hover on the 25,211 total and the Problems panel (003)
//   test/vscode/screenshots/codelens-inlay.png the code lens above the 003 table and the ✓ / ≠ inlay hints on its totals
//   test/vscode/screenshots/table-grid.png   the table grid the code lens opens (a webview beside the editor)
//   test/vscode/screenshots/workspace-check.png a .txt excerpt recognised as a filing (status bar), and
//                                            Check All Filings in Workspace: its summary and the Problems panel
// Usage: npm run screenshots   (= npm run build && node test/vscode/screenshots.mjs)
import * as fs from 'node:fs';
import * as path from 'node:path';
import { launchBrowser, requireBuilt, ROOT, setup, startCodeServer, workbenchUrl } from './code-server.mjs';

const OUT = path.join(ROOT, 'test', 'vscode', 'screenshots');
const FIXTURES = path.join(ROOT, 'test', 'fixtures');
const TIMEOUT = Number(process.env.VSCODE_TEST_TIMEOUT_MS || 300000);
const only = process.argv.slice(2);

let server, browser;
const timer = setTimeout(() => finish(1, `global timeout after ${TIMEOUT / 1000}s`), TIMEOUT);
async function finish(code, why) {
  clearTimeout(timer);
  if (why) console.error(`screenshots: ${why}`);
  try { await browser?.close(); } catch {}
  try { await server?.stop(); } catch {}
  process.exit(code);
}

/** Retries `fn` until it returns a truthy value. */
async function waitFor(fn, what, timeoutMs = 30000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try { const v = await fn(); if (v) return v; } catch (e) { last = e; }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${last.message}` : ''}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Opens a quick input with `key`, types `text`, and accepts the entry that shows `pick`. */
async function quickInput(page, key, text, pick) {
  await page.keyboard.press(key);
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(text);
  // The list first shows recent entries; wait until the filtered one is there.
  await page.locator('.quick-input-list .monaco-list-row', { hasText: pick }).first().click();
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  // Park the mouse on the empty part of the activity bar: no tooltips in the pictures.
  await page.mouse.move(24, 500);
}
const command = (page, title) => quickInput(page, 'F1', `>${title}`, title.replace(/^[^:]+: /, ''));

async function openFile(page, name) {
  await quickInput(page, 'Control+P', name, name);
  await page.locator(`.tab.active[aria-label^="${name}"]`).waitFor({ state: 'visible' });
  await page.locator('.monaco-editor .view-lines').first().waitFor({ state: 'visible' });
}

async function gotoPosition(page, line, column) {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`:${line}:${column}`);
  await page.locator('.quick-input-widget', { hasText: `line ${line}` }).waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  await page.locator('.statusbar-item', { hasText: `Ln ${line}, Col ${column}` }).waitFor({ state: 'visible' });
}

/** Shows the editor hover at the cursor until it contains `text` (the language server may still be starting). */
async function showHover(page, text) {
  await waitFor(async () => {
    await page.keyboard.press('Escape');
    await command(page, 'Show or Focus Hover');
    const hover = page.locator('.monaco-hover:visible', { hasText: text });
    await hover.first().waitFor({ state: 'visible', timeout: 3000 });
    return true;
  }, `a hover containing ${text}`, 60000);
}

/** Waits until the code lenses of the active editor are there: a lens arriving later shifts the
 *  lines below it and closes an open hover. */
async function lensesShown(page) {
  await page.locator('.editor-group-container.active .codelens-decoration').first().waitFor({ state: 'attached', timeout: 60000 });
}

/** Shows the hover with `text` and takes the picture; again if the hover closed meanwhile. */
async function shotWithHover(page, name, text) {
  for (let i = 0; ; i++) {
    await showHover(page, text);
    await shot(page, name);
    if (await page.locator('.monaco-hover:visible', { hasText: text }).count()) return;
    if (i === 2) throw new Error(`the hover with ${text} closed before the picture ${name} was taken`);
    console.log(`screenshots: the hover closed, ${name} again`);
  }
}

/** Scrolls the active editor (without moving the cursor) until `line` is the first visible line. */
async function scrollTopTo(page, line) {
  const top = () =>
    page.evaluate(() => {
      const ns = [...document.querySelectorAll('.editor-group-container.active .margin-view-overlays .line-numbers')].map((e) => Number(e.textContent));
      return Math.min(...ns.filter((n) => n > 0));
    });
  for (let i = 0; i < 100; i++) {
    const t = await top();
    if (t === line) return;
    await page.keyboard.press(t < line ? 'Control+ArrowDown' : 'Control+ArrowUp');
    await page.waitForFunction((prev) => {
      const ns = [...document.querySelectorAll('.editor-group-container.active .margin-view-overlays .line-numbers')].map((e) => Number(e.textContent));
      return Math.min(...ns.filter((n) => n > 0)) !== prev;
    }, t, { timeout: 5000 });
  }
}

function lineOf(file, needle) {
  const lines = fs.readFileSync(path.join(FIXTURES, file), 'utf8').split('\n');
  const i = lines.findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`${needle} not in ${file}`);
  return { line: i + 1, column: lines[i].indexOf(needle) + 1 };
}

async function shot(page, name) {
  // Let fade-ins (hovers, panels) finish.
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'), null, { timeout: 10000 }).catch(() => {});
  const file = path.join(OUT, name);
  await page.screenshot({ path: file });
  console.log(`screenshots: ${path.relative(ROOT, file)} (${Math.round(fs.statSync(file).size / 1024)} KB)`);
}

try {
  requireBuilt();
  setup();
  fs.mkdirSync(OUT, { recursive: true });
  server = await startCodeServer({
    name: 'screenshots',
    settings: {
      'outline.collapseItems': 'alwaysExpand',
      'editor.fontSize': 14,
      'editor.hover.delay': 100,
      'explorer.openEditors.visible': 0,
      // Chinese text is full of fullwidth punctuation; VS Code boxes it as "ambiguous" by default.
      'editor.unicodeHighlight.ambiguousCharacters': false,
      'workbench.panel.defaultLocation': 'bottom',
      'editor.hover.above': false,
      'editor.stickyScroll.maxLineCount': 3,
    },
  });
  browser = await launchBrowser();
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(workbenchUrl(server.port, { folder: FIXTURES }));
  await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60000 });
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ state: 'visible', timeout: 60000 });

  const want = (name) => !only.length || only.some((o) => name.includes(o));

  // 1. Outline of an annual report: the folders section collapsed, the side bar wider.
  if (want('outline')) {
    await openFile(page, '000-annual-report.filing');
    await page.locator('.pane-header', { hasText: 'fixtures' }).first().click();
    await command(page, 'Explorer: Focus on Outline View');
    for (let i = 0; i < 3; i++) await command(page, 'View: Increase Current View Size');
    await page.locator('.outline-pane .monaco-list-row').nth(12).waitFor({ state: 'visible', timeout: 60000 });
    // Select a section: the editor reveals it.
    await page.locator('.outline-pane .monaco-list-row', { hasText: '经营模式' }).first().click();
    await page.locator('.statusbar-item', { hasText: 'Ln 16,' }).waitFor({ state: 'visible' });
    await command(page, 'Notifications: Clear All Notifications');
    await shot(page, 'outline.png');
    await page.locator('.pane-header', { hasText: 'fixtures' }).first().click();
  }

  // 2. Hover on a figure in a table whose unit, 万元, is stated once for the whole document.
  if (want('hover')) {
    await openFile(page, '001-glued-inquiry.filing');
    const at = lineOf('001-glued-inquiry.filing', '信息通信系统集成业务8,095.04');
    await gotoPosition(page, at.line, at.column + '信息通信系统集成业务'.length + 2);
    await command(page, 'Notifications: Clear All Notifications');
    await lensesShown(page);
    await shotWithHover(page, 'hover-wanyuan.png', '万元');
    await page.keyboard.press('Escape');
  }

  // 3. The total that does not add up: squiggle, hover and the Problems panel.
  if (want('diagnostic')) {
    await openFile(page, '003-pipe-inquiry.filing');
    const at = lineOf('003-pipe-inquiry.filing', '合计 | 25,001 | 25,211');
    await command(page, 'View: Focus Problems (Errors, Warnings, Infos)');
    await page.locator('.markers-panel .monaco-list-row', { hasText: '25,211' }).first().waitFor({ state: 'visible', timeout: 60000 });
    // The panel needs only a few rows: give the editor (and the hover) the room.
    for (let i = 0; i < 2; i++) await command(page, 'View: Decrease Current View Size');
    await gotoPosition(page, at.line, at.column + '合计 | 25,001 | '.length + 2);
    // Scroll so that the table's header row is the first line under the sticky headings,
    // leaving room for the hover below the 合计 row and above the Problems panel.
    await scrollTopTo(page, at.line - 8);
    await command(page, 'Notifications: Clear All Notifications');
    await lensesShown(page);
    await shotWithHover(page, 'diagnostic.png', '25,212');
  }

  // 4. The code lens above the 003 table and the inlay hints after its totals: ✓ after 25,001, ≠ 25,212 after 25,211.
  if (want('codelens') || want('table-grid')) {
    await page.keyboard.press('Escape');
    if (await page.locator('.part.panel').isVisible()) await command(page, 'View: Hide Panel');
    // The editor alone (and, in 5, the grid beside it) gets the width: no side bar, no other tabs.
    await command(page, 'View: Close All Editors');
    if (await page.locator('.part.sidebar').isVisible()) await command(page, 'View: Toggle Primary Side Bar Visibility');
    await openFile(page, '003-pipe-inquiry.filing');
    const at = lineOf('003-pipe-inquiry.filing', '合计 | 25,001 | 25,211');
    await gotoPosition(page, at.line, 1);
    // The table (its lens, header and 合计 row) in the upper half, under the sticky headings.
    await scrollTopTo(page, at.line - 12);
    await command(page, 'Notifications: Clear All Notifications');
    const lens = page.locator('.codelens-decoration a', { hasText: 'rows ×' }).first();
    await lens.waitFor({ state: 'visible', timeout: 60000 });
    // Inlay hints are injected text in the view line of the 合计 row (with a padding space before each).
    await page.locator('.view-line', { hasText: /25,001\s*✓.*25,211\s*≠\s25,212/ }).first().waitFor({ state: 'visible', timeout: 60000 });
    if (want('codelens')) await shot(page, 'codelens-inlay.png');

    // 5. Clicking the lens: the table as a grid in a webview beside the editor (values, ✓ / ✗ on totals).
    if (want('table-grid')) {
      await lens.click();
      await page.mouse.move(24, 500);
      const grid = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
      await grid.locator('table tr', { hasText: '25,211' }).first().waitFor({ state: 'visible', timeout: 60000 });
      await page.locator('.tab.active', { hasText: '表:' }).first().waitFor({ state: 'visible' });
      await shot(page, 'table-grid.png');
    }
    await command(page, 'View: Toggle Primary Side Bar Visibility');
  }

  // 6. A corpus excerpt saved as .txt opens as a filing (language and status-bar item), and the
  //    workspace check lists the total of 003 that does not add up though 003 is not open.
  if (want('workspace-check')) {
    await page.keyboard.press('Escape');
    await command(page, 'View: Close All Editors');
    if (!(await page.locator('.part.sidebar').isVisible())) await command(page, 'View: Toggle Primary Side Bar Visibility');
    await openFile(page, '23-annual-cellperline.txt');
    await page.locator('.statusbar-item', { hasText: 'Chinese Financial Filing' }).waitFor({ state: 'visible', timeout: 60000 });
    await page.locator('.statusbar-item', { hasText: /^Filing ·/ }).first().waitFor({ state: 'visible', timeout: 60000 });
    await command(page, 'Notifications: Clear All Notifications');
    await command(page, 'Filing Lens: Check All Filings in Workspace');
    await page.locator('.notification-toast', { hasText: 'filings checked' }).first().waitFor({ state: 'visible', timeout: 120000 });
    await command(page, 'View: Focus Problems (Errors, Warnings, Infos)');
    await page.locator('.markers-panel .monaco-list-row', { hasText: '25,211' }).first().waitFor({ state: 'visible', timeout: 60000 });
    await page.locator('.notification-toast', { hasText: 'filings checked' }).first().waitFor({ state: 'visible', timeout: 5000 }).catch(() => {});
    await shot(page, 'workspace-check.png');
  }
} catch (err) {
  try { await browser?.contexts()[0]?.pages()[0]?.screenshot({ path: path.join(server.runDir, 'failure.png') }); console.error(`screenshots: see ${path.join(server.runDir, 'failure.png')}`); } catch {}
  await finish(1, err?.stack || String(err));
}
await finish(0);
