// PDF → filing text with pdf.js: read each page's text items (position, width,
// font size), rebuild lines and tables (lines.ts, tables.ts), drop running
// headers and footers (furniture.ts), and write `[Pn]` at each page start.
// Never throws: a PDF that cannot be read gives a result with `error`.

import { furnitureLines } from './furniture';
import { buildLines } from './lines';
import { Column, layoutPageIn } from './tables';
import { PdfConversion, PdfItem, PdfLine, PdfPage } from './types';

export interface ConvertOptions {
  /** Folder of pdf.js's packed CMaps (for fonts without a ToUnicode map); optional. */
  cMapUrl?: string;
  /** Password of an encrypted PDF. */
  password?: string;
}

/** The plain-data pages → filing text (no pdf.js; used by `pdfToFiling` and by tests). */
export function pagesToFiling(pages: PdfPage[], unreadable: Map<number, string> = new Map()): { text: string; warnings: string[] } {
  const warnings: string[] = [];
  const laid: { height: number; lines: PdfLine[] }[] = pages.map((p) => ({ height: p.height, lines: buildLines(p.items) }));
  const furniture = furnitureLines(laid);
  const out: string[] = [];
  let carried: Column[] | undefined;
  pages.forEach((p, i) => {
    out.push(`[P${p.number}]`);
    const lines = laid[i].lines.filter((_, k) => !furniture[i].has(k));
    if (!laid[i].lines.length) {
      warnings.push(unreadable.has(p.number) ? `page ${p.number} could not be read (${unreadable.get(p.number)})` : `page ${p.number} has no text layer (scanned?)`);
      carried = undefined;
      return;
    }
    const page = layoutPageIn(lines, carried);
    out.push(...page.text);
    carried = page.endColumns;
  });
  return { text: out.join('\n') + '\n', warnings };
}

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs', { with: { 'resolution-mode': 'import' } });
let pdfjsPromise: Promise<PdfJs> | undefined;

/** pdf.js, loaded once, with its worker code run in this thread (Node has no web workers). */
function loadPdfJs(): Promise<PdfJs> {
  pdfjsPromise ??= (async () => {
    const g = globalThis as { pdfjsWorker?: unknown };
    // pdf.js warns on stdout while it loads (no canvas package, nothing to render with): we only read text.
    const log = console.log;
    console.log = (...args: unknown[]) => {
      if (typeof args[0] === 'string' && args[0].startsWith('Warning: ')) return;
      log(...args);
    };
    try {
      if (!g.pdfjsWorker) g.pdfjsWorker = await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
      return await import('pdfjs-dist/legacy/build/pdf.mjs');
    } finally {
      console.log = log;
    }
  })();
  return pdfjsPromise;
}

function message(e: unknown): string {
  const name = (e as { name?: string })?.name ?? '';
  const msg = e instanceof Error ? e.message : String(e);
  if (name === 'PasswordException') return 'the PDF is encrypted (it needs a password to open)';
  if (name === 'InvalidPDFException' || /Invalid PDF structure/i.test(msg)) return 'not a PDF, or a PDF too damaged to read (no valid structure found)';
  if (/xref|XRef/.test(msg)) return `the PDF's cross-reference table is damaged (${msg})`;
  return `the PDF could not be read (${msg})`;
}

const PDF_MAGIC = '%PDF-';

/** Reads a PDF (its bytes) into filing text. Never throws. */
export async function pdfToFiling(data: Uint8Array, options: ConvertOptions = {}): Promise<PdfConversion> {
  const t0 = Date.now();
  const fail = (error: string, pages = 0): PdfConversion => ({ text: '', pages, error, warnings: [], ms: Date.now() - t0 });
  // Not a PDF at all: pdf.js would search the whole file for a structure before giving up.
  const head = Buffer.from(data.subarray(0, 1024)).toString('latin1');
  if (!head.includes(PDF_MAGIC)) return fail('not a PDF (no %PDF- header)');
  let pdfjs: PdfJs;
  try {
    pdfjs = await loadPdfJs();
  } catch (e) {
    return fail(`pdf.js could not be loaded (${e instanceof Error ? e.message : String(e)})`);
  }
  let doc: Awaited<ReturnType<PdfJs['getDocument']>['promise']> | undefined;
  let encrypted = false;
  try {
    const task = pdfjs.getDocument({
      // pdf.js takes over (detaches) the buffer it is given: hand it a copy.
      data: new Uint8Array(data),
      password: options.password,
      cMapUrl: options.cMapUrl,
      cMapPacked: true,
      verbosity: 0,
      isEvalSupported: false,
      useSystemFonts: false,
      disableFontFace: true,
      stopAtErrors: false,
    });
    // An encrypted PDF asks for a password: answer once with nothing, then give up.
    task.onPassword = () => {
      encrypted = true;
      void task.destroy();
    };
    doc = await task.promise;
  } catch (e) {
    return fail(encrypted ? (options.password ? 'the PDF is encrypted and the password is wrong' : 'the PDF is encrypted (it needs a password to open)') : message(e));
  }
  const pages: PdfPage[] = [];
  // A page that cannot be read (a damaged stream) is reported and the others are kept.
  const unreadable = new Map<number, string>();
  for (let n = 1; n <= doc.numPages; n++) {
    const items: PdfItem[] = [];
    let w = 595;
    let h = 842;
    try {
      const page = await doc.getPage(n);
      // Positions as the page is shown (its /Rotate and origin applied), y upwards from the page's foot.
      const view = page.getViewport({ scale: 1 });
      w = view.width;
      h = view.height;
      const content = await page.getTextContent();
      for (const it of content.items) {
        if (!('str' in it) || !it.str) continue;
        const [a, b, c, d, x, y] = pdfjs.Util.transform(view.transform, it.transform as number[]) as number[];
        // Text not upright on the shown page (stamps, watermarks, side notes) is not part of the reading order.
        if (Math.abs(b) > 0.01 * Math.abs(a) || Math.abs(c) > 0.01 * Math.abs(d) || a <= 0 || d >= 0) continue;
        items.push({ str: it.str, x, y: h - y, w: it.width, size: -d || it.height });
      }
      page.cleanup();
    } catch (e) {
      items.length = 0;
      unreadable.set(n, e instanceof Error ? e.message : String(e));
    }
    pages.push({ number: n, width: w, height: h, items });
  }
  await doc.destroy().catch(() => undefined);
  if (pages.length && unreadable.size === pages.length) return fail(`no page could be read (${unreadable.get(1)})`, pages.length);
  const { text, warnings } = pagesToFiling(pages, unreadable);
  return { text, pages: pages.length, warnings, ms: Date.now() - t0 };
}
