// Provisions what the real-editor tests need, idempotently, into .e2e/ (git-ignored):
// Debian's chromium, ripgrep and libkrb5-dev (installed with apt-get when missing and we
// are root), and code-server 4.100.3 from npm (VS Code 1.100.3, the last release on Node 20).
// See ../shared/reference/real-vscode-e2e.md for why each workaround is needed.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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

/** code-server answers --version: its native modules built and load. */
function codeServerWorks() {
  return existsSync(CODE_SERVER) && spawnSync(process.execPath, [CODE_SERVER, '--version'], { stdio: 'ignore', timeout: 60000 }).status === 0;
}

export function provision() {
  aptInstall(['chromium', 'ripgrep', 'libkrb5-dev']);
  const dir = join(E2E, 'code-server');
  const marker = join(dir, '.installed');
  if (existsSync(marker) && codeServerWorks()) return;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'costlint-e2e-code-server', private: true }));
  // @vscode/ripgrep downloads rg from GitHub in postinstall; hand it Debian's rg as its cached download.
  const tmp = mkdtempSync(join(tmpdir(), 'costlint-e2e-'));
  const cache = join(tmp, 'vscode-ripgrep-cache-1.15.11');
  mkdirSync(join(cache, 'bin'), { recursive: true });
  copyFileSync(execFileSync('sh', ['-c', 'command -v rg']).toString().trim(), join(cache, 'bin', 'rg'));
  execFileSync('tar', ['-czf', join(cache, 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz'), '-C', join(cache, 'bin'), 'rg']);
  log(`npm install code-server@${CODE_SERVER_VERSION} (about a minute, once)`);
  // Run from `npm test`, this process inherits the project's npm settings as npm_config_*
  // variables, ignore-scripts among them; code-server needs its install scripts (native modules).
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_config_/i.test(k)));
  execFileSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--loglevel=error', `code-server@${CODE_SERVER_VERSION}`], {
    cwd: dir,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...env, TMPDIR: tmp, npm_config_yes: 'true', npm_config_unsafe_perm: 'true', npm_config_ignore_scripts: 'false' },
  });
  rmSync(tmp, { recursive: true, force: true });
  if (!codeServerWorks()) throw new Error(`code-server ${CODE_SERVER_VERSION} installed but does not start (${CODE_SERVER} --version failed)`);
  writeFileSync(marker, `${CODE_SERVER_VERSION}\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) provision();
