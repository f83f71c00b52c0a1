// The defaults of the checks and ties are written once in code (lsp/cache.ts DEFAULT_SETTINGS, from
// analysis ALL_CHECKS / ALL_TIES) and once in the manifest (package.json): the two must agree.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { DEFAULT_SETTINGS } from '../../server/src/lsp/cache';

const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8'));
const props = manifest.contributes.configuration.properties as Record<string, { default: unknown }>;

test('settings: every check and tie switch of the server has a setting in package.json with the same default, and no more', () => {
  const inCode: Record<string, unknown> = { maxFileSizeMB: DEFAULT_SETTINGS.maxFileSizeMB };
  for (const [k, v] of Object.entries(DEFAULT_SETTINGS.checks)) inCode[`checks.${k}`] = v;
  for (const [k, v] of Object.entries(DEFAULT_SETTINGS.ties ?? {})) inCode[`ties.${k}`] = v;
  const inManifest: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(props)) {
    const m = /^filingLens\.((?:checks|ties)\.\w+|maxFileSizeMB)$/.exec(k);
    if (m) inManifest[m[1]] = v.default;
  }
  assert.deepEqual(inManifest, inCode);
});
