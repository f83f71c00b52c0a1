// Copies of a filing's text in the layouts other extractors give (test/unit/layoutVariants.test.ts,
// scripts/variants.mjs): the figures and their order unchanged, only the spacing and the page marks.
export const LAYOUT_VARIANTS: Record<string, (text: string) => string> = {
  singleSpace: (t) => t.replace(/[ \t\u3000]{2,}/g, ' '),
  tabs: (t) => t.replace(/ {2,}/g, '\t'),
  noIndent: (t) => t.replace(/^[ \t\u3000]+/gm, ''),
  noBlankLines: (t) => t.replace(/\n[ \t]*\n/g, '\n'),
  pageMarkers: (t) =>
    t
      .split('\n')
      .flatMap((l, i) => (i % 53 === 52 ? [`[P${Math.floor(i / 53) + 1}]`, l] : [l]))
      .join('\n'),
  // A page break every 57 lines: a page number, a form feed and a running header (pdftotext), or a [Pn]
  // marker and a running header (extractions that mark pages) — inside tables too.
  pageBreaks: (t) =>
    t
      .split('\n')
      .flatMap((l, i) => (i % 57 === 56 ? [`                        ${Math.floor(i / 57) + 1} / 300`, '\f       某某股份有限公司 2024 年年度报告', '', l] : [l]))
      .join('\n'),
  pageMarkersAndHeaders: (t) =>
    t
      .split('\n')
      .flatMap((l, i) => (i % 57 === 56 ? [`[P${Math.floor(i / 57) + 1}]`, '某某股份有限公司 2024 年年度报告', l] : [l]))
      .join('\n'),
  crlf: (t) => t.replace(/\r?\n/g, '\r\n'),
  fullWidthParentheses: (t) => t.replace(/\((\d[\d,]*(?:\.\d+)?)\)/g, '（$1）'),
};
