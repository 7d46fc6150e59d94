// Measured usage: OpenTelemetry spans and the providers' usage exports imported, matched to the
// call sites, stored in costlint.usage.json and shown beside every estimate. The exports in
// test/data/usage/ have the shapes the instrumentations write (see its README.md).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { before, describe, it } from 'node:test';
import Ajv from 'ajv';
import { main } from '../server/src/cli';
import { readSpan } from '../server/src/core/measured/otel';
import { measuredFor } from '../server/src/core/measured/apply';
import { spanCost } from '../server/src/core/measured/aggregate';
import { measuredText } from '../server/src/cli/report';
import type { CallSite } from '../server/src/core/types';
import { kindOfOperation, providerOf } from '../server/src/core/measured/match';
import { CodeOwners } from '../server/src/core/owners';
import { codeLensTitle, hoverMarkdown } from '../server/src/hover';
import { reportHtml } from '../client/src/report-page';
import { summarize } from '../server/src/protocol';
import { createNodeAnalyzer, projectSettings } from '../server/src/host/node';
import { USAGE_SCHEMA_PATH, usageSchemaText } from '../scripts/schema';
import { tempProject } from './helpers';

const DATA = join(__dirname, 'data', 'usage');
const AS_OF = '2026-12-01';

const BOT_PY = `from openai import OpenAI

client = OpenAI()

SYSTEM = "You are the support assistant of ACME. Answer in two sentences."


class ChatService:
    def reply(self, question: str) -> str:
        r = client.chat.completions.create(
            model="gpt-4o-mini",
            messages=[{"role": "system", "content": SYSTEM}, {"role": "user", "content": question}],
            max_tokens=1024,
        )
        return r.choices[0].message.content


def summarize(text: str) -> str:
    r = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "Summarize: " + text}])
    return r.choices[0].message.content
`;
const TRIAGE_PY = `import anthropic

claude = anthropic.Anthropic()

RULES = "Classify the ticket as billing, bug or other. Reply with one word."


def classify(ticket: str) -> str:
    msg = claude.messages.create(
        model="claude-haiku-4-5",
        max_tokens=300,
        system=RULES,
        messages=[{"role": "user", "content": ticket}],
    )
    return msg.content[0].text


def route(ticket: str, team: str) -> str:
    msg = claude.messages.create(
        model="claude-haiku-4-5",
        max_tokens=200,
        messages=[{"role": "user", "content": f"Which person in {team} should take: {ticket}"}],
    )
    return msg.content[0].text
`;
const API_TS = `import OpenAI from 'openai';

const openai = new OpenAI();

export async function answer(question: string): Promise<string> {
  const r = await openai.chat.completions.create({
    model: 'gpt-4.1-mini',
    max_tokens: 500,
    messages: [{ role: 'system', content: 'Answer from the docs.' }, { role: 'user', content: question }],
  });
  return r.choices[0].message.content ?? '';
}
`;
const APP = { 'app/bot.py': BOT_PY, 'app/triage.py': TRIAGE_PY, 'web/api.ts': API_TS };

/** The CLI in this process: exit code, stdout, stderr. A command error comes back as its message, as the command line prints it. */
async function cli(cwd: string, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  try {
    const code = await main([...args, '--as-of', AS_OF], cwd, {
      write: (t) => {
        out += t;
        return Promise.resolve();
      },
      error: (t) => void (err += t),
    });
    return { code, out, err };
  } catch (e) {
    return { code: 2, out, err: err + (e as Error).message };
  }
}

const lintJson = async (dir: string) => {
  const r = await cli(dir, 'lint', '--format', 'json', '--fail-on', 'none');
  return JSON.parse(r.out) as {
    callSites: {
      id: string;
      measured?: Record<string, unknown> & { calls: number; callsPerMonth: number; monthlyUsd: number | null; drift: string[]; staleDays?: number };
      usage?: { callsPerMonth: number; source?: string };
      monthly?: { usd: number; source?: string };
      feature?: string;
      owners?: string[];
    }[];
    totals: Record<string, unknown>;
    measuredModels?: Record<string, unknown>[];
  };
};
const site = (j: Awaited<ReturnType<typeof lintJson>>, id: string) => j.callSites.find((c) => c.id === id)!;

describe('reading OTLP/JSON spans', () => {
  const attr = (key: string, value: object) => ({ key, value });
  it('reads every attribute form and both generations of the GenAI names the same way', () => {
    const current = readSpan({
      spanId: 'ab',
      parentSpanId: '',
      attributes: [
        attr('gen_ai.provider.name', { stringValue: 'openai' }),
        attr('gen_ai.operation.name', { stringValue: 'chat' }),
        attr('gen_ai.request.model', { stringValue: 'gpt-4o' }),
        attr('gen_ai.usage.input_tokens', { intValue: '1200' }),
        attr('gen_ai.usage.output_tokens', { intValue: 80 }),
        attr('gen_ai.usage.cache_read.input_tokens', { doubleValue: 1024 }),
        attr('code.file.path', { stringValue: 'app/x.py' }),
        attr('code.line.number', { intValue: 7 }),
        attr('code.function.name', { stringValue: 'f' }),
      ],
    });
    const older = readSpan({
      spanId: 'ab',
      attributes: [
        attr('gen_ai.system', { stringValue: 'openai' }),
        attr('llm.request.type', { stringValue: 'chat' }),
        attr('gen_ai.request.model', { stringValue: 'gpt-4o' }),
        attr('gen_ai.usage.prompt_tokens', { intValue: 1200 }),
        attr('gen_ai.usage.completion_tokens', { intValue: '80' }),
        attr('gen_ai.usage.cache_read_input_tokens', { intValue: '1024' }),
        attr('code.filepath', { stringValue: 'app/x.py' }),
        attr('code.lineno', { intValue: '7' }),
        attr('code.function', { stringValue: 'f' }),
      ],
    });
    assert.equal(current.kind, 'model');
    assert.equal(older.kind, 'model');
    const pick = (r: typeof current) =>
      r.kind === 'model' && {
        p: r.span.provider,
        m: r.span.requestModel,
        i: r.span.inputTokens,
        o: r.span.outputTokens,
        c: r.span.cacheReadTokens,
        f: r.span.file,
        l: r.span.line,
        fn: r.span.function,
        parent: r.span.parentSpanId,
      };
    assert.deepEqual(pick(current), { p: 'openai', m: 'gpt-4o', i: 1200, o: 80, c: 1024, f: 'app/x.py', l: 7, fn: 'f', parent: null });
    assert.deepEqual(pick(older), pick(current));
  });

  it("the Vercel AI SDK's own spans: the model, provider and usage under ai.*, the team's functionId as the function", () => {
    const outer = readSpan({
      spanId: 'o1',
      attributes: [
        attr('ai.operationId', { stringValue: 'ai.generateText' }),
        attr('ai.model.id', { stringValue: 'gpt-4o-mini' }),
        attr('ai.model.provider', { stringValue: 'openai.chat' }),
        attr('ai.usage.promptTokens', { intValue: '420' }),
        attr('ai.usage.completionTokens', { intValue: '37' }),
        attr('ai.telemetry.functionId', { stringValue: 'answer' }),
      ],
    });
    assert.ok(outer.kind === 'model');
    assert.deepEqual(
      [outer.span.requestModel, providerOf(outer.span.provider), outer.span.inputTokens, outer.span.outputTokens, outer.span.function],
      ['gpt-4o-mini', 'openai', 420, 37, 'answer'],
    );
    const embed = readSpan({
      spanId: 'o2',
      attributes: [attr('ai.operationId', { stringValue: 'ai.embed.doEmbed' }), attr('ai.model.id', { stringValue: 'text-embedding-3-small' })],
    });
    assert.ok(embed.kind === 'model' && kindOfOperation(embed.span.operation) === 'embeddings');
  });

  it("the AI SDK's tool-call spans are not model calls", () => {
    assert.equal(
      readSpan({
        spanId: 't1',
        attributes: [
          attr('ai.operationId', { stringValue: 'ai.toolCall' }),
          attr('ai.telemetry.functionId', { stringValue: 'answer' }),
          attr('ai.toolCall.name', { stringValue: 'search' }),
        ],
      }).kind,
      'context',
    );
    assert.equal(
      readSpan({
        spanId: 't2',
        attributes: [attr('ai.operationId', { stringValue: 'ai.streamText.doStream' }), attr('ai.model.id', { stringValue: 'gpt-4o' })],
      }).kind,
      'model',
    );
  });

  it('a tool or agent span is not a model call; a span naming a function is context for its children', () => {
    assert.equal(readSpan({ spanId: 'a1', attributes: [attr('gen_ai.operation.name', { stringValue: 'execute_tool' })] }).kind, 'other');
    assert.equal(
      readSpan({
        spanId: 'a1',
        attributes: [attr('gen_ai.operation.name', { stringValue: 'invoke_agent' }), attr('gen_ai.usage.input_tokens', { intValue: '9' })],
      }).kind,
      'other',
    );
    assert.deepEqual(readSpan({ traceId: 't1', spanId: 'a2', attributes: [attr('code.function.name', { stringValue: 'svc.reply' })] }), {
      kind: 'context',
      span: { traceId: 't1', spanId: 'a2', function: 'svc.reply', callSite: null },
    });
  });
});

describe('costlint usage import --from otel', () => {
  let dir: string;
  before(() => {
    dir = tempProject(APP, 'costlint-usage-');
  });

  it("OpenTelemetry Python (openai-v2, JSON Lines): matched through the parent span's function; a model the code does not name is reported, grouped, with what would match it", async () => {
    const r = await cli(dir, 'usage', 'import', join(DATA, 'otel-python-openai-v2.jsonl'), '--format', 'json');
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out);
    assert.equal(j.modelCalls, 65);
    assert.equal(j.matched, 60);
    const reply = j.callSites['app/bot.py::ChatService.reply::chat.completions.create'];
    assert.deepEqual(reply.matchedBy, { function: 60 });
    assert.equal(reply.calls, 60);
    assert.deepEqual(reply.models, { 'gpt-4o-mini-2024-07-18': 60 });
    assert.ok(
      reply.inputTokens.p50 >= 900 && reply.inputTokens.p95 <= 4200 && reply.inputTokens.p50 < reply.inputTokens.p95,
      JSON.stringify(reply.inputTokens),
    );
    assert.ok(reply.costUsd.p50 > 0);
    assert.deepEqual(
      j.unmatched.map((g: { calls: number; reason: string }) => [g.calls, g.reason]),
      [[5, 'no call site here calls text-embedding-3-large embeddings (openai)']],
    );
    assert.doesNotMatch(r.out, /CONFIDENTIAL/, 'no prompt content is read');
  });

  it('OpenTelemetry JS (intValue as numbers): code locations under a deployment prefix, with the current and the older code.* names', async () => {
    const j = JSON.parse((await cli(dir, 'usage', 'import', join(DATA, 'otel-js-openai.json'), '--format', 'json')).out);
    const s = j.callSites['web/api.ts::answer::chat.completions.create'];
    assert.deepEqual(s.matchedBy, { location: 24 });
    // A third of the calls read 512 of their 600-1,520 input tokens from the cache.
    assert.ok(s.cacheReadShare > 0.2 && s.cacheReadShare < 0.4, String(s.cacheReadShare));
  });

  it('OpenLLMetry: costlint.call_site on the parent task span; a capitalised gen_ai.system and the old token names', async () => {
    const j = JSON.parse((await cli(dir, 'usage', 'import', join(DATA, 'otel-openllmetry.json'), '--format', 'json')).out);
    assert.deepEqual(Object.keys(j.callSites), ['app/triage.py::classify::messages.create']);
    assert.deepEqual(j.callSites['app/triage.py::classify::messages.create'].matchedBy, { 'call-site-id': 12 });
    assert.equal(j.spans, 36);
    assert.equal(j.modelCalls, 12, 'workflow and task spans are not model calls');
  });

  it('OpenLIT: an agent span summing its model calls is not counted twice; its Anthropic input tokens get the cached ones added', async () => {
    const j = JSON.parse((await cli(dir, 'usage', 'import', join(DATA, 'otel-openlit.json'), '--format', 'json')).out);
    assert.equal(j.modelCalls, 16);
    const route = j.callSites['app/triage.py::route::messages.create'];
    assert.equal(route.calls, 16);
    assert.deepEqual(route.matchedBy, { location: 16 });
    assert.equal(route.inputTokens.p50, 500 + 2048);
    assert.equal(route.cacheReadShare, Math.round((2048 / 2548) * 1e4) / 1e4);
  });

  it('calls of a model two call sites use, with no location: not guessed, reported with the ids to name', async () => {
    const p = tempProject({ 'app/triage.py': TRIAGE_PY }, 'costlint-usage-');
    const spans = [0, 1, 2].map((i) => ({
      spanId: `00000000000000a${i}`,
      startTimeUnixNano: String(1793491200n * 1000000000n + BigInt(i) * 7200000000000n),
      endTimeUnixNano: String(1793491200n * 1000000000n + BigInt(i) * 7200000000000n + 1000000000n),
      attributes: [
        { key: 'gen_ai.provider.name', value: { stringValue: 'anthropic' } },
        { key: 'gen_ai.operation.name', value: { stringValue: 'chat' } },
        { key: 'gen_ai.request.model', value: { stringValue: 'claude-haiku-4-5' } },
        { key: 'gen_ai.usage.input_tokens', value: { intValue: '900' } },
      ],
    }));
    writeFileSync(join(p, 'spans.json'), JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans }] }] }));
    const r = await cli(p, 'usage', 'import', 'spans.json');
    assert.match(r.out, /Matched 0 of 3 calls/);
    assert.match(
      r.out,
      /3 calls: 2 call sites call claude-haiku-4-5 chat\.\n {4}To match them: add code\.\* attributes .*app\/triage\.py::classify::messages\.create, app\/triage\.py::route::messages\.create/,
    );
  });

  it('an export from before OTLP 0.19 (instrumentationLibrarySpans) is read; calls within a minute are not scaled to a month without --period-days', async () => {
    const p = tempProject(APP, 'costlint-usage-');
    const r = await cli(p, 'usage', 'import', join(DATA, 'otel-legacy-instrumentation-library.json'), '--write');
    assert.match(r.err, /span 0 minutes: too short to scale to a month; give --period-days/);
    assert.ok(!existsSync(join(p, 'costlint.usage.json')));
    const ok = await cli(p, 'usage', 'import', join(DATA, 'otel-legacy-instrumentation-library.json'), '--write', '--period-days', '30');
    assert.equal(ok.code, 0, ok.err);
    const s = site(await lintJson(p), 'app/bot.py::summarize::chat.completions.create');
    assert.equal(s.measured!.calls, 1);
    assert.equal(s.measured!.callsPerMonth, 1);
  });

  it('a malformed export: a clear error with its place, and nothing written', async () => {
    const p = tempProject(
      {
        ...APP,
        'cut.jsonl': readFileSync(join(DATA, 'otel-python-openai-v2.jsonl'), 'utf8').slice(0, 5000),
        'bad.json': '{"resourceSpans": [\n  {"scopeSpans": [ {"spans": [ {"spanId": "1"} ,, ]} ]}\n]}',
      },
      'costlint-usage-',
    );
    await cli(p, 'usage', 'import', join(DATA, 'otel-js-openai.json'), '--write');
    const stored = readFileSync(join(p, 'costlint.usage.json'), 'utf8');
    const bad = await cli(p, 'usage', 'import', 'bad.json', '--write');
    assert.equal(bad.code, 2);
    assert.match(bad.err, /bad\.json:2:49: not valid JSON \(Unexpected COMMA .*\): nothing imported/);
    const cut = await cli(p, 'usage', 'import', join(DATA, 'otel-js-openai.json'), 'cut.jsonl', '--write');
    assert.match(cut.err, /cut\.jsonl:1:5001: the file ends in the middle of a value \(cut off\?\): nothing imported/);
    assert.equal(readFileSync(join(p, 'costlint.usage.json'), 'utf8'), stored, 'the earlier import is kept as it was');
    writeFileSync(join(p, 'empty.json'), '\n');
    assert.match((await cli(p, 'usage', 'import', 'empty.json', '--from', 'otel')).err, /empty\.json: empty: no JSON document/);
    assert.match((await cli(p, 'usage', 'import', 'bad.json')).err, /bad\.json/);
  });

  it('a 100 MB export is streamed: the import runs in a heap smaller than the file', () => {
    const p = tempProject(APP, 'costlint-usage-big-');
    const file = join(p, 'big.json');
    const fd = openSync(file, 'w');
    writeSync(fd, '{"resourceSpans":[{"resource":{"attributes":[]},"scopeSpans":[{"scope":{"name":"x"},"spans":[');
    // Small spans, the most a file of this size holds (memory grows with spans, not bytes); every
    // 50th has content capture on, its prompt (2 KB) never kept.
    const content = JSON.stringify('CONFIDENTIAL '.repeat(160));
    let size = 0;
    let n = 0;
    const t0 = 1793491200n * 1000000000n;
    while (size < 100 * 1024 * 1024) {
      const start = t0 + BigInt(n) * 60000000000n;
      const s = `${n ? ',' : ''}{"traceId":"${'a'.repeat(32)}","spanId":"${(n + 1).toString(16).padStart(16, '0')}","name":"chat gpt-4o-mini","startTimeUnixNano":"${start}","endTimeUnixNano":"${start + 500000000n}","attributes":[{"key":"gen_ai.operation.name","value":{"stringValue":"chat"}},{"key":"gen_ai.system","value":{"stringValue":"openai"}},{"key":"gen_ai.request.model","value":{"stringValue":"gpt-4o-mini"}},{"key":"gen_ai.usage.input_tokens","value":{"intValue":"${1000 + (n % 500)}"}},{"key":"gen_ai.usage.output_tokens","value":{"intValue":"200"}},{"key":"code.function.name","value":{"stringValue":"app.bot.ChatService.reply"}}${n % 50 ? '' : `,{"key":"gen_ai.input.messages","value":{"stringValue":${content}}}`}]}`;
      writeSync(fd, s);
      size += s.length;
      n++;
    }
    writeSync(fd, ']}]}]}');
    closeSync(fd);
    const heapMb = 64;
    assert.ok(size > 1.5 * heapMb * 1024 * 1024, 'the file is larger than the heap: reading it whole could not work');
    const r = spawnSync(
      process.execPath,
      [`--max-old-space-size=${heapMb}`, join(__dirname, '..', 'server', 'out', 'cli.js'), 'usage', 'import', 'big.json', '--write', '--as-of', AS_OF],
      { cwd: p, encoding: 'utf8' },
    );
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`Matched ${n.toLocaleString('en-US')} of ${n.toLocaleString('en-US')} calls to 1 call site`));
    const stored = readFileSync(join(p, 'costlint.usage.json'), 'utf8');
    assert.doesNotMatch(stored, /CONFIDENTIAL/);
    assert.equal(JSON.parse(stored).spans.callSites['app/bot.py::ChatService.reply::chat.completions.create'].calls, n);
  });
});

/** An OTLP/JSON document of spans given as [spanId, parentSpanId, attributes (numbers become intValue strings), start hour]. */
function otlp(spans: [string, string | null, Record<string, string | number>, number?][], traceId = 'a1b2'): string {
  const t0 = 1793491200n * 1000000000n;
  return JSON.stringify({
    resourceSpans: [
      {
        resource: { attributes: [] },
        scopeSpans: [
          {
            spans: spans.map(([id, parent, attrs, hour = 0]) => ({
              traceId,
              spanId: id,
              parentSpanId: parent ?? '',
              startTimeUnixNano: String(t0 + BigInt(hour) * 3600000000000n),
              endTimeUnixNano: String(t0 + BigInt(hour) * 3600000000000n + 1000000000n),
              attributes: Object.entries(attrs).map(([key, v]) => ({ key, value: typeof v === 'number' ? { intValue: String(v) } : { stringValue: v } })),
            })),
          },
        ],
      },
    ],
  });
}
const chat = (model: string, input = 1000, output = 100, provider = 'openai') => ({
  'gen_ai.operation.name': 'chat',
  'gen_ai.provider.name': provider,
  'gen_ai.request.model': model,
  'gen_ai.usage.input_tokens': input,
  'gen_ai.usage.output_tokens': output,
});

describe('matching and counting: the cases a review found', () => {
  const importJson = async (spans: string, ...flags: string[]) => {
    const p = tempProject({ ...APP, 'spans.json': spans }, 'costlint-usage-');
    const r = await cli(p, 'usage', 'import', 'spans.json', '--format', 'json', '--period-days', '30', ...flags);
    assert.equal(r.code, 0, r.err);
    return JSON.parse(r.out) as {
      callSites: Record<
        string,
        { calls: number; matchedBy: object; models: object; inputTokens: { p50: number; p95: number }; unpriced: number; costUsd: { p50: number } | null }
      >;
      unmatched: { calls: number; reason: string }[];
      modelCalls: number;
      enclosing: number;
      duplicates: number;
    };
  };

  it("a parent's function holds only the calls it can make: an embedding and another provider's call under it are not its chat call", async () => {
    const j = await importJson(
      otlp([
        ['f1', null, { 'code.function.name': 'ChatService.reply' }],
        [
          'e1',
          'f1',
          {
            'gen_ai.operation.name': 'embeddings',
            'gen_ai.provider.name': 'openai',
            'gen_ai.request.model': 'text-embedding-3-small',
            'gen_ai.usage.input_tokens': 300,
          },
        ],
        ['c1', 'f1', chat('gpt-4o-mini')],
        ['a1', 'f1', chat('claude-sonnet-4-5', 8000, 100, 'anthropic')],
      ]),
    );
    assert.deepEqual(j.callSites['app/bot.py::ChatService.reply::chat.completions.create'].models, { 'gpt-4o-mini': 1 });
    assert.equal(
      j.unmatched.reduce((n, g) => n + g.calls, 0),
      2,
    );
  });

  it("a qualified function name holds only in the module it names: another service's `summarize` is not this one's", async () => {
    const j = await importJson(otlp([['s1', null, { ...chat('gpt-4o'), 'code.function.name': 'billing.invoices.summarize' }]]));
    assert.deepEqual(j.callSites, {});
    const k = await importJson(otlp([['s1', null, { ...chat('gpt-4o'), 'code.function.name': 'app.bot.summarize' }]]));
    assert.deepEqual(Object.keys(k.callSites), ['app/bot.py::summarize::chat.completions.create']);
  });

  it("a code location in a file this project does not have is another service's call, never attributed here", async () => {
    const j = await importJson(otlp([['x1', null, { ...chat('gpt-4o'), 'code.file.path': '/srv/lib/otherapp/worker.py', 'code.line.number': 12 }]]));
    assert.deepEqual(j.callSites, {});
    assert.match(j.unmatched[0].reason, /its code location \/srv\/lib\/otherapp\/worker.py is not a file of this project/);
  });

  it("each call counted once: the same spans exported twice, a span around the SDK's (with or without its own counts)", async () => {
    // A span with no id among them (it is counted, and breaks no lookup).
    const twice = otlp([
      ['c1', null, chat('gpt-4o-mini')],
      ['', null, chat('gpt-4o-mini')],
      ['c1', null, chat('gpt-4o-mini')],
      ['c2', null, chat('gpt-4o-mini')],
      ['c2', null, chat('gpt-4o-mini')],
    ]);
    const j = await importJson(twice);
    assert.equal(j.callSites['app/bot.py::ChatService.reply::chat.completions.create'].calls, 3);
    assert.equal(j.duplicates, 2);
    // Three levels, exported as spans end (the innermost first): the counts come down to the call.
    const chain = await importJson(
      otlp([
        ['k1', 'k2', { 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': 'gpt-4o-mini' }],
        ['k2', 'k3', { 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': 'gpt-4o-mini' }],
        ['k3', null, chat('gpt-4o-mini', 3100, 70)],
      ]),
    );
    assert.deepEqual(
      [chain.modelCalls, chain.enclosing, chain.callSites['app/bot.py::ChatService.reply::chat.completions.create'].inputTokens.p50],
      [1, 2, 3100],
    );
    // A framework's span with the counts around an SDK span without them (a stream without usage): one call, the framework's counts.
    const k = await importJson(
      otlp([
        ['p1', null, chat('gpt-4o-mini', 2400, 90)],
        ['s1', 'p1', { 'gen_ai.operation.name': 'chat', 'gen_ai.provider.name': 'openai', 'gen_ai.request.model': 'gpt-4o-mini' }],
      ]),
    );
    assert.equal(k.modelCalls, 1);
    assert.equal(k.enclosing, 1);
    assert.equal(k.callSites['app/bot.py::ChatService.reply::chat.completions.create'].inputTokens.p50, 2400);
  });

  it("a matched call naming no model is priced as its call site; OpenLIT's input rule stays with OpenLIT's resource", async () => {
    const j = await importJson(
      otlp([['m1', null, { 'gen_ai.usage.input_tokens': 1200, 'gen_ai.usage.output_tokens': 80, 'code.file.path': 'app/bot.py', 'code.line.number': 19 }]]),
    );
    const s = j.callSites['app/bot.py::summarize::chat.completions.create'];
    assert.equal(s.unpriced, 0);
    assert.ok(s.costUsd && s.costUsd.p50 > 0, "priced as gpt-4o, the call site's model");
    // Two resources in one document: OpenLIT's, then another instrumentation's without a resource block.
    const span = (id: string) => ({
      traceId: 't',
      spanId: id,
      startTimeUnixNano: '1793491200000000000',
      endTimeUnixNano: '1793491201000000000',
      attributes: Object.entries({
        ...chat('claude-haiku-4-5', 3000, 40, 'anthropic'),
        'gen_ai.usage.cache_read.input_tokens': 2048,
        'code.file.path': 'app/triage.py',
        'code.line.number': 21,
      }).map(([key, v]) => ({ key, value: typeof v === 'number' ? { intValue: String(v) } : { stringValue: v } })),
    });
    const doc = {
      resourceSpans: [
        { resource: { attributes: [{ key: 'telemetry.sdk.name', value: { stringValue: 'openlit' } }] }, scopeSpans: [{ spans: [span('o1')] }] },
        { scopeSpans: [{ spans: [span('o2')] }] },
      ],
    };
    const k = await importJson(JSON.stringify(doc));
    const route = k.callSites['app/triage.py::route::messages.create'];
    assert.deepEqual([route.inputTokens.p50, route.inputTokens.p95], [3000, 5048], "the second resource's span is read as the conventions say");
  });

  it('--period-days gives the period when the spans have no times; an export with no model calls writes nothing and says why', async () => {
    const p = tempProject(
      {
        ...APP,
        'notimes.json': JSON.stringify({
          resourceSpans: [
            {
              scopeSpans: [
                {
                  spans: [
                    {
                      spanId: 'n1',
                      attributes: [
                        { key: 'gen_ai.request.model', value: { stringValue: 'gpt-4o' } },
                        { key: 'gen_ai.usage.input_tokens', value: { intValue: 10 } },
                      ],
                    },
                  ],
                },
              ],
            },
          ],
        }),
        'none.json': '{"resourceSpans": []}',
      },
      'costlint-usage-',
    );
    assert.equal((await cli(p, 'usage', 'import', 'notimes.json', '--period-days', '7', '--write')).code, 0);
    assert.equal(JSON.parse(readFileSync(join(p, 'costlint.usage.json'), 'utf8')).spans.period.days, 7);
    assert.match((await cli(p, 'usage', 'import', 'none.json', '--period-days', '7', '--write')).err, /no model calls in the export: nothing written/);
    assert.match((await cli(p, 'usage', 'import', 'none.json', '--period-days', '0.01')).err, /--period-days must be a number of days, at least an hour/);
  });

  it('an error is placed in characters, as editors count them, also where a token began in the chunk before', async () => {
    const p = tempProject({ ...APP, 'u.json': '{"resourceSpans": [\n {"name": "héllo wörld ☃" "x": 1 }]}' }, 'costlint-usage-');
    assert.match((await cli(p, 'usage', 'import', 'u.json', '--from', 'otel')).err, /u\.json:2:27: not valid JSON/);
    const pad = ' '.repeat((1 << 20) - 30);
    writeFileSync(join(p, 'chunk.json'), `{"resourceSpans": [${pad}"bad", ]}`);
    const at = `{"resourceSpans": [${pad}"bad",`.length + 2;
    assert.match((await cli(p, 'usage', 'import', 'chunk.json', '--from', 'otel')).err, new RegExp(`chunk\\.json:1:${at}: not valid JSON`));
  });
});

describe('measured beside estimated', () => {
  let dir: string;
  before(async () => {
    dir = tempProject(APP, 'costlint-usage-');
    for (const f of ['otel-python-openai-v2.jsonl', 'otel-openlit.json', 'otel-js-openai.json']) await cli(dir, 'usage', 'import', join(DATA, f), '--write');
  });

  it('--write stores counts and token figures only, valid against the shipped JSON Schema, keyed by call-site id', () => {
    const text = readFileSync(join(dir, 'costlint.usage.json'), 'utf8');
    assert.doesNotMatch(text, /CONFIDENTIAL|content/);
    const data = JSON.parse(text) as { spans: { callSites: Record<string, unknown>; files: string[]; importedAt: string } };
    assert.equal(readFileSync(USAGE_SCHEMA_PATH, 'utf8'), usageSchemaText(), 'schemas/costlint.usage.schema.json is stale: run npm run schema');
    const validate = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(USAGE_SCHEMA_PATH, 'utf8')));
    assert.ok(validate(data), JSON.stringify(validate.errors));
    // The last span import replaces the spans: the JS export's one call site.
    assert.deepEqual(Object.keys(data.spans.callSites), ['web/api.ts::answer::chat.completions.create']);
    assert.deepEqual(data.spans.files, [join(DATA, 'otel-js-openai.json')]);
    assert.equal(data.spans.importedAt, AS_OF);
  });

  it('lint --format json: each measured call site has measured beside estimate, and its volume drives the monthly projection', async () => {
    const p = tempProject(APP, 'costlint-usage-');
    await cli(p, 'usage', 'import', join(DATA, 'otel-python-openai-v2.jsonl'), '--write');
    writeFileSync(join(p, 'costlint.json'), JSON.stringify({ usage: { 'app/**': 5000 } }));
    const j = await lintJson(p);
    const reply = site(j, 'app/bot.py::ChatService.reply::chat.completions.create');
    const m = reply.measured!;
    assert.deepEqual(Object.keys(m).sort(), [
      'cacheReadShare',
      'calls',
      'callsPerMonth',
      'costUsd',
      'drift',
      'inputTokens',
      'models',
      'monthlyUsd',
      'outputTokens',
      'periodDays',
      'source',
      'unpriced',
      'withTokens',
    ]);
    assert.equal(m.calls, 60);
    assert.equal(m.callsPerMonth, Math.round(((60 * 30) / (m.periodDays as number)) * 10) / 10);
    assert.deepEqual(
      reply.usage,
      { callsPerMonth: m.callsPerMonth, key: 'costlint.usage.json', source: 'measured' },
      'measured volume wins over costlint.json usage',
    );
    assert.equal(reply.monthly!.source, 'measured');
    // The dynamic question is 900-4,200 tokens in production; the estimate knows only the system prompt.
    assert.match(m.drift[0], /measured p95 input is [\d,]+ tokens; the estimate counts \d+ and has no size for `question`/);
    // Not measured: configured usage still applies.
    assert.deepEqual(site(j, 'app/triage.py::classify::messages.create').usage, { callsPerMonth: 5000, key: 'app/**' });
    assert.equal(j.totals.measuredCallSites, 1);
  });

  it('the hover shows a measured row and the drift; the code lens the measured monthly cost', async () => {
    const analyzer = await createNodeAnalyzer();
    const path = join(dir, 'web', 'api.ts');
    const project = projectSettings(path, { root: dir, base: { today: AS_OF }, cards: analyzer.rateCards });
    const r = analyzer.analyze({ text: API_TS, language: 'typescript', path }, { ...project.settings, today: AS_OF });
    const c = r.callSites[0];
    assert.ok(c.measured, 'the call site has its measured calls');
    const md = hoverMarkdown(c, AS_OF);
    assert.match(
      md,
      /\| \*\*Measured\*\* \| \*\*\$[\d.]+\/month\*\* · 24 calls in 4\.8 days \(150\/month\) · in p50 1,040 \/ p95 1,480 · out p50 161 \/ p95 172 tokens · \$[\d.]+ p50, \$[\d.]+ p95 per call · \d+% of input from the cache \(`costlint.usage.json`, otel, imported 2026-12-01\) \|/,
    );
    assert.match(md, /\| Drift \| measured p95 input is 1,480 tokens; the estimate counts \d+ and has no size for `question`: about [\d,]+ tokens at p95/);
    assert.match(codeLensTitle(c), /^≈ \$[\d.]+\/call · measured \$[\d.]+\/mo · /);
    // A cap the calls never come near: route's 200, its calls answer in 40 tokens.
    const p = tempProject(APP, 'costlint-usage-');
    await cli(p, 'usage', 'import', join(DATA, 'otel-openlit.json'), '--write');
    assert.deepEqual(site(await lintJson(p), 'app/triage.py::route::messages.create').measured!.drift.slice(-1), [
      'the cap of 200 is never reached: measured p95 output is 40 tokens (the worst case overstates output 5x)',
    ]);
    assert.match(md, /\| \*\*Per month\*\* \| .* × 150\.3 calls, measured calls \(`costlint.usage.json`\)/);
  });

  it('the report page has a measured column and chart, by feature and owner too', async () => {
    const analyzer = await createNodeAnalyzer();
    writeFileSync(join(dir, 'costlint.json'), JSON.stringify({ features: { 'web/**': 'docs answers' } }));
    writeFileSync(join(dir, 'CODEOWNERS'), '* @acme/platform\nweb/ @acme/web\n');
    const path = join(dir, 'web', 'api.ts');
    const project = projectSettings(path, { root: dir, base: { today: AS_OF }, cards: analyzer.rateCards });
    const result = analyzer.analyze({ text: API_TS, language: 'typescript', path }, { ...project.settings, today: AS_OF });
    const file = summarize(result, 'file:///x/web/api.ts', 'web/api.ts', 'file:///x');
    assert.equal(file.callSites[0].feature, 'docs answers');
    assert.deepEqual(file.callSites[0].owners, ['@acme/web']);
    const measured = file.callSites[0].measured!.monthly!;
    const html = reportHtml({ roots: ['file:///x'], files: [file], scanning: false, scannedFiles: 1, rateCardsAsOf: AS_OF }, 'vscode-resource:');
    const data = JSON.parse(/<script type="application\/json" id="data">(.*?)<\/script>/s.exec(html)![1]);
    assert.equal(data.rows[0].measured, measured);
    assert.deepEqual(data.keys, ['file', 'provider', 'model', 'feature', 'owner']);
    assert.deepEqual(data.charts.measured.feature, [{ label: 'docs answers', usd: measured }]);
    // A call site with two owners counts for both, as the CLI counts it.
    const two = { ...file, callSites: [{ ...file.callSites[0], owners: ['@web', '@ml'] }] };
    const twoData = JSON.parse(
      /<script type="application\/json" id="data">(.*?)<\/script>/s.exec(
        reportHtml({ roots: ['file:///x'], files: [two], scanning: false, scannedFiles: 1, rateCardsAsOf: AS_OF }, 'vscode-resource:'),
      )![1],
    );
    assert.deepEqual(twoData.charts.measured.owner.map((o: { label: string }) => o.label).sort(), ['@ml', '@web']);
    assert.match(html, /<th data-key="measured" class="num">Measured \/ month<\/th>/);
  });

  it('a stale import (period ended over 90 days ago) says so, in the JSON and on stderr', async () => {
    const stale = { out: '', err: '' };
    const r = await main(['lint', '--format', 'json', '--fail-on', 'none', '--as-of', '2027-03-15'], dir, {
      write: (t) => {
        stale.out += t;
        return Promise.resolve();
      },
      error: (t) => void (stale.err += t),
    });
    assert.equal(r, 0);
    const j = JSON.parse(stale.out);
    // The JS export's last call ends on 2026-11-05 at 19:00.
    assert.equal(j.callSites.find((c: { id: string }) => c.id === 'web/api.ts::answer::chat.completions.create').measured.staleDays, 129);
    assert.match(stale.err, /the measured usage in costlint.usage.json \(the spans\) is stale: its period ended 129 days ago \(2026-11-05\)/);
    assert.doesNotMatch((await cli(dir, 'lint', '--fail-on', 'none')).err, /stale/, 'not at the date the tests run at');
    // A provider's export goes stale the same way, and says which section it is.
    await cli(dir, 'usage', 'import', join(DATA, 'openai-usage-completions.jsonl'), '--write');
    const err = { out: '', err: '' };
    await main(['lint', '--fail-on', 'none', '--as-of', '2027-04-01'], dir, {
      write: (t) => {
        err.out += t;
        return Promise.resolve();
      },
      error: (t) => void (err.err += t),
    });
    assert.match(err.err, /costlint.usage.json \(openai's usage export\) is stale: its period ended 121 days ago \(2026-12-01\)/);
  });

  it('usage --init leaves measured call sites alone', async () => {
    const p = tempProject(APP, 'costlint-usage-');
    await cli(p, 'usage', 'import', join(DATA, 'otel-js-openai.json'), '--write');
    const r = await cli(p, 'usage', '--init');
    assert.match(r.out, /Added 4 call sites .*; 1 left out: measured in costlint.usage.json\./);
    assert.ok(!('web/api.ts::answer::chat.completions.create' in JSON.parse(readFileSync(join(p, 'costlint.json'), 'utf8').replace(/^\s*\/\/.*$/m, '')).usage));
  });

  it('a broken costlint.usage.json is an error at its place, measures nothing, and the rest is linted', async () => {
    const p = tempProject({ ...APP, 'costlint.usage.json': '{\n  "version": 1,\n  "spans": { "from": "otel" }\n}\n' }, 'costlint-usage-');
    const r = await cli(p, 'lint', '--format', 'json');
    assert.equal(r.code, 2);
    assert.match(r.err, /costlint.usage.json:3:12: error: spans.files: .*: its measured usage is not used \(fix the file, or remove it and import again\)$/m);
    assert.equal(JSON.parse(r.out).callSites.length, 5);
  });

  it('the budget gate uses measured volume: over-budget fires on measured calls per month', async () => {
    const p = tempProject(APP, 'costlint-usage-');
    await cli(p, 'usage', 'import', join(DATA, 'otel-js-openai.json'), '--write');
    writeFileSync(join(p, 'costlint.json'), JSON.stringify({ budgets: { perMonth: 0.05 } }));
    const j = JSON.parse((await cli(p, 'lint', '--format', 'json', '--fail-on', 'none')).out);
    const f = j.findings.filter((x: { rule: string }) => x.rule === 'over-budget');
    assert.equal(f.length, 1);
    assert.equal(f[0].file, 'web/api.ts');
    assert.match(f[0].message, /× 150\.3 calls, usage "costlint.usage.json"/);
  });
});

describe('provider usage exports (per model)', () => {
  it('OpenAI completions usage (two pages, JSON Lines): per model and batch, priced, against the call sites of each model', async () => {
    const dir = tempProject(APP, 'costlint-usage-');
    const r = await cli(dir, 'usage', 'import', join(DATA, 'openai-usage-completions.jsonl'), '--write', '--format', 'json');
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out);
    assert.equal(j.period.days, 30);
    const mini = j.comparison.find((c: { model: string; batch: boolean }) => c.model === 'gpt-4o-mini-2024-07-18' && !c.batch);
    assert.equal(mini.requestsPerMonth, 300 * 15 + 280 * 15);
    assert.deepEqual(mini.callSites, ['app/bot.py::ChatService.reply::chat.completions.create']);
    const batch = j.comparison.find((c: { batch: boolean }) => c.batch);
    assert.deepEqual(batch.callSites, [], "batch rows are the Batch API's: no synchronous call site is one");
    assert.deepEqual(j.comparison.find((c: { model: string }) => c.model === 'o3-mini').callSites, []);
    const lint = await lintJson(dir);
    assert.equal(lint.measuredModels!.length, 4);
    assert.match(
      (await cli(dir, 'lint', '--fail-on', 'none')).out,
      /Usage export: openai gpt-4o-2024-08-06: \$9\.90\/month measured, 600 requests\/month at \$0\.017 each over 30 days; 1 call site here, estimated/,
    );
  });

  it('Anthropic messages usage report: no request count, cache reads and writes in the input, the format recognized without --from', async () => {
    const dir = tempProject(APP, 'costlint-usage-');
    const j = JSON.parse((await cli(dir, 'usage', 'import', join(DATA, 'anthropic-usage-messages.json'), '--format', 'json')).out);
    assert.equal(j.from, 'anthropic');
    const haiku = j.models.find((m: { model: string }) => m.model === 'claude-haiku-4-5-20251001');
    assert.deepEqual(
      [haiku.requests, haiku.inputTokens, haiku.cacheReadTokens, haiku.cacheCreationTokens],
      [null, 30 * (120000 + 4096 + 400000), 30 * 400000, 30 * 4096],
    );
    assert.deepEqual(j.comparison.find((c: { model: string }) => c.model === 'claude-haiku-4-5-20251001').callSites.sort(), [
      'app/triage.py::classify::messages.create',
      'app/triage.py::route::messages.create',
    ]);
    assert.match(
      (await cli(dir, 'usage', 'import', join(DATA, 'anthropic-usage-messages.json'), join(DATA, 'otel-js-openai.json'))).err,
      /say which export this is: --from otel\|openai\|anthropic \(the files are of different formats\)/,
    );
  });
});

describe('diff with measured usage', () => {
  it("a costlint.usage.json in a subfolder: diff reads the working tree's on both sides, from any folder, also where the base has no such folder", async () => {
    const dir = tempProject({ 'README.md': 'x\n' }, 'costlint-usage-');
    const git = (...a: string[]) => spawnSync('git', ['-c', 'user.email=t@t', '-c', 'user.name=t', ...a], { cwd: dir, encoding: 'utf8' });
    git('init', '-q');
    git('add', '-A');
    git('commit', '-qm', 'base');
    const svc = join(dir, 'svc');
    for (const [name, text] of Object.entries(APP)) {
      const f = join(svc, name);
      mkdirSync(dirname(f), { recursive: true });
      writeFileSync(f, text);
    }
    assert.equal((await cli(svc, 'usage', 'import', join(DATA, 'otel-js-openai.json'), '--write')).code, 0);
    const fromSvc = await cli(svc, 'diff', 'HEAD', '--format', 'json');
    assert.equal(fromSvc.code, 0, fromSvc.err);
    assert.equal(JSON.parse(fromSvc.out).sites.filter((x: { status: string }) => x.status === 'new').length, 5);
    git('add', '-A');
    git('commit', '-qm', 'svc with its measured usage');
    // A newer import: production's volume changed, the code did not. No cost change between the revisions.
    const spans = readFileSync(join(DATA, 'otel-js-openai.json'), 'utf8');
    writeFileSync(join(dir, 'twice.json'), spans.replace(/"spanId": "0+e0/g, '"spanId": "1000e0'));
    await cli(svc, 'usage', 'import', join(DATA, 'otel-js-openai.json'), join(dir, 'twice.json'), '--write');
    for (const at of [dir, svc]) {
      const d = JSON.parse((await cli(at, 'diff', 'HEAD', '--format', 'json')).out);
      assert.deepEqual(
        d.sites.filter((x: { status: string }) => x.status !== 'unchanged'),
        [],
        `from ${at}`,
      );
      assert.equal(d.totals.monthlyDeltaUsd, 0);
    }
  });
});

describe('what the estimate and the export say, priced and compared', () => {
  it('drift: a cap set at run time is not "no cap"; no cost drift against an estimate that leaves its input out', () => {
    const entry = {
      data: {
        calls: 30,
        withTokens: 30,
        inputTokens: { p50: 900, p95: 1200, mean: 950 },
        outputTokens: { p50: 40, p95: 60, mean: 45 },
        cacheReadShare: 0,
        costUsd: { p50: 0.001, p95: 0.002, mean: 0.0012 },
        unpriced: 0,
        models: {},
        matchedBy: {},
      },
      file: 'costlint.usage.json',
      from: 'otel' as const,
      importedAt: AS_OF,
      period: { start: '2026-11-01T00:00:00Z', end: '2026-11-30T00:00:00Z', days: 30 },
    };
    const estimate = {
      inputTokens: { static: 20, assumed: 0, unknownParts: ['text'] },
      outputTokens: 16384,
      costUsd: { min: 0, max: 0.0001 },
    } as CallSite['estimate'];
    const dynamicCap = measuredFor(
      entry,
      {
        estimate,
        outputCap: { param: 'max_tokens', value: null, expression: 'limit' },
        prompt: { parts: [], unknown: [{ name: 'text', where: 'input' }] },
      } as unknown as CallSite,
      AS_OF,
    );
    assert.ok(
      dynamicCap.drift.some((d) => d.startsWith("the cap `limit` is set at run time: the worst case prices the model's maximum, 16,384 output tokens")),
      JSON.stringify(dynamicCap.drift),
    );
    assert.ok(!dynamicCap.drift.some((d) => /cost per call/.test(d)), 'the unknown input explains the cost: no second line about it');
  });

  it('an image call is priced per image as its estimate prices it; text and Markdown say which measured sites are not priced', async () => {
    const cards = (await createNodeAnalyzer()).rateCards;
    const site = {
      id: 'a.py::draw::images.generate',
      file: 'a.py',
      startLine: 1,
      endLine: 1,
      provider: 'openai',
      api: 'images',
      models: ['gpt-image-1'],
      imageUsd: 0.042,
    };
    const span = readSpan({
      spanId: 'i1',
      attributes: [
        { key: 'gen_ai.request.model', value: { stringValue: 'gpt-image-1' } },
        { key: 'gen_ai.operation.name', value: { stringValue: 'image_generation' } },
      ],
    });
    assert.ok(span.kind === 'model');
    assert.equal(spanCost(cards, span.span, site, AS_OF), 0.042);
    assert.equal(measuredText({ measuredCallSites: 5, measuredMonthlyUsd: 3.2, measuredUnpriced: 1 }), '$3.20/month at 4 call sites (1 more not priced)');
  });

  it('provider exports: the same page twice counts once; 1-hour cache writes, service tiers and long context at their own rates', async () => {
    const dir = tempProject(APP, 'costlint-usage-');
    const once = JSON.parse((await cli(dir, 'usage', 'import', join(DATA, 'openai-usage-completions.jsonl'), '--format', 'json')).out);
    const twice = JSON.parse(
      (await cli(dir, 'usage', 'import', join(DATA, 'openai-usage-completions.jsonl'), join(DATA, 'openai-usage-completions.jsonl'), '--format', 'json')).out,
    );
    assert.deepEqual(twice.models, once.models);
    const card = (await createNodeAnalyzer()).rateCards.find('claude-haiku-4-5')!;
    const row = (extra: object) => ({
      starting_at: '2026-11-01T00:00:00Z',
      ending_at: '2026-11-02T00:00:00Z',
      results: [
        {
          uncached_input_tokens: 0,
          cache_creation: { ephemeral_1h_input_tokens: 1_000_000, ephemeral_5m_input_tokens: 0 },
          cache_read_input_tokens: 0,
          output_tokens: 0,
          model: 'claude-haiku-4-5-20251001',
          service_tier: 'standard',
          context_window: '0-200k',
          ...extra,
        },
      ],
    });
    writeFileSync(join(dir, 'an.json'), JSON.stringify({ data: [row({})] }));
    const hour = JSON.parse((await cli(dir, 'usage', 'import', 'an.json', '--format', 'json')).out).models[0];
    assert.equal(hour.cacheCreation1hTokens, 1_000_000);
    assert.equal(hour.costUsd, card.cacheWrite1h);
    writeFileSync(
      join(dir, 'pr.json'),
      JSON.stringify({
        data: [
          row({ service_tier: 'priority', starting_at: '2026-11-02T00:00:00Z', ending_at: '2026-11-03T00:00:00Z' }),
          row({ context_window: '200k-1M', starting_at: '2026-11-03T00:00:00Z', ending_at: '2026-11-04T00:00:00Z' }),
        ],
      }),
    );
    const rows = JSON.parse((await cli(dir, 'usage', 'import', 'pr.json', '--format', 'json')).out).models;
    assert.deepEqual(rows.map((r: { serviceTier?: string; longContext?: boolean }) => [r.serviceTier ?? null, r.longContext ?? false]).sort(), [
      [null, true],
      ['priority', false],
    ]);
  });
});

describe('cost by feature and owner', () => {
  it('CODEOWNERS: the last matching line wins, folder patterns hold their files, an ownerless line unowns', () => {
    const o = new CodeOwners('# owners\n*       @acme/all\n/app/   @acme/py  @lee\napp/triage.py\n*.ts @acme/web # web\n');
    assert.deepEqual(o.ownersOf('app/bot.py'), ['@acme/py', '@lee']);
    assert.deepEqual(o.ownersOf('app/triage.py'), []);
    assert.deepEqual(o.ownersOf('web/api.ts'), ['@acme/web']);
    assert.deepEqual(o.ownersOf('README.md'), ['@acme/all']);
    // GitHub's own example: `docs/*` owns docs/getting-started.md, not docs/build-app/troubleshooting.md.
    const d = new CodeOwners('* @all\ndocs/* @docs\n');
    assert.deepEqual([d.ownersOf('docs/getting-started.md'), d.ownersOf('docs/build-app/troubleshooting.md')], [['@docs'], ['@all']]);
  });

  it('lint totals (JSON, text, Markdown) and diff group monthly cost by feature and by owner', async () => {
    const dir = tempProject(
      {
        ...APP,
        '.github/CODEOWNERS': 'app/ @acme/py\nweb/ @acme/web\n',
        'costlint.json': JSON.stringify({
          features: { 'app/triage.py::route::messages.create': 'routing', 'app/**': 'support', 'web/**': 'docs' },
          usage: { '**': 1000 },
        }),
      },
      'costlint-usage-',
    );
    await cli(dir, 'usage', 'import', join(DATA, 'otel-js-openai.json'), '--write');
    const j = await lintJson(dir);
    assert.equal(site(j, 'app/triage.py::route::messages.create').feature, 'routing');
    assert.equal(site(j, 'app/triage.py::classify::messages.create').feature, 'support');
    assert.deepEqual(site(j, 'web/api.ts::answer::chat.completions.create').owners, ['@acme/web']);
    const byFeature = j.totals.byFeature as { name: string; callSites: number; monthlyUsd: number; measuredMonthlyUsd: number | null }[];
    assert.deepEqual(byFeature.map((g) => [g.name, g.callSites, g.measuredMonthlyUsd !== null]).sort(), [
      ['docs', 1, true],
      ['routing', 1, false],
      ['support', 3, false],
    ]);
    const support = byFeature.find((g) => g.name === 'support')!;
    const sum = [
      'app/bot.py::ChatService.reply::chat.completions.create',
      'app/bot.py::summarize::chat.completions.create',
      'app/triage.py::classify::messages.create',
    ].reduce((n, id) => n + site(j, id).monthly!.usd, 0);
    assert.equal(support.monthlyUsd, Math.round(sum * 1e6) / 1e6);
    assert.deepEqual((j.totals.byOwner as { name: string }[]).map((g) => g.name).sort(), ['@acme/py', '@acme/web']);
    assert.match(
      (await cli(dir, 'lint', '--fail-on', 'none')).out,
      /By feature: .*docs \$[\d.]+\/month \(measured \$[\d.]+\/month\).*\nBy owner \(CODEOWNERS\): /,
    );
    assert.match(
      (await cli(dir, 'lint', '--format', 'markdown', '--fail-on', 'none')).out,
      /### By feature\n\n\| {2}\| Call sites \| Per month \| Measured \/ month \|/,
    );

    // diff: the working tree's measured volume on both sides, so adding the import is not a change; a change shows by feature.
    const git = (...a: string[]) => spawnSync('git', a, { cwd: dir, encoding: 'utf8' });
    git('init', '-q');
    git('-c', 'user.email=t@t', '-c', 'user.name=t', 'add', '-A');
    git('-c', 'user.email=t@t', '-c', 'user.name=t', 'commit', '-qm', 'base');
    git('rm', '-q', '--cached', 'costlint.usage.json');
    git('-c', 'user.email=t@t', '-c', 'user.name=t', 'commit', '-qm', 'no usage file in the tree');
    writeFileSync(join(dir, 'web/api.ts'), API_TS.replace("'gpt-4.1-mini'", "'gpt-4.1'"));
    const d = JSON.parse((await cli(dir, 'diff', 'HEAD', '--format', 'json')).out);
    assert.deepEqual(
      d.sites.filter((s: { status: string }) => s.status !== 'unchanged').map((s: { id: string }) => s.id),
      ['web/api.ts::answer::chat.completions.create'],
    );
    const docs = d.totals.byFeature.find((g: { name: string }) => g.name === 'docs');
    assert.ok(docs.monthlyDeltaUsd > 0);
    assert.equal(d.totals.byFeature.find((g: { name: string }) => g.name === 'support').monthlyDeltaUsd, 0);
    assert.match((await cli(dir, 'diff', 'HEAD')).out, /By feature: docs \+\$[\d.]+\/month\nBy owner \(CODEOWNERS\): @acme\/web \+\$[\d.]+\/month/);
  });
});
