// Plain data of a PDF's text layer, as the layout passes see it (no pdf.js types).

/** One text item: its string, the left end of its baseline (PDF points, y upwards), width and font size. */
export interface PdfItem {
  str: string;
  x: number;
  y: number;
  w: number;
  size: number;
}

export interface PdfPage {
  /** 1-based page number. */
  number: number;
  width: number;
  height: number;
  items: PdfItem[];
}

/** A run of items on one line close enough to read as one piece of text (a cell, a label, a phrase). */
export interface Segment {
  text: string;
  x0: number;
  x1: number;
  size: number;
  /** The text reads as one figure (1,234.56, (12.3), 45%, -). */
  figure: boolean;
}

/** One visual line of a page: its segments left to right. */
export interface PdfLine {
  y: number;
  size: number;
  segments: Segment[];
}

export interface PdfConversion {
  /** The filing text: `[Pn]` at each page start, tables as pipe rows. Empty when `error` is set. */
  text: string;
  pages: number;
  /** Why the PDF could not be read at all (not a PDF, encrypted, damaged). */
  error?: string;
  /** Pages read but worth a word: no text layer (scanned?). */
  warnings: string[];
  /** Milliseconds spent (reading and layout). */
  ms: number;
}
