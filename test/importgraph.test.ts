// The CLI's import-graph prefilter (host/importgraph.ts): a Python, JavaScript or TypeScript file is
// parsed only when it names an SDK, or imports (within the analysis's depth) a module that imports
// one, or has another way in (a raw HTTP post to an API path, a NestJS injection token). It must
// never cost a call site: the reports with and without it are the same.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { languageOfPath } from '../server/src/core/analyze';
import { WorkspaceImportHost } from '../server/src/host/importhost';
import { ImportGraph, importSpecifiers } from '../server/src/host/importgraph';
import { runCli, tempProject } from './helpers';

const FIXTURES = join(__dirname, 'fixtures');
const EXAMPLES = join(__dirname, '..', 'examples');
/** Shapes a review found the graph reading wrong (escaped or continued module names, form feeds, a URL from another module...). */
const GRAPH_CASES = join(__dirname, 'graph-cases');
/** Each rule's fix cases: every SDK shape a fix is written for, in every language. */
const FIX_CASES = join(__dirname, 'fix-cases');

function graphOf(files: Record<string, string>): { dir: string; reach: (file: string) => boolean } {
  const dir = tempProject(files, 'costlint-graph-');
  const host = new WorkspaceImportHost(dir);
  const graph = new ImportGraph(() => host);
  return { dir, reach: (file) => graph.mayReach(join(dir, file), files[file]) };
}

describe('import graph', () => {
  it('reads the imports real files write: relative and absolute Python imports, parenthesized lists, require, dynamic import, re-exports', () => {
    const py =
      'import os, json as j\nfrom .llm import client\nfrom app.services import (\n    chat,\n    embed as e,\n)\nfrom . import prompts\n    import lazy.module\nfrom app.agents import writer, \\\n    editor\nfrom app.tools import (\n    search,  # the web (one)\n    fetch,\n)\n';
    assert.deepEqual(
      importSpecifiers(py, 'python').sort(),
      [
        '.',
        '.llm',
        '.llm.client',
        '.prompts',
        'app.agents',
        'app.agents.editor',
        'app.agents.writer',
        'app.tools',
        'app.tools.fetch',
        'app.tools.search',
        'app.services',
        'app.services.chat',
        'app.services.embed',
        'json',
        'lazy.module',
        'os',
      ].sort(),
    );
    const ts =
      "import OpenAI from 'openai';\nimport type { X } from \"./types\";\nexport * from './llm';\nconst m = require('../lib/model');\nconst lazy = await import('./lazy');\nimport './side-effect';\n";
    assert.deepEqual(importSpecifiers(ts, 'typescript').sort(), ['../lib/model', './lazy', './llm', './side-effect', './types', 'openai'].sort());
    // Statements after `:` and `;`, and words that only end in a keyword (`reimport`, `platform`, `myrequire`).
    const inline =
      'try: from llm import client\nexcept ImportError: import fallback\nimport os; import app.llm as llm\nx = 1; from . import tools\nreimport = None\nplatform import nothing\n';
    assert.deepEqual(importSpecifiers(inline, 'python').sort(), ['.', '.tools', 'app.llm', 'fallback', 'llm', 'llm.client', 'os'].sort());
    const words = "const a = myrequire('nope');\nconst b = platform 'nope2';\nconst c = require ( './spaced' );\nexport { d } from\n  './next-line';\n";
    assert.deepEqual(importSpecifiers(words, 'javascript').sort(), ['./next-line', './spaced']);
  });

  it('passes a file reaching an SDK through its imports, through any chain, and rules out one that reaches none', () => {
    const files: Record<string, string> = {
      'app/__init__.py': '',
      'app/llm.py': 'from openai import OpenAI\nclient = OpenAI()\n',
      'app/facade.py': 'from .llm import client\n',
      'app/service.py': 'from app.facade import client\n\ndef ask(q):\n    return client.responses.create(model="gpt-5.5", input=q)\n',
      'app/plain.py': 'import json\nfrom .util import helper\n\ndef parse(x):\n    return helper(json.loads(x)).create(x)\n',
      'app/util.py': 'def helper(x):\n    return x\n',
      // A chain longer than one file's own reading follows (a1 -> ... -> a6): the analysis keeps what modules export, so a file read later reaches further.
      'try/llm.py': 'from openai import OpenAI\nclient = OpenAI()\n',
      'try/main.py':
        'try: from try.llm import client\nexcept ImportError: client = None\n\ndef go():\n    return client.chat.completions.create(model="gpt-4o", messages=[])\n',
      'try/semi.py': 'import os; from try.llm import client\nclient.chat.completions.create(model="gpt-4o", messages=[])\n',
      'web/tpl.js': "const { client } = require(`./llm`);\nclient.responses.create({ model: 'gpt-5.5', input: 'x' });\n",
      'deep/a1.py': 'from deep.a2 import x\nx.create()\n',
      'deep/a2.py': 'from deep.a3 import x\n',
      'deep/a3.py': 'from deep.a4 import x\n',
      'deep/a4.py': 'from deep.a5 import x\n',
      'deep/a5.py': 'from deep.a6 import x\n',
      'deep/a6.py': 'from anthropic import Anthropic\nx = Anthropic()\n',
      'deep/b1.py': 'from deep.a3 import x\nx.create()\n',
      'web/llm.ts': "import OpenAI from 'openai';\nexport const client = new OpenAI();\n",
      'web/index.ts': "export { client } from './llm';\n",
      'web/route.ts': "import { client } from './index';\nexport const ask = (q: string) => client.responses.create({ model: 'gpt-5.5', input: q });\n",
      'web/other.ts': "import { z } from 'zod';\nimport { sum } from './math';\nexport const parse = (x: string) => z.string().parse(sum(x));\n",
      'web/math.ts': 'export const sum = (x: string) => x;\n',
      'web/raw.ts':
        "export const ask = (q: string) => fetch(`${process.env.BASE}/v1/chat/completions`, { method: 'POST', body: JSON.stringify({ input: q }) }).then((r) => r.json()).then((j) => j.create());\n",
      'web/words.ts': "export const log = (m: string) => console.log('Warnings/messages while parsing', m);\nlog('x').create;\n",
      'web/chat.service.ts':
        "import { Inject } from '@nestjs/common';\nexport class Chat {\n  constructor(@Inject('LLM') private readonly llm: any) {}\n  ask(q: string) { return this.llm.invoke(q); }\n}\n",
      // An SDK module named in a string, not imported: aider's lazy proxy loads litellm by name.
      'app/lazy.py':
        'import importlib\n\n\nclass LazyLiteLLM:\n    def __getattr__(self, name):\n        return getattr(self._load(), name)\n\n    def _load(self):\n        return importlib.import_module("litellm")\n\n\nlitellm = LazyLiteLLM()\nlitellm.completion(model="gpt-4o", messages=[])\n',
      // A prompt loader's package (Genkit's prompt runs start from it like an SDK's).
      'web/flows.ts':
        "import { genkit } from 'genkit';\nconst ai = genkit({ promptDir: 'prompts' });\nexport const run = () => ai.prompt('greeting')({ name: 'x' });\n",
      // SDK names in words, tables and strings, never imported: library code calling `.create(`.
      'lib/_emoji_codes.py':
        'EMOJI = {\n    "fireworks": "\\U0001F386",\n    "sparkler": "\\U0001F387",\n}\n\n\ndef render(table):\n    return table.create(EMOJI)\n',
      'lib/to-json-schema.ts': '// Keeps the output coherent across drafts.\nexport const toJsonSchema = (s: { create(): unknown }) => s.create();\n',
      'lib/locale.js': "const keys = { lt: 'ai', en: 'yes' };\nmodule.exports = (store) => store.create(keys);\n",
      // A module named like an API path (`./messages`) and `requests` in a comment: the analysis reads the posts of a file
      // naming an API path anywhere (the URL may come from elsewhere), so the graph passes it too.
      'lib/connection.js':
        '// Handles requests and notifications.\nconst messages_1 = require("./messages");\nexports.createConnection = (factory) => factory.create(messages_1.Message);\n',
      'web/anthropic.ts':
        "const BASE = 'https://api.anthropic.com';\nexport const ask = (q: string) => fetch(`${BASE}/v1/messages`, { method: 'POST', body: JSON.stringify({ model: 'claude-haiku-4-5', max_tokens: 5, messages: [{ role: 'user', content: q }] }) }).then((r) => r.json()).then((j) => j.create());\n",
    };
    const { dir, reach } = graphOf(files);
    try {
      for (const f of [
        'app/llm.py',
        'app/facade.py',
        'app/service.py',
        'deep/a1.py',
        'deep/b1.py',
        'try/main.py',
        'try/semi.py',
        'web/llm.ts',
        'web/index.ts',
        'web/route.ts',
        'web/tpl.js',
        'web/raw.ts',
        'web/chat.service.ts',
        'app/lazy.py',
        'web/flows.ts',
        'web/anthropic.ts',
        'lib/connection.js',
      ])
        assert.equal(reach(f), true, f);
      for (const f of [
        'app/plain.py',
        'app/util.py',
        'web/other.ts',
        'web/math.ts',
        'web/words.ts',
        'lib/_emoji_codes.py',
        'lib/to-json-schema.ts',
        'lib/locale.js',
      ])
        assert.equal(reach(f), false, f);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("leaves out only candidates that cannot exist: every file an import could be is still tried, in the host's order", () => {
    // Python from a subfolder app (upward), relative and package imports; JavaScript's .js-for-.ts, folder index and tsconfig paths.
    const shapes = tempProject({
      'backend/app/__init__.py': '',
      'backend/app/chat/__init__.py': 'from . import engine\n',
      'backend/app/chat/engine.py': 'import os\nfrom openai import OpenAI\n',
      'backend/app/chat/messaging.py': 'import os, sys\nfrom app.chat.engine import run\nfrom .engine import run as r\nfrom ..chat import engine\nimport app\n',
      'src/pkg/__init__.py': '',
      'src/pkg/llm.py': 'from pkg import tools\n',
      'src/pkg/tools.py': '',
      'tsconfig.json': '{"compilerOptions": {"baseUrl": ".", "paths": {"@/*": ["web/*"]}}}',
      'web/lib/index.ts': "export * from './client.js';\n",
      'web/lib/client.ts': "import OpenAI from 'openai';\nexport const c = new OpenAI();\n",
      'web/app/route.ts':
        "import { c } from '../lib';\nimport { c as d } from '@/lib/client';\nimport x from './missing';\nimport y from '../lib/client.ts';\n",
    });
    const dirs = [
      shapes,
      ...readdirSync(FIXTURES)
        .filter((d) => d.startsWith('workspace-'))
        .map((d) => join(FIXTURES, d)),
    ];
    const isFile = (p: string) => {
      try {
        return statSync(p).isFile();
      } catch {
        return false;
      }
    };
    try {
      let full = 0;
      let gated = 0;
      for (const dir of dirs) {
        const host = new WorkspaceImportHost(dir);
        // As the graph's listings answer: a folder that is not there, or a file, holds nothing.
        const mayHold = (folder: string, name: string) => {
          try {
            return readdirSync(folder).includes(name);
          } catch (e) {
            return !['ENOENT', 'ENOTDIR'].includes((e as NodeJS.ErrnoException).code ?? '');
          }
        };
        for (const file of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
          const language = languageOfPath(file);
          if (!language || !ImportGraph.decides(file)) continue;
          const path = join(dir, file);
          for (const spec of importSpecifiers(readFileSync(path, 'utf8'), language)) {
            const all = host.moduleCandidates(path, spec, language);
            const kept = host.moduleCandidates(path, spec, language, mayHold);
            // In the same order, and every one that exists.
            let at = 0;
            for (const c of kept) {
              const found = all.indexOf(c, at);
              assert.ok(found >= 0, `${file}: ${spec}: ${c} is not in the host's order`);
              at = found + 1;
            }
            assert.deepEqual(kept.filter(isFile), all.filter(isFile), `${file}: ${spec}`);
            full += all.length;
            gated += kept.length;
          }
        }
      }
      // What it is for: most candidates never had a file.
      assert.ok(gated * 3 < full, `${gated} of ${full} candidates kept`);
    } finally {
      rmSync(shapes, { recursive: true, force: true });
    }
  });

  it(
    'the report is the same with it and without it: every fixture folder, the examples, the fix cases and a repository of real shapes',
    { timeout: 480_000 },
    () => {
      const dirs = [FIXTURES, EXAMPLES, FIX_CASES, GRAPH_CASES]
        .flatMap((root) => readdirSync(root).map((d) => join(root, d)))
        .filter((d) => statSync(d).isDirectory());
      // Application shapes beside library code that calls `.create(` and `.parse(` on everything: the library
      // is ruled out, the application's calls all stay.
      const real = tempProject({
        'app/__init__.py': '',
        'app/clients.py': 'from openai import AsyncOpenAI\n\nclient = AsyncOpenAI()\n',
        'app/agents/__init__.py': '',
        'app/agents/writer.py':
          'from app.clients import client\n\n\nasync def write(topic):\n    return await client.chat.completions.create(model="gpt-4o-mini", max_tokens=400, messages=[{"role": "user", "content": topic}])\n',
        'lib/schema.py':
          'import re\n\n\nclass Schema:\n    def create(self, **kw):\n        return dict(kw)\n\n    def parse(self, text):\n        return re.split(",", text)\n\n\ndef build(s):\n    return Schema().create(name=s).parse(s)\n',
        'web/lib/ai.ts': "import Anthropic from '@anthropic-ai/sdk';\nexport const anthropic = new Anthropic();\n",
        'web/app/api/chat/route.ts':
          "import { anthropic } from '../../../lib/ai';\nexport async function POST(req: Request) {\n  const { q } = await req.json();\n  return anthropic.messages.create({ model: 'claude-haiku-4-5', max_tokens: 300, messages: [{ role: 'user', content: q }] });\n}\n",
        // An import of the workspace root's index (`..`), a file with old Mac line endings, one with a byte-order mark.
        'index.ts': "import OpenAI from 'openai';\nexport const root = new OpenAI();\n",
        'web/rooted.ts':
          "import { root } from '..';\nexport const ask = () => root.chat.completions.create({ model: 'gpt-4o-mini', max_tokens: 5, messages: [] });\n",
        'app/old_mac.py':
          'x = 1\rfrom app.clients import client\rdef f():\r    return client.chat.completions.create(model="gpt-4o-mini", max_tokens=5, messages=[])\r',
        'app/bom.py':
          '\uFEFFfrom app.clients import client\n\n\ndef g():\n    return client.chat.completions.create(model="gpt-4o-mini", max_tokens=5, messages=[])\n',
        'web/lib/store.ts':
          "import { create } from 'zustand';\nexport const useStore = create(() => ({ n: 0 }));\nexport const parse = (s: string) => JSON.parse(s).create();\n",
        // Ways in a review found the graph's reading of the text missed (each a call lost with the graph on):
        // `import(` with no space; a lazy proxy imported from its module; Prompty run by name; a comment
        // before a dynamic import's or a require's module; an API URL with a trailing slash.
        'app/nospace.py':
          'from openai import(OpenAI)\n\nclient = OpenAI()\nr = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "hi"}], max_tokens=100)\n',
        'proxy/__init__.py': '',
        'proxy/llm.py':
          'import importlib\n\n\nclass LazyLiteLLM:\n    _lazy_module = None\n\n    def __getattr__(self, name):\n        if name == "_lazy_module":\n            return super()\n        self._load_litellm()\n        return getattr(self._lazy_module, name)\n\n    def _load_litellm(self):\n        if self._lazy_module is not None:\n            return\n        self._lazy_module = importlib.import_module("litellm")\n\n\nlitellm = LazyLiteLLM()\n',
        'proxy/models.py':
          'from proxy.llm import litellm\n\n\ndef ask(q):\n    return litellm.completion(model="gpt-4o", messages=[{"role": "user", "content": q}], max_tokens=100)\n',
        'prompts/test_support.py':
          'import pytest\n\nprompty = pytest.importorskip("prompty")\n\n\ndef test_support():\n    out = prompty.execute("support.prompty", inputs={"question": "hi"})\n    assert out\n',
        'prompts/support.prompty':
          '---\nname: Support\nmodel:\n  api: chat\n  configuration:\n    type: openai\n    model: gpt-4o\n  parameters:\n    max_tokens: 200\n---\nsystem:\nYou are a helpful assistant.\n\nuser:\n{{question}}\n',
        'web/chunked.ts':
          "export async function ask(q: string) {\n  const { default: OpenAI } = await import(/* webpackChunkName: \"openai\" */ 'openai');\n  const client = new OpenAI();\n  return client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: q }], max_tokens: 100 });\n}\n",
        'web/commented.js':
          "const mod = require(/* sdk */ 'openai');\nconst client = new mod.OpenAI();\nasync function ask(q) {\n  return client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: q }], max_tokens: 100 });\n}\nmodule.exports = { ask };\n",
        'app/slash.py':
          'import requests\n\nURL = "https://api.openai.com/v1/chat/completions/"\n\n\ndef ask(q):\n    return requests.post(URL, json={"model": "gpt-4o", "messages": [{"role": "user", "content": q}], "max_tokens": 100})\n',
        'web/slash.js':
          "const axios = require('axios');\nconst OPENAI_CHAT = 'https://api.openai.com/v1/chat/completions/';\nasync function ask(q) {\n  return axios.post(OPENAI_CHAT, { model: 'gpt-4o', messages: [{ role: 'user', content: q }], max_tokens: 100 });\n}\nmodule.exports = { ask };\n",
      });
      const copy = mkdtempSync(join(tmpdir(), 'costlint-graph-ws-'));
      try {
        for (const d of [...dirs, real]) {
          const at = join(copy, d.split(/[\\/]/).pop()!);
          cpSync(d, at, { recursive: true });
          const args = ['lint', '.', '--format', 'json', '--fail-on', 'none', '--as-of', '2026-12-01'];
          const withGraph = runCli(at, args);
          const without = runCli(at, args, { COSTLINT_IMPORT_GRAPH: '0' });
          // The budgets fixture exits 1 (its budget gates): whatever the code, the same.
          assert.ok(withGraph.code === 0 || withGraph.code === 1, withGraph.stderr);
          assert.equal(withGraph.code, without.code, d);
          assert.equal(withGraph.stdout, without.stdout, d);
          // Not vacuous: each graph case's call is found (ts-comment-lines has none; the form-feed case has two files).
          if (d.startsWith(GRAPH_CASES)) {
            const expected = d.endsWith('ts-comment-lines') ? 0 : d.endsWith('py-form-feeds') ? 2 : 1;
            assert.equal(JSON.parse(withGraph.stdout).callSites.length, expected, d);
          }
          if (d === real)
            assert.deepEqual(
              JSON.parse(withGraph.stdout)
                .callSites.map((c: { file: string }) => c.file)
                .sort(),
              [
                'app/agents/writer.py',
                'app/bom.py',
                'app/nospace.py',
                'app/old_mac.py',
                'app/slash.py',
                'prompts/support.prompty',
                'prompts/test_support.py',
                'proxy/models.py',
                'web/app/api/chat/route.ts',
                'web/chunked.ts',
                'web/commented.js',
                'web/rooted.ts',
                'web/slash.js',
              ],
            );
        }
      } finally {
        rmSync(copy, { recursive: true, force: true });
        rmSync(real, { recursive: true, force: true });
      }
    },
  );
});
