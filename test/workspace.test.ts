// The workspace index: imports resolved to workspace files (and never outside), cross-file
// analysis through the core, and the language server re-analyzing importers when a module changes.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, type ProtocolConnection } from 'vscode-languageserver-protocol/node';
import {
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidChangeNotebookDocumentNotification,
  DidOpenNotebookDocumentNotification,
  CodeActionRequest,
  CodeLensRequest,
  HoverRequest,
  NotebookCellKind,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  FileChangeType,
  type FullDocumentDiagnosticReport,
} from 'vscode-languageserver-protocol';
import { Tiktoken } from 'js-tiktoken/lite';
import o200k from 'js-tiktoken/ranks/o200k_base';
import { WorkspaceImportHost } from '../server/src/host/importhost';
import { createNodeAnalyzer } from '../server/src/host/node';
import { parseConfig } from '../server/src/core/config';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzer, initializeFolder, TODAY, waitFor } from './helpers';

/** Applies LSP text edits (line/character ranges) to a text. */
function applyLspEdits(
  text: string,
  edits: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[],
): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x', 'json', 0, text), edits);
}

function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'costlint-ws-'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(join(root, rel, '..'), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
  return root;
}

describe('import resolution', () => {
  let root: string;
  let outside: string;
  before(() => {
    outside = project({ 'secret.py': 'client = 1\n', 'secret.ts': 'export const x = 1;\n' });
    root = project({
      'app/__init__.py': '',
      'app/llm.py': 'client = 1\n',
      'app/sub/mod.py': '',
      'src/lib/openai.ts': 'export const a = 1;\n',
      'src/lib/index.ts': 'export * from "./openai";\n',
      'src/util.ts': '',
      'tsconfig.json': '{ /* comments allowed */ "compilerOptions": { "baseUrl": ".", "paths": { "@/*": ["./src/*"] } } }',
    });
    symlinkSync(join(outside, 'secret.py'), join(root, 'app', 'leak.py'));
    symlinkSync(outside, join(root, 'app', 'elsewhere'));
    symlinkSync(join(root, 'app', 'llm.py'), join(root, 'app', 'alias.py'));
    symlinkSync(join(root, 'app', 'sub'), join(root, 'app', 'same'));
  });
  after(() => {
    rmSync(root, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  it('Python: absolute from the root, relative by dots, packages by __init__.py', () => {
    const h = new WorkspaceImportHost(root);
    const from = join(root, 'app', 'sub', 'mod.py');
    assert.equal(h.resolve(from, 'app.llm', 'python')?.path, join(root, 'app', 'llm.py'));
    assert.equal(h.resolve(from, '..llm', 'python')?.path, join(root, 'app', 'llm.py'));
    assert.equal(h.resolve(from, '..', 'python')?.path, join(root, 'app', '__init__.py'));
    assert.equal(h.resolve(from, 'requests', 'python'), undefined, 'an installed package is not a workspace file');
  });

  it('TS/JS: relative with extension and index probing, `.js` naming a .ts file, tsconfig paths', () => {
    const h = new WorkspaceImportHost(root);
    const from = join(root, 'src', 'util.ts');
    assert.equal(h.resolve(from, './lib/openai', 'typescript')?.path, join(root, 'src', 'lib', 'openai.ts'));
    assert.equal(h.resolve(from, './lib/openai.js', 'typescript')?.path, join(root, 'src', 'lib', 'openai.ts'));
    assert.equal(h.resolve(from, './lib', 'typescript')?.path, join(root, 'src', 'lib', 'index.ts'));
    assert.equal(h.resolve(from, '@/lib/openai', 'typescript')?.path, join(root, 'src', 'lib', 'openai.ts'));
    assert.equal(h.resolve(from, 'openai', 'typescript'), undefined, 'a package is not a workspace file');
  });

  it('JS: the environment schema of the project a file is in (zod and Joi defaults), not of dependencies or tests', () => {
    const app = project({
      'api/package.json': '{}',
      'api/src/config/env.validation.ts':
        "import { z } from 'zod';\nexport const env = z.object({ LLM_MODEL: z.string().default('gpt-4.1-mini'), PORT: z.coerce.number().default(3000), KEY: z.string(), lower_case: z.string().default('x') });\n",
      'api/src/app.config.js':
        "const Joi = require('joi');\nmodule.exports = Joi.object({ EMBED_MODEL: Joi.string().default('text-embedding-3-small'), LLM_MODEL: Joi.string().default('ignored') });\n",
      'api/src/chat.ts': '',
      'api/node_modules/lib/env.ts': "export const e = { DEP_MODEL: z.string().default('no') };\n",
      'api/test/env.ts': "export const e = { TEST_MODEL: z.string().default('no') };\n",
      'web/package.json': '{}',
      'web/env.mjs': "export const env = createEnv({ server: { WEB_MODEL: z.string().default('claude-haiku-4-5') } });\n",
      // Mocks, tests and another package of the monorepo are not this project's schema; an empty default is none.
      'api/src/__mocks__/env.ts': "export const e = { MOCK_MODEL: z.string().default('no') };\n",
      'api/src/config/env.test.ts': "export const e = { SPEC_MODEL: z.string().default('no') };\n",
      'api/src/config/config.ts': "export const e = { EMPTY_MODEL: z.string().default('') };\n",
      'api/src/packages/other/package.json': '{}',
      'api/src/packages/other/env.ts': "export const e = { OTHER_MODEL: z.string().default('no') };\n",
    });
    symlinkSync('/', join(app, 'api', 'src', 'root'));
    try {
      const h = new WorkspaceImportHost(app);
      const api = h.envSchema(join(app, 'api', 'src', 'chat.ts'), 'typescript');
      assert.deepEqual(Object.fromEntries([...api.values].map(([k, v]) => [k, `${v.value} @ ${v.file}`])), {
        EMBED_MODEL: `text-embedding-3-small @ ${join('api', 'src', 'app.config.js')}`,
        PORT: `3000 @ ${join('api', 'src', 'config', 'env.validation.ts')}`,
      });
      // LLM_MODEL has two different defaults in two schemas: neither is assumed.
      assert.deepEqual([...h.envSchema(join(app, 'web', 'x.ts'), 'typescript').values.keys()], ['WEB_MODEL']);
      assert.equal(h.envSchema(join(app, 'api', 'src', 'chat.ts'), 'python').values.size, 0);
    } finally {
      rmSync(app, { recursive: true, force: true });
    }
  });

  it('JS: the one NestJS module of the project providing an injection token; none when two do', () => {
    const app = project({
      'package.json': '{}',
      'src/core/core.module.ts':
        "@Module({ providers: [{ provide: 'LLM_MODEL', useFactory: () => 1 }, { provide: \"SHARED\", useValue: 'a' }] })\nexport class CoreModule {}\n",
      'src/other/other.module.ts': "@Module({ providers: [{ provide: 'SHARED', useValue: 'b' }] })\nexport class OtherModule {}\n",
      'src/chat/chat.service.ts': '',
    });
    try {
      const h = new WorkspaceImportHost(app);
      const from = join(app, 'src', 'chat', 'chat.service.ts');
      assert.equal(h.providerOf(from, 'typescript', 'LLM_MODEL')?.path, join(app, 'src', 'core', 'core.module.ts'));
      assert.equal(h.providerOf(from, 'typescript', 'SHARED'), undefined);
      assert.equal(h.providerOf(from, 'typescript', 'LLM'), undefined);
    } finally {
      rmSync(app, { recursive: true, force: true });
    }
  });

  it('Python: the modules of the workspace assigning a library setting, not virtual environments or tests', () => {
    const app = project({
      'app/settings.py': 'from llama_index.core import Settings\ndef setup():\n    Settings.embed_model = OpenAIEmbedding(model="text-embedding-3-small")\n',
      'app/ingest.py': 'if Settings.embed_model == None: pass\n',
      'venv/lib/site.py': 'Settings.embed_model = X()\n',
      'tests/test_settings.py': 'Settings.embed_model = MockEmbedding(embed_dim=8)\n',
    });
    try {
      const h = new WorkspaceImportHost(app);
      const found = h.assignments(join(app, 'app', 'ingest.py'), 'python', 'Settings.embed_model').map((s) => s.path);
      assert.deepEqual(found, [join(app, 'app', 'settings.py')]);
      assert.deepEqual(h.assignments(join(app, 'app', 'ingest.py'), 'typescript', 'Settings.embed_model'), []);
    } finally {
      rmSync(app, { recursive: true, force: true });
    }
  });

  it("Python: an index's embed model is the global setting's when another module sets it, and not LlamaIndex's default when it cannot be read", async () => {
    const ingest = 'from llama_index.core import VectorStoreIndex\ndef build(docs):\n    return VectorStoreIndex.from_documents(docs)\n';
    const setting = (value: string) => `from llama_index.core import Settings\ndef setup():\n    Settings.embed_model = ${value}\n`;
    const cases: [Record<string, string>, string | null, string, RegExp][] = [
      [{}, 'text-embedding-ada-002', 'openai', /LlamaIndex's default embed model/],
      [{ 'app/settings.py': setting('"local:BAAI/bge-small-en-v1.5"') }, 'local:BAAI/bge-small-en-v1.5', 'local', /set in another module/],
      [
        { 'app/settings.py': setting('make_embedder()') },
        null,
        'unknown',
        /`Settings.embed_model` is set in another module of the workspace to a value not known here/,
      ],
      [
        { 'app/settings.py': setting('OpenAIEmbedding()'), 'app/other.py': setting('OpenAIEmbedding(model="text-embedding-3-large")') },
        null,
        'unknown',
        /to a value not known here/,
      ],
    ];
    const a = await analyzer();
    for (const [files, model, provider, said] of cases) {
      const app = project({ 'app/ingest.py': ingest, ...files });
      try {
        const r = a.analyze({ text: ingest, language: 'python', path: join(app, 'app', 'ingest.py'), host: new WorkspaceImportHost(app) }, { today: TODAY });
        const [site] = r.callSites;
        assert.equal(site.model.value, model, Object.keys(files).join());
        assert.equal(site.provider, provider, JSON.stringify(site.estimate.assumptions));
        assert.match(site.estimate.assumptions.join('\n'), said);
      } finally {
        rmSync(app, { recursive: true, force: true });
      }
    }
  });

  it('never reads outside the workspace: `..` past the root and symlinks out of it resolve to nothing', () => {
    // An editor's host, and a CLI run's (which takes the files as fixed and looks at each folder's real path once).
    for (const h of [new WorkspaceImportHost(root), new WorkspaceImportHost(root, undefined, { fixed: true })]) {
      const rel = join('..', outside.split(/[\\/]/).pop()!, 'secret');
      assert.equal(h.resolve(join(root, 'src', 'util.ts'), `../${rel}`, 'typescript'), undefined);
      assert.equal(h.resolve(join(root, 'app', 'llm.py'), '.leak', 'python'), undefined, 'symlink to a file outside the root');
      assert.equal(h.resolve(join(root, 'app', 'llm.py'), '.elsewhere.secret', 'python'), undefined, 'a file in a symlinked folder outside the root');
      assert.equal(h.source(join(root, 'app', 'elsewhere', 'secret.ts')), undefined);
      // Links that stay inside are followed.
      assert.equal(h.resolve(join(root, 'app', 'llm.py'), '.alias', 'python')?.text, 'client = 1\n');
      assert.equal(h.resolve(join(root, 'app', 'llm.py'), '.same.mod', 'python')?.path, join(root, 'app', 'same', 'mod.py'));
    }
  });

  it('Ruby: Zeitwerk folders of the app the file is in (a Gemfile or app/ above it), also when the workspace is a folder above the app', () => {
    const monorepo = project({
      'services/web/Gemfile': "source 'https://rubygems.org'\n",
      'services/web/app/services/ai/base_agent.rb': 'module Ai; class BaseAgent; end; end\n',
      'services/web/app/services/ai/agents/summary_agent.rb': 'module Ai; module Agents; class SummaryAgent < BaseAgent; end; end; end\n',
      'services/web/lib/llm_config.rb': 'module LlmConfig; end\n',
    });
    try {
      const h = new WorkspaceImportHost(monorepo);
      const from = join(monorepo, 'services', 'web', 'app', 'services', 'ai', 'agents', 'summary_agent.rb');
      assert.equal(h.resolve(from, 'Ai::BaseAgent', 'ruby')?.path, join(monorepo, 'services', 'web', 'app', 'services', 'ai', 'base_agent.rb'));
      assert.equal(h.resolve(from, 'LlmConfig', 'ruby')?.path, join(monorepo, 'services', 'web', 'lib', 'llm_config.rb'));
      assert.equal(h.resolve(from, 'Ai::Agents::BaseAgent', 'ruby'), undefined, 'no such file: the lexical lookup tries the next candidate');
    } finally {
      rmSync(monorepo, { recursive: true, force: true });
    }
  });

  it('open documents win over the disk, with their own version', () => {
    const h = new WorkspaceImportHost(root, (p) => (p === join(root, 'app', 'llm.py') ? { text: 'client = 2\n', version: 7 } : undefined));
    const src = h.resolve(join(root, 'app', 'sub', 'mod.py'), 'app.llm', 'python');
    assert.equal(src?.text, 'client = 2\n');
    assert.equal(src?.version, 'doc:7');
  });
});

describe('cross-file analysis', () => {
  it('a module changed on disk is re-read: the importer sees the new model', async () => {
    const root = project({
      'settings.py': 'MODEL = "gpt-4o-mini"\n',
      'svc.py':
        'from openai import OpenAI\nfrom settings import MODEL\nclient = OpenAI()\nclient.responses.create(model=MODEL, input="hi", max_output_tokens=5)\n',
    });
    try {
      const a = await analyzer();
      const host = new WorkspaceImportHost(root);
      const run = () =>
        a.analyze(
          {
            text: 'from openai import OpenAI\nfrom settings import MODEL\nclient = OpenAI()\nclient.responses.create(model=MODEL, input="hi", max_output_tokens=5)\n',
            language: 'python',
            path: join(root, 'svc.py'),
            host,
          },
          { today: TODAY },
        );
      const first = run();
      assert.equal(first.callSites[0].model.value, 'gpt-4o-mini');
      assert.deepEqual(first.dependencies, [join(root, 'settings.py')]);
      // A different size makes a different version even within one mtime tick.
      writeFileSync(join(root, 'settings.py'), 'MODEL = "gpt-5.5"\n# changed\n');
      assert.equal(run().callSites[0].model.value, 'gpt-5.5');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('import cycles end: modules importing each other export what they define', async () => {
    const root = project({
      'a.py': 'from b import helper\nfrom openai import OpenAI\nclient = OpenAI()\n',
      'b.py': 'from a import client\nhelper = 1\n',
      'c.py': 'from b import client\nclient.responses.create(model="gpt-5.5", input="x", max_output_tokens=1)\n',
    });
    try {
      const a = await analyzer();
      const text = 'from b import client\nclient.responses.create(model="gpt-5.5", input="x", max_output_tokens=1)\n';
      const r = a.analyze({ text, language: 'python', path: join(root, 'c.py'), host: new WorkspaceImportHost(root) }, { today: TODAY });
      assert.deepEqual(r.errors, []);
      assert.equal(r.callSites.length, 1, 'the client re-exported through b is found');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('cross-file analysis: CommonJS', () => {
  it("require('./llm') reads what module.exports is; a name destructured from it, the object's property; a client made for Groq stays Groq's", async () => {
    const llm = "const OpenAI = require('openai');\nconst groq = new OpenAI({ baseURL: 'https://api.groq.com/openai/v1' });\nmodule.exports = groq;\n";
    const named =
      "const OpenAI = require('openai');\nconst groq = new OpenAI({ baseURL: 'https://api.groq.com/openai/v1' });\nmodule.exports = { groq, MODEL: 'llama-3.3-70b-versatile' };\n";
    const whole = "const client = require('./llm');\nclient.chat.completions.create({ model: 'llama-3.3-70b-versatile', messages: [], max_tokens: 5 });\n";
    const parts =
      "const { groq, MODEL } = require('./named');\nexports.run = () => groq.chat.completions.create({ model: MODEL, messages: [], max_tokens: 5 });\n";
    const root = project({ 'llm.js': llm, 'named.js': named, 'whole.js': whole, 'parts.js': parts });
    try {
      const a = await analyzer();
      const host = new WorkspaceImportHost(root);
      for (const [file, text] of [
        ['whole.js', whole],
        ['parts.js', parts],
      ]) {
        const r = a.analyze({ text, language: 'javascript', path: join(root, file), host }, { today: TODAY });
        assert.deepEqual(r.errors, []);
        assert.equal(r.callSites.length, 1, `${file}: the client another module exports through module.exports is found`);
        assert.equal(r.callSites[0].provider, 'groq', `${file}: priced as the endpoint it was made for`);
        assert.equal(r.callSites[0].model.value, 'llama-3.3-70b-versatile');
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('cross-file analysis: CommonJS namespaces, factories and barrels', () => {
  it('llm.client and llm.getClient() of `const llm = require(...)`, and a client re-exported through `module.exports = { client }`', async () => {
    const root = project({
      'lib/openai.js':
        "const OpenAI = require('openai');\nconst client = new OpenAI();\nexports.getClient = () => new OpenAI({ baseURL: 'https://api.groq.com/openai/v1' });\nmodule.exports.client = client;\n",
      'lib/index.js': "const { client } = require('./openai');\nmodule.exports = { client };\n",
    });
    const use =
      "const llm = require('./lib/openai');\nconst barrel = require('./lib/index');\nllm.client.chat.completions.create({ model: 'gpt-4o', messages: [], max_tokens: 5 });\nllm.getClient().chat.completions.create({ model: 'llama-3.3-70b-versatile', messages: [], max_tokens: 5 });\nbarrel.client.chat.completions.create({ model: 'gpt-4o-mini', messages: [], max_tokens: 5 });\n";
    try {
      const a = await analyzer();
      const r = a.analyze({ text: use, language: 'javascript', path: join(root, 'use.js'), host: new WorkspaceImportHost(root) }, { today: TODAY });
      assert.deepEqual(r.errors, []);
      assert.deepEqual(
        r.callSites.map((c) => [c.provider, c.model.value]),
        [
          ['openai', 'gpt-4o'],
          ['groq', 'llama-3.3-70b-versatile'],
          ['openai', 'gpt-4o-mini'],
        ],
      );
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('cross-file analysis: a module is read one name at a time', () => {
  // A TypeScript module's exports are computed as importers ask for each name, and the module stays
  // parsed for the next one (core/imports.ts): what a name is must not depend on what was asked before.
  const files = {
    'src/openai.ts': "import OpenAI from 'openai';\nexport const client = new OpenAI();\n",
    'src/llm.ts':
      "import OpenAI from 'openai';\nexport { client } from './openai';\nexport const SYSTEM = 'You are a careful assistant who answers in one short paragraph.';\n" +
      "export enum Tier { Fast = 'gpt-4.1-mini', Best = 'gpt-5.5' }\nexport function groq() {\n  return new OpenAI({ baseURL: 'https://api.groq.com/openai/v1' });\n}\n" +
      "export class Agent {\n  protected llm = new OpenAI({ baseURL: 'https://api.deepseek.com' });\n}\nexport function unused() {\n  return new OpenAI({ baseURL: 'https://api.x.ai/v1' });\n}\n",
    'src/a.ts':
      "import { groq, SYSTEM } from './llm';\nexport const ask = () => groq().chat.completions.create({ model: 'llama-3.3-70b-versatile', messages: [{ role: 'system', content: SYSTEM }], max_tokens: 5 });\n",
    'src/b.ts':
      "import { Agent } from './llm';\nexport class Coder extends Agent {\n  run() {\n    return this.llm.chat.completions.create({ model: 'deepseek-chat', messages: [], max_tokens: 5 });\n  }\n}\n",
    'src/c.ts':
      "import { client, Tier } from './llm';\nexport const best = () => client.responses.create({ model: Tier.Best, input: 'hi', max_output_tokens: 5 });\n",
  };
  const importers = ['src/a.ts', 'src/b.ts', 'src/c.ts'] as const;

  it('each importer gets the same calls whatever the others asked first, with one analyzer or a new one each', async () => {
    const root = project(files);
    try {
      const host = new WorkspaceImportHost(root);
      const calls = (a: Awaited<ReturnType<typeof analyzer>>, rel: (typeof importers)[number]) => {
        const r = a.analyze({ text: files[rel], language: 'typescript', path: join(root, rel), host }, { today: TODAY });
        assert.deepEqual(r.errors, [], rel);
        assert.ok(r.dependencies?.includes(join(root, 'src/llm.ts')), `${rel}: the module it imports is a dependency, also when already read for another file`);
        if (rel === 'src/c.ts')
          assert.ok(r.dependencies?.includes(join(root, 'src/openai.ts')), 'the module a name is re-exported from is a dependency of the file asking');
        return r.callSites.map((c) => ({ provider: c.provider, model: c.model.value, parts: c.prompt.parts }));
      };
      // A new analyzer has no module read yet (the tests' shared one has).
      const fresh = () => createNodeAnalyzer(undefined, true);
      const alone = Object.fromEntries(await Promise.all(importers.map(async (rel) => [rel, calls(await fresh(), rel)] as const)));
      assert.deepEqual(
        importers.map((rel) => alone[rel].map((c) => [c.provider, c.model])),
        [[['groq', 'llama-3.3-70b-versatile']], [['deepseek', 'deepseek-chat']], [['openai', 'gpt-5.5']]],
      );
      const system = alone['src/a.ts'][0].parts.find((p) => p.where.startsWith('messages[0]'));
      assert.equal(system?.source?.path, join(root, 'src/llm.ts'), 'the prompt constant keeps where it is declared, for its code lens');
      for (const order of [importers, [...importers].reverse(), ['src/b.ts', 'src/a.ts', 'src/c.ts', 'src/a.ts'] as const]) {
        const a = await fresh();
        for (const rel of order) assert.deepEqual(calls(a, rel), alone[rel], `${rel} after ${order.join(', ')}`);
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('a module first reached where the import depth cut it short gives its whole value to a file importing it directly', async () => {
    const chain = {
      'c.ts': "import OpenAI from 'openai';\nexport const client = new OpenAI();\n",
      'a.ts': "import { client } from './c';\nexport const llm = client;\n",
      'm1.ts': "export { llm } from './m2';\n",
      'm2.ts': "export { llm } from './m3';\n",
      'm3.ts': "export { llm } from './a';\n",
      'deep.ts': "import { llm } from './m1';\nexport const f = () => llm.chat.completions.create({ model: 'gpt-4o', messages: [], max_tokens: 5 });\n",
      'near.ts': "import { llm } from './a';\nexport const g = () => llm.chat.completions.create({ model: 'gpt-4o', messages: [], max_tokens: 5 });\n",
    };
    const root = project(chain);
    try {
      const a = await createNodeAnalyzer(undefined, true);
      const host = new WorkspaceImportHost(root);
      const run = (rel: 'deep.ts' | 'near.ts') => a.analyze({ text: chain[rel], language: 'typescript', path: join(root, rel), host }, { today: TODAY });
      // deep.ts reaches a.ts four modules down, where c.ts is past the depth limit: no client there.
      assert.equal(run('deep.ts').callSites.length, 0);
      const near = run('near.ts');
      assert.equal(near.callSites.length, 1, 'a.ts is computed again at its own depth, not from what the deep chain left');
      assert.ok(near.dependencies?.includes(join(root, 'c.ts')));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('a name asked after the module changed on disk is read from the new text', async () => {
    const root = project(files);
    try {
      const a = await analyzer();
      const host = new WorkspaceImportHost(root);
      const model = (rel: 'src/a.ts' | 'src/c.ts') =>
        a.analyze({ text: files[rel], language: 'typescript', path: join(root, rel), host }, { today: TODAY }).callSites[0]?.provider;
      assert.equal(model('src/a.ts'), 'groq');
      writeFileSync(
        join(root, 'src/llm.ts'),
        files['src/llm.ts'].replace('api.groq.com/openai/v1', 'api.deepseek.com').replace("'gpt-5.5'", "'gpt-4o'") + '// changed\n',
      );
      assert.equal(model('src/a.ts'), 'deepseek', 'a name computed before is computed again');
      assert.equal(
        a.analyze({ text: files['src/c.ts'], language: 'typescript', path: join(root, 'src/c.ts'), host }, { today: TODAY }).callSites[0]?.model.value,
        'gpt-4o',
        'a name first asked now is read from the new text, not from the module kept parsed',
      );
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('cross-file analysis: an ES default import is the default export', () => {
  it("`import llm from './llm'` whose default is a plain object does not reach the module's named clients", async () => {
    const root = project({
      'llm.ts': "import OpenAI from 'openai';\nexport const client = new OpenAI();\nconst wrapper = { name: 'x' };\nexport default wrapper;\n",
    });
    try {
      const a = await analyzer();
      const text = "import llm from './llm';\nllm.client.chat.completions.create({ model: 'gpt-4o', messages: [], max_tokens: 5 });\n";
      const r = a.analyze({ text, language: 'typescript', path: join(root, 'a.ts'), host: new WorkspaceImportHost(root) }, { today: TODAY });
      assert.deepEqual(r.callSites, []);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('cross-file analysis: Go packages', () => {
  // As kiali's AI providers are written: the struct and its constructor in one file, the methods
  // calling the SDK in another; package-level clients and model constants in a third.
  const PROVIDER = `package chat

import openai "github.com/openai/openai-go/v3"

type Provider struct {
	client openai.Client
	model  string
}

func NewProvider() *Provider {
	return &Provider{client: openai.NewClient()}
}
`;
  const SHARED = `package chat

import "github.com/anthropics/anthropic-sdk-go"

var claude = anthropic.NewClient()

const summaryModel = "claude-sonnet-4-5"
`;
  const CALLS = `package chat

import (
	"context"

	"github.com/anthropics/anthropic-sdk-go"
	openai "github.com/openai/openai-go/v3"
)

func (p *Provider) Ask(ctx context.Context, q string) {
	p.client.Chat.Completions.New(ctx, openai.ChatCompletionNewParams{Model: openai.ChatModelGPT4o, MaxTokens: openai.Int(256), Messages: []openai.ChatCompletionMessageParamUnion{openai.UserMessage(q)}})
}

func Summarize(ctx context.Context, text string) {
	claude.Messages.New(ctx, anthropic.MessageNewParams{Model: summaryModel, MaxTokens: 512, Messages: []anthropic.MessageParam{anthropic.NewUserMessage(anthropic.NewTextBlock(text))}})
}
`;

  it('a struct field, a client and a constant declared in another file of the package are followed; another folder or a test file is not the package', async () => {
    const root = project({
      'chat/provider.go': PROVIDER,
      'chat/shared.go': SHARED,
      'chat/calls.go': CALLS,
      'chat/fake_test.go': 'package chat\n\nvar other = 1\n',
      'other/shared.go': SHARED,
    });
    try {
      const a = await analyzer();
      const host = new WorkspaceImportHost(root);
      const r = a.analyze({ text: CALLS, language: 'go', path: join(root, 'chat', 'calls.go'), host }, { today: TODAY });
      assert.deepEqual(r.errors, []);
      assert.deepEqual(
        r.callSites.map((c) => [c.sdk, c.operation, c.model.value, c.outputCap?.value]),
        [
          ['openai', 'chat.completions.create', 'gpt-4o', 256],
          ['anthropic', 'messages.create', 'claude-sonnet-4-5', 512],
        ],
      );
      assert.deepEqual(r.dependencies, [join(root, 'chat', 'provider.go'), join(root, 'chat', 'shared.go')]);
      // The same file alone in another folder: its package declares none of these.
      const alone = project({ 'solo/calls.go': CALLS });
      try {
        assert.equal(
          a.analyze({ text: CALLS, language: 'go', path: join(alone, 'solo', 'calls.go'), host: new WorkspaceImportHost(alone) }, { today: TODAY }).callSites
            .length,
          0,
        );
      } finally {
        rmSync(alone, { recursive: true, force: true });
      }
      // A file of the package importing no SDK does not read the others (it has no SDK calls to find).
      const plain = 'package chat\n\nimport "context"\n\nfunc (p *Provider) Reset(ctx context.Context) {\n\tp.client.Chat.Completions.New(ctx, nil)\n}\n';
      const none = a.analyze({ text: plain, language: 'go', path: join(root, 'chat', 'reset.go'), host }, { today: TODAY });
      assert.deepEqual([none.callSites.length, none.dependencies ?? []], [0, []]);
      // A file of the folder declaring another package (`package main` beside the library) is not read.
      const mixed = project({ 'chat/provider.go': PROVIDER, 'chat/shared.go': SHARED.replace('package chat', 'package main'), 'chat/calls.go': CALLS });
      try {
        assert.deepEqual(
          a
            .analyze({ text: CALLS, language: 'go', path: join(mixed, 'chat', 'calls.go'), host: new WorkspaceImportHost(mixed) }, { today: TODAY })
            .callSites.map((c) => c.sdk),
          ['openai'],
        );
      } finally {
        rmSync(mixed, { recursive: true, force: true });
      }
      // A change in the package is seen: the constant moves to another model.
      writeFileSync(join(root, 'chat', 'shared.go'), SHARED.replace('claude-sonnet-4-5', 'claude-haiku-4-5') + '// changed\n');
      assert.equal(
        a.analyze({ text: CALLS, language: 'go', path: join(root, 'chat', 'calls.go'), host }, { today: TODAY }).callSites[1].model.value,
        'claude-haiku-4-5',
      );
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('cross-file analysis: C# partial classes', () => {
  // As ScripturAI writes its AI service: one partial class, a file per member.
  const CLIENT = `using OpenAI.Chat;

namespace App.Services;

public partial class AiService
{
  private readonly ChatClient chatClient = new(model: "gpt-4o-mini", apiKey: Environment.GetEnvironmentVariable("OPENAI_API_KEY"));

  internal ChatClient GetChatClient()
  {
    return chatClient;
  }
}
`;
  const CALLS = `using OpenAI.Chat;

namespace App.Services;

public partial class AiService
{
  public async Task<string> AskAsync(string q)
  {
    var a = await GetChatClient().CompleteChatAsync([new UserChatMessage(q)], new ChatCompletionOptions { MaxOutputTokenCount = 300 });
    var b = await chatClient.CompleteChatAsync([new UserChatMessage(q)], new ChatCompletionOptions { MaxOutputTokenCount = 300 });
    return a.Value.Content[0].Text + b.Value.Content[0].Text;
  }
}

public class Other
{
  public Task Run(string q) => GetChatClient().CompleteChatAsync(q);
}
`;

  it('a field or a method returning a client, in another part of the partial class in the folder, is followed; another class is not that class', async () => {
    const root = project({ 'Services/GetChatClient.cs': CLIENT, 'Services/Ask.cs': CALLS, 'Elsewhere/Ask.cs': CALLS });
    try {
      const a = await analyzer();
      const host = new WorkspaceImportHost(root);
      const r = a.analyze({ text: CALLS, language: 'csharp', path: join(root, 'Services', 'Ask.cs'), host }, { today: TODAY });
      assert.deepEqual(r.errors, []);
      assert.deepEqual(
        r.callSites.map((c) => [c.range.start.line + 1, c.model.value, c.outputCap?.value]),
        [
          [9, 'gpt-4o-mini', 300],
          [10, 'gpt-4o-mini', 300],
        ],
      );
      assert.deepEqual(r.dependencies, [join(root, 'Services', 'GetChatClient.cs')]);
      // In another folder the other part is not there.
      assert.equal(a.analyze({ text: CALLS, language: 'csharp', path: join(root, 'Elsewhere', 'Ask.cs'), host }, { today: TODAY }).callSites.length, 0);
      // A part that imports no OpenAI namespace (ScripturAI's embeddings part) still calls the
      // client another part holds; a ChatClient it makes itself is not OpenAI's (no `using`).
      const plain = `namespace App.Services;

public partial class AiService
{
  private readonly ChatClient own = new ChatClient("gpt-4o", "k");

  public async Task Batch(string q)
  {
    await GetChatClient().CompleteChatAsync(q);
    await own.CompleteChatAsync(q);
  }
}
`;
      const parts = a.analyze({ text: plain, language: 'csharp', path: join(root, 'Services', 'Batch.cs'), host }, { today: TODAY });
      assert.deepEqual(
        parts.callSites.map((c) => [c.range.start.line + 1, c.model.value]),
        [[9, 'gpt-4o-mini']],
      );
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('cross-file analysis: Java classes of the project', () => {
  // As Spring apps keep prompts: a class of constants (goodjob's CaludeFeedbackPrompt.V3), and a
  // holder of a client in a static field, in the same package or imported from another.
  const PROMPTS = `package com.acme.ai;

public class Prompts {
    public static final String FEEDBACK = """
        You review resumes against a job description. Answer in five bullet points.
        """;
    public static final String MODEL = "claude-sonnet-4-5";
}
`;
  const CLIENTS = `package com.acme.config;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;

public class Clients {
    public static final AnthropicClient CLAUDE = AnthropicOkHttpClient.fromEnv();
}
`;
  const CALLS = `package com.acme.ai;

import com.anthropic.models.messages.MessageCreateParams;
import com.acme.config.Clients;

public class Reviewer {
    public String review(String cv) {
        MessageCreateParams params = MessageCreateParams.builder()
            .model(Prompts.MODEL)
            .maxTokens(800L)
            .system(Prompts.FEEDBACK)
            .addUserMessage(cv)
            .build();
        return Clients.CLAUDE.messages().create(params).toString();
    }
}
`;

  it('a constant of a class of the same package and a client held by an imported class are followed, from the source root', async () => {
    const root = project({
      'src/main/java/com/acme/ai/Prompts.java': PROMPTS,
      'src/main/java/com/acme/config/Clients.java': CLIENTS,
      'src/main/java/com/acme/ai/Reviewer.java': CALLS,
    });
    try {
      const a = await analyzer();
      const host = new WorkspaceImportHost(root);
      const path = join(root, 'src/main/java/com/acme/ai/Reviewer.java');
      const r = a.analyze({ text: CALLS, language: 'java', path, host }, { today: TODAY });
      assert.deepEqual(r.errors, []);
      assert.deepEqual(
        r.callSites.map((c) => [c.sdk, c.operation, c.model.value, c.outputCap?.value]),
        [['anthropic', 'messages.create', 'claude-sonnet-4-5', 800]],
      );
      const system = r.callSites[0].prompt.parts.find((p) => p.where === 'system');
      assert.match(system?.text ?? '', /^You review resumes against a job description/);
      assert.deepEqual(
        r.callSites[0].prompt.unknown.map((u) => u.name),
        ['cv'],
      );
      assert.deepEqual(r.dependencies?.sort(), [
        join(root, 'src/main/java/com/acme/ai/Prompts.java'),
        join(root, 'src/main/java/com/acme/config/Clients.java'),
      ]);
      // Without the project's other files: the call is not found (its client is another class's) and nothing is guessed.
      assert.deepEqual(a.analyze({ text: CALLS, language: 'java', path, host: new WorkspaceImportHost(project({})) }, { today: TODAY }).callSites, []);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

const texts = (c: { prompt: { parts: { text: string }[] } }) => c.prompt.parts.map((p) => p.text);

describe('cross-file analysis: Ruby and PHP constants of the project', () => {
  it("Ruby: a module's constants and a client constant, found where Zeitwerk puts them (app/lib, lib) by their constant path", async () => {
    const PROMPTS = `module Prompts
  module Support
    MODEL = "gpt-4o-mini"
    SYSTEM = <<~TXT
      You answer for Acme. Two sentences at most.
    TXT
  end
end
`;
    const LLM = 'require "anthropic"\n\nmodule Llm\n  CLAUDE = Anthropic::Client.new\nend\n';
    const BOT = `require "openai"

class SupportBot
  def initialize
    @client = OpenAI::Client.new
  end

  def answer(q)
    @client.chat.completions.create(model: Prompts::Support::MODEL, max_tokens: 300, messages: [{ role: "system", content: Prompts::Support::SYSTEM }, { role: "user", content: q }])
  end

  def summary(text)
    Llm::CLAUDE.messages.create(model: "claude-haiku-4-5", max_tokens: 200, messages: [{ role: "user", content: text }])
  end
end
`;
    const root = project({ 'app/lib/prompts/support.rb': PROMPTS, 'lib/llm.rb': LLM, 'app/services/support_bot.rb': BOT });
    try {
      const a = await analyzer();
      const r = a.analyze(
        { text: BOT, language: 'ruby', path: join(root, 'app/services/support_bot.rb'), host: new WorkspaceImportHost(root) },
        { today: TODAY },
      );
      assert.deepEqual(r.errors, []);
      assert.deepEqual(
        r.callSites.map((c) => [c.sdk, c.model.value, c.outputCap?.value]),
        [
          ['openai', 'gpt-4o-mini', 300],
          ['anthropic', 'claude-haiku-4-5', 200],
        ],
      );
      assert.deepEqual(texts(r.callSites[0]), ['You answer for Acme. Two sentences at most.\n']);
      assert.deepEqual(r.dependencies?.sort(), [join(root, 'app/lib/prompts/support.rb'), join(root, 'lib/llm.rb')]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it("PHP: a class constant by its use statement, through composer.json's PSR-4 map, and of the same namespace by its folder", async () => {
    const SUPPORT =
      "<?php\nnamespace App\\Prompts;\n\nfinal class Support\n{\n    public const MODEL = 'claude-haiku-4-5';\n    public const SYSTEM = 'You answer for Acme. Two sentences at most.';\n}\n";
    const LIMITS = '<?php\nnamespace App\\Services;\n\nfinal class Limits\n{\n    public const ANSWER = 300;\n}\n';
    const BOT = `<?php
namespace App\\Services;

use Anthropic\\Client;
use App\\Prompts\\Support;

final class Bot
{
    public function __construct(private Client $claude) {}

    public function answer(string $q)
    {
        return $this->claude->messages->create(model: Support::MODEL, maxTokens: Limits::ANSWER, system: Support::SYSTEM, messages: [['role' => 'user', 'content' => $q]]);
    }
}
`;
    const root = project({
      'composer.json': '{"autoload": {"psr-4": {"App\\\\": "src/"}}}',
      'src/Prompts/Support.php': SUPPORT,
      'src/Services/Limits.php': LIMITS,
      'src/Services/Bot.php': BOT,
    });
    try {
      const a = await analyzer();
      const r = a.analyze({ text: BOT, language: 'php', path: join(root, 'src/Services/Bot.php'), host: new WorkspaceImportHost(root) }, { today: TODAY });
      assert.deepEqual(r.errors, []);
      assert.deepEqual(
        r.callSites.map((c) => [c.model.value, c.outputCap?.value]),
        [['claude-haiku-4-5', 300]],
      );
      assert.deepEqual(texts(r.callSites[0]), ['You answer for Acme. Two sentences at most.']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('language server: importers follow their imports', () => {
  let child: ChildProcess;
  let conn: ProtocolConnection;
  let root: string;
  let refreshes = 0;
  const svc = 'from app.llm import claude\n\nmsg = claude.messages.create(model="claude-haiku-4-5", messages=[])\n';
  const llm = 'from anthropic import Anthropic\n\nclaude = Anthropic()\n';
  const SYSTEM = 'You are the billing assistant for Acme. Answer from the invoice only, in two sentences.';
  const prompts = `"""Prompts shared by the app."""\n\nSYSTEM = ${JSON.stringify(SYSTEM)}\n`;
  const ask =
    'from openai import OpenAI\nfrom app.prompts import SYSTEM\n\nclient = OpenAI()\n\n\ndef ask(q):\n    return client.chat.completions.create(model="gpt-4o", max_tokens=300, messages=[{"role": "system", "content": SYSTEM}, {"role": "user", "content": q}])\n';
  const sizedConfig = '{\n  // sizes of what users send\n  "defaults": { "dynamicParts": { "q": 400 } }\n}\n';
  // A model named in one module and re-exported by another, which the importer imports it from.
  const settings = 'MODEL = "claude-haiku-4-5"\n';
  const viaConfig =
    'from anthropic import Anthropic\nfrom app.config import MODEL\n\nclaude = Anthropic()\nmsg = claude.messages.create(model=MODEL, max_tokens=300, messages=[])\n';
  const sized =
    'from openai import OpenAI\n\n\ndef ask(q):\n    return OpenAI().chat.completions.create(model="gpt-4o", max_tokens=300, messages=[{"role": "user", "content": q}])\n';
  const messages: string[] = [];

  before(async () => {
    root = project({
      'app/__init__.py': '',
      'app/llm.py': llm,
      'app/svc.py': svc,
      'app/prompts.py': prompts,
      'app/ask.py': ask,
      'app/settings.py': settings,
      'app/config.py': 'from app.settings import MODEL\n',
      'app/answer.py': viaConfig,
      'sized/costlint.json': sizedConfig,
      'sized/q.py': sized,
    });
    child = spawn(process.execPath, [join(__dirname, '..', 'server', 'out', 'server.js'), '--stdio'], {
      env: { ...process.env, COSTLINT_DEBOUNCE_MS: '20' },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    conn = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    conn.onRequest('workspace/diagnostic/refresh', () => {
      refreshes++;
      return null;
    });
    conn.onNotification('window/logMessage', () => undefined);
    conn.onRequest('window/showMessageRequest', (m: { message: string }) => {
      messages.push(m.message);
      return null;
    });
    conn.listen();
    await initializeFolder(conn, root, { workspace: { diagnostics: { refreshSupport: true } }, textDocument: { diagnostic: { dynamicRegistration: false } } });
  });
  after(() => {
    conn?.dispose();
    child?.kill();
    rmSync(root, { recursive: true, force: true });
  });

  const uri = (rel: string) => pathToFileURL(join(root, rel)).href;
  async function diagnostics(u: string) {
    for (let i = 0; ; i++) {
      try {
        return ((await conn.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: u } })) as FullDocumentDiagnosticReport).items;
      } catch (e) {
        if (i > 20) throw e;
      }
    }
  }
  const settled = (cond: () => boolean) => waitFor(cond, 'the server', { timeoutMs: 2000, stepMs: 10 });
  // The Python files the importer tests open and edit, with the version and text the server has.
  const opened = new Map<string, { version: number; text: string }>();
  /** Sends an edit of an open file: its whole new text. */
  async function edit(rel: string, text: string): Promise<void> {
    const doc = opened.get(rel)!;
    doc.version++;
    doc.text = text;
    await conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: uri(rel), version: doc.version }, contentChanges: [{ text }] });
  }
  /** Opens a Python file of the workspace if no test has yet; open, it is edited back to `text` if a test changed it. */
  async function ensureOpen(rel: string, text: string): Promise<void> {
    const doc = opened.get(rel);
    if (doc) {
      if (doc.text !== text) await edit(rel, text);
      return;
    }
    opened.set(rel, { version: 1, text });
    await conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: uri(rel), languageId: 'python', version: 1, text } });
  }

  it('a client imported from another file is analyzed; editing that file updates the importer', async () => {
    await ensureOpen('app/svc.py', svc);
    const before = await diagnostics(uri('app/svc.py'));
    assert.equal(before.length, 1);
    assert.match(before[0].message as string, /max_tokens/);

    // The client module is opened and edited so that `claude` is no longer an Anthropic client.
    await ensureOpen('app/llm.py', llm);
    const seen = refreshes;
    await edit('app/llm.py', 'claude = object()\n');
    await settled(() => refreshes > seen);
    assert.deepEqual(await diagnostics(uri('app/svc.py')), [], 'the importer was re-analyzed with the edited module');
  });

  it('a model re-exported through another module follows an edit of the module that names it', async () => {
    await ensureOpen('app/answer.py', viaConfig);
    const hover = async () =>
      JSON.stringify(
        (await conn.sendRequest(HoverRequest.type, { textDocument: { uri: uri('app/answer.py') }, position: { line: 4, character: 20 } }))?.contents,
      );
    assert.match(await hover(), /`claude-haiku-4-5`/);
    await ensureOpen('app/settings.py', settings);
    const seen = refreshes;
    await edit('app/settings.py', 'MODEL = "claude-sonnet-4-5"\n');
    await settled(() => refreshes > seen);
    // app/config.py's MODEL was computed from the old text: it is computed again, and the importer says the new model.
    assert.match(await hover(), /`claude-sonnet-4-5`/);
    await edit('app/settings.py', 'MODEL = "claude-opus-4-1"\n');
    await settled(() => refreshes > seen + 1);
    assert.match(await hover(), /`claude-opus-4-1`/, 'still a dependency after the first re-analysis');
  });

  it('a change on disk (watched files) also re-analyzes importers', async () => {
    // The importer and its client module open, the module as on disk (the test above edits it).
    await ensureOpen('app/llm.py', llm);
    await ensureOpen('app/svc.py', svc);
    assert.equal((await diagnostics(uri('app/svc.py'))).length, 1);
    const seen = refreshes;
    await conn.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uri('app/llm.py'), type: FileChangeType.Changed }] });
    await settled(() => refreshes > seen);
  });

  it('notebook cells: analyzed in order as one module, reported per cell, fixed in the cell', async () => {
    const nb = uri('analysis.ipynb');
    const cell = (i: number) => `vscode-notebook-cell:${join(root, 'analysis.ipynb')}#C${i}`;
    const sources = [
      'from openai import OpenAI\nclient = OpenAI()\nMODEL = "gpt-5.5"',
      '# Results',
      'r = client.responses.create(model=MODEL, input="Summarize the run")',
    ];
    await conn.sendNotification(DidOpenNotebookDocumentNotification.type, {
      notebookDocument: {
        uri: nb,
        notebookType: 'jupyter-notebook',
        version: 1,
        cells: sources.map((_, i) => ({ kind: i === 1 ? NotebookCellKind.Markup : NotebookCellKind.Code, document: cell(i) })),
      },
      cellTextDocuments: sources.map((text, i) => ({ uri: cell(i), languageId: i === 1 ? 'markdown' : 'python', version: 1, text })),
    });
    assert.deepEqual(await diagnostics(cell(0)), [], 'the cell that makes the client has no call');
    const d = await diagnostics(cell(2));
    assert.equal(d.length, 1, 'the client from cell 0 is known in cell 2');
    assert.equal(d[0].range.start.line, 0, 'positions are within the cell');
    assert.equal(d[0].code, 'uncapped-output');

    const hover = await conn.sendRequest(HoverRequest.type, { textDocument: { uri: cell(2) }, position: { line: 0, character: 20 } });
    assert.match(JSON.stringify(hover?.contents), /gpt-5\.5/);

    const actions = await conn.sendRequest(CodeActionRequest.type, { textDocument: { uri: cell(2) }, range: d[0].range, context: { diagnostics: d } });
    const edit = (
      actions?.[0] as {
        edit?: { documentChanges?: { textDocument: { uri: string }; edits: { range: { start: { line: number; character: number } }; newText: string }[] }[] };
      }
    )?.edit?.documentChanges?.[0];
    assert.equal(edit?.textDocument.uri, cell(2), 'the fix edits the cell');
    assert.match(edit.edits[0].newText, /max_output_tokens=1024/);

    // Editing cell 0 so that `client` is no longer an SDK client clears cell 2.
    await conn.sendNotification(DidChangeNotebookDocumentNotification.type, {
      notebookDocument: { uri: nb, version: 2 },
      change: { cells: { textContent: [{ document: { uri: cell(0), version: 2 }, changes: [{ text: 'client = object()\nMODEL = "gpt-5.5"' }] }] } },
    });
    assert.deepEqual(await diagnostics(cell(2)), []);
  });

  it('a prompt constant shows its tokens in a code lens where it is declared, for the open files that send it', async () => {
    await conn.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: uri('app/ask.py'), languageId: 'python', version: 1, text: ask },
    });
    await diagnostics(uri('app/ask.py'));
    await conn.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: uri('app/prompts.py'), languageId: 'python', version: 1, text: prompts },
    });
    const lenses = await conn.sendRequest(CodeLensRequest.type, { textDocument: { uri: uri('app/prompts.py') } });
    const n = new Tiktoken(o200k).encode(SYSTEM, [], []).length;
    assert.deepEqual(
      lenses?.map((l) => [l.range.start.line, l.command?.title]),
      [[2, `prompt SYSTEM · ${n} tokens · sent by 1 call`]],
    );
    const hover = await conn.sendRequest(HoverRequest.type, { textDocument: { uri: uri('app/ask.py') }, position: { line: 7, character: 40 } });
    assert.match(JSON.stringify(hover?.contents), /`messages\[0\]\.content` \(`SYSTEM` from `prompts\.py`\)/);
  });

  it('costlint.json: configured sizes reach the hover; a broken file is said once and its fields fall back', async () => {
    const q = uri('sized/q.py');
    await conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: q, languageId: 'python', version: 1, text: sized } });
    await diagnostics(q);
    const hover = JSON.stringify((await conn.sendRequest(HoverRequest.type, { textDocument: { uri: q }, position: { line: 4, character: 40 } }))?.contents);
    assert.match(hover, /400 assumed \(configured\)/);
    assert.match(hover, /`q` assumed 400 tokens \(costlint\.json defaults\.dynamicParts\)/);

    writeFileSync(join(root, 'sized/costlint.json'), '{ "defaults": { "dynamicParts": { "q": "four hundred" } } }\n');
    const seen = refreshes;
    await conn.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uri('sized/costlint.json'), type: FileChangeType.Changed }] });
    await settled(() => refreshes > seen);
    await diagnostics(q);
    // (Other warnings may come first: rate cards older than the allowed age are said at start-up.)
    await settled(() => messages.some((m) => m.includes('problem in costlint.json')));
    assert.match(
      messages.find((m) => m.includes('problem in costlint.json'))!,
      /1 problem in costlint\.json: `defaults\.dynamicParts\.q` must be a number \(line 1\)/,
    );
    const after = JSON.stringify((await conn.sendRequest(HoverRequest.type, { textDocument: { uri: q }, position: { line: 4, character: 40 } }))?.contents);
    assert.match(after, /1 dynamic part not counted/);
  });

  it('code actions: the fix, "Ignore here", "Turn off in costlint.json" (a new file at the root), and source.fixAll.costlint with the safe fixes only', async () => {
    const text =
      'from anthropic import Anthropic\nfrom openai import OpenAI\n\nc = Anthropic()\nc.messages.create(model="claude-haiku-4-5", max_tokens=128000, messages=[])\n\n\ndef reply(q):\n    return OpenAI().responses.create(model="gpt-5.5", input=q)\n';
    const u = uri('app/actions.py');
    await conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: u, languageId: 'python', version: 1, text } });
    const d = await diagnostics(u);
    assert.deepEqual(d.map((x) => x.code).sort(), ['cap-exceeds-model-limit', 'uncapped-output']);
    const uncapped = d.find((x) => x.code === 'uncapped-output')!;
    const actions = (await conn.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: u },
      range: uncapped.range,
      context: { diagnostics: [uncapped] },
    })) as { title: string; kind?: string; edit?: { documentChanges?: unknown[] } }[];
    assert.deepEqual(
      actions.map((a) => a.title),
      ['Add max_output_tokens=1024 (costlint: uncapped-output)', 'Ignore uncapped-output here (costlint)', 'Turn off uncapped-output in costlint.json'],
    );
    const ignore = actions[1].edit!.documentChanges![0] as { edits: { range: { start: { line: number; character: number } }; newText: string }[] };
    assert.deepEqual(ignore.edits[0], {
      range: { start: { line: 8, character: 0 }, end: { line: 8, character: 0 } },
      newText: '    # costlint-ignore uncapped-output\n',
    });
    const off = actions[2].edit!.documentChanges! as [{ kind: string; uri: string }, { edits: { newText: string }[] }];
    assert.deepEqual([off[0].kind, off[0].uri], ['create', uri('costlint.json')]);
    assert.deepEqual(JSON.parse(off[1].edits[0].newText), { rules: { 'uncapped-output': 'off' } });

    const all = (await conn.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: u },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    })) as { kind: string; edit: { documentChanges: { edits: { newText: string }[] }[] } }[];
    assert.deepEqual(
      all.map((a) => a.kind),
      ['source.fixAll.costlint'],
    );
    assert.deepEqual(
      all[0].edit.documentChanges[0].edits.map((e) => e.newText),
      ['64000'],
      'only the safe fix (the uncapped-output fix is unsafe)',
    );
  });

  it('"Turn off in costlint.json" edits the nearest existing file, keeping its comments', async () => {
    writeFileSync(join(root, 'sized/costlint.json'), sizedConfig);
    const text = 'from openai import OpenAI\n\n\ndef ask(q):\n    return OpenAI().responses.create(model="gpt-5.5", input=q)\n';
    const u = uri('sized/uncapped.py');
    await conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: u, languageId: 'python', version: 1, text } });
    const d = await diagnostics(u);
    assert.equal(d.length, 1);
    const actions = (await conn.sendRequest(CodeActionRequest.type, { textDocument: { uri: u }, range: d[0].range, context: { diagnostics: d } })) as {
      title: string;
      edit?: {
        documentChanges?: {
          textDocument: { uri: string };
          edits: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[];
        }[];
      };
    }[];
    const off = actions.find((a) => a.title === 'Turn off uncapped-output in costlint.json');
    assert.ok(off, actions.map((a) => a.title).join(', '));
    const change = off.edit!.documentChanges![0];
    assert.equal(change.textDocument.uri, uri('sized/costlint.json'));
    const edited = applyLspEdits(sizedConfig, change.edits);
    assert.match(edited, /\/\/ sizes of what users send/, 'the comment is kept');
    assert.deepEqual(parseConfig(edited).config, { defaults: { dynamicParts: { q: 400 } }, rules: { 'uncapped-output': 'off' } });
  });

  it('uncached-prefix across files: a second open file sending the same long system prompt makes both report it', async () => {
    const POLICY = 'Refunds are accepted within 30 days with a receipt; store credit after that. '.repeat(120);
    const caller = (fn: string) =>
      `from anthropic import Anthropic\n\nclaude = Anthropic()\nPOLICY = ${JSON.stringify(POLICY)}\n\n\ndef ${fn}(q):\n    return claude.messages.create(model="claude-sonnet-4-5", max_tokens=300, system=POLICY, messages=[{"role": "user", "content": q}])\n`;
    const a = uri('support/refunds.py');
    await conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: a, languageId: 'python', version: 1, text: caller('refund') } });
    assert.deepEqual(
      (await diagnostics(a)).map((d) => d.code),
      [],
      'alone, the prefix is sent once',
    );
    const before = refreshes;
    const b = uri('support/exchanges.py');
    await conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: b, languageId: 'python', version: 1, text: caller('exchange') } });
    const fromB = (await diagnostics(b)).find((d) => d.code === 'uncached-prefix');
    assert.ok(fromB, 'the second file reports the shared prefix');
    assert.match(fromB.message as string, /is also sent by 1 call in support\/refunds\.py, with no cache_control/);
    for (let i = 0; i < 50 && refreshes === before; i++) await new Promise((r) => setTimeout(r, 20));
    assert.ok(refreshes > before, 'the client is asked to pull the first file again');
    const fromA = (await diagnostics(a)).find((d) => d.code === 'uncached-prefix');
    assert.match(fromA?.message as string, /is also sent by 1 call in support\/exchanges\.py/);
  });

  it('costlint.json open in the editor: its problems are diagnostics at their exact place, as typed', async () => {
    const u = uri('costlint.json');
    const text = '{\n  "rules": { "uncaped-output": "off" },\n  "defaults": { "outputCap": -1 }\n}\n';
    await conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: u, languageId: 'jsonc', version: 1, text } });
    const d = await diagnostics(u);
    assert.deepEqual(d.map((x) => [x.range.start.line, x.range.start.character, x.code, x.severity]).sort(), [
      [1, 13, 'config', 1],
      [2, 29, 'config', 1],
    ]);
    assert.match(d.find((x) => x.range.start.line === 1)!.message as string, /^unknown rule `uncaped-output` \(rules: uncapped-output, /);
    await conn.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: u, version: 2 },
      contentChanges: [{ text: '{ "rules": { "uncapped-output": "off" } }\n' }],
    });
    assert.deepEqual(await diagnostics(u), [], 'fixed as typed, before saving');
    // Problems found against the rate cards (a mapping to no model, a missing rate-card file) show there too.
    const priced = '{\n  "models": { "prod-chat": "gpt-4oo" },\n  "rateCards": ["pricing/none.json"]\n}\n';
    await conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: u, version: 3 }, contentChanges: [{ text: priced }] });
    const p = await diagnostics(u);
    assert.deepEqual(p.map((x) => [x.range.start.line, x.range.start.character]).sort(), [
      [1, 27],
      [2, 16],
    ]);
    assert.ok(p.some((x) => /`gpt-4oo` is not in the rate cards \(did you mean `gpt-4o`/.test(x.message as string)));
    await conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: u, version: 4 }, contentChanges: [{ text: '{}\n' }] });
    assert.deepEqual(await diagnostics(u), []);
  });
});
