export function fileUri(p: string): string;
export interface Diagnostics { uri: string; version?: number; diagnostics: any[] }
export class LspClient {
  constructor(serverPath: string, args?: string[]);
  proc: import('node:child_process').ChildProcessWithoutNullStreams;
  stderr: string;
  configuration: unknown;
  notifications: any[];
  /** The id the next request will get (for $/cancelRequest). */
  nextId: number;
  exited: Promise<{ code: number | null; signal: string | null }>;
  request(method: string, params: unknown, timeoutMs?: number): Promise<any>;
  notify(method: string, params: unknown): void;
  waitFor(match: (m: any) => boolean, timeoutMs?: number): Promise<any>;
  waitForDiagnostics(uri: string, version?: number, timeoutMs?: number): Promise<Diagnostics>;
  initialize(rootUri?: string | null, capabilities?: unknown): Promise<any>;
  open(uri: string, text: string, version?: number, languageId?: string): void;
  shutdown(): Promise<{ code: number | null; signal: string | null }>;
}
