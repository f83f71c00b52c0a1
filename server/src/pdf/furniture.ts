// Running headers and footers: a line in the top or bottom margin of a page
// whose text (digits aside) stands at the same height on many pages — the
// report's name, `46 / 110`, `第 3 页 共 9 页` — is dropped.

import { lineText } from './lines';
import { PdfLine } from './types';

const MARGIN = 0.14;

/** The line's text (digits aside) and its distance from the page's top or foot (landscape pages among portrait ones). */
function key(line: PdfLine, height: number): string {
  const where = line.y > height / 2 ? `T${Math.round((height - line.y) / 3)}` : `B${Math.round(line.y / 3)}`;
  return `${where}|${lineText(line).replace(/\s+/g, '').replace(/\d+/g, '#')}`;
}

function inMargin(line: PdfLine, height: number): boolean {
  return line.y > height * (1 - MARGIN) || line.y < height * MARGIN;
}

/** For each page, the indexes of its lines that are running headers or footers. */
export function furnitureLines(pages: { height: number; lines: PdfLine[] }[]): Set<number>[] {
  const counts = new Map<string, number>();
  for (const p of pages) {
    const seen = new Set<string>();
    for (const l of p.lines) {
      if (!inMargin(l, p.height)) continue;
      const k = key(l, p.height);
      if (seen.has(k)) continue;
      seen.add(k);
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
  }
  const min = Math.max(2, Math.ceil(pages.length * 0.2));
  return pages.map((p) => {
    const out = new Set<number>();
    p.lines.forEach((l, i) => {
      if (!inMargin(l, p.height)) return;
      const k = key(l, p.height);
      // A bare page number (digits only) repeats as `#` at the same height on every page.
      if ((counts.get(k) ?? 0) >= min) out.add(i);
    });
    return out;
  });
}
