// The built language server over stdio, driven by a real JSON-RPC client as an editor would.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, type ProtocolConnection } from 'vscode-languageserver-protocol/node';
import {
  CodeActionRequest,
  CodeLensRequest,
  ConfigurationRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  type LogMessageParams,
  type CodeAction,
  type Diagnostic,
  type FullDocumentDiagnosticReport,
  type MarkupContent,
  type TextEdit,
} from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeText, waitFor } from './helpers';

const SERVER = join(__dirname, '..', 'server', 'out', 'server.js');

// The same file the real-editor test opens.
const PY = readFileSync(join(__dirname, 'e2e', 'workspace', 'bot.py'), 'utf8');

describe('language server over stdio', () => {
  let child: ChildProcess;
  let conn: ProtocolConnection;
  const logs: string[] = [];
  let config: Record<string, unknown> = { enable: true, defaultOutputCap: 1024 };
  let version = 0;
  const docs = new Map<string, TextDocument>();
  let lensRefreshes = 0;

  before(async () => {
    assert.ok(existsSync(SERVER), `${SERVER} is missing: run npm run build`);
    child = spawn(process.execPath, [SERVER, '--stdio'], { env: { ...process.env, COSTLINT_DEBOUNCE_MS: '50' }, stdio: ['pipe', 'pipe', 'inherit'] });
    conn = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    conn.onNotification('window/logMessage', (m: LogMessageParams) => {
      logs.push(m.message);
    });
    conn.onRequest(ConfigurationRequest.type, (p) => p.items.map(() => config));
    conn.onRequest('workspace/codeLens/refresh', () => {
      lensRefreshes++;
      return null;
    });
    conn.listen();
    const init = await conn.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      capabilities: { workspace: { configuration: true, codeLens: { refreshSupport: true } }, textDocument: { diagnostic: { dynamicRegistration: false } } },
      workspaceFolders: null,
    });
    assert.ok(init.capabilities.diagnosticProvider, 'pull diagnostics');
    assert.ok(init.capabilities.hoverProvider);
    assert.ok(init.capabilities.codeActionProvider);
    await conn.sendNotification(InitializedNotification.type, {});
  });

  after(() => {
    conn?.dispose();
    child?.kill();
  });

  async function open(name: string, languageId: string, text: string): Promise<string> {
    const uri = `file:///work/${name}`;
    docs.set(uri, TextDocument.create(uri, languageId, ++version, text));
    await conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version, text } });
    return uri;
  }

  async function change(uri: string, text: string): Promise<void> {
    const doc = docs.get(uri)!;
    const next = TextDocument.create(uri, doc.languageId, ++version, text);
    docs.set(uri, next);
    await conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  /**
   * Opens the document if no test has yet, or puts `text` back if a test changed it (the quick fix
   * edits bot.py), and waits for its analysis: each test that reads a document sets it up itself.
   */
  async function ensureOpen(name: string, languageId: string, text: string): Promise<string> {
    const uri = `file:///work/${name}`;
    const doc = docs.get(uri);
    if (!doc) await open(name, languageId, text);
    else if (doc.getText() !== text) await change(uri, text);
    await diagnostics(uri);
    return uri;
  }

  /** bot.py as the real-editor test opens it. */
  const openBot = () => ensureOpen('bot.py', 'python', PY);

  async function diagnostics(uri: string): Promise<Diagnostic[]> {
    for (let attempt = 0; ; attempt++) {
      try {
        const r = (await conn.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } })) as FullDocumentDiagnosticReport;
        return r.items;
      } catch (e) {
        // ServerCancelled with retrigger: the document changed while we asked; ask again, as VS Code does.
        if (attempt > 20) throw e;
      }
    }
  }

  it('reports an uncapped OpenAI call as a warning on the method name', async () => {
    const uri = await openBot();
    const items = await diagnostics(uri);
    // gpt-4o has a shutdown date in the rate card: retired-model says so next to the missing cap.
    assert.deepEqual(
      items.map((x) => x.code),
      ['uncapped-output', 'retired-model'],
    );
    assert.match(items[1].message as string, /^gpt-4o shuts down on \d{4}-\d\d-\d\d \(in \d+ days\)/);
    const d = items[0];
    assert.equal(d.code, 'uncapped-output');
    assert.equal(d.source, 'costlint');
    assert.equal(d.severity, 2);
    const line = PY.split('\n')[6];
    assert.match(line, /client\.chat\.completions\.create\(/);
    assert.deepEqual(d.range, { start: { line: 6, character: line.indexOf('create') }, end: { line: 6, character: line.indexOf('create') + 'create'.length } });
    assert.equal(typeof d.message, 'string', 'plain-text message');
    assert.match(d.message as string, /no output cap.*16,384 output tokens/);
  });

  it('hovers with model, tokens, prices, a $ cost range and assumptions', async () => {
    const uri = await openBot();
    const hover = await conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 7, character: 16 } });
    assert.ok(hover, 'hover inside the call');
    const md = (hover.contents as MarkupContent).value;
    assert.match(md, /`gpt-4o`/);
    assert.match(md, /\*\*Cost per call\*\* \| \*\*\$[\d.]+ – \$0\.16\*\* \+ the unknown input parts/);
    assert.match(md, /\$2\.50 in · \$10\.00 out/);
    assert.match(md, /unknown: `question`/);
    assert.match(md, /\*\*uncapped\*\*/);
    assert.match(md, /Assumptions/);
    // The prompt part by part: the system message's 6 tokens (o200k), the framing, the unknown question.
    assert.match(md, /\| Part \| Tokens \| Input cost \| Share of input cost \| Cached \|/);
    // 6 tokens at gpt-4o's $2.50/1M = $0.000015; 6 of the 15 input tokens = 40%.
    assert.match(md, /\| `messages\[0\]\.content` \| 6 \| \$0\.000015 \| 40% \| no \|/);
    assert.match(md, /\| format overhead \(chat framing, tool-use prompt\) \| 9 \|/);
    assert.match(md, /\| `messages\[1\]\.content`: `question` \| unknown \|/);
    const outside = await conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 2 } });
    assert.equal(outside, null);
  });

  it('asks the editor for the code lenses again when an edit changes their cost, and not when it does not', async () => {
    const text =
      'from openai import OpenAI\nclient = OpenAI()\nr = client.chat.completions.create(model="gpt-4.1", max_tokens=100, messages=[{"role": "user", "content": "Hi"}])\n';
    const uri = await open('lenses.py', 'python', text);
    await diagnostics(uri);
    // A refresh another test's last edit asked for may still be on its way: let it come first.
    await new Promise((r) => setTimeout(r, 300));
    const before = lensRefreshes;
    // A comment changes nothing a lens shows.
    await change(uri, `# a comment\n${text}`);
    await diagnostics(uri);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(lensRefreshes, before, 'no refresh for an edit that keeps the costs');
    // A bigger cap changes the cost per call.
    await change(uri, `# a comment\n${text.replace('max_tokens=100', 'max_tokens=4000')}`);
    await diagnostics(uri);
    await waitFor(() => lensRefreshes > before, 'a workspace/codeLens/refresh request');
  });

  it('shows the cost above the call in a code lens, and none when the setting is off', async () => {
    const uri = await openBot();
    const lenses = await conn.sendRequest(CodeLensRequest.type, { textDocument: { uri } });
    assert.equal(lenses?.length, 1);
    assert.equal(lenses[0].range.start.line, 6, 'on the line of the call');
    // gpt-4o: 15 input tokens + up to 16,384 output tokens at $2.50 / $10.00 per 1M = $0.16.
    assert.equal(lenses[0].command?.title, '≈ $0.16/call · 15 in + 1 unknown part · ≤ 16,384 out (uncapped)');
    config = { ...config, codeLens: false };
    await conn.sendNotification(DidChangeConfigurationNotification.type, { settings: {} });
    assert.deepEqual(await conn.sendRequest(CodeLensRequest.type, { textDocument: { uri } }), []);
    config = { ...config, codeLens: true };
    await conn.sendNotification(DidChangeConfigurationNotification.type, { settings: {} });
  });

  it('offers a quick fix that inserts the cap; after applying it the warning is gone', async () => {
    const uri = await openBot();
    const [d] = await diagnostics(uri);
    const actions = (await conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } })) as CodeAction[];
    // The fix first (preferred), then "Ignore here"; no "Turn off in costlint.json" outside a workspace folder.
    assert.deepEqual(
      actions.map((a) => a.title),
      [
        'Add max_tokens=1024 (costlint: uncapped-output)',
        'Ignore uncapped-output here (costlint)',
        "Use 'gpt-6-luna' (costlint: retired-model)",
        'Ignore retired-model here (costlint)',
      ],
      'the actions of both findings on the range',
    );
    assert.equal(actions[0].isPreferred, true);
    const change0 = actions[0].edit!.documentChanges![0] as { textDocument: { version: number }; edits: TextEdit[] };
    assert.equal(change0.textDocument.version, docs.get(uri)!.version, 'the edit targets the analyzed version');
    const fixed = TextDocument.applyEdits(docs.get(uri)!, change0.edits);
    assert.match(fixed, /\n {8}max_tokens=1024,\n {4}\)/);
    await change(uri, fixed);
    assert.deepEqual(
      (await diagnostics(uri)).map((x) => x.code),
      ['retired-model'],
      'the cap finding is gone',
    );
  });

  it('uses the configured cap value, re-read when settings change', async () => {
    config = { enable: true, defaultOutputCap: 2048 };
    await conn.sendNotification(DidChangeConfigurationNotification.type, { settings: {} });
    const uri = await open('cfg.py', 'python', PY);
    const [d] = await diagnostics(uri);
    const actions = (await conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } })) as CodeAction[];
    assert.match(actions[0].title, /max_tokens=2048/);
    config = { enable: false, defaultOutputCap: 2048 };
    await conn.sendNotification(DidChangeConfigurationNotification.type, { settings: {} });
    assert.deepEqual(await diagnostics(uri), [], 'costlint.enable=false silences the file');
    config = { enable: true, defaultOutputCap: 1024 };
    await conn.sendNotification(DidChangeConfigurationNotification.type, { settings: {} });
  });

  it('the editor settings costlint.rules and costlint.expectedOutputTokens apply, re-read when they change', async () => {
    const uri = await open('editor-settings.py', 'python', PY);
    assert.deepEqual(
      (await diagnostics(uri)).map((d) => [d.code, d.severity]),
      [
        ['uncapped-output', 2],
        ['retired-model', 2],
      ],
    );
    config = {
      enable: true,
      defaultOutputCap: 1024,
      rules: { 'retired-model': 'off', 'uncapped-output': 'error', 'not-a-rule': 'loud' },
      expectedOutputTokens: 200,
    };
    await conn.sendNotification(DidChangeConfigurationNotification.type, { settings: {} });
    assert.deepEqual(
      (await diagnostics(uri)).map((d) => [d.code, d.severity]),
      [['uncapped-output', 1]],
    );
    const lenses = await conn.sendRequest(CodeLensRequest.type, { textDocument: { uri } });
    assert.match(lenses![0].command!.title, / · expected \$/, lenses![0].command!.title);
    config = { enable: true, defaultOutputCap: 1024 };
    await conn.sendNotification(DidChangeConfigurationNotification.type, { settings: {} });
    assert.deepEqual(
      (await diagnostics(uri)).map((d) => d.code),
      ['uncapped-output', 'retired-model'],
    );
  });

  it('after a burst of edits the diagnostics describe the final text', async () => {
    const uri = await open('burst.ts', 'typescript', `import Anthropic from '@anthropic-ai/sdk';\nconst a = new Anthropic();\n`);
    let text = docs.get(uri)!.getText();
    for (let i = 0; i < 30; i++) {
      text += i % 2 ? '' : '\n';
      await change(uri, text);
    }
    await change(uri, `${text}a.messages.create({ model: 'claude-haiku-4-5', messages: [] });\n`);
    const items = await diagnostics(uri);
    assert.equal(items.length, 1);
    assert.equal(items[0].severity, 1, 'Anthropic without max_tokens is an error');
    assert.equal(items[0].range.start.line, docs.get(uri)!.getText().split('\n').length - 2);
  });

  it('a burst of 1,000 edits with pulls in between: the diagnostics then are those of a fresh analysis of the final text', async () => {
    // Each edit changes which calls are capped and their models, so a stale answer would differ.
    const models = ['gpt-4o', 'gpt-5.5', 'o3', 'claude-haiku-4-5'];
    const variant = (i: number) =>
      `from openai import OpenAI\nfrom anthropic import Anthropic\nc = OpenAI()\na = Anthropic()\n` +
      Array.from({ length: 1 + (i % 5) }, (_, k) => {
        const m = models[(i + k) % models.length];
        const capped = (i + k) % 3 === 0;
        return m.startsWith('claude')
          ? `a.messages.create(model="${m}", ${capped ? 'max_tokens=100, ' : ''}messages=[])\n`
          : `c.chat.completions.create(model="${m}", ${capped ? 'max_completion_tokens=100, ' : ''}messages=[])\n`;
      }).join('');
    const uri = await open('burst1000.py', 'python', variant(0));
    const pulls: Promise<unknown>[] = [];
    for (let i = 1; i < 1000; i++) {
      await change(uri, variant(i));
      if (i % 40 === 0) pulls.push(conn.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } }).catch(() => undefined));
    }
    await Promise.allSettled(pulls);
    const items = await diagnostics(uri);
    const fresh = await analyzeText(variant(999), 'python', { ruleSeverity: {}, today: new Date().toISOString().slice(0, 10) });
    const key = (x: { range: { start: { line: number; character: number } } }, code: unknown) =>
      `${x.range.start.line}:${x.range.start.character} ${String(code)}`;
    assert.deepEqual(items.map((d) => key(d, d.code)).sort(), fresh.findings.map((f) => key(f, f.rule)).sort());
    assert.ok(items.length > 0);
  });

  it('keeps serving through half-typed code, binary content and unsupported languages', async () => {
    const broken = await open('broken.py', 'python', `from openai import OpenAI\nc = OpenAI()\ndef f(:\n  c.responses.create(model="gpt-5.5", input="x"\n`);
    const b = await diagnostics(broken);
    assert.ok(Array.isArray(b));
    const bin = await open('bin.py', 'python', `openai\u0000\u0001\u0002`);
    assert.deepEqual(await diagnostics(bin), []);
    assert.ok(
      logs.some((l) => /bin\.py: binary file/.test(l)),
      'the skip is logged',
    );
    const txt = await open('notes.txt', 'plaintext', 'client.chat.completions.create(model="gpt-4o")');
    assert.deepEqual(await diagnostics(txt), []);
    const uri = await openBot();
    const hover = await conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 7, character: 16 } });
    assert.ok(hover, 'still answering');
    assert.equal(child.exitCode, null, 'server process alive');
  });

  it('grammars load on the first document of their language, once, and only those', async () => {
    await ensureOpen('grammars.py', 'python', PY);
    await ensureOpen('grammars.ts', 'typescript', `import Anthropic from '@anthropic-ai/sdk';\nconst a = new Anthropic();\n`);
    const loaded = logs.filter((l) => /^costlint: loaded the \w+ grammar/.test(l)).map((l) => /loaded the (\w+) grammar/.exec(l)![1]);
    assert.deepEqual(loaded, ['python'], 'Python and TypeScript documents were opened; TypeScript needs no grammar');
  });
});

describe('language server: rate-card freshness', () => {
  it("says once, as a warning, that the cards are older than the workspace's costlint.json allows", async () => {
    const { tempProject, initializeFolder } = await import('./helpers');
    const { rmSync } = await import('node:fs');
    // The bundled cards are always more than a day old: rateCardsMaxAgeDays 1 makes them stale.
    const root = tempProject({ 'costlint.json': '{ "rateCardsMaxAgeDays": 1 }\n', 'bot.py': PY }, 'costlint-stale-');
    const child = spawn(process.execPath, [SERVER, '--stdio'], { env: { ...process.env, COSTLINT_DEBOUNCE_MS: '20' }, stdio: ['pipe', 'pipe', 'inherit'] });
    const conn = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const warnings: { type: number; message: string }[] = [];
    conn.onRequest('window/showMessageRequest', (m: { type: number; message: string }) => {
      warnings.push(m);
      return null;
    });
    conn.onNotification('window/logMessage', () => undefined);
    conn.onRequest(ConfigurationRequest.type, (p) => p.items.map(() => ({ enable: true })));
    conn.listen();
    try {
      await initializeFolder(conn, root, { workspace: { configuration: true } });
      await waitFor(() => warnings.length > 0, 'a warning', { timeoutMs: 5000, stepMs: 50 }).catch(() => undefined);
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(warnings.length, 1);
      assert.equal(warnings[0].type, 2, 'a warning');
      assert.match(warnings[0].message, /^costlint: the rate cards are from \d{4}-\d{2}-\d{2}, \d+ days ago \(more than 1\): prices may be stale\./);
    } finally {
      conn.dispose();
      child.kill();
      rmSync(root, { recursive: true, force: true });
    }
  });
});
