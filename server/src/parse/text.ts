// Character tests for the per-line passes, without regular expressions: an
// expression anchored only at the end ( /[。；]\s*$/ ) is tried at every position
// of the line, while these look at its last characters.

// Patterns shared by several passes (module constants: a literal in a function is a new object per call).
// The global ones are for String.prototype.replace only.
/** Runs of white space. */
export const SPACES = /\s+/g;
/** A parenthesised aside: (含1年), （万元）. */
export const PARENTHESES = /[(（][^)）]*[)）]/g;
export const DIGIT = /\d/;
/** A pipe between spaces, as table rows write it. */
export const SPACED_PIPE = /\s\|\s/;
/** A text (already trimmed) that ends a sentence. */
export const SENTENCE_END = /[。；]$/;

/** Whether a UTF-16 code unit is white space as \s counts it. */
export function isSpaceCode(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/** The code unit of the last character that is not white space, or -1 for a blank text. */
export function lastNonSpaceCode(text: string): number {
  for (let i = text.length - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (!isSpaceCode(c)) return c;
  }
  return -1;
}

/** The length of the text without its trailing white space (text.trimEnd().length, without the copy). */
export function trimmedEnd(text: string): number {
  let to = text.length;
  while (to > 0 && isSpaceCode(text.charCodeAt(to - 1))) to--;
  return to;
}

/** The index of the first character that is not white space (text.length for a blank text). */
export function trimmedStart(text: string): number {
  let from = 0;
  while (from < text.length && isSpaceCode(text.charCodeAt(from))) from++;
  return from;
}

/** Whether the text has a character that is not white space. */
export function hasNonSpace(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (!isSpaceCode(text.charCodeAt(i))) return true;
  return false;
}

/** Whether the last character that is not white space is one of `chars`. */
export function endsWithAnyOf(text: string, chars: string): boolean {
  const c = lastNonSpaceCode(text);
  if (c < 0) return false;
  for (let i = 0; i < chars.length; i++) if (chars.charCodeAt(i) === c) return true;
  return false;
}

/** An amount as filings print it: digits grouped by commas, or with two decimals (3,550,196.05, 1,432, 17.77). */
export const AMOUNT = /\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d\.\d{2}(?!\d)/;

/** A group heading numbered in Chinese numerals: 三、筹资活动产生的现金流量, （二）按地区. */
export const CHINESE_NUMBERED_HEADING = /^\s*(?:[一二三四五六七八九十]{1,3}\s*[、.．]|[（(][一二三四五六七八九十]{1,3}[)）])/;
