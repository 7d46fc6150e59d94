// A model chosen at run time among a few the source names: every candidate priced, the range over
// them, the rules about a model judging each, and the editor and CLI naming them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { codeLensTitle, hoverMarkdown } from '../server/src/hover';
import { modelText } from '../server/src/cli/report';
import { analyzeText, applyEdits, runCli, tempProject } from './helpers';

const call = (model: string) => `from openai import OpenAI
client = OpenAI()
MODELS = {"free": "gpt-4.1-mini", "pro": "gpt-4.1"}
def reply(question, premium, tier):
    return client.chat.completions.create(model=${model}, max_tokens=300, messages=[{"role": "system", "content": "You answer billing questions in two sentences."}, {"role": "user", "content": question}])
`;

describe('models chosen at run time', () => {
  it('prices each candidate as the same call with that model, and the range runs from the cheapest to the dearest', async () => {
    const choice = (await analyzeText(call('"gpt-4.1" if premium else "gpt-4.1-mini"'), 'python')).callSites[0];
    const big = (await analyzeText(call('"gpt-4.1"'), 'python')).callSites[0];
    const small = (await analyzeText(call('"gpt-4.1-mini"'), 'python')).callSites[0];
    assert.deepEqual(choice.model.candidates, [
      { value: 'gpt-4.1', provider: 'openai', costUsd: big.estimate.costUsd },
      { value: 'gpt-4.1-mini', provider: 'openai', costUsd: small.estimate.costUsd },
    ]);
    assert.deepEqual(choice.estimate.costUsd, { min: small.estimate.costUsd!.min, max: big.estimate.costUsd!.max });
    assert.equal(choice.model.value, 'gpt-4.1');
    assert.equal(choice.model.resolved, false);
    assert.equal(choice.model.expression, '"gpt-4.1" if premium else "gpt-4.1-mini"');
    // The same through a map of tiers and through a function returning one literal per branch.
    const tiers = (await analyzeText(call('MODELS[tier]'), 'python')).callSites[0];
    assert.deepEqual(tiers.estimate.costUsd, choice.estimate.costUsd);
    const fn = (
      await analyzeText(
        call('pick(tier)').replace('def reply', 'def pick(tier):\n    if tier == "pro":\n        return "gpt-4.1"\n    return "gpt-4.1-mini"\ndef reply'),
        'python',
      )
    ).callSites[0];
    assert.deepEqual(
      fn.model.candidates?.map((c) => c.value),
      ['gpt-4.1', 'gpt-4.1-mini'],
    );
    assert.deepEqual(fn.estimate.costUsd, choice.estimate.costUsd);
  });

  it('the hover, the code lens and the CLI name every candidate and its cost', async () => {
    const site = (await analyzeText(call('"gpt-4.1" if premium else "gpt-4.1-mini"'), 'python')).callSites[0];
    const md = hoverMarkdown(site, null);
    assert.match(
      md,
      /\| Model \| one of `gpt-4\.1` \(\$[\d.]+ – \$[\d.]+\), `gpt-4\.1-mini` \(\$[\d.]+ – \$[\d.]+\), chosen at run time by `"gpt-4\.1" if premium else "gpt-4\.1-mini"` \|/,
    );
    assert.match(md, /is one of 2, chosen at run time: 'gpt-4\.1', 'gpt-4\.1-mini'; the cost range covers them all/);
    assert.match(codeLensTitle(site), /\/call \(worst of 2 priced models\)/);
    assert.equal(modelText(site), 'one of gpt-4.1 / gpt-4.1-mini');
  });

  it('a branch set at run time leaves the model unknown: no candidate is invented', async () => {
    const site = (await analyzeText(call('os.environ["M"] if premium else "gpt-4.1-mini"'), 'python')).callSites[0];
    assert.equal(site.model.value, null);
    assert.equal(site.model.candidates, undefined);
    assert.equal(site.estimate.costUsd, null);
  });

  it('never a silent $0: clients naming no model are not candidates, and a local $0 beside an unknown one is no range', async () => {
    const head = `import os\nfrom langchain_ollama import ChatOllama\nfrom langchain_openai import ChatOpenAI\n`;
    const none = (
      await analyzeText(
        `${head}def get_llm(p, **kw):\n    if p == "ollama":\n        return ChatOllama(**kw)\n    return ChatOpenAI(**kw)\nget_llm(os.environ["P"]).invoke("hi")\n`,
        'python',
      )
    ).callSites[0];
    assert.equal(none.model.candidates, undefined);
    assert.equal(none.estimate.costUsd, null);
    const mixed = (
      await analyzeText(
        `${head}def get_llm(p):\n    if p == "ollama":\n        return ChatOllama(model="llama3.1")\n    return ChatOpenAI(model=os.environ["MODEL"])\nget_llm(os.environ["P"]).invoke("hi")\n`,
        'python',
      )
    ).callSites[0];
    assert.deepEqual(
      mixed.model.candidates?.map((c) => [c.value, c.provider, c.costUsd]),
      [
        ['llama3.1', 'local', { min: 0, max: 0 }],
        [null, 'openai', null],
      ],
    );
    assert.equal(mixed.estimate.costUsd, null);
    assert.match(mixed.estimate.assumptions[0], /one of 2 models: 'llama3\.1', a openai model not known statically; the cost is unknown/);
  });

  it('review regressions: no choice from straight-line re-binding, computed keys, sentences or slices', async () => {
    // A client bound again later in a notebook or script is not a choice for the calls before.
    const rebound = await analyzeText(
      `from langchain_openai import ChatOpenAI\nllm = ChatOpenAI(model="gpt-4.1", max_tokens=100)\nllm.invoke("a")\nllm = ChatOpenAI(model="gpt-4.1-mini", max_tokens=100)\nllm.invoke("b")\n`,
      'python',
    );
    assert.deepEqual(
      rebound.callSites.map((c) => c.model.candidates),
      [undefined, undefined],
    );
    // A map with a key known only at run time may hold any model: unknown, not its readable entries.
    const computed = (
      await analyzeText(call('M2[tier]').replace('MODELS = {', 'M2 = {os.environ["T"]: "o1", "free": "gpt-4.1-mini"}\nimport os\nMODELS = {'), 'python')
    ).callSites[0];
    assert.equal(computed.model.value, null);
    assert.equal(computed.estimate.costUsd, null);
    const ts = (
      await analyzeText(
        `import OpenAI from 'openai';\nconst c = new OpenAI();\nconst M = { [process.env.T!]: 'o1', free: 'gpt-4.1-mini' };\nconst CONFIG = { model: 'gpt-4.1', system: 'Be brief.' };\nexport const a = (t: string) => c.chat.completions.create({ model: M[t], messages: [], max_tokens: 5 });\nexport const b = (k: 'model' | 'system') => c.chat.completions.create({ model: CONFIG[k], messages: [], max_tokens: 5 });\n`,
        'typescript',
      )
    ).callSites;
    assert.deepEqual(
      ts.map((c) => [c.model.value, c.model.candidates]),
      [
        [null, undefined],
        [null, undefined],
      ],
    );
  });

  it("review: the lens prices a local-first choice by its range, the expected cost is the dearest candidate's, one cap finding per argument", async () => {
    const local = (
      await analyzeText(
        `import os\nfrom langchain_ollama import ChatOllama\nfrom langchain_openai import ChatOpenAI\ndef get_llm(p):\n    if p == "local":\n        return ChatOllama(model="llama3.1", num_predict=1000)\n    return ChatOpenAI(model="gpt-4.1", max_tokens=1000)\nget_llm(os.environ["P"]).invoke("hello there")\n`,
        'python',
      )
    ).callSites[0];
    assert.ok(local.estimate.costUsd!.max > 0);
    assert.doesNotMatch(codeLensTitle(local), /\$0 \(local\)/);
    const order = async (m: string) => (await analyzeText(call(m), 'python', { expectedOutputTokens: 300 })).callSites[0].estimate.expected!.costUsd;
    assert.equal(await order('"gpt-4.1-nano" if not premium else "gpt-4.1"'), await order('"gpt-4.1" if premium else "gpt-4.1-nano"'));
    const capped = await analyzeText(call('"gpt-4.1-mini" if premium else "gpt-4o"').replace('max_tokens=300', 'max_tokens=100000'), 'python');
    const over = capped.findings.filter((f) => f.rule === 'cap-exceeds-model-limit');
    assert.equal(over.length, 1, over.map((f) => f.message).join(' | '));
    assert.equal(over[0].fix?.edits[0].newText, '16384');
  });

  it('an id written twice in a choice gets no fix that would change only one of them', async () => {
    const settings = { today: '2027-06-01', ruleSeverity: { 'unknown-model': 'off' as const } };
    const r = await analyzeText(call('"gpt-4o" if premium else ("gpt-4.1" if tier else "gpt-4o")'), 'python', settings);
    const f = r.findings.find((x) => x.rule === 'retired-model' && x.message.startsWith('gpt-4o '));
    assert.ok(f);
    assert.equal(f.fix, null);
  });

  it('judges every candidate: a retired model in one branch is reported, fixed inside the call only', async () => {
    const settings = { today: '2027-06-01', ruleSeverity: { 'unknown-model': 'off' as const } };
    const inline = call('"gpt-4.1" if premium else "gpt-4o-mini"');
    const r = await analyzeText(inline, 'python', settings);
    const retired = r.findings.filter((f) => f.rule === 'retired-model');
    const mini = retired.find((f) => f.message.startsWith('gpt-4o-mini'));
    assert.ok(mini, retired.map((f) => f.message).join(' | '));
    assert.ok(mini.fix, 'the literal inside the call is fixed');
    const fixed = applyEdits(inline, mini.fix.edits);
    assert.match(fixed, /model="gpt-4\.1" if premium else "(?!gpt-4o-mini)[^"]+"/);
    assert.equal(fixed.split('\n').length, inline.split('\n').length);
    // In a map other code reads, the finding stands but nothing outside the call is edited.
    const mapped = call('MODELS[tier]').replace('"gpt-4.1-mini"', '"gpt-4o-mini"');
    const m = await analyzeText(mapped, 'python', settings);
    const f = m.findings.find((x) => x.rule === 'retired-model' && x.message.startsWith('gpt-4o-mini'));
    assert.ok(f);
    assert.equal(f.fix, null);
  });

  it('a factory in another module returning one client per branch: each provider priced, across files and in the CLI', () => {
    const dir = tempProject({
      'app/__init__.py': '',
      'app/llm.py': `from langchain_anthropic import ChatAnthropic
from langchain_openai import ChatOpenAI


def get_llm(provider: str):
    if provider == "anthropic":
        return ChatAnthropic(model="claude-sonnet-4-5", max_tokens=1000)
    return ChatOpenAI(model="gpt-4.1-mini", max_tokens=1000)
`,
      'app/chat.py': `from app.llm import get_llm


async def answer(provider: str, question: str):
    llm = get_llm(provider)
    return await llm.ainvoke(question)
`,
    });
    const out = runCli(dir, ['lint', '.', '--format', 'json', '--fail-on', 'none']);
    const sites = JSON.parse(out.stdout).callSites as { file: string; provider: string; model: { candidates?: { value: string; provider: string }[] } }[];
    assert.equal(sites.length, 1, out.stdout);
    assert.deepEqual(
      sites[0].model.candidates?.map((c) => `${c.provider}:${c.value}`),
      ['anthropic:claude-sonnet-4-5', 'openai:gpt-4.1-mini'],
    );
    const text = runCli(dir, ['lint', '.', '--fail-on', 'none']).stdout;
    assert.match(text, /one of claude-sonnet-4-5 \/ gpt-4\.1-mini/);
  });
});
