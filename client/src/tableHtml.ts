// The table view's page, built from the grid the server returns (no vscode import: unit-testable).

// The grid's shape is the server's (a type-only import: nothing of the server is bundled into the client).
import type { GridCell, GridRow, TableGrid } from '../../server/src/features/tableGrid';

export type { GridCell, GridRow, TableGrid };

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The page for one table; plain HTML, a tiny script to reveal rows. Exported for tests. */
export function tableHtml(grid: TableGrid, scriptNonce: string): string {
  const mark = (c: GridCell) => (c.mark === 'ok' ? '<span class="ok">✓</span>' : c.mark === 'unconfirmed' ? '<span class="acc">?</span>' : c.mark === 'differs' ? '<span class="bad">✗</span>' : c.mark === 'accepted' ? '<span class="acc">✗ (accepted)</span>' : '');
  const cellHtml = (c: GridCell, header: boolean) => {
    const tip = [c.normalized ? `= ${c.normalized}` : '', c.note ?? ''].filter(Boolean).join('\n');
    const tag = header ? 'th' : 'td';
    const cls = [c.mark ? `m-${c.mark}` : '', /^[-\d,.()%（）]+$/.test(c.text) ? 'num' : ''].filter(Boolean).join(' ');
    return `<${tag}${cls ? ` class="${cls}"` : ''}${tip ? ` title="${esc(tip)}"` : ''}>${esc(c.text)}${mark(c)}${c.normalized && !header ? `<div class="norm">${esc(c.normalized)}</div>` : ''}</${tag}>`;
  };
  const rows = grid.rows
    .map((r) => {
      const header = r.kind === 'header';
      return `<tr class="k-${esc(r.kind)}" data-line="${r.line}"><${header ? 'th' : 'td'} class="label">${esc(r.label)}</${header ? 'th' : 'td'}>${r.cells.map((c) => cellHtml(c, header)).join('')}</tr>`;
    })
    .join('\n');
  // Column titles as a row of their own only where the table's header rows are not shown.
  const cols = grid.columns.some((c) => c) && !grid.rows.some((r) => r.kind === 'header') ? `<tr class="cols"><th></th>${grid.columns.map((c) => `<th>${esc(c)}</th>`).join('')}</tr>` : '';
  const unit = grid.unitSource === 'default' ? `单位：${esc(grid.unit)} (not stated; 元 assumed)` : `单位：${esc(grid.unit)}`;
  return `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'nonce-${scriptNonce}';">
<style>
body { font-family: var(--vscode-editor-font-family); font-size: var(--vscode-editor-font-size); color: var(--vscode-foreground); }
table { border-collapse: collapse; }
td, th { border: 1px solid var(--vscode-panel-border, #8884); padding: 2px 6px; vertical-align: top; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.k-total td, tr.k-subtotal td { font-weight: bold; }
tr[data-line]:hover { background: var(--vscode-list-hoverBackground); cursor: pointer; }
.norm { font-size: 85%; opacity: 0.7; }
.ok { color: var(--vscode-testing-iconPassed, green); margin-left: 4px; }
.bad { color: var(--vscode-errorForeground, red); margin-left: 4px; }
.acc { color: var(--vscode-editorWarning-foreground, orange); margin-left: 4px; }
td.m-differs { outline: 2px solid var(--vscode-errorForeground, red); }
</style></head>
<body>
<h3>${esc(grid.caption || `表 ${grid.id + 1}`)}</h3>
<p>${unit} · ${grid.rows.filter((r) => r.kind !== 'header').length} rows × ${grid.columns.length} columns · ${grid.checked} totals checked, ${grid.differ} differ</p>
<table>
${cols}
${rows}
</table>
<script nonce="${scriptNonce}">
const vscode = acquireVsCodeApi();
document.querySelectorAll('tr[data-line]').forEach((tr) => tr.addEventListener('click', () => vscode.postMessage({ line: Number(tr.dataset.line) })));
</script>
</body></html>`;
}
