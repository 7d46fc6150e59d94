// test:fast (npm run test:fast: in-process, no CLI or server process)
// Clients and models made by a function from its arguments (server/src/core/model/params.ts): each
// call of the function fills its parameters, a test on a parameter keeps the branch the call
// reaches, and nothing is filled or pruned on a guess.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeText, applyEdits } from './helpers';

const py = async (src: string) => (await analyzeText(src, 'python')).callSites;
const ts = async (src: string) => (await analyzeText(src, 'typescript')).callSites;
const factory = `from langchain_anthropic import ChatAnthropic
from langchain_openai import ChatOpenAI
def get_llm(provider="openai", model="gpt-4o"):
    if provider == "anthropic":
        return ChatAnthropic(model=model, max_tokens=10)
    return ChatOpenAI(model=model, max_tokens=10)
`;

describe('parameters filled at each call', () => {
  it('each call of a factory gets the model it passes and the branch its arguments reach; its defaults where it passes nothing', async () => {
    const cs = await py(
      `${factory}get_llm("anthropic", "claude-haiku-4-5").invoke("hi")\nget_llm().invoke("hi")\nget_llm(model="gpt-4.1-mini").invoke("hi")\n`,
    );
    assert.deepEqual(
      cs.map((c) => [c.sdk, c.model.value, c.model.candidates?.length ?? 0]),
      [
        ['langchain-anthropic', 'claude-haiku-4-5', 0],
        ['langchain-openai', 'gpt-4o', 0],
        ['langchain-openai', 'gpt-4.1-mini', 0],
      ],
    );
  });

  it('arguments spread from a value not known statically fill nothing and prune nothing; a known dict or list fills what it names', async () => {
    const cs = await py(
      `import json\n${factory}cfg = json.load(open("llm.json"))\nget_llm(**cfg).invoke("hi")\nget_llm(*cfg["args"]).invoke("hi")\nget_llm(**{"provider": "anthropic", "model": "claude-haiku-4-5"}).invoke("hi")\nget_llm(*["anthropic", "claude-sonnet-4-5"]).invoke("hi")\n`,
    );
    assert.deepEqual(
      cs.map((c) => c.model.value),
      [null, null, 'claude-haiku-4-5', 'claude-sonnet-4-5'],
    );
    assert.equal(cs[0].estimate.costUsd, null);
    assert.deepEqual(
      cs.slice(2).map((c) => c.sdk),
      ['langchain-anthropic', 'langchain-anthropic'],
    );
  });

  it('a parameter the function changes in place is not what the call passed', async () => {
    const cs = await py(
      `from openai import OpenAI\ndef with_defaults(params):\n    params["model"] = "gpt-4o"\n    params["max_tokens"] = 4000\n    return params\nOpenAI().chat.completions.create(**with_defaults({"model": "gpt-4.1-nano", "messages": [], "max_tokens": 10}))\n`,
    );
    assert.notEqual(cs[0].model.value, 'gpt-4.1-nano');
    assert.notEqual(cs[0].outputCap?.value, 10);
    const t = await ts(
      `import OpenAI from 'openai';\nfunction withDefaults(p: any) { Object.assign(p, { model: 'gpt-4o', max_tokens: 4000 }); return p; }\nexport const a = () => new OpenAI().chat.completions.create(withDefaults({ model: 'gpt-4.1-nano', messages: [], max_tokens: 10 }));\n`,
    );
    assert.notEqual(t[0].model.value, 'gpt-4.1-nano');
  });

  it('TypeScript: a switch keeps the case the argument names; an empty default falling into a case leaves it reachable by anything', async () => {
    const head = `import { ChatAnthropic } from '@langchain/anthropic';\nimport { ChatOpenAI } from '@langchain/openai';\n`;
    const fallsIn = await ts(
      `${head}function getLlm(p: string) {\n  switch (p) {\n    case 'anthropic': return new ChatAnthropic({ model: 'claude-haiku-4-5', maxTokens: 10 });\n    default:\n    case 'openai': return new ChatOpenAI({ model: 'gpt-4o', maxTokens: 10 });\n  }\n}\nexport const run = () => getLlm('azure').invoke('hi');\n`,
    );
    assert.deepEqual(
      fallsIn.map((c) => [c.sdk, c.model.value]),
      [['langchain-openai', 'gpt-4o']],
    );
    const cased = await ts(
      `${head}function getLlm(p: string) {\n  switch (p) {\n    case 'anthropic':\n    case 'claude':\n      return new ChatAnthropic({ model: 'claude-haiku-4-5', maxTokens: 10 });\n    default:\n      return new ChatOpenAI({ model: 'gpt-4o', maxTokens: 10 });\n  }\n}\nexport const a = () => getLlm('claude').invoke('hi');\nexport const b = () => getLlm('x').invoke('hi');\n`,
    );
    assert.deepEqual(
      cased.map((c) => [c.sdk, c.model.value, c.model.candidates]),
      [
        ['langchain-anthropic', 'claude-haiku-4-5', undefined],
        ['langchain-openai', 'gpt-4o', undefined],
      ],
    );
  });

  it("a model fix through a provider function edits the id as written, never writing the provider's prefix into it", async () => {
    const settings = { today: '2027-06-01', ruleSeverity: { 'retired-model': 'warning' as const } };
    const src = `import { openai } from '@ai-sdk/openai';\nimport { generateText } from 'ai';\nconst lm = (m: string) => openai(m);\nexport const a = (t: string) => generateText({ model: lm('gpt-4o'), prompt: t, maxOutputTokens: 10 });\n`;
    const r = await analyzeText(src, 'typescript', settings);
    const fix = r.findings.find((f) => f.rule === 'retired-model')?.fix;
    assert.ok(fix);
    const fixed = applyEdits(src, fix.edits);
    assert.match(fixed, /lm\('gpt-[^'/]+'\)/);
    assert.doesNotMatch(fixed, /openai\//);
  });

  it('class attributes and enum members are constants, unless the file assigns them again', async () => {
    const cs = await py(
      `import os\nfrom enum import Enum\nfrom openai import OpenAI\nc = OpenAI()\nclass Config:\n    MODEL = "gpt-4o"\n    SMALL = "gpt-4.1-nano"\nclass M(Enum):\n    MINI = "gpt-4o-mini"\nConfig.MODEL = os.environ["MODEL"]\nc.chat.completions.create(model=Config.SMALL, messages=[], max_tokens=5)\nc.chat.completions.create(model=M.MINI.value, messages=[], max_tokens=5)\nc.chat.completions.create(model=Config.MODEL, messages=[], max_tokens=5)\n`,
    );
    assert.deepEqual(
      cs.map((c) => c.model.value),
      ['gpt-4.1-nano', 'gpt-4o-mini', null],
    );
  });

  it('a helper called with different models from the file lists each, also through a provider function or a model class and when passed on', async () => {
    const pyCs = await py(
      `from pydantic_ai import Agent\nfrom pydantic_ai.models.openai import OpenAIChatModel\nfrom langchain_openai import ChatOpenAI\ndef run(m, q):\n    return Agent(OpenAIChatModel(m)).run_sync(q)\ndef build(model):\n    return ChatOpenAI(model=model, max_tokens=10)\ndef run2(m, q):\n    build(m).invoke(q)\nrun("gpt-4o", "x")\nrun("gpt-4.1-nano", "y")\nrun2("gpt-4o", "x")\nrun2("gpt-4.1", "x")\n`,
    );
    assert.deepEqual(
      pyCs.map((c) => c.model.candidates?.map((x) => x.value)),
      [
        ['openai:gpt-4o', 'openai:gpt-4.1-nano'],
        ['gpt-4o', 'gpt-4.1'],
      ],
    );
    const tsCs = await ts(
      `import { openai } from '@ai-sdk/openai';\nimport { generateText } from 'ai';\nimport OpenAI from 'openai';\nasync function ask(m: string, q: string) { return generateText({ model: openai(m), prompt: q, maxOutputTokens: 10 }); }\nasync function ask2(m: string, q: string) { return new OpenAI().chat.completions.create({ model: m, messages: [], max_tokens: 10 }); }\nexport async function main(t: string) {\n  await ask('gpt-4o', t);\n  await ask('gpt-4.1-nano', t);\n  await ask2('gpt-4o', t);\n  await ask2('gpt-4.1-nano', t);\n}\n`,
    );
    assert.deepEqual(
      tsCs.map((c) => c.model.candidates?.map((x) => x.value)),
      [
        ['openai/gpt-4o', 'openai/gpt-4.1-nano'],
        ['gpt-4o', 'gpt-4.1-nano'],
      ],
    );
    // An exported function may be called from other modules with anything: what this file passes is no default.
    const exported = await ts(
      `import OpenAI from 'openai';\nexport async function ask(m: string) { return new OpenAI().chat.completions.create({ model: m, messages: [], max_tokens: 10 }); }\nexport const x = () => ask('gpt-4o-mini');\n`,
    );
    assert.equal(exported[0].model.value, null);
    // A reference passed elsewhere may call it with anything: no candidates then.
    const passed = await ts(
      `import OpenAI from 'openai';\nasync function ask2(m: string) { return new OpenAI().chat.completions.create({ model: m, messages: [], max_tokens: 10 }); }\nexport const x = () => ask2('gpt-4o');\nexport const handlers = [ask2];\n`,
    );
    assert.equal(passed[0].model.candidates, undefined);
    assert.equal(passed[0].model.value, null);
  });

  it('JavaScript: a function expression with a name of its own gets what the calls of its variable pass (`const run = function runImpl(client) {...}`)', async () => {
    const js =
      "const OpenAI = require('openai');\nconst run = async function runImpl(client) {\n  return client.chat.completions.create({ model: 'gpt-4o', max_tokens: 5, messages: [] });\n};\nrun(new OpenAI());\n";
    const r = await analyzeText(js, 'javascript');
    assert.deepEqual(
      r.callSites.map((c) => [c.range.start.line + 1, c.model.value]),
      [[3, 'gpt-4o']],
    );
  });
});
