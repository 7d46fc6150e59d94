// The in-editor suite under desktop VS Code via @vscode/test-electron, for contributors
// whose machines can download VS Code (it cannot be downloaded on the CI machines, where
// `npm run test:e2e` runs the same suite inside code-server instead).
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { ROOT } from './provision.mjs';

const workspace = mkdtempSync(join(tmpdir(), 'costlint-electron-'));
cpSync(join(ROOT, 'test', 'e2e', 'workspace'), workspace, { recursive: true });
try {
  await runTests({
    version: '1.100.3',
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: join(ROOT, 'test', 'e2e', 'suite', 'index.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
  });
} catch (e) {
  console.error(`test:electron failed: ${e?.message ?? e}`);
  process.exitCode = 1;
}
