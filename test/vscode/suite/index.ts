// Entry point the extension host calls (the @vscode/test-electron shape): runs the
// compiled *.test.js files next to this module with mocha and settles when they end.
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', timeout: 60000, color: false, reporter: 'spec' });
  for (const f of fs.readdirSync(__dirname).filter((n) => n.endsWith('.test.js')).sort()) {
    mocha.addFile(path.join(__dirname, f));
  }
  return new Promise((resolve, reject) => {
    try {
      console.log('vscode-suite-start');
      const runner = mocha.run((failures) => {
        const passed = runner.stats?.passes ?? 0;
        const failed = runner.stats?.failures ?? failures;
        // Read by test/vscode/run-code-server.mjs.
        console.log(`vscode-suite-result ${JSON.stringify({ passed, failed, pending: runner.stats?.pending ?? 0 })}`);
        if (failures > 0) reject(new Error(`${failures} test(s) failed.`));
        else if (passed === 0) reject(new Error('No tests ran.'));
        else resolve();
      });
    } catch (err) {
      reject(err);
    }
  });
}
