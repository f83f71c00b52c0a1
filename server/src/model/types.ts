// Plain data shared by the parser, the analyses and the features.
// Every position is a UTF-16 offset into the document text (what JavaScript
// strings index), never an LSP line/character pair.

import type { LineMarks } from './lineMarks';

export interface Range {
  start: number;
  end: number;
}

/** A physical line of the document, without its line break. */
export interface Line extends Range {
  index: number;
  text: string;
}

/** Why a line is not part of the content: running page headers, page numbers, table-of-contents entries. */
export type FurnitureKind = 'pageHeader' | 'pageNumber' | 'toc' | 'marker';

export type UnitSource = 'cell' | 'column' | 'row' | 'table' | 'document' | 'default';

export interface Unit {
  /** As written: 元, 万元, 亿元, 千元, 百万元, %, 户, 个 … */
  name: string;
  /** Multiplier to the base unit (元 for money, 1 for counts and percent). */
  factor: number;
  kind: 'money' | 'count' | 'percent';
  currency?: string;
  source: UnitSource;
  /** Where the unit was written, if anywhere. */
  range?: Range;
}

export interface Figure extends Range {
  raw: string;
  /** The number as written, in the unit written (percent: 12.5 for 12.5%). */
  value: number;
  /** Digits after the decimal point as written. */
  decimals: number;
  percent: boolean;
  /** A unit written on the figure itself (39,150.00万元). */
  unit?: Unit;
  /** The number came from splitting glued digits with more than one reading. */
  uncertain?: boolean;
}

export interface Cell extends Range {
  text: string;
  /** undefined for an empty cell ('-', '—', '不适用', blank). */
  figure?: Figure;
  /** A cell the text left out (glued figures), placed by the table's totals: empty, and known to be. */
  vanished?: true;
}

export type RowKind = 'header' | 'data' | 'total' | 'subtotal' | 'formula';

export interface Row extends Range {
  label: string;
  labelRange: Range;
  cells: Cell[];
  kind: RowKind;
  /** 其中 breakdown of the row above. */
  breakdown: boolean;
  /** 减： rows are subtracted. */
  subtract: boolean;
  /** Formula written into the label, e.g. "ii=1+2" or "③=②-①". */
  formula?: string;
  /** Row's own tag in formula terms: "1", "ii", "②". */
  tag?: string;
  /** Line index of the row's first physical line. */
  line: number;
  /** True when the cells were split out of glued digits in more than one possible way. */
  uncertain?: boolean;
  /** A header row repeated where the table goes on after a page break: not a new block. */
  repeatedHeader?: boolean;
  /** A band row that heads a group (流动资产 with its cells all empty): the group's rows start below it. */
  band?: boolean;
  /** A section label without figures and without a colon that opens a block (非流动资产 after 流动资产合计): a group boundary like 非流动资产：. */
  section?: boolean;
}

export interface Column {
  /** Header text, possibly joined from several header rows ("2020年度 / 收入"). */
  title: string;
  unit?: Unit;
  /** What the column is: a period amount, a share, a ratio that does not add up, a count … */
  additive: boolean;
  share: boolean;
}

export type TableLayout = 'space' | 'pipe' | 'cellPerLine' | 'cellStream' | 'columnMajor' | 'glued' | 'aligned' | 'list' | 'html' | 'markdown';

export interface Table extends Range {
  id: number;
  caption: string;
  captionRange?: Range;
  layout: TableLayout;
  columns: Column[];
  rows: Row[];
  /** The table's own unit line (单位：万元), else the document's. */
  unit: Unit;
  /** Units named by a table unit line listing several (单位：万户、万元). */
  units: Unit[];
  /** The table picks up where the previous one broke off (its first row may not be a real header). */
  continued?: boolean;
  /** The lines just above the table's first row hold figures: the table may have lost rows above it. */
  cutAbove?: boolean;
}

export interface Heading extends Range {
  level: number;
  /** The marker family, e.g. "第X节", "一、", "（一）", "1、", "（1）", "①", "问题". */
  style: string;
  marker: string;
  title: string;
  line: number;
  /** The heading's number in its list (三 → 3, （12） → 12, 3.11.8 → 8), if it has one. */
  ordinal?: number;
  /** Decimal numbering: the number of the list it belongs to (3.11 for 3.11.8). */
  parentNumber?: string;
  /** A marker without its usual punctuation (一 公司基本情况): a heading only where the sequence around it supports it. */
  weak?: boolean;
}

export interface Section {
  heading: Heading;
  /** From the heading to the end of its content (before the next heading of the same or a higher level). */
  range: Range;
  children: Section[];
  tables: Table[];
}

export interface Problem extends Range {
  message: string;
}

export interface FilingModel {
  text: string;
  lines: Line[];
  furniture: LineMarks;
  /** Texts of the running page headers (for re-analysing part of the document). */
  runningHeaders: Set<string>;
  /** Stretches between lines no table can contain; tables are found chunk by chunk. */
  chunks: { fromLine: number; toLine: number; start: number; end: number }[];
  sections: Section[];
  /** Tables not inside any section. */
  topTables: Table[];
  tables: Table[];
  /** Figures in prose (outside tables), sorted by offset. */
  proseFigures: Figure[];
  documentUnit?: Unit;
  problems: Problem[];
  /** Lines claimed by tables (a byte per line), kept so that an edited text may take over unchanged chunks (parse/reuse.ts). */
  claimed?: Uint8Array;
  /** Index in `tables` of each chunk's first table, and the number of tables last: chunk k has tables [chunkTables[k], chunkTables[k + 1]). */
  chunkTables?: number[];
  /**
   * The headings read line by line (before nesting, never changed) and what reading them took from the whole
   * document, kept so that an edited text may take over the headings of lines far from the edit (parse/document.ts).
   */
  lineHeadings?: { headings: Heading[]; wrapWidth: number; tocTitles: Map<string, string> };
  /** The first pass of the page furniture (parse/lines.ts furnitureOf) and the number of strong page anchors, kept for the same. */
  pageMarks?: { ownMarks: LineMarks; pages: number };
  /**
   * Set when the document would take more than its budget: more work (table
   * cells, figures) — then it has only its outline —, or more lines — then it
   * has nothing, not even lines.
   */
  overBudget?: { budget: number; of: 'work' | 'lines'; used?: number };
}
