// Tiny PDFs written by hand for the PDF tests: pages of Helvetica text (or of
// nothing but a drawn box, like a scan without a text layer), with a correct
// cross-reference table that a test can then damage.

export interface TextRun {
  text: string;
  x: number;
  y: number;
  size?: number;
}

/** A page: text runs, null for a page with only a drawing (no text layer), 'damaged' for a content stream that does not decompress. */
export type PageSpec = TextRun[] | null | 'damaged';

function escape(s: string): string {
  return s.replace(/[\\()]/g, (c) => '\\' + c);
}

/**
 * With `rotate: 90` every page is shown turned a quarter clockwise (/Rotate 90)
 * and its text is drawn turned the other way, so that it reads upright as shown:
 * a run's x is then its distance down from the shown page's top, y from the left.
 */
export function minimalPdf(pages: PageSpec[], options: { rotate?: 90 } = {}): Buffer {
  const objects: string[] = [];
  // 1: catalog, 2: pages, 3: font, then per page: page object and content stream.
  const kids = pages.map((_, i) => `${4 + 2 * i} 0 R`).join(' ');
  objects.push('<< /Type /Catalog /Pages 2 0 R >>');
  objects.push(`<< /Type /Pages /Kids [${kids}] /Count ${pages.length} >>`);
  objects.push('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  pages.forEach((runs, i) => {
    const content =
      runs === 'damaged'
        ? 'x\u009c\u00ff\u00fe\u00fd not deflate data \u0000\u0001'
        : runs
          ? runs
              .map((r) =>
                options.rotate
                  ? `BT /F1 ${r.size ?? 10} Tf 0 1 -1 0 ${r.x} ${r.y} Tm (${escape(r.text)}) Tj ET`
                  : `BT /F1 ${r.size ?? 10} Tf ${r.x} ${r.y} Td (${escape(r.text)}) Tj ET`,
              )
              .join('\n')
          : '0.5 g 50 50 400 600 re f';
    const filter = runs === 'damaged' ? ' /Filter /FlateDecode' : '';
    objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]${options.rotate ? ` /Rotate ${options.rotate}` : ''} /Resources << /Font << /F1 3 0 R >> >> /Contents ${5 + 2 * i} 0 R >>`);
    objects.push(`<< /Length ${Buffer.byteLength(content, 'latin1')}${filter} >>\nstream\n${content}\nendstream`);
  });
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) out += `${String(off).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
