// The server's workspace overview, as the extension's tree, status bar and report read it: the
// start-up scan (with work-done progress), files sorted by cost, updates when files change on
// disk or in the editor, rescans, the rate-card entry of a call's model, and inlay hints. Also the
// report page the extension draws from it.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, type ProtocolConnection } from 'vscode-languageserver-protocol/node';
import {
  ConfigurationRequest,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  FileChangeType,
  InitializedNotification,
  InitializeRequest,
  InlayHintRequest,
} from 'vscode-languageserver-protocol';
import { RATE_CARD_REQUEST, RESCAN_REQUEST, WORKSPACE_CHANGED, WORKSPACE_REQUEST, type RateCardEntry, type WorkspaceSummary } from '../server/src/protocol';
import { reportHtml, reportRows, totalsBy } from '../client/src/report-page';
import { initializeFolder, waitFor } from './helpers';

const SERVER = join(__dirname, '..', 'server', 'out', 'server.js');

const chat = (model: string, cap: number) =>
  `from openai import OpenAI\n\nclient = OpenAI()\n\n\ndef answer(q):\n    return client.chat.completions.create(model="${model}", max_tokens=${cap}, messages=[{"role": "user", "content": q}])\n`;

// Each test starts its own server on a fresh copy of the workspace, so that what it asserts about
// the start-up scan, the files and the open documents holds whichever tests ran before it.
describe('language server: the workspace overview', () => {
  let child: ChildProcess;
  let conn: ProtocolConnection;
  let root: string;
  let changes = 0;
  let progress: string[] = [];
  let config: Record<string, unknown> = { enable: true };
  const put = (p: string, s: string) => {
    mkdirSync(dirname(join(root, p)), { recursive: true });
    writeFileSync(join(root, p), s);
  };
  const uri = (rel: string) => pathToFileURL(join(root, rel)).href;
  const summary = () => conn.sendRequest<WorkspaceSummary>(WORKSPACE_REQUEST);

  beforeEach(async () => {
    changes = 0;
    progress = [];
    config = { enable: true };
    root = mkdtempSync(join(tmpdir(), 'costlint-overview-'));
    put('app/big.py', chat('gpt-4o', 4000));
    put('app/small.py', chat('gpt-4o-mini', 100));
    put('app/nothing.py', 'import json\nprint(json.dumps({}))\n');
    put(
      'web/ask.ts',
      `import Anthropic from '@anthropic-ai/sdk';\nconst a = new Anthropic();\nexport const ask = (q: string) => a.messages.create({ model: 'claude-haiku-4-5', max_tokens: 300, messages: [{ role: 'user', content: q }] });\n`,
    );
    child = spawn(process.execPath, [SERVER, '--stdio'], { env: { ...process.env, COSTLINT_DEBOUNCE_MS: '20' }, stdio: ['pipe', 'pipe', 'inherit'] });
    conn = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    conn.onRequest(ConfigurationRequest.type, (p) => p.items.map(() => config));
    conn.onRequest('window/workDoneProgress/create', () => null);
    conn.onNotification('$/progress', (p: { value: { kind: string; message?: string } }) => {
      progress.push(`${p.value.kind}${p.value.message ? ` ${p.value.message}` : ''}`);
    });
    conn.onNotification(WORKSPACE_CHANGED, () => {
      changes++;
    });
    conn.onRequest('workspace/diagnostic/refresh', () => null);
    conn.onNotification('window/logMessage', () => undefined);
    conn.listen();
    await initializeFolder(conn, root, { window: { workDoneProgress: true }, workspace: { configuration: true, workspaceFolders: true } });
  });
  afterEach(() => {
    conn?.dispose();
    child?.kill();
    rmSync(root, { recursive: true, force: true });
  });

  /** The start-up scan, done. */
  const scanned = () => waitFor(async () => !(await summary()).scanning && (await summary()).scannedFiles > 0, 'the scan');
  /** app/big.py open, typed over (gpt-4o-mini, cap 10) and not saved. */
  async function openEdited(): Promise<void> {
    const text = chat('gpt-4o-mini', 10);
    await conn.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: uri('app/big.py'), languageId: 'python', version: 1, text: chat('gpt-4o', 4000) },
    });
    await conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: uri('app/big.py'), version: 2 }, contentChanges: [{ text }] });
  }
  /** app/big.py open with gpt-4o-mini, cap 10 (not the disk's text), and analyzed. */
  async function openMini(): Promise<void> {
    await conn.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: uri('app/big.py'), languageId: 'python', version: 1, text: chat('gpt-4o-mini', 10) },
    });
    await conn.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: uri('app/big.py') } }).catch(() => undefined);
  }
  /** web/ask.ts (the only Anthropic call) deleted, and gone from the overview. */
  async function deleteAsk(): Promise<void> {
    rmSync(join(root, 'web/ask.ts'));
    await conn.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uri('web/ask.ts'), type: FileChangeType.Deleted }] });
    await waitFor(async () => !(await summary()).files.some((f) => f.path === 'web/ask.ts'), 'the deleted file to leave');
  }

  it('scans the workspace at start-up with progress: files with calls, sorted by worst case per call', async () => {
    await scanned();
    const s = await summary();
    assert.equal(s.scannedFiles, 4);
    assert.deepEqual(
      s.files.map((f) => f.path),
      ['app/big.py', 'web/ask.ts', 'app/small.py'],
      'highest cost first; no file without calls',
    );
    const big = s.files[0].callSites[0];
    assert.deepEqual([big.id, big.model, big.operation], ['answer::chat.completions.create', 'gpt-4o', 'chat.completions.create']);
    assert.ok(big.perCall!.max > 0.04 && big.perCall!.max < 0.041, `gpt-4o, 4,000 out at $10/1M: ${big.perCall!.max}`);
    assert.equal(progress[0], 'begin scanning 4 files');
    assert.equal(progress.at(-1), 'end');
    await waitFor(() => changes > 0, 'the client to be told');
  });

  it('a file changed on disk is analyzed again; one deleted leaves the overview', async () => {
    await scanned();
    put('app/small.py', chat('gpt-4o', 8000));
    await conn.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uri('app/small.py'), type: FileChangeType.Changed }] });
    await waitFor(async () => (await summary()).files[0]?.path === 'app/small.py', 'the changed file to lead');
    rmSync(join(root, 'web/ask.ts'));
    await conn.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uri('web/ask.ts'), type: FileChangeType.Deleted }] });
    await waitFor(async () => !(await summary()).files.some((f) => f.path === 'web/ask.ts'), 'the deleted file to leave');
  });

  it('an open document counts as typed, before it is saved', async () => {
    await scanned();
    await openEdited();
    // Followed without the editor asking anything of the document (it may not be visible).
    await waitFor(async () => (await summary()).files.find((f) => f.path === 'app/big.py')?.callSites[0].model === 'gpt-4o-mini', 'the edit to show');
  });

  it('closed without saving, the file on disk counts again', async () => {
    await scanned();
    await openEdited();
    await waitFor(async () => (await summary()).files.find((f) => f.path === 'app/big.py')?.callSites[0].model === 'gpt-4o-mini', 'the edit to show');
    await conn.sendNotification('textDocument/didClose', { textDocument: { uri: uri('app/big.py') } });
    await waitFor(async () => (await summary()).files.find((f) => f.path === 'app/big.py')?.callSites[0].model === 'gpt-4o', 'the saved text to count');
  });

  it('a new file found by a rescan', async () => {
    await scanned();
    put('jobs/nightly.py', chat('gpt-4o', 100));
    const s = await conn.sendRequest<WorkspaceSummary>(RESCAN_REQUEST);
    assert.ok(s.files.some((f) => f.path === 'jobs/nightly.py'));
    assert.equal(s.scanning, false);
  });

  it("the rate-card entry of the model at a position: the card's file and the line of its id", async () => {
    await openMini();
    const e = await conn.sendRequest<RateCardEntry>(RATE_CARD_REQUEST, { textDocument: { uri: uri('app/big.py') }, position: { line: 6, character: 40 } });
    assert.equal(e.model, 'gpt-4o-mini');
    assert.match(e.file, /ratecards[\\/]openai\.json$/);
    const line = readFileSync(e.file, 'utf8').split('\n')[e.line];
    assert.match(line, /"id": "gpt-4o-mini"/);
    assert.equal(await conn.sendRequest(RATE_CARD_REQUEST, { textDocument: { uri: uri('app/big.py') }, position: { line: 0, character: 0 } }), null);
  });

  it('inlay hints only with costlint.inlayHints: the cost after each call', async () => {
    await openMini();
    const ask = () =>
      conn.sendRequest(InlayHintRequest.type, {
        textDocument: { uri: uri('app/big.py') },
        range: { start: { line: 0, character: 0 }, end: { line: 10, character: 0 } },
      });
    assert.deepEqual(await ask(), []);
    config = { enable: true, inlayHints: true };
    await conn.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    const hints = (await ask())!;
    assert.equal(hints.length, 1);
    assert.match(hints[0].label as string, /^≈ \$0\.0000\d+\/call$/, 'approximate: the question is an unknown part');
    assert.deepEqual(hints[0].position, { line: 6, character: chat('gpt-4o-mini', 10).split('\n')[6].length }, 'right after the call');
  });

  it('the report page: one row per call site, chart series summed by file, provider and model, a strict CSP, data escaped', async () => {
    await scanned();
    await deleteAsk();
    const s = await summary();
    const rows = reportRows(s);
    assert.equal(
      rows.length,
      s.files.reduce((n, f) => n + f.callSites.length, 0),
    );
    const byProvider = totalsBy(rows, 'provider', 'perCall');
    assert.deepEqual(
      byProvider.map((x) => x.label),
      ['openai'],
    );
    assert.ok(Math.abs(byProvider[0].usd - rows.reduce((n, r) => n + (r.perCall ?? 0), 0)) < 1e-9);
    assert.deepEqual(totalsBy(rows, 'model', 'monthly'), [], 'no usage, no monthly series');
    const hostile = { ...s, files: [{ ...s.files[0], path: '</script><img src=x onerror=alert(1)>.py' }] };
    const html = reportHtml(hostile, 'vscode-webview://x', 'NONCE');
    assert.match(
      html,
      /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src vscode-webview:\/\/x data:; style-src 'nonce-NONCE'; script-src 'nonce-NONCE';">/,
    );
    assert.ok(!html.includes('</script><img'), 'a file name cannot close the data script');
    assert.equal((html.match(/<script/g) ?? []).length, 2);
    assert.ok(!/https?:\/\//.test(html.replace(/http-equiv/g, '')), 'nothing loads from the network');
  });
});

describe('language server: a multi-root workspace', () => {
  it('scans every folder; each file is named relative to its own folder and knows its root', async () => {
    const a = mkdtempSync(join(tmpdir(), 'costlint-root-a-'));
    const b = mkdtempSync(join(tmpdir(), 'costlint-root-b-'));
    writeFileSync(join(a, 'chat.py'), chat('gpt-4o', 100));
    mkdirSync(join(b, 'svc'));
    writeFileSync(join(b, 'svc', 'ask.py'), chat('gpt-4o-mini', 100));
    const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const conn = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    conn.onRequest(ConfigurationRequest.type, (p) => p.items.map(() => ({ enable: true })));
    conn.onNotification('window/logMessage', () => undefined);
    conn.listen();
    try {
      await conn.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        rootUri: null,
        capabilities: { workspace: { configuration: true, workspaceFolders: true } },
        workspaceFolders: [
          { uri: pathToFileURL(a).href, name: 'a' },
          { uri: pathToFileURL(b).href, name: 'b' },
        ],
      });
      await conn.sendNotification(InitializedNotification.type, {});
      let s: WorkspaceSummary | undefined;
      for (let i = 0; i < 300; i++) {
        s = await conn.sendRequest<WorkspaceSummary>(WORKSPACE_REQUEST);
        if (!s.scanning && s.files.length === 2) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      assert.deepEqual(s!.roots.sort(), [pathToFileURL(a).href, pathToFileURL(b).href].sort());
      assert.deepEqual(
        s!.files.map((f) => [f.path, f.root]),
        [
          ['chat.py', pathToFileURL(a).href],
          ['svc/ask.py', pathToFileURL(b).href],
        ],
      );
    } finally {
      conn.dispose();
      child.kill();
    }
  });
});
