// Is this text a financial filing? Looks at the beginning of a document (its
// first few hundred lines) for what filings carry — a report title on a line of
// its own, a statement title, a unit line, `[Pn]` page markers of a PDF
// converter, a stock code, page numbers, figures with thousands separators — and
// scores them. A document becomes a filing only on several independent signals,
// so that a README or source code that mentions 年度报告 stays plain text.
// Pure: no editor, no I/O; the client and the workspace check call it on a prefix.

/** How much of a document is looked at: this many lines … */
export const DETECT_MAX_LINES = 200;
/** … and at most this many characters. */
export const DETECT_MAX_CHARS = 64 * 1024;

export type SignalKind = 'title' | 'statement' | 'unit' | 'pageMarker' | 'stockCode' | 'company' | 'boilerplate' | 'pageNumber' | 'figures';

export interface Detection {
  isFiling: boolean;
  score: number;
  /** The signals found, each once, with the line (0-based) where it was first seen. */
  signals: { kind: SignalKind; line: number; weight: number }[];
  /** Why the text was ruled out regardless of its signals, if it was. */
  veto?: string;
}

/** Points a document needs, from at least MIN_KINDS kinds of signal, one of them strong. */
export const FILING_THRESHOLD = 4;
const MIN_KINDS = 2;

const TITLE = /(半年度报告|年度报告|季度报告|招股说明书|招股意向书|募集说明书|重组报告书|问询函|审计报告|财务报表附注|财务报告|回复报告)/;
// 合并资产负债表, 母公司利润表, 合并现金流量表（续）… as the whole line.
const STATEMENT = /^(?:\d+[、.．]\s*)?(?:合并及母公司|合并|母公司)?(?:资产负债表|利润表|损益表|现金流量表|所有者权益变动表|股东权益变动表)(?:[(（]续[)）])?$/;
// 单位：万元, 金额单位：人民币元, （除特殊注明外，金额单位均为人民币元）.
const UNIT = /(?:^|[\s（(，,；;])(?:金额|货币)?单位(?:\s*[:：]|均?为)\s*(?:人民币|美元|港币|港元)?\s*(?:元|千元|万元|百万元|亿元)/;
const PAGE_MARKER = /^\[P\d{1,4}\]$/;
const STOCK_CODE = /(?:股票|证券|公司|债券)(?:代码|简称)\s*[:：]\s*\S/;
const COMPANY = /(?:股份有限公司|有限责任公司|有限公司|\(集团\)|（集团）)/;
const BOILERPLATE = /^(?:重要提示|释\s*义|目\s*录|第[一二三四五六七八九十]+[节章]|保荐(?:机构|人)|主承销商|独立财务顾问|审计意见|特别提示)/;
const PAGE_NUMBER = /^(?:\d{1,4}\s*\/\s*\d{1,4}|\d{1,2}-\d{1,2}-\d{1,2}(?:-\d{1,4})?|[-—–]\s*\d{1,4}\s*[-—–])$/;
const FIGURE = /\d{1,3}(?:,\d{3})+(?:\.\d{1,4})?/g;
// Lines of program text: a keyword at the start, or ending in ; { } ( ) , =>.
const CODE_LINE = /^(?:import |export |from |const |let |var |function |class |def |return |if \(|for \(|#include|#!|\/\/|\/\*|\*|package |public |private |using |\}|\{)|[;{}(,]$|=>\s*\{?$/;
const FENCE = /^(?:```|~~~)/;

const WEIGHTS: Record<SignalKind, number> = {
  title: 2,
  statement: 2,
  unit: 2,
  pageMarker: 2,
  stockCode: 2,
  company: 1,
  boilerplate: 1,
  pageNumber: 1,
  figures: 1,
};
const STRONG: ReadonlySet<SignalKind> = new Set(['title', 'statement', 'unit', 'pageMarker']);

/** The beginning of `text` that detection looks at (whole lines, within the limits above). */
export function detectionPrefix(text: string, maxLines = DETECT_MAX_LINES, maxChars = DETECT_MAX_CHARS): string {
  // Cut first, so that looking for line ends never runs through a long text.
  const head = text.length > maxChars ? text.slice(0, maxChars) : text;
  let end = 0;
  for (let n = 0; n < maxLines && end < head.length; n++) {
    const nl = head.indexOf('\n', end);
    if (nl < 0) return head;
    end = nl + 1;
  }
  return head.slice(0, end);
}

/** Scores the beginning of a document (pass a prefix: only DETECT_MAX_LINES / DETECT_MAX_CHARS are read). */
const TAG_START = /[a-zA-Z/!]/;

export function detectFiling(text: string): Detection {
  const prefix = detectionPrefix(typeof text === 'string' ? text : '');
  const lines = prefix.split(/\r\n|\r|\n/);
  const found = new Map<SignalKind, number>();
  const see = (kind: SignalKind, line: number) => {
    if (!found.has(kind)) found.set(kind, line);
  };
  let nonBlank = 0;
  let code = 0;
  let fences = 0;
  let markers = 0;
  let figures = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line) continue;
    nonBlank++;
    if (FENCE.test(line)) fences++;
    if (CODE_LINE.test(line)) code++;
    // A markdown heading's '#' does not hide a title.
    const bare = line.replace(/^#{1,6}\s+/, '');
    if (bare.length <= 100 && TITLE.test(bare)) see('title', i);
    if (bare.length <= 30 && STATEMENT.test(bare.replace(/\s+/g, ''))) see('statement', i);
    if (bare.length <= 60 && UNIT.test(bare)) see('unit', i);
    if (PAGE_MARKER.test(line) && ++markers >= 2) see('pageMarker', i);
    if (STOCK_CODE.test(bare)) see('stockCode', i);
    if (bare.length <= 60 && COMPANY.test(bare)) see('company', i);
    if (BOILERPLATE.test(bare)) see('boilerplate', i);
    if (PAGE_NUMBER.test(line)) see('pageNumber', i);
    if (figures < 5) {
      const m = line.match(FIGURE);
      if (m && (figures += m.length) >= 5) see('figures', i);
    }
  }
  const signals = [...found].map(([kind, line]) => ({ kind, line, weight: WEIGHTS[kind] }));
  const score = signals.reduce((s, x) => s + x.weight, 0);
  let cjk = 0;
  let chars = 0;
  // Markup does not count (an HTML extraction puts each table on one line as <table><tr><td>…).
  let inTag = false;
  for (let i = 0; i < prefix.length; i++) {
    const c = prefix.charCodeAt(i);
    if (c === 60 /* < */ && TAG_START.test(prefix[i + 1] ?? '')) inTag = true;
    if (inTag) {
      if (c === 62 /* > */) inTag = false;
      continue;
    }
    // Letters only: a table of figures (one cell per line) is digits and punctuation, and stays Chinese text.
    const han = (c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff);
    const latin = (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    if (!han && !latin) continue;
    chars++;
    if (han) cjk++;
  }
  let veto: string | undefined;
  if (nonBlank === 0) veto = 'empty';
  else if (chars > 0 && cjk / chars < 0.2) veto = `mostly not Chinese text (${Math.round((100 * cjk) / chars)}% of the letters are CJK)`;
  else if (fences >= 2) veto = 'has fenced code blocks';
  else if (code / nonBlank > 0.15) veto = `looks like program text (${code} of ${nonBlank} lines)`;
  const isFiling = !veto && score >= FILING_THRESHOLD && signals.length >= MIN_KINDS && signals.some((s) => STRONG.has(s.kind));
  return { isFiling, score, signals, veto };
}
