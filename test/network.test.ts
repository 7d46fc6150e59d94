// costlint never uses the network, except `diff --comment` when asked: the CLI and the language
// server run a full scan with every way of opening a connection made to fail and recorded.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import { ConfigurationRequest, DidOpenTextDocumentNotification, DocumentDiagnosticRequest, HoverRequest } from 'vscode-languageserver-protocol';
import { pathToFileURL } from 'node:url';
import { WORKSPACE_REQUEST, type WorkspaceSummary } from '../server/src/protocol';
import { initializeFolder } from './helpers';

const ROOT = join(__dirname, '..');
const PRELOAD = join(__dirname, 'no-network.cjs');
/** A realistic workspace: the editor suite's folder, every language and provider in it. */
const WORKSPACE = join(__dirname, 'e2e', 'workspace');

describe('no network access', () => {
  it('the CLI lints a whole workspace (every language and provider) without opening a connection', () => {
    const log = join(mkdtempSync(join(tmpdir(), 'costlint-net-')), 'attempts.json');
    const p = spawnSync(process.execPath, ['--require', PRELOAD, join(ROOT, 'server', 'out', 'cli.js'), 'lint', '--format', 'json', '--fail-on', 'none'], {
      cwd: WORKSPACE,
      encoding: 'utf8',
      env: { ...process.env, COSTLINT_NETWORK_LOG: log },
    });
    assert.equal(p.status, 0, p.stderr);
    assert.ok(JSON.parse(p.stdout).callSites.length > 20, 'the scan did run');
    assert.deepEqual(JSON.parse(readFileSync(log, 'utf8')), []);
  });

  it('the CLI with worker threads: no thread opens a connection', () => {
    const dir = mkdtempSync(join(tmpdir(), 'costlint-net-'));
    const log = join(dir, 'attempts.json');
    // Enough files for two threads (--jobs is held to the cores and to one thread per 25 files).
    const project = mkdtempSync(join(tmpdir(), 'costlint-net-project-'));
    cpSync(WORKSPACE, project, { recursive: true });
    for (let i = 0; i < 60; i++)
      writeFileSync(
        join(project, `extra_${i}.py`),
        `from openai import OpenAI\nOpenAI().responses.create(model="gpt-5.5", input="Q${i}", max_output_tokens=50)\n`,
      );
    const p = spawnSync(
      process.execPath,
      ['--require', PRELOAD, join(ROOT, 'server', 'out', 'cli.js'), 'lint', '--format', 'json', '--fail-on', 'none', '--jobs', '2'],
      { cwd: project, encoding: 'utf8', env: { ...process.env, COSTLINT_NETWORK_LOG: log } },
    );
    assert.equal(p.status, 0, p.stderr);
    assert.ok(JSON.parse(p.stdout).callSites.length > 80, 'the scan did run');
    const logs = readdirSync(dir).filter((f) => f.startsWith('attempts.json'));
    assert.equal(logs.length, 2, `one log per thread: ${logs.join(', ')}`);
    for (const f of logs) assert.deepEqual(JSON.parse(readFileSync(join(dir, f), 'utf8')), [], f);
  });

  it('the preload does catch a connection (the check can fail)', () => {
    const log = join(mkdtempSync(join(tmpdir(), 'costlint-net-')), 'attempts.json');
    spawnSync(process.execPath, ['--require', PRELOAD, '-e', "require('node:net').connect(80, 'example.com')"], {
      encoding: 'utf8',
      env: { ...process.env, COSTLINT_NETWORK_LOG: log },
    });
    assert.equal(JSON.parse(readFileSync(log, 'utf8')).length, 1);
  });

  it('the language server scans the workspace, answers diagnostics and hovers, without opening a connection', async () => {
    const log = join(mkdtempSync(join(tmpdir(), 'costlint-net-')), 'attempts.json');
    const child = spawn(process.execPath, ['--require', PRELOAD, join(ROOT, 'server', 'out', 'server.js'), '--stdio'], {
      env: { ...process.env, COSTLINT_NETWORK_LOG: log, COSTLINT_DEBOUNCE_MS: '20' },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    const conn = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    conn.onRequest(ConfigurationRequest.type, (p) => p.items.map(() => ({ enable: true, inlayHints: true })));
    conn.onNotification('window/logMessage', () => undefined);
    conn.onRequest('window/workDoneProgress/create', () => null);
    conn.listen();
    await initializeFolder(conn, WORKSPACE, { window: { workDoneProgress: true }, workspace: { configuration: true } });
    let s: WorkspaceSummary | undefined;
    for (let i = 0; i < 500; i++) {
      s = await conn.sendRequest<WorkspaceSummary>(WORKSPACE_REQUEST);
      if (!s.scanning && s.scannedFiles > 0) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    assert.ok(s!.files.length > 10, 'the scan did run');
    const uri = pathToFileURL(join(WORKSPACE, 'bot.py')).href;
    await conn.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'python', version: 1, text: readFileSync(join(WORKSPACE, 'bot.py'), 'utf8') },
    });
    await conn.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } }).catch(() => undefined);
    assert.ok(await conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 6, character: 40 } }));
    // Shut down as an editor does, so the process exits normally and writes its log.
    const exited = new Promise((r) => child.on('exit', r));
    await conn.sendRequest('shutdown');
    await conn.sendNotification('exit');
    await exited;
    conn.dispose();
    assert.deepEqual(JSON.parse(readFileSync(log, 'utf8')), []);
  });
});
