// The real-editor test: packages the extension, installs the VSIX into code-server (a
// real VS Code 1.100 build), drives it with Debian's Chromium through playwright-core,
// then runs the in-host suite (./suite) inside its extension host. Screenshots go to
// test-results/e2e/. Everything is provisioned on first run (./provision.mjs).
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CODE_SERVER, provision, ROOT } from './provision.mjs';
import { runInHostSuite, runUiTest } from './ui.mjs';

const log = (m) => process.stderr.write(`[e2e] ${m}\n`);
const ARTIFACTS = join(ROOT, 'test-results', 'e2e');

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function waitHealthy(url, child, timeoutMs = 60000) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}`);
    try {
      const r = await fetch(`${url}/healthz`);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('code-server did not become healthy in time');
}

async function main() {
  provision();
  log('packaging the extension');
  execFileSync('npm', ['run', '--silent', 'package'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  const vsix = join(ROOT, 'costlint.vsix');
  if (!existsSync(vsix)) throw new Error('npm run package did not produce costlint.vsix');

  const tmp = mkdtempSync(join(tmpdir(), 'costlint-e2e-run-'));
  const dirs = Object.fromEntries(
    ['user-data', 'extensions', 'config', 'xdg-config', 'xdg-data', 'tmp', 'workspace', 'workspace-suite'].map((d) => [d, join(tmp, d)]),
  );
  for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
  // One copy per step: the UI step edits files (its quick fix), and VS Code restores unsaved
  // edits of a folder when it is opened again, so the suite gets a folder never opened before.
  cpSync(join(ROOT, 'test', 'e2e', 'workspace'), dirs.workspace, { recursive: true });
  cpSync(join(ROOT, 'test', 'e2e', 'workspace'), dirs['workspace-suite'], { recursive: true });
  // A quiet, predictable profile: no sticky-scroll overlay over the lines we click, no start page.
  mkdirSync(join(dirs['user-data'], 'User'), { recursive: true });
  writeFileSync(
    join(dirs['user-data'], 'User', 'settings.json'),
    JSON.stringify({
      'editor.stickyScroll.enabled': false,
      'workbench.startupEditor': 'none',
      'telemetry.telemetryLevel': 'off',
      'editor.minimap.enabled': false,
    }),
  );
  rmSync(ARTIFACTS, { recursive: true, force: true });
  mkdirSync(ARTIFACTS, { recursive: true });
  const env = { ...process.env, XDG_CONFIG_HOME: dirs['xdg-config'], XDG_DATA_HOME: dirs['xdg-data'], TMPDIR: dirs.tmp };
  const common = ['--user-data-dir', dirs['user-data'], '--extensions-dir', dirs.extensions, '--config', join(dirs.config, 'config.yaml')];

  log('installing costlint.vsix into code-server');
  execFileSync(process.execPath, [CODE_SERVER, ...common, '--install-extension', vsix], { env, stdio: ['ignore', 'ignore', 'inherit'] });

  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const server = spawn(
    process.execPath,
    [
      CODE_SERVER,
      ...common,
      '--auth',
      'none',
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      dirs.workspace,
    ],
    { env, detached: true, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let serverLog = '';
  server.stderr.on('data', (b) => (serverLog = (serverLog + b).slice(-20000)));
  const results = [];
  try {
    await waitHealthy(url, server);
    log(`code-server ${url} is up`);
    results.push(
      await step('UI: Problems panel, hover, quick fix, status bar, LLM calls tree, cost report in the installed VSIX', () =>
        runUiTest({ url, workspace: dirs.workspace, artifacts: ARTIFACTS, tmp }),
      ),
    );
    results.push(
      await step('in-host suite (test-electron style) in the extension host', () =>
        runInHostSuite({
          url,
          workspace: dirs['workspace-suite'],
          extensionPath: ROOT,
          suitePath: join(ROOT, 'test', 'e2e', 'suite', 'index.js'),
          artifacts: ARTIFACTS,
          tmp,
        }),
      ),
    );
  } finally {
    try {
      process.kill(-server.pid, 'SIGKILL'); // the whole group: extension hosts outlive the page
    } catch {
      // already gone
    }
    rmSync(tmp, { recursive: true, force: true });
  }
  const failed = results.filter((r) => !r).length;
  if (failed) process.stderr.write(`\ncode-server log (tail):\n${serverLog.slice(-4000)}\n`);
  console.log(`\ne2e: ${results.length - failed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}

async function step(name, fn) {
  const t = Date.now();
  try {
    await fn();
    console.log(`✔ ${name} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
    return true;
  } catch (e) {
    console.log(`✖ ${name}\n  ${(e?.stack ?? String(e)).split('\n').join('\n  ')}`);
    return false;
  }
}

main().catch((e) => {
  console.error(`e2e: setup failed: ${e?.stack ?? e}`);
  console.log('\ne2e: 0 passed, 1 failed');
  process.exitCode = 1;
});
