// Provisions what the real-editor tests need, idempotently, into .e2e/ (git-ignored):
// Debian's chromium, ripgrep and libkrb5-dev (installed with apt-get when missing and we
// are root), and code-server 4.100.3 from npm (VS Code 1.100.3, the last release on Node 20).
// See ../shared/reference/real-vscode-e2e.md for why each workaround is needed.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const E2E = join(ROOT, '.e2e');
export const CODE_SERVER_VERSION = '4.100.3';
export const CODE_SERVER = join(E2E, 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const CHROMIUM = '/usr/bin/chromium';

const log = (m) => process.stderr.write(`[e2e] ${m}\n`);
const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;

function aptInstall(packages) {
  const missing = packages.filter((p) => spawnSync('dpkg', ['-s', p], { stdio: 'ignore' }).status !== 0);
  if (!missing.length) return;
  if (!has('apt-get') || process.getuid?.() !== 0) {
    throw new Error(`the editor tests need these Debian packages: ${missing.join(' ')}. Install them (apt-get install ${missing.join(' ')}) and run again.`);
  }
  log(`apt-get install ${missing.join(' ')}`);
  execFileSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 'ignore', 'inherit'] });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}

export function provision() {
  aptInstall(['chromium', 'ripgrep', 'libkrb5-dev']);
  if (existsSync(CODE_SERVER)) return;
  const dir = join(E2E, 'code-server');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'costlint-e2e-code-server', private: true }));
  // @vscode/ripgrep downloads rg from GitHub in postinstall; hand it Debian's rg as its cached download.
  const tmp = mkdtempSync(join(tmpdir(), 'costlint-e2e-'));
  const cache = join(tmp, 'vscode-ripgrep-cache-1.15.11');
  mkdirSync(join(cache, 'bin'), { recursive: true });
  copyFileSync(execFileSync('sh', ['-c', 'command -v rg']).toString().trim(), join(cache, 'bin', 'rg'));
  execFileSync('tar', ['-czf', join(cache, 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz'), '-C', join(cache, 'bin'), 'rg']);
  log(`npm install code-server@${CODE_SERVER_VERSION} (about a minute, once)`);
  execFileSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--loglevel=error', `code-server@${CODE_SERVER_VERSION}`], {
    cwd: dir,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, TMPDIR: tmp, npm_config_yes: 'true', npm_config_unsafe_perm: 'true', npm_config_foreground_scripts: 'false' },
  });
  if (!existsSync(CODE_SERVER)) throw new Error(`code-server did not install: ${CODE_SERVER} is missing`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) provision();
