// Desktop runner (downloads VS Code; needs internet): node out/test/vscode/runTest.js
// On machines without internet use test/vscode/run-code-server.mjs instead.
import * as path from 'path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '../../..');
  const extensionDevelopmentPath = root;
  const extensionTestsPath = path.join(root, 'out', 'test', 'vscode', 'suite', 'index');
  const workspace = path.join(root, 'test', 'vscode', 'workspace');
  try {
    const code = await runTests({
      extensionDevelopmentPath,
      extensionTestsPath,
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
    });
    process.exit(code);
  } catch (err) {
    console.error('VS Code tests failed:', err);
    process.exit(1);
  }
}

void main();
