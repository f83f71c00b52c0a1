// Reading a PDF file from disk into filing text (for the CLI and the client).

import * as fs from 'node:fs';
import * as path from 'node:path';
import { pdfToFiling } from './convert';
import { PdfConversion } from './types';

export const MAX_PDF_BYTES = 200 * 1024 * 1024;

/** pdf.js's packed CMaps: copied beside the bundle (dist/cmaps), else from node_modules. */
function cMapDir(): string | undefined {
  const candidates = [
    path.join(__dirname, 'cmaps'),
    path.join(__dirname, '..', 'node_modules', 'pdfjs-dist', 'cmaps'),
    path.join(__dirname, '..', '..', '..', '..', 'node_modules', 'pdfjs-dist', 'cmaps'),
  ];
  for (const c of candidates) if (fs.existsSync(path.join(c, 'UniGB-UCS2-H.bcmap'))) return c + path.sep;
  return undefined;
}

export function isPdfPath(file: string): boolean {
  return /\.pdf$/i.test(file);
}

/** Reads and converts a PDF file. Never throws; the error names the file. */
export async function readPdfFile(file: string, password?: string): Promise<PdfConversion> {
  let data: Buffer;
  try {
    const st = fs.statSync(file);
    if (st.isDirectory()) return { text: '', pages: 0, error: `${file}: is a directory, not a PDF`, warnings: [], ms: 0 };
    if (st.size > MAX_PDF_BYTES) return { text: '', pages: 0, error: `${file}: file is over the ${MAX_PDF_BYTES / 1024 / 1024} MB limit`, warnings: [], ms: 0 };
    data = fs.readFileSync(file);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    return { text: '', pages: 0, error: `${file}: cannot read the file (${err.code ?? err.message})`, warnings: [], ms: 0 };
  }
  const r = await pdfToFiling(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), { cMapUrl: cMapDir(), password });
  return r.error ? { ...r, error: `${file}: ${r.error}` } : r;
}
