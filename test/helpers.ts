// Shared test helpers: one analyzer per test process, and the fixture checker.
//
// Fixture annotations sit in a comment on the line of the call's method name:
//   client.chat.completions.create(  # expect: call api=chat.completions model=gpt-4o cap=none; finding uncapped-output warning
// Items are separated by ';'. A `call` item checks the call site whose method name is on
// that line (keys: api, sdk, op, provider, model, resolved, cap, streaming, loop, times, unknown, cost,
// approx, static, cached, pricing: standard, batch, local or a tier; images: count/size/quality/usd per image,
// each a value, a min-max range or ? when not known); a `finding` item checks a finding starting on that line (rule and severity).
// Every call site and finding in the file must be annotated, and every annotation matched:
// lines without annotations are asserted to have no call site (code that must not be flagged).
// `shape=` tags the real-world shape a call exercises (one of SHAPES) for docs/coverage.md.
import assert from 'node:assert/strict';
import ts from 'typescript';
import { Language as TsLanguage, Parser as TsParser } from 'web-tree-sitter';
import { parseDocument as parseYamlDocument } from 'yaml';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { Analyzer } from '../server/src/core/analyze';
import { languageOfPath } from '../server/src/core/analyze';
import { LANGUAGES } from '../server/src/core/languages';
import { createNodeAnalyzer, packageVersionsFor, projectSettings } from '../server/src/host/node';
import { dirname, join, relative, resolve } from 'node:path';
import { WorkspaceImportHost } from '../server/src/host/importhost';
import { analyzeNotebook } from '../server/src/core/notebook';
import type { AnalysisSettings, AnalysisResult, CallSite } from '../server/src/core/types';

export const TODAY = '2026-11-22';

/**
 * Code shapes fixtures are tagged with (`shape=partial`), listed in docs/coverage.md. `loop`,
 * `notebook` and `direct` (no tag) are derived, not tagged.
 */
export const SHAPES: Record<string, string> = {
  direct: 'a client made and called in the same scope',
  loop: 'inside a loop, comprehension or per-element callback',
  notebook: 'a Jupyter notebook, client and constants from earlier cells',
  'dynamic-import': 'SDK loaded with `await import(...)` (also from a CDN URL), assigned to script globals',
  'imported-client': 'client or model object imported from another module of the workspace',
  'imported-factory': 'factory function imported from another module of the workspace',
  'self-attribute': 'client stored on `self` (Python) or an instance variable (Ruby `@client`)',
  'this-member': 'client stored on `this` (field, parameter property, getter)',
  'typed-parameter': 'client passed in, known by its type annotation',
  'untyped-parameter': "client passed in without a type, known from what the file's callers pass",
  'factory-function': 'client returned by a function of the file',
  'lazy-client': 'client created on first use',
  'env-default': 'model from an environment variable with a default',
  'reassigned-constant': 'module constant reassigned between uses',
  'kwargs-builder': 'parameters built by a function or dict and spread (`**params`, `...params`)',
  'opaque-kwargs': 'parameters passed through from a caller (`**kwargs`)',
  'agent-loop': 'a tool-use / agent loop',
  'route-handler': 'a web route handler (Next.js, Express)',
  'prompt-file-loader': "a prompt file run by name from code (Genkit `ai.prompt('name')(input)`, `prompty.execute`)",
  'react-component': 'called from a React component',
  'compatible-endpoint': 'OpenAI SDK pointed at another provider by base URL',
  partial: '`functools.partial` of an SDK method',
  'to-thread': 'method reference passed to `asyncio.to_thread`',
  'run-in-executor': 'method reference passed to `loop.run_in_executor`',
  gather: 'calls fanned out with `asyncio.gather`',
  'promise-all': 'calls fanned out with `Promise.all`',
  'conditional-alias': 'resource chosen by a condition (`a if betas else b`)',
  'raw-http':
    "an API's request sent without its SDK: an HTTP POST (`requests`, `httpx`, `fetch`, `axios`) to the API's own path (`/chat/completions`, `/v1/messages`)",
  'factory-arguments':
    'client or model made by a function from its arguments (`get_llm("openai", "gpt-4o-mini")`, an enum member), priced for the branch the arguments reach',
  'model-choice':
    'model chosen at run time among a few written in the source (`a if x else b`, `MODELS[tier]`, a factory returning one client per branch): every candidate priced',
  'configured-model': 'model object whose constructor carries model and cap (LangChain, GenerativeModel)',
  'factory-client': 'model object made by a client method (`getGenerativeModel`)',
  inherited: 'client read through a superclass in another file (`attr_reader :llm`, `super(llm: ...)`)',
  'chat-session': 'chat session created with model and config, then sent messages',
  chain: 'model invoked through a chain (`prompt | llm`, `.pipe`, `RunnableSequence`)',
  'structured-output': 'model wrapped by `.with_structured_output(...)`',
  'bound-tools': 'model wrapped by `.bind_tools(...)`',
  'init-chat-model': 'LangChain `init_chat_model` / `initChatModel`',
  batch: 'one call sending many requests',
  command: 'AWS SDK v3 command sent through a client',
  'command-variable': 'AWS SDK v3 command built earlier, then sent',
  'json-body': 'request body encoded with `json.dumps` / `JSON.stringify`',
  'session-client': 'client made from a boto3 session',
  'provider-factory': 'AI SDK provider made with `createOpenAI({ baseURL })`',
  'gateway-string': 'AI SDK gateway model string (`openai/gpt-4.1-mini`)',
  'agent-run': "a framework runs the model: an agent's run (`Runner.run(agent, ...)`, pydantic-ai `agent.run_sync`), a DSPy module",
  'wrapped-client': 'client wrapped by a tracing or structured-output library (`wrap_openai(OpenAI())`, `instructor.from_openai`)',
  'injected-model': 'model passed in as a base class (`llm: BaseChatModel`): provider and model not known here',
  'held-object': 'client set on a module-level object or app state in a startup hook (`bp.client`, `app.state.llm`, `st.session_state[...]`)',
};

let shared: Promise<Analyzer> | undefined;
export function analyzer(): Promise<Analyzer> {
  shared ??= createNodeAnalyzer();
  return shared;
}

/**
 * Analyzes a snippet as of TODAY. As in fixtures, the rules about the model choice itself are off
 * unless the settings give rule severities (`{ ruleSeverity: {} }` runs every rule).
 */
export async function analyzeText(
  text: string,
  language: CallSite['language'],
  settings: Partial<AnalysisSettings> = {},
  packages?: Record<string, string>,
): Promise<AnalysisResult> {
  return (await analyzer()).analyze({ text, language, packages }, { today: TODAY, ruleSeverity: fixtureRuleSeverity(''), ...settings });
}

export async function analyzeFile(path: string): Promise<AnalysisResult> {
  const text = readFileSync(path, 'utf8');
  if (path.endsWith('.ipynb')) return analyzeNotebook(await analyzer(), text, { today: TODAY, ruleSeverity: fixtureRuleSeverity(text) });
  const language = languageOfPath(path);
  assert.ok(language, `no language for ${path}`);
  // Each top-level fixture folder is a workspace: its files import each other
  // (test/fixtures/workspace-py/app/...), and its package.json files set SDK versions.
  const root = fixtureRoot(path);
  // A fixture workspace's costlint.json applies as it would for a user (test/fixtures/budgets).
  const a = await analyzer();
  const configured = projectSettings(resolve(path), { root, base: {}, cards: a.rateCards }).settings;
  return a.analyze(
    { text, language, packages: packageVersionsFor(path, join(__dirname, 'fixtures')), path: resolve(path), host: hostFor(root) },
    { ...configured, today: TODAY, ruleSeverity: { ...fixtureRuleSeverity(text), ...configured.ruleSeverity } },
  );
}

/**
 * Rules about the model choice itself (`retired-model`, `unknown-model`) would annotate most
 * fixture calls (gpt-4o has a shutdown date), burying the shape each fixture is about. They run
 * only in fixtures that ask for them with a `fixture-rules: <id>, <id>` comment; every other rule
 * runs in every fixture.
 */
const OPT_IN_RULES = ['retired-model', 'unknown-model'];
/** The settings that leave those rules off, for tests that analyze through the analyzer directly. */
export const MODEL_RULES_OFF = (): Record<string, 'off'> => fixtureRuleSeverity('');
function fixtureRuleSeverity(text: string): Record<string, 'off'> {
  const wanted =
    /fixture-rules:\s*([a-z-]+(?:\s*,\s*[a-z-]+)*)/
      .exec(text)?.[1]
      .split(',')
      .map((r) => r.trim()) ?? [];
  return Object.fromEntries(OPT_IN_RULES.filter((r) => !wanted.includes(r)).map((r) => [r, 'off' as const]));
}

const hosts = new Map<string, WorkspaceImportHost>();
function hostFor(root: string): WorkspaceImportHost {
  let h = hosts.get(root);
  if (!h) hosts.set(root, (h = new WorkspaceImportHost(root)));
  return h;
}

/** test/fixtures/<folder> for a fixture file. */
export function fixtureRoot(path: string): string {
  const fixtures = join(__dirname, 'fixtures');
  const rel = relative(fixtures, resolve(path));
  return rel.startsWith('..') ? dirname(resolve(path)) : join(fixtures, rel.split(/[\\/]/)[0]);
}

interface Expectation {
  line: number;
  cell?: number;
  kind: 'call' | 'finding';
  fields: Record<string, string>;
  raw: string;
}

const EXPECT = /(?:#|\/\/)\s*expect:\s*(.*?)\s*$/;

/** The keys a `call` expectation may check (checkCall). */
const CALL_KEYS = new Set([
  'shape',
  'api',
  'sdk',
  'op',
  'provider',
  'model',
  'candidates',
  'resolved',
  'cap',
  'streaming',
  'loop',
  'times',
  'unknown',
  'cost',
  'approx',
  'static',
  'cached',
  'pricing',
  'images',
]);

function parseExpectations(lines: string[], cell?: number): Expectation[] {
  const out: Expectation[] = [];
  lines.forEach((text, i) => {
    const m = EXPECT.exec(text);
    if (!m) return;
    for (const item of m[1]
      .split(';')
      .map((s) => s.trim())
      .filter(Boolean)) {
      const [kind, ...rest] = item.split(/\s+/);
      assert.ok(kind === 'call' || kind === 'finding', `line ${i + 1}: unknown expectation '${item}'`);
      const fields: Record<string, string> = {};
      if (kind === 'finding') {
        fields.rule = rest[0];
        fields.severity = rest[1];
      } else {
        for (const kv of rest) {
          const eq = kv.indexOf('=');
          assert.ok(eq > 0, `line ${i + 1}: expected key=value, got '${kv}'`);
          assert.ok(CALL_KEYS.has(kv.slice(0, eq)), `line ${i + 1}: unknown key '${kv.slice(0, eq)}' (one of ${[...CALL_KEYS].join(', ')})`);
          fields[kv.slice(0, eq)] = kv.slice(eq + 1);
        }
      }
      out.push({ line: i, cell, kind, fields, raw: item });
    }
  });
  return out;
}

function capText(c: CallSite): string {
  return c.outputCap ? `${c.outputCap.param}:${c.outputCap.value ?? '?'}` : 'none';
}

function checkCall(e: Expectation, c: CallSite, where: string): void {
  const f = e.fields;
  for (const shape of f.shape?.split(',') ?? []) assert.ok(shape in SHAPES, `${where}: unknown shape '${shape}' (add it to SHAPES in test/helpers.ts)`);
  const eq = (key: string, actual: unknown) => {
    if (f[key] !== undefined) assert.equal(String(actual), f[key], `${where}: ${key} (expectation '${e.raw}')`);
  };
  eq('api', c.api);
  eq('sdk', c.sdk);
  eq('op', c.operation);
  eq('provider', c.provider);
  eq('model', c.model.value ?? '?');
  eq('candidates', c.model.candidates?.map((m) => m.value ?? '?').join(',') ?? 'none');
  eq('resolved', c.model.resolved);
  eq('cap', capText(c));
  eq('streaming', c.streaming);
  eq('loop', c.inLoop);
  eq('times', c.iterations ?? '?');
  eq('unknown', c.estimate.inputTokens.unknownParts.join(','));
  eq('cost', c.estimate.costUsd ? 'priced' : 'none');
  eq('approx', c.estimate.approximate);
  eq('static', c.estimate.inputTokens.static);
  eq('cached', (c.estimate.cache?.tokens ?? 0) > 0);
  eq('pricing', c.estimate.pricing?.basis ?? 'none');
  const img = c.estimate.images;
  const range = (r: { min: number; max: number } | null) => (r ? (r.min === r.max ? `${r.min}` : `${r.min}-${r.max}`) : '?');
  eq('images', img ? [range(img.count), img.size ?? '?', img.quality ?? '?', range(img.usdPerImage)].join('/') : 'none');
}

/** Checks a fixture file's annotations against the analysis, both ways. */
export async function checkFixture(path: string): Promise<AnalysisResult> {
  return (await checkFixtureShapes(path)).result;
}

/** checkFixture, and the shapes each call site's annotation tags it with (derived ones included). */
export async function checkFixtureShapes(path: string): Promise<{ result: AnalysisResult; shapes: Map<CallSite, string[]> }> {
  const shapes = new Map<CallSite, string[]>();
  const result = await analyzeFile(path);
  assert.deepEqual(result.errors, [], `${path}: internal errors`);
  const text = readFileSync(path, 'utf8');
  let expectations: Expectation[];
  if (path.endsWith('.ipynb')) {
    const cells = JSON.parse(text).cells as { source: string[] | string }[];
    expectations = cells.flatMap((c, i) => parseExpectations((Array.isArray(c.source) ? c.source.join('') : c.source).split('\n'), i));
  } else expectations = parseExpectations(text.split(/\r?\n/));
  const key = (line: number, cell?: number) => `${cell ?? ''}:${line}`;
  const label = (line: number, cell?: number) => `${path}${cell !== undefined ? ` cell ${cell}` : ''}:${line + 1}`;

  const calls = new Map<string, CallSite[]>();
  for (const c of result.callSites) {
    const k = key(c.nameRange.start.line, c.cell);
    calls.set(k, [...(calls.get(k) ?? []), c]);
  }
  const expectedCalls = expectations.filter((e) => e.kind === 'call');
  for (const e of expectedCalls) {
    const here = calls.get(key(e.line, e.cell)) ?? [];
    assert.ok(here.length > 0, `${label(e.line, e.cell)}: expected a call site (${e.raw}), found none`);
    const c = here.shift()!;
    checkCall(e, c, label(e.line, e.cell));
    const tagged = e.fields.shape?.split(',') ?? [];
    const derived = [...(c.inLoop ? ['loop'] : []), ...(c.cell !== undefined ? ['notebook'] : [])];
    shapes.set(c, tagged.length || derived.length ? [...tagged, ...derived] : ['direct']);
  }
  for (const [k, rest] of calls) {
    assert.equal(
      rest.length,
      0,
      `${path} ${k}: call site${rest.length > 1 ? 's' : ''} not annotated: ${rest.map((c) => `${c.operation} ${c.model.value}`).join(', ')}`,
    );
  }

  const findings = result.findings.map((f) => ({ f, k: key(f.range.start.line, f.cell), used: false }));
  for (const e of expectations.filter((x) => x.kind === 'finding')) {
    const hit = findings.find((x) => !x.used && x.k === key(e.line, e.cell) && x.f.rule === e.fields.rule);
    assert.ok(hit, `${label(e.line, e.cell)}: expected finding ${e.fields.rule}, found none`);
    assert.equal(hit.f.severity, e.fields.severity, `${label(e.line, e.cell)}: severity of ${e.fields.rule}`);
    hit.used = true;
  }
  const extra = findings.filter((x) => !x.used);
  assert.equal(extra.length, 0, `${path}: findings not annotated: ${extra.map((x) => `${x.k} ${x.f.rule}: ${x.f.message}`).join(' | ')}`);
  return { result, shapes };
}

/** Applies a finding's fix edits to text (edits do not overlap). */
export function applyEdits(text: string, edits: { span: { start: number; end: number }; newText: string }[]): string {
  return [...edits].sort((a, b) => b.span.start - a.span.start).reduce((t, e) => t.slice(0, e.span.start) + e.newText + t.slice(e.span.end), text);
}

/** The first bytes of a PNG of this size (signature and IHDR chunk): what an image's size is read from. */
export function pngHeader(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(25);
  ihdr.writeUInt32BE(13, 0);
  ihdr.write('IHDR', 4, 'ascii');
  ihdr.writeUInt32BE(width, 8);
  ihdr.writeUInt32BE(height, 12);
  ihdr.writeUInt8(8, 16);
  ihdr.writeUInt8(6, 17);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), ihdr, Buffer.alloc(16)]);
}

/** Each tree-sitter language's grammar, from the registry (server/src/core/languages). */
const GRAMMARS: Partial<Record<CallSite['language'], string>> = Object.fromEntries(LANGUAGES.filter((l) => l.grammar).map((l) => [l.id, l.grammar!.module]));
const parsers = new Map<string, Promise<TsParser>>();

/**
 * The syntax errors of a text, by the language's own parser (TypeScript's for TS/JS, the
 * tree-sitter grammar for the others, YAML for a prompt file's front matter): fixed code must parse.
 */
export async function syntaxErrors(text: string, language: CallSite['language']): Promise<string[]> {
  if (['typescript', 'typescriptreact', 'javascript', 'javascriptreact'].includes(language)) {
    const kind = language.endsWith('react') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
    const sf = ts.createSourceFile('x.tsx', text, ts.ScriptTarget.Latest, true, kind);
    return ((sf as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics ?? []).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  }
  if (language === 'prompty' || language === 'dotprompt') {
    const m = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
    if (!m) return [];
    const doc = parseYamlDocument(m[1]);
    return doc.errors.map((e) => e.message);
  }
  const grammar = GRAMMARS[language];
  assert.ok(grammar, `no grammar for ${language}`);
  await analyzer(); // initializes the tree-sitter runtime
  let p = parsers.get(language);
  if (!p) {
    p = TsLanguage.load(require.resolve(grammar)).then((l) => {
      const parser = new TsParser();
      parser.setLanguage(l);
      return parser;
    });
    parsers.set(language, p);
  }
  const tree = (await p).parse(text)!;
  try {
    const errors: string[] = [];
    const visit = (n: import('web-tree-sitter').Node) => {
      if (n.isError || n.isMissing)
        errors.push(`${n.isMissing ? 'missing' : 'unexpected'} ${n.type} at ${n.startPosition.row + 1}:${n.startPosition.column + 1}`);
      else if (n.hasError) for (const c of n.children) if (c) visit(c);
    };
    visit(tree.rootNode);
    return errors;
  } finally {
    tree.delete();
  }
}

/** Initializes a language server over `conn` for one workspace folder, then says it is initialized. */
export async function initializeFolder(
  conn: import('vscode-languageserver-protocol/node').ProtocolConnection,
  root: string,
  capabilities: object,
): Promise<void> {
  const { InitializeRequest, InitializedNotification } = await import('vscode-languageserver-protocol');
  const { pathToFileURL } = await import('node:url');
  await conn.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: pathToFileURL(root).href,
    capabilities,
    workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'ws' }],
  });
  await conn.sendNotification(InitializedNotification.type, {});
}

/** A temporary project folder with these files (relative path to content). */
export function tempProject(files: Record<string, string | Buffer>, prefix = 'costlint-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

/** The built `costlint` command run in `cwd`, as CI runs it. */
export function runCli(cwd: string, args: string[], env: Record<string, string> = {}): { code: number | null; stdout: string; stderr: string } {
  const p = spawnSync(process.execPath, [join(__dirname, '..', 'server', 'out', 'cli.js'), ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 1 << 26,
    env: { ...process.env, ...env },
  });
  return { code: p.status, stdout: p.stdout, stderr: p.stderr };
}

/** Waits until `cond` holds, looking every `stepMs` for at most `timeoutMs`; fails saying what it waited for. */
export async function waitFor(cond: () => boolean | Promise<boolean>, what: string, o: { timeoutMs?: number; stepMs?: number } = {}): Promise<void> {
  const step = o.stepMs ?? 20;
  for (let waited = 0; waited <= (o.timeoutMs ?? 6000); waited += step) {
    if (await cond()) return;
    await new Promise((r) => setTimeout(r, step));
  }
  assert.fail(`timed out waiting for ${what}`);
}
