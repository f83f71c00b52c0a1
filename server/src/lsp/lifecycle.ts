// The LSP lifecycle, enforced on every message before the connection sees it:
// before `initialize`, requests are answered −32002 (ServerNotInitialized) and
// notifications other than `exit` dropped; a second `initialize` is answered
// −32600 (InvalidRequest); after `shutdown`, every request is answered −32600
// and notifications other than `exit` are dropped. A request whose params are
// neither absent nor a JSON object (null, a number …) is answered −32602
// (InvalidParams): every LSP request takes an object or nothing.

import { DataCallback, Disposable, Message, MessageReader, MessageWriter, RequestMessage } from 'vscode-languageserver/node';

export const SERVER_NOT_INITIALIZED = -32002;
export const INVALID_REQUEST = -32600;
export const INVALID_PARAMS = -32602;

export type LifecycleState = 'new' | 'running' | 'shutdown';

export class LifecycleGate implements MessageReader {
  state: LifecycleState = 'new';

  constructor(
    private readonly inner: MessageReader,
    private readonly writer: MessageWriter,
  ) {}

  get onError() {
    return this.inner.onError;
  }
  get onClose() {
    return this.inner.onClose;
  }
  get onPartialMessage() {
    return this.inner.onPartialMessage;
  }

  listen(callback: DataCallback): Disposable {
    return this.inner.listen((m) => {
      if (this.admit(m)) callback(m);
    });
  }

  dispose(): void {
    this.inner.dispose();
  }

  /** Whether the message goes on to the connection; requests that do not are answered here. */
  private admit(m: Message): boolean {
    const msg = m as Partial<RequestMessage>;
    const method = typeof msg.method === 'string' ? msg.method : undefined;
    if (method === undefined) return true; // a response to a request of ours, or junk the connection reports
    const isRequest = msg.id !== undefined && msg.id !== null;
    if (!isRequest) return method === 'exit' || this.state === 'running';
    const refuse = (code: number, message: string) => {
      void this.writer.write({ jsonrpc: '2.0', id: msg.id!, error: { code, message } } as Message).catch(() => undefined);
      return false;
    };
    switch (this.state) {
      case 'new':
        if (method !== 'initialize') return refuse(SERVER_NOT_INITIALIZED, `Server not initialized: ${method} before initialize`);
        this.state = 'running';
        return true;
      case 'running':
        if (msg.params !== undefined && (typeof msg.params !== 'object' || msg.params === null) && method !== 'shutdown')
          return refuse(INVALID_PARAMS, `Invalid params: ${method} takes an object, not ${JSON.stringify(msg.params)}`);
        if (method === 'initialize') return refuse(INVALID_REQUEST, 'Invalid request: initialize was already received');
        if (method === 'shutdown') this.state = 'shutdown';
        return true;
      case 'shutdown':
        return refuse(INVALID_REQUEST, `Invalid request: ${method} after shutdown`);
    }
  }
}
