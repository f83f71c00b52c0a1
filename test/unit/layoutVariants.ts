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
  crlf: (t) => t.replace(/\r?\n/g, '\r\n'),
  fullWidthParentheses: (t) => t.replace(/\((\d[\d,]*(?:\.\d+)?)\)/g, '（$1）'),
};
