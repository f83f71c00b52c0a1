// Reading Content-Length framed JSON-RPC from stdin, strictly. vscode-jsonrpc's
// own reader goes silent on a bad frame (a missing or non-numeric
// Content-Length, a stray line, a length longer than what follows): the server
// neither answers nor exits. Here a framing error is fatal: `onFatal` is told
// why, and the host logs it and exits non-zero, so that the client restarts a
// server that is in step with it. A body that is framed correctly but is not
// a JSON object is not fatal: `onBadMessage` answers it and reading goes on.

import { AbstractMessageReader, DataCallback, Disposable, Message } from 'vscode-languageserver/node';

/** No header is longer than this; a "header" that is, is not one. */
const MAX_HEADER_BYTES = 8 * 1024;
/** Larger bodies are refused (a 50 MB document is about 100 MB of JSON at most). */
export const MAX_BODY_BYTES = 512 * 1024 * 1024;
/** A frame left incomplete this long (no byte arrives) is taken for a wrong Content-Length. */
export const STALL_MS = 5000;
const HEADER_NAME = /^[A-Za-z0-9][A-Za-z0-9-]*$/;

export interface FramingHandlers {
  /** A framing error: the stream cannot be read further. */
  onFatal(reason: string): void;
  /** A well-framed body that is not a JSON object (answered with a JSON-RPC error; reading goes on). */
  onBadMessage(code: number, reason: string): void;
}

export class StrictFramingReader extends AbstractMessageReader {
  private line = '';
  private headerBytes = 0;
  private contentLength: number | undefined;
  private bodyLength = -1;
  private body: Buffer[] = [];
  private bodyBytes = 0;
  private stall: ReturnType<typeof setTimeout> | undefined;
  private failed = false;

  constructor(
    private readonly input: NodeJS.ReadableStream,
    private readonly handlers: FramingHandlers,
    private readonly stallMs = STALL_MS,
  ) {
    super();
  }

  listen(callback: DataCallback): Disposable {
    const onData = (d: Buffer | string) => this.feed(typeof d === 'string' ? Buffer.from(d, 'utf8') : d, callback);
    const onEnd = () => {
      this.clearStall();
      this.fireClose();
    };
    const onError = (e: Error) => this.fireError(e);
    this.input.on('data', onData);
    this.input.on('end', onEnd);
    this.input.on('close', onEnd);
    this.input.on('error', onError);
    return Disposable.create(() => {
      this.input.off('data', onData);
      this.input.off('end', onEnd);
      this.input.off('close', onEnd);
      this.input.off('error', onError);
      this.clearStall();
    });
  }

  private fail(reason: string): void {
    if (this.failed) return;
    this.failed = true;
    this.clearStall();
    this.handlers.onFatal(reason);
  }

  private feed(chunk: Buffer, callback: DataCallback): void {
    if (this.failed) return;
    let p = 0;
    while (p < chunk.length && !this.failed) {
      if (this.bodyLength < 0) {
        const nl = chunk.indexOf(10, p);
        const end = nl < 0 ? chunk.length : nl;
        this.line += chunk.toString('latin1', p, end);
        this.headerBytes += end - p + (nl < 0 ? 0 : 1);
        if (this.headerBytes > MAX_HEADER_BYTES) return this.fail(`a header of more than ${MAX_HEADER_BYTES} bytes: ${quote(this.line)}`);
        if (nl < 0) break;
        p = nl + 1;
        const raw = this.line;
        this.line = '';
        if (!raw.endsWith('\r')) return this.fail(`a header line not ended by CRLF: ${quote(raw)}`);
        this.headerLine(raw.slice(0, -1));
      } else {
        const take = Math.min(this.bodyLength - this.bodyBytes, chunk.length - p);
        this.body.push(chunk.subarray(p, p + take));
        this.bodyBytes += take;
        p += take;
        if (this.bodyBytes === this.bodyLength) {
          const body = this.body.length === 1 ? this.body[0] : Buffer.concat(this.body);
          this.body = [];
          this.bodyLength = -1;
          this.bodyBytes = 0;
          this.deliver(body, callback);
        }
      }
    }
    this.armStall();
  }

  private headerLine(text: string): void {
    if (text === '') {
      if (this.contentLength === undefined) return this.fail(this.headerBytes <= 2 ? 'an empty line where a header was expected' : 'a header without Content-Length');
      this.bodyLength = this.contentLength;
      this.contentLength = undefined;
      this.headerBytes = 0;
      return;
    }
    const colon = text.indexOf(':');
    const name = colon > 0 ? text.slice(0, colon).trim() : '';
    if (!HEADER_NAME.test(name)) return this.fail(`not a header line: ${quote(text)}`);
    const value = text.slice(colon + 1).trim();
    if (name.toLowerCase() === 'content-length') {
      if (this.contentLength !== undefined) return this.fail('two Content-Length headers');
      if (!/^\d{1,10}$/.test(value)) return this.fail(`Content-Length is not a number: ${quote(value)}`);
      const n = Number(value);
      if (n > MAX_BODY_BYTES) return this.fail(`Content-Length ${n} is over the limit of ${MAX_BODY_BYTES} bytes`);
      this.contentLength = n;
    }
    // Content-Type and any other header: accepted (the body is always read as UTF-8 JSON).
  }

  private deliver(body: Buffer, callback: DataCallback): void {
    let message: unknown;
    try {
      message = JSON.parse(body.toString('utf8'));
    } catch (e) {
      this.handlers.onBadMessage(-32700, `Parse error: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    if (typeof message !== 'object' || message === null || Array.isArray(message)) {
      this.handlers.onBadMessage(-32600, 'Invalid Request: a message must be a JSON object');
      return;
    }
    callback(message as Message);
  }

  /** While a frame is incomplete, a stall of `stallMs` without a byte is fatal. */
  private armStall(): void {
    this.clearStall();
    const midFrame = this.bodyLength >= 0 || this.headerBytes > 0 || this.line !== '';
    if (!midFrame || this.failed) return;
    this.stall = setTimeout(() => {
      const where =
        this.bodyLength >= 0 ? `a body of ${this.bodyLength} bytes (Content-Length) after ${this.bodyBytes}` : `an unfinished header (${quote(this.line)})`;
      this.fail(`no data for ${this.stallMs} ms in the middle of ${where}`);
    }, this.stallMs);
  }

  private clearStall(): void {
    if (this.stall) clearTimeout(this.stall);
    this.stall = undefined;
  }
}

function quote(s: string): string {
  return JSON.stringify(s.length > 80 ? s.slice(0, 80) + '…' : s);
}
