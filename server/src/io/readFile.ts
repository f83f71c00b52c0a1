// Reading a filing from disk: filings come as UTF-8, UTF-16 (with a byte-order
// mark) or, from older Chinese systems, GBK / GB18030. The encoding is found
// from the BOM, else by checking that the bytes are valid UTF-8, else GB18030
// (a superset of GBK and GB2312) is assumed. Binary files and files over a size
// limit are refused with a message instead of being decoded into junk.

import * as fs from 'node:fs';
import { isUtf8 } from 'node:buffer';
import * as iconv from 'iconv-lite';

export type FilingEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

export interface ReadResult {
  /** The decoded text, without a byte-order mark ('' when `error` is set). */
  text: string;
  encoding: FilingEncoding;
  /** Set when the file was not read: too large, binary, unreadable. */
  error?: string;
  /** Set when the file was read but some bytes could not be decoded (replaced by U+FFFD). */
  warning?: string;
}

export interface ReadOptions {
  /** Files larger than this many bytes are refused. Default 50 MB. */
  maxBytes?: number;
}

export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;

/** How many leading bytes are looked at to decide whether a file is binary. */
const SNIFF_BYTES = 64 * 1024;

export function readFilingFile(path: string, options: ReadOptions = {}): ReadResult {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  let fd: number | undefined;
  try {
    fd = fs.openSync(path, 'r');
    const st = fs.fstatSync(fd);
    if (st.isDirectory()) return failure(`${path}: is a directory, not a filing`);
    if (st.size > maxBytes) return failure(`${path}: file is ${mb(st.size)}, over the ${mb(maxBytes)} limit`);
    // Read at most maxBytes + 1: a file that grows while being read (or a pipe
    // that reports size 0) still cannot get past the limit.
    const bytes = readUpTo(fd, maxBytes + 1);
    if (bytes.length > maxBytes) return failure(`${path}: file is over the ${mb(maxBytes)} limit`);
    const r = decodeFilingBytes(bytes);
    return r.error ? { ...r, error: `${path}: ${r.error}` } : r;
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    return failure(`${path}: cannot read the file (${err.code ?? err.message})`);
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

function readUpTo(fd: number, limit: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(Math.min(1024 * 1024, limit - total));
    if (chunk.length === 0) break;
    const n = fs.readSync(fd, chunk, 0, chunk.length, null);
    if (n === 0) break;
    chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
    total += n;
  }
  return Buffer.concat(chunks, total);
}

/** Decodes the bytes of a filing (see the file comment for the order of the tests). */
export function decodeFilingBytes(bytes: Uint8Array): ReadResult {
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // Byte-order marks. UTF-32 LE starts like UTF-16 LE (FF FE) and is refused.
  if (buf.length >= 4 && buf[0] === 0xff && buf[1] === 0xfe && buf[2] === 0 && buf[3] === 0) {
    return { text: '', encoding: 'utf-16le', error: 'UTF-32 files are not supported; save it as UTF-8' };
  }
  if (buf.length >= 4 && buf[0] === 0 && buf[1] === 0 && buf[2] === 0xfe && buf[3] === 0xff) {
    return { text: '', encoding: 'utf-16be', error: 'UTF-32 files are not supported; save it as UTF-8' };
  }
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return utf8(buf.subarray(3));
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return utf16(buf.subarray(2), 'utf-16le');
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return utf16(buf.subarray(2), 'utf-16be');
  const binary = binaryReason(buf);
  if (binary) return { text: '', encoding: 'utf-8', error: binary };
  if (isUtf8(buf)) return { text: buf.toString('utf8'), encoding: 'utf-8' };
  return gb18030(buf);
}

function utf8(buf: Buffer): ReadResult {
  const text = buf.toString('utf8');
  return withReplacements({ text, encoding: 'utf-8' }, isUtf8(buf) ? 0 : countReplacements(text) - countBytes(buf, UTF8_FFFD));
}

function utf16(buf: Buffer, encoding: 'utf-16le' | 'utf-16be'): ReadResult {
  const odd = buf.length % 2 === 1;
  const even = odd ? buf.subarray(0, buf.length - 1) : buf;
  let text: string;
  if (encoding === 'utf-16le') text = even.toString('utf16le');
  else {
    const swapped = Buffer.from(even);
    swapped.swap16();
    text = swapped.toString('utf16le');
  }
  // Unpaired surrogates are kept by toString; make them U+FFFD like any other decoding error.
  let bad = 0;
  text = text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, () => (bad++, '\ufffd'));
  if (odd) {
    text += '\ufffd';
    bad++;
  }
  return withReplacements({ text, encoding }, bad);
}

function gb18030(buf: Buffer): ReadResult {
  const text = iconv.decode(buf, 'gb18030', { stripBOM: false });
  // GB18030 maps every well-formed sequence; U+FFFD here means bytes that are
  // not GB18030 either (a file in Big5 or Shift-JIS would mostly decode, wrongly).
  // A U+FFFD written in the file itself (84 31 A4 37) is not a decoding error.
  return withReplacements({ text, encoding: 'gb18030' }, countReplacements(text) - countBytes(buf, GB18030_FFFD));
}

function withReplacements(r: ReadResult, bad: number): ReadResult {
  if (bad > 0) r.warning = `${bad} byte sequence${bad === 1 ? '' : 's'} could not be decoded as ${r.encoding.toUpperCase()} and ${bad === 1 ? 'was' : 'were'} replaced by U+FFFD`;
  return r;
}

const UTF8_FFFD = Buffer.from([0xef, 0xbf, 0xbd]);
const GB18030_FFFD = Buffer.from([0x84, 0x31, 0xa4, 0x37]);

function countBytes(buf: Buffer, seq: Buffer): number {
  let n = 0;
  for (let i = buf.indexOf(seq); i >= 0; i = buf.indexOf(seq, i + seq.length)) n++;
  return n;
}

function countReplacements(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\ufffd'); i >= 0; i = text.indexOf('\ufffd', i + 1)) n++;
  return n;
}

/**
 * A reason to call the bytes binary, or undefined. Text in UTF-8 or GB18030 has
 * no NUL bytes and hardly any other C0 controls; a few stray ones (a NUL left by
 * a PDF converter) are tolerated.
 */
function binaryReason(buf: Buffer): string | undefined {
  const n = Math.min(buf.length, SNIFF_BYTES);
  if (n === 0) return undefined;
  let nul = 0;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = buf[i];
    if (b === 0) nul++;
    else if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) control++;
  }
  if (nul > Math.max(2, n / 100)) {
    const hint = looksLikeUtf16WithoutBom(buf, n) ? ' (it may be UTF-16 without a byte-order mark; save it as UTF-8)' : '';
    return `looks like a binary file, not text: ${nul} NUL bytes in the first ${n} bytes${hint}`;
  }
  if (control > Math.max(8, n / 10)) return `looks like a binary file, not text: ${control} control bytes in the first ${n} bytes`;
  return undefined;
}

function looksLikeUtf16WithoutBom(buf: Buffer, n: number): boolean {
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i++) if (buf[i] === 0) (i % 2 ? oddNul++ : evenNul++);
  return (oddNul > n / 8 && evenNul < n / 200) || (evenNul > n / 8 && oddNul < n / 200);
}

function failure(error: string): ReadResult {
  return { text: '', encoding: 'utf-8', error };
}

function mb(bytes: number): string {
  if (bytes < 1024 * 1024) return `${bytes.toLocaleString('en-US')} bytes`;
  const v = bytes / (1024 * 1024);
  return `${Number.isInteger(v) ? v.toFixed(0) : v.toFixed(1)} MB`;
}
