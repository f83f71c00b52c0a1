// Shared by the robustness tests: generated tables, deterministic junk, timing.
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';

/** The 003 counts table: the 2020 合计 (25,211) is one off the sum of its rows (25,212). */
export const COUNTS = `(二)发行人小B商户是否区分独立个体户、连锁店、专业运营公司等
数量(个) | 2021.12.31 | 2020.12.31 | 2019.12.31 |
独立门店(含个体户) | 23,879 | 24,293 | 19,990 |
连锁店 | 1,121 | 918 | 1,200 |
专业运营公司 | 1 | 1 | - |
合计 | 25,001 | 25,211 | 21,190 |
`;

/** 1234567.5 → "1,234,567.50" (toLocaleString is too slow for 20,000 cells). */
function fmt(v: number): string {
  const [int, frac] = v.toFixed(2).split('.');
  return `${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac}`;
}

/**
 * A table of `rows` data rows and a 合计 row, in 元, with two amount columns.
 * With `offBy` set, that data row's first amount is 1.00 larger than the total accounts for.
 */
export function table(layout: 'pipe' | 'space' | 'glued', rows: number, offBy?: number): { text: string; lastFigure: string } {
  const join = (cells: string[]) => (layout === 'pipe' ? `${cells.join(' | ')} |` : layout === 'space' ? cells.join('    ') : cells.join(''));
  const lines = ['单位：元', join(['项目', '2021年12月31日', '2020年12月31日'])];
  let s1 = 0;
  let s2 = 0;
  let last = '';
  for (let i = 0; i < rows; i++) {
    const a = 1000 + i * 3 + 0.25;
    const b = 2000 + i * 7 + 0.5;
    s1 += a;
    s2 += b;
    lines.push(join([`客户${i}`, fmt(i === offBy ? a + 1 : a), fmt(b)]));
    last = fmt(b);
  }
  lines.push(join(['合计', fmt(s1), fmt(s2)]));
  return { text: lines.join('\n') + '\n', lastFigure: last };
}

/** Deterministic pseudo-random bytes (a linear congruential generator), NULs included. */
export function junkBytes(seed: number, length: number): Buffer {
  const out = Buffer.alloc(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

export function timed<T>(f: () => T): { value: T; ms: number } {
  const start = process.hrtime.bigint();
  const value = f();
  return { value, ms: Number(process.hrtime.bigint() - start) / 1e6 };
}

/**
 * Runs analyze(text) in a worker thread and reports how long it took, or
 * undefined when it had not finished after `limitMs` (the worker is then
 * terminated), so that a test of a pathological input fails in bounded time.
 */
export function analyzeInWorker(text: string, limitMs: number): Promise<number | undefined> {
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    const { analyze } = require(workerData.module);
    const t0 = process.hrtime.bigint();
    analyze(workerData.text);
    parentPort.postMessage(Number(process.hrtime.bigint() - t0) / 1e6);`;
  const module = path.join(__dirname, '../../server/src/analysis/analyze.js');
  const worker = new Worker(code, { eval: true, workerData: { text, module } });
  return new Promise((resolve, reject) => {
    // Module loading in the worker does not count against the limit: allow a second for it.
    const timer = setTimeout(() => void worker.terminate().then(() => resolve(undefined)), limitMs + 1000);
    worker.on('message', (ms: number) => {
      clearTimeout(timer);
      void worker.terminate();
      resolve(ms);
    });
    worker.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}
