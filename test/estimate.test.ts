// test:fast (npm run test:fast: in-process, no CLI or server process)
// Estimates: token counts checked against js-tiktoken directly, prices against the rate
// card, and the rules that keep costlint honest (no silent $0, no silent guess).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Tiktoken } from 'js-tiktoken/lite';
import o200k from 'js-tiktoken/ranks/o200k_base';
import { analyzeText, analyzer } from './helpers';

let enc: Tiktoken | undefined;
const count = (s: string) => (enc ??= new Tiktoken(o200k)).encode(s, [], []).length;

describe('estimates', () => {
  it('chat input = tiktoken count of each message content + 3 per message + 3 to prime the reply', async () => {
    const system = 'You are a helpful assistant that answers in French.';
    const user = 'What is the capital of Australia? Explain briefly.';
    const r = await analyzeText(
      `from openai import OpenAI\nclient = OpenAI()\nclient.chat.completions.create(model="gpt-4o", max_tokens=100, messages=[{"role": "system", "content": ${JSON.stringify(system)}}, {"role": "user", "content": ${JSON.stringify(user)}}])\n`,
      'python',
    );
    const c = r.callSites[0];
    assert.equal(c.estimate.inputTokens.static, count(system) + count(user) + 2 * 3 + 3);
    assert.equal(c.estimate.approximate, false);
    // gpt-4o: $2.50 in, $10 out per 1M (ratecards/openai.json)
    const card = (await analyzer()).rateCards.find('gpt-4o')!;
    assert.equal(c.estimate.costUsd!.min, Math.round(((c.estimate.inputTokens.static * card.input) / 1e6) * 1e8) / 1e8);
    assert.equal(c.estimate.costUsd!.max, Math.round(((c.estimate.inputTokens.static * card.input + 100 * card.output!) / 1e6) * 1e8) / 1e8);
    assert.equal(c.estimate.outputTokens, 100);
  });

  it('uncapped output is priced at the model maximum, and the assumption says so', async () => {
    const r = await analyzeText(
      `import OpenAI from 'openai';\nconst c = new OpenAI();\nc.responses.create({ model: 'gpt-5.5', input: 'Hi' });\n`,
      'typescript',
    );
    const e = r.callSites[0].estimate;
    assert.equal(e.outputTokens, 128000);
    assert.ok(
      e.assumptions.some((a) => a.includes('no output cap') && a.includes('128,000')),
      e.assumptions.join('\n'),
    );
    assert.equal(e.costUsd!.max, Math.round(((e.inputTokens.static * 5 + 128000 * 30) / 1e6) * 1e8) / 1e8);
  });

  it('a model missing from the rate cards is unknown, never $0', async () => {
    const r = await analyzeText(
      `from openai import OpenAI\nOpenAI().chat.completions.create(model="gpt-9-ultra", messages=[{"role": "user", "content": "Hi"}], max_tokens=5)\n`,
      'python',
    );
    const e = r.callSites[0].estimate;
    assert.equal(e.costUsd, null);
    assert.equal(e.pricing, null);
    assert.ok(e.assumptions.some((a) => a.includes("'gpt-9-ultra' is not in the rate cards")));
    assert.ok(e.inputTokens.static > 0, 'tokens are still counted');
  });

  it('a model set at run time without a default is unknown, and says which expression', async () => {
    const r = await analyzeText(`from anthropic import Anthropic\ndef f(m):\n    Anthropic().messages.create(model=m, max_tokens=5, messages=[])\n`, 'python');
    const c = r.callSites[0];
    assert.deepEqual(c.model, { value: null, expression: 'm', resolved: false });
    assert.equal(c.estimate.costUsd, null);
    assert.ok(c.estimate.assumptions.some((a) => a.includes('`m` is not known statically')));
  });

  it('parameters built elsewhere: the estimate says the model is inside them, not that it is missing', async () => {
    const r = await analyzeText(
      `import OpenAI from 'openai';\nconst c = new OpenAI();\nexport const f = (params: any) => c.chat.completions.create(params);\n`,
      'typescript',
    );
    const e = r.callSites[0].estimate;
    assert.equal(e.costUsd, null);
    assert.ok(e.assumptions.includes('the model is inside `params`, which could not be read: cost unknown'), e.assumptions.join('\n'));
  });

  it('an environment default is used and labelled as assumed', async () => {
    const r = await analyzeText(
      `import os\nfrom openai import OpenAI\nOpenAI().responses.create(model=os.environ.get("MODEL", "gpt-5.4-mini"), input="x", max_output_tokens=9)\n`,
      'python',
    );
    const c = r.callSites[0];
    assert.equal(c.model.value, 'gpt-5.4-mini');
    assert.equal(c.model.resolved, false);
    assert.ok(c.estimate.costUsd);
    assert.ok(c.estimate.assumptions.some((a) => a.includes("default 'gpt-5.4-mini' assumed")));
  });

  it('a cap taken from a parameter default is labelled as assumed', async () => {
    const r = await analyzeText(
      `from anthropic import Anthropic\ndef run(model: str, max_tokens: int = 4096):\n    Anthropic().messages.create(model="claude-haiku-4-5", max_tokens=max_tokens, messages=[])\n`,
      'python',
    );
    const c = r.callSites[0];
    assert.deepEqual(c.outputCap, { param: 'max_tokens', value: 4096, expression: 'max_tokens' });
    assert.ok(c.estimate.assumptions.includes('output cap `max_tokens` is set at run time; its default 4,096 assumed'), c.estimate.assumptions.join('\n'));
  });

  it('Vertex AI: a regional endpoint is priced higher for Claude 4.5+, not before', async () => {
    const r = await analyzeText(
      `from anthropic import AnthropicVertex\nv = AnthropicVertex(region="us-east5", project_id="p")\nv.messages.create(model="claude-sonnet-4-5@20250929", max_tokens=10, messages=[])\nv.messages.create(model="claude-3-haiku@20240307", max_tokens=10, messages=[])\n`,
      'python',
    );
    assert.ok(r.callSites[0].estimate.assumptions.includes("Vertex AI regional endpoint 'us-east5': 10% above the global price"));
    assert.ok(!r.callSites[1].estimate.assumptions.some((a) => a.includes('regional')), 'no premium before Claude 4.5');
  });

  it('OpenAI-compatible endpoints: priced from that provider, local servers at $0, defaults and unknowns said', async () => {
    const r = await analyzeText(
      `import OpenAI from 'openai';\n` +
        `const ds = new OpenAI({ baseURL: 'https://api.deepseek.com' });\n` +
        `ds.chat.completions.create({ model: 'deepseek-flash', messages: [], max_tokens: 100 });\n` +
        `const local = new OpenAI({ baseURL: 'http://127.0.0.1:8000/v1' });\n` +
        `local.chat.completions.create({ model: 'qwen3', messages: [], max_tokens: 100 });\n` +
        `const gw = new OpenAI({ baseURL: process.env.GATEWAY ?? 'https://api.groq.com/openai/v1' });\n` +
        `gw.chat.completions.create({ model: 'llama-3.1-8b-instant', messages: [], max_tokens: 100 });\n` +
        `const acme = new OpenAI({ baseURL: 'https://llm.acme.internal/v1' });\n` +
        `acme.chat.completions.create({ model: 'gpt-4o', messages: [], max_tokens: 100 });\n`,
      'typescript',
    );
    const [ds, local, gw, acme] = r.callSites;
    assert.equal(ds.provider, 'deepseek');
    assert.equal(ds.estimate.pricing?.input, 0.3);
    assert.ok(ds.estimate.assumptions.includes('sent to DeepSeek (api.deepseek.com): priced from the deepseek rate card'));
    assert.equal(local.provider, 'local');
    assert.deepEqual(local.estimate.costUsd, { min: 0, max: 0 });
    assert.ok(local.estimate.assumptions.includes('sent to a local server (127.0.0.1): local, priced $0'));
    assert.equal(gw.provider, 'groq');
    assert.ok(gw.estimate.assumptions.some((a) => a.includes('its default https://api.groq.com/openai/v1 assumed')));
    assert.equal(acme.provider, 'unknown');
    assert.equal(acme.estimate.costUsd, null, 'a private gateway is not priced as OpenAI');
    assert.ok(acme.estimate.assumptions.includes('sent to llm.acme.internal, which has no rate card: cost unknown'));
  });

  it('Claude counts are approximate (o200k x 1.2 before Claude 4.7, x 1.55 after) and say so', async () => {
    const text = 'Summarize the following meeting notes into three action items with owners.';
    const src = (model: string) =>
      `import Anthropic from '@anthropic-ai/sdk';\nnew Anthropic().messages.create({ model: '${model}', max_tokens: 10, messages: [{ role: 'user', content: ${JSON.stringify(text)} }] });\n`;
    const old = (await analyzeText(src('claude-sonnet-4-5'), 'typescript')).callSites[0].estimate;
    const neu = (await analyzeText(src('claude-opus-4-8'), 'typescript')).callSites[0].estimate;
    assert.equal(old.approximate, true);
    assert.equal(old.inputTokens.static, Math.round(count(text) * 1.2));
    assert.equal(neu.inputTokens.static, Math.round(count(text) * 1.55));
    assert.ok(old.assumptions.some((a) => a.includes('unpublished')));
    // The factor and how far to trust it are data, for the hover and the JSON.
    assert.deepEqual([old.tokenizer.factor, old.tokenizer.confidence, old.tokenizer.exact], [1.2, 'approximate', false]);
    assert.equal(neu.tokenizer.factor, 1.55);
    const gemini = (
      await analyzeText(
        `from google import genai\ngenai.Client().models.generate_content(model="gemini-2.5-flash", contents="Hi", config={"max_output_tokens": 5})\n`,
        'python',
      )
    ).callSites[0].estimate;
    assert.equal(gemini.tokenizer.confidence, 'rough', 'no published ratio for Gemini');
    assert.match(gemini.tokenizer.note!, /no published ratio/);
    const gpt = (await analyzeText(`from openai import OpenAI\nOpenAI().responses.create(model="gpt-5.5", input="Hi", max_output_tokens=5)\n`, 'python'))
      .callSites[0].estimate;
    assert.deepEqual(gpt.tokenizer, { encoding: 'o200k_base', factor: 1, exact: true, confidence: 'exact', note: null });
  });

  it('dynamic parts are named, counted as 0 and listed', async () => {
    const r = await analyzeText(
      `from openai import OpenAI\ndef f(question, context):\n    OpenAI().responses.create(model="gpt-5.5", input=f"Context: {context}\\nQ: {question}", max_output_tokens=5)\n`,
      'python',
    );
    const e = r.callSites[0].estimate;
    assert.deepEqual(e.inputTokens.unknownParts, ['context', 'question']);
    assert.equal(e.inputTokens.static, count('Context: \nQ: '));
    assert.ok(e.assumptions.some((a) => a.includes('2 dynamic parts not counted')));
  });

  it('reasoning: a thinking budget bounds the thinking tokens in the expected cost; the worst case stays the cap', async () => {
    const src = `import Anthropic from '@anthropic-ai/sdk';\nconst c = new Anthropic();\nawait c.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 16000, thinking: { type: 'enabled', budget_tokens: 10000 }, messages: [{ role: 'user', content: 'Prove it.' }] });\n`;
    const e = (await analyzeText(src, 'typescript', { expectedOutputTokens: 500 })).callSites[0].estimate;
    assert.deepEqual(e.reasoning, {
      enabled: true,
      effort: null,
      budgetTokens: 10000,
      controls: ['thinking.type', 'thinking.budget_tokens'],
      note: 'reasoning: thinking budget 10,000 tokens (thinking.type, thinking.budget_tokens), billed as output within the cap',
    });
    assert.equal(e.outputTokens, 16000);
    assert.equal(e.expected!.outputTokens, 10500);
    // claude-sonnet-4-5: $3 in, $15 out per 1M
    assert.equal(e.expected!.costUsd, Math.round(((e.inputTokens.static * 3 + 10500 * 15) / 1e6) * 1e8) / 1e8);
  });

  it('reasoning controls in each SDK spelling are read; turning reasoning off is said', async () => {
    const oai = (
      await analyzeText(
        `from openai import OpenAI\nOpenAI().chat.completions.create(model="gpt-5", reasoning_effort="none", max_completion_tokens=300, messages=[{"role": "user", "content": "Hi"}])\n`,
        'python',
      )
    ).callSites[0].estimate;
    assert.equal(oai.reasoning!.enabled, false);
    assert.equal(oai.reasoning!.effort, 'none');
    const responses = (
      await analyzeText(
        `import OpenAI from 'openai';\nnew OpenAI().responses.create({ model: 'o3', reasoning: { effort: 'high' }, max_output_tokens: 4000, input: 'Hi' });\n`,
        'typescript',
      )
    ).callSites[0].estimate;
    assert.deepEqual([responses.reasoning!.effort, responses.reasoning!.controls], ['high', ['reasoning.effort']]);
    assert.match(responses.reasoning!.note, /effort 'high'.*bounded only by the cap/);
    const gemini = (
      await analyzeText(
        `import { GoogleGenAI } from '@google/genai';\nnew GoogleGenAI({}).models.generateContent({ model: 'gemini-2.5-flash', contents: 'Hi', config: { maxOutputTokens: 500, thinkingConfig: { thinkingBudget: 0 } } });\n`,
        'typescript',
      )
    ).callSites[0].estimate;
    assert.deepEqual([gemini.reasoning!.enabled, gemini.reasoning!.controls], [false, ['config.thinkingConfig.thinkingBudget']]);
    const aiSdk = (
      await analyzeText(
        `import { generateText } from 'ai';\nimport { anthropic } from '@ai-sdk/anthropic';\nawait generateText({ model: anthropic('claude-sonnet-4-5'), prompt: 'Hi', maxOutputTokens: 9000, providerOptions: { anthropic: { thinking: { type: 'enabled', budgetTokens: 4096 } } } });\n`,
        'typescript',
        {},
        { ai: '^5.0.0' },
      )
    ).callSites[0].estimate;
    assert.equal(aiSdk.reasoning!.budgetTokens, 4096);
    assert.deepEqual(aiSdk.reasoning!.controls, ['providerOptions.anthropic.thinking.type', 'providerOptions.anthropic.thinking.budgetTokens']);
    const plain = (
      await analyzeText(
        `from openai import OpenAI\nOpenAI().chat.completions.create(model="gpt-4o", max_tokens=5, messages=[{"role": "user", "content": "effort budget_tokens"}])\n`,
        'python',
      )
    ).callSites[0].estimate;
    assert.equal(plain.reasoning, undefined, 'no reasoning for a model that does not reason, and message text is never read as a control');
    const o3 = (
      await analyzeText(`from openai import OpenAI\nOpenAI().responses.create(model="o3", input="Hi", max_output_tokens=2000)\n`, 'python', {
        expectedOutputTokens: 100,
      })
    ).callSites[0].estimate;
    assert.equal(o3.reasoning!.enabled, null);
    assert.match(o3.expected!.basis, /reasoning tokens not included: no budget is set/);
  });

  it('special-token text such as <|endoftext|> is counted as text, not a crash', async () => {
    const r = await analyzeText(
      `from openai import OpenAI\nOpenAI().responses.create(model="gpt-5.5", input="a <|endoftext|> b <|im_start|>", max_output_tokens=5)\n`,
      'python',
    );
    assert.deepEqual(r.errors, []);
    assert.equal(r.callSites[0].estimate.inputTokens.static, count('a <|endoftext|> b <|im_start|>'));
  });

  it('embeddings use the model encoding (cl100k_base) and have no output', async () => {
    const r = await analyzeText(
      `from openai import OpenAI\nOpenAI().embeddings.create(model="text-embedding-3-small", input=["alpha beta", "gamma"])\n`,
      'python',
    );
    const e = r.callSites[0].estimate;
    assert.equal(e.encoding, 'cl100k_base');
    assert.equal(e.outputTokens, 0);
    assert.equal(e.costUsd!.min, e.costUsd!.max);
    assert.deepEqual(r.findings, []);
  });

  it('counts match published, independently computed counts', async () => {
    // OpenAI cookbook "How to count tokens with tiktoken": cl100k_base encodes "tiktoken is great!"
    // as [83, 1609, 5963, 374, 2294, 0] — 6 tokens. text-embedding-3-small uses cl100k_base.
    const r = await analyzeText(
      `from openai import OpenAI\nOpenAI().embeddings.create(model="text-embedding-3-small", input="tiktoken is great!")\n`,
      'python',
    );
    assert.equal(r.callSites[0].estimate.inputTokens.static, 6);
    // The same cookbook's chat accounting: 3 tokens per message and 3 to prime the reply, so one
    // user message "tiktoken is great!" on gpt-4 (cl100k_base) is 6 + 3 + 3 = 12 prompt tokens.
    const chat = await analyzeText(
      `from openai import OpenAI\nOpenAI().chat.completions.create(model="gpt-4", max_tokens=1, messages=[{"role": "user", "content": "tiktoken is great!"}])\n`,
      'python',
    );
    const c = chat.callSites[0];
    if (c.estimate.encoding === 'cl100k_base') assert.equal(c.estimate.inputTokens.static, 12);
    else assert.fail(`gpt-4 should count with cl100k_base, got ${c.estimate.encoding} (${c.estimate.assumptions.join('; ')})`);
  });

  it('message batches are priced at batch rates', async () => {
    const r = await analyzeText(
      `from anthropic import Anthropic\nAnthropic().messages.batches.create(requests=[{"custom_id": "a", "params": {"model": "claude-sonnet-4-6", "max_tokens": 100, "messages": [{"role": "user", "content": "Hi"}]}}])\n`,
      'python',
    );
    const e = r.callSites[0].estimate;
    assert.equal(e.pricing?.basis, 'batch');
    assert.equal(e.pricing?.input, 1.5);
    assert.ok(e.assumptions.some((a) => a.includes('this batch sends 1 request')));
  });

  it('long-context pricing: above 272K input tokens GPT-5.5 bills the whole request at $10/1M', async () => {
    const big = 'hello '.repeat(280_000);
    const r = await analyzeText(`from openai import OpenAI\nOpenAI().responses.create(model="gpt-5.5", input="${big}", max_output_tokens=10)\n`, 'python');
    const e = r.callSites[0].estimate;
    assert.ok(e.inputTokens.static > 272_000);
    assert.equal(e.pricing?.input, 10);
    assert.ok(e.assumptions.some((a) => a.includes('long-context price')));
  });

  it('calls in loops say the cost is per iteration', async () => {
    const r = await analyzeText(
      `import OpenAI from 'openai';\nconst c = new OpenAI();\nfor (const x of [1, 2]) c.responses.create({ model: 'gpt-5.5', input: 'x', max_output_tokens: 1 });\n`,
      'typescript',
    );
    assert.equal(r.callSites[0].inLoop, true);
    assert.match(r.callSites[0].loop!, /for loop at line 3/);
    assert.ok(r.callSites[0].estimate.assumptions.some((a) => a.includes('per iteration')));
  });
});

describe('service tiers', () => {
  // Every expected price is computed here from the bundled card's own numbers: the tier's price
  // when the card states one, else the provider's rule (`serviceTierRules`) times the standard price.
  const usd = (x: number) => Math.round(x * 1e8) / 1e8;
  const cost = (tokens: number, cap: number, p: { input: number; output: number }) => ({
    min: usd((tokens * p.input) / 1e6),
    max: usd((tokens * p.input + cap * p.output) / 1e6),
  });
  const card = async (id: string) => (await analyzer()).rateCards.find(id)!;

  it("OpenAI service_tier: flex and priority at the card's tier prices, or at the documented rule where the card has none; default and scale at the standard price", async () => {
    const r = await analyzeText(
      `from openai import OpenAI\nc = OpenAI()\n` +
        `c.responses.create(model="gpt-5.5", input="Summarize the ticket.", max_output_tokens=500, service_tier="flex")\n` +
        `c.responses.create(model="gpt-5.5", input="Summarize the ticket.", max_output_tokens=500, service_tier="priority")\n` +
        `c.chat.completions.create(model="gpt-4.1", messages=[{"role": "user", "content": "Summarize the ticket."}], max_completion_tokens=500, service_tier="flex")\n` +
        `c.chat.completions.create(model="gpt-4.1", messages=[{"role": "user", "content": "Summarize the ticket."}], max_completion_tokens=500, service_tier="priority")\n` +
        `c.responses.create(model="gpt-5.5", input="Summarize the ticket.", max_output_tokens=500, service_tier="default")\n` +
        `c.responses.create(model="gpt-5.5", input="Summarize the ticket.", max_output_tokens=500, service_tier="scale")\n`,
      'python',
    );
    const [flex, priority, ruleFlex, rulePriority, standard, scale] = r.callSites;
    const g55 = await card('gpt-5.5');
    const g41 = await card('gpt-4.1');
    const tokens = (i: number) => r.callSites[i].estimate.inputTokens.static;
    assert.deepEqual(flex.estimate.costUsd, cost(tokens(0), 500, { input: g55.serviceTiers!.flex.input!, output: g55.serviceTiers!.flex.output! }));
    assert.equal(flex.estimate.pricing!.basis, 'flex');
    assert.deepEqual(priority.estimate.costUsd, cost(tokens(1), 500, { input: g55.serviceTiers!.priority.input!, output: g55.serviceTiers!.priority.output! }));
    const rule = (t: string) => g41.tierRules![t].multiplier;
    assert.deepEqual(ruleFlex.estimate.costUsd, cost(tokens(2), 500, { input: g41.input * rule('flex'), output: g41.output! * rule('flex') }));
    assert.deepEqual(rulePriority.estimate.costUsd, cost(tokens(3), 500, { input: g41.input * rule('priority'), output: g41.output! * rule('priority') }));
    assert.ok(
      ruleFlex.estimate.assumptions.some((a) =>
        a.startsWith("no flex price for gpt-4.1 in the rate card, so the provider's rule prices it: OpenAI Flex processing bills 50%"),
      ),
    );
    assert.deepEqual(standard.estimate.costUsd, cost(tokens(4), 500, { input: g55.input, output: g55.output! }));
    assert.ok(!standard.estimate.assumptions.some((a) => a.includes('service_tier')));
    assert.deepEqual(scale.estimate.costUsd, standard.estimate.costUsd);
    assert.ok(scale.estimate.assumptions.includes("service_tier='scale': billed from the Scale Tier units the project bought; standard price shown"));
  });

  it("a tier set at run time prices the range: the cheapest tier's input to the dearest tier's whole call", async () => {
    const r = await analyzeText(
      `import OpenAI from 'openai';\nconst c = new OpenAI();\nexport const run = (tier: 'flex' | 'priority') => c.responses.create({ model: 'gpt-5.5', input: 'Summarize the ticket.', max_output_tokens: 500, service_tier: tier });\n`,
      'typescript',
    );
    const [call] = r.callSites;
    const g55 = await card('gpt-5.5');
    const n = call.estimate.inputTokens.static;
    assert.deepEqual(call.estimate.costUsd, {
      min: usd((n * g55.serviceTiers!.flex.input!) / 1e6),
      max: usd((n * g55.serviceTiers!.priority.input! + 500 * g55.serviceTiers!.priority.output!) / 1e6),
    });
    assert.equal(call.estimate.pricing!.basis, 'standard');
    assert.ok(call.estimate.assumptions.includes('`service_tier` is set at run time: the cost range covers the standard, flex and priority prices'));
  });

  it('Anthropic speed: "fast" at the card\'s fast-mode price, else at the documented 2x; Gemini config.service_tier at the card\'s multiplier; Ruby symbols too', async () => {
    const r = await analyzeText(
      `import anthropic\nfrom google import genai\nc = anthropic.Anthropic()\n` +
        `c.messages.create(model="claude-opus-5", max_tokens=400, speed="fast", messages=[{"role": "user", "content": "Refactor this."}])\n` +
        `c.messages.create(model="claude-sonnet-4-5", max_tokens=400, speed="fast", messages=[{"role": "user", "content": "Refactor this."}])\n` +
        `g = genai.Client()\n` +
        `g.models.generate_content(model="gemini-3.7-flash", contents="Triage this ticket.", config={"service_tier": "priority", "max_output_tokens": 300})\n` +
        `g.models.generate_content(model="gemini-3.7-flash", contents="Triage this ticket.", config={"service_tier": "flex", "max_output_tokens": 300})\n`,
      'python',
    );
    const [opus, sonnet, priority, flex] = r.callSites;
    const tokens = (i: number) => r.callSites[i].estimate.inputTokens.static;
    const o5 = await card('claude-opus-5');
    const s45 = await card('claude-sonnet-4-5');
    const g37 = await card('gemini-3.7-flash');
    assert.deepEqual(opus.estimate.costUsd, cost(tokens(0), 400, { input: o5.serviceTiers!.fast.input!, output: o5.serviceTiers!.fast.output! }));
    const k = s45.tierRules!.fast.multiplier;
    assert.deepEqual(sonnet.estimate.costUsd, cost(tokens(1), 400, { input: s45.input * k, output: s45.output! * k }));
    const m = g37.serviceTiers!.priority.multiplier!;
    assert.deepEqual(priority.estimate.costUsd, cost(tokens(2), 300, { input: g37.input * m, output: g37.output! * m }));
    const f = g37.tierRules!.flex.multiplier;
    assert.deepEqual(flex.estimate.costUsd, cost(tokens(3), 300, { input: g37.input * f, output: g37.output! * f }));
    const auto = await analyzeText(
      `import anthropic\nanthropic.Anthropic().messages.create(model="claude-opus-5", max_tokens=10, service_tier="auto", messages=[])\n`,
      'python',
    );
    assert.ok(
      auto.callSites[0].estimate.assumptions.includes(
        "service_tier='auto': Priority Tier capacity when the organization has committed to it (billed by that commitment), else standard; standard price shown",
      ),
    );
    const rb = await analyzeText(
      `require "openai"\nclient = OpenAI::Client.new\nclient.chat.completions.create(model: "gpt-4.1", max_completion_tokens: 500, service_tier: :flex, messages: [{role: "user", content: "Summarize the ticket."}])\n`,
      'ruby',
    );
    assert.equal(rb.callSites[0].estimate.pricing!.basis, 'flex');
  });
});

describe("service tiers in the SDKs' constants", () => {
  it('Go, Java and C# name the tier with an SDK constant, PHP with the string: priced as the value it stands for; standard speed is standard', async () => {
    const go = await analyzeText(
      `package svc

import (
	"context"

	"github.com/anthropics/anthropic-sdk-go"
	"github.com/openai/openai-go/v3"
)

func Run(ctx context.Context, c *openai.Client, a *anthropic.Client) {
	c.Chat.Completions.New(ctx, openai.ChatCompletionNewParams{Model: "gpt-4.1", MaxCompletionTokens: openai.Int(500), ServiceTier: openai.ChatCompletionNewParamsServiceTierFlex, Messages: []openai.ChatCompletionMessageParamUnion{openai.UserMessage("Summarize the ticket.")}})
	a.Beta.Messages.New(ctx, anthropic.BetaMessageNewParams{Model: "claude-opus-5", MaxTokens: 400, Speed: anthropic.BetaMessageNewParamsSpeedStandard})
}
`,
      'go',
    );
    assert.deepEqual(
      go.callSites.map((c) => c.estimate.pricing?.basis),
      ['flex', 'standard'],
    );
    assert.ok(!go.callSites[1].estimate.assumptions.some((a) => a.includes('speed')));
    const java = await analyzeText(
      `package app;

import com.openai.client.OpenAIClient;
import com.openai.models.chat.completions.ChatCompletionCreateParams;

class Bot {
    void run(OpenAIClient client) {
        client.chat().completions().create(ChatCompletionCreateParams.builder().model("gpt-4.1").maxCompletionTokens(500).serviceTier(ChatCompletionCreateParams.ServiceTier.PRIORITY).addUserMessage("Summarize the ticket.").build());
    }
}
`,
      'java',
    );
    assert.deepEqual(
      java.callSites.map((c) => c.estimate.pricing?.basis),
      ['priority'],
    );
    const cs = await analyzeText(
      `using OpenAI.Chat;

public class Bot
{
    public void Run()
    {
        var chat = new ChatClient("gpt-4.1", "key");
        var options = new ChatCompletionOptions { MaxOutputTokenCount = 100, ServiceTier = ChatServiceTier.Flex };
        chat.CompleteChat(new ChatMessage[] { new UserChatMessage("Hi") }, options);
    }
}
`,
      'csharp',
    );
    assert.deepEqual(
      cs.callSites.map((c) => c.estimate.pricing?.basis),
      ['flex'],
    );
    const php = await analyzeText(
      `<?php
$client = OpenAI::client(getenv('OPENAI_API_KEY'));
$client->chat()->create(['model' => 'gpt-4.1', 'max_completion_tokens' => 100, 'service_tier' => 'priority', 'messages' => [['role' => 'user', 'content' => 'Hi']]]);
`,
      'php',
    );
    assert.deepEqual(
      php.callSites.map((c) => c.estimate.pricing?.basis),
      ['priority'],
    );
  });
});

describe('data residency', () => {
  it('Anthropic inference_geo "us" bills the card\'s residency multiplier on Claude 4.6+, on top of fast mode; earlier models say the global price is shown', async () => {
    const usd = (x: number) => Math.round(x * 1e8) / 1e8;
    const r = await analyzeText(
      `import anthropic\nc = anthropic.Anthropic()\n` +
        `c.messages.create(model="claude-opus-4-6", max_tokens=400, inference_geo="us", messages=[{"role": "user", "content": "Refactor this."}])\n` +
        `c.messages.create(model="claude-opus-5", max_tokens=400, inference_geo="us", speed="fast", messages=[{"role": "user", "content": "Refactor this."}])\n` +
        `c.messages.create(model="claude-sonnet-4-5", max_tokens=400, inference_geo="us", messages=[{"role": "user", "content": "Refactor this."}])\n` +
        `c.messages.create(model="claude-opus-4-6", max_tokens=400, inference_geo="global", messages=[{"role": "user", "content": "Refactor this."}])\n`,
      'python',
    );
    const cards = (await analyzer()).rateCards;
    const o46 = cards.find('claude-opus-4-6')!;
    const o5 = cards.find('claude-opus-5')!;
    const n = (i: number) => r.callSites[i].estimate.inputTokens.static;
    const k = o46.residencyMultiplier!;
    assert.equal(k, 1.1);
    assert.deepEqual(r.callSites[0].estimate.costUsd, {
      min: usd((n(0) * o46.input * k) / 1e6),
      max: usd((n(0) * o46.input * k + 400 * o46.output! * k) / 1e6),
    });
    const fast = o5.serviceTiers!.fast;
    assert.deepEqual(r.callSites[1].estimate.costUsd, {
      min: usd((n(1) * fast.input! * k) / 1e6),
      max: usd((n(1) * fast.input! * k + 400 * fast.output! * k) / 1e6),
    });
    assert.ok(r.callSites[2].estimate.assumptions.includes('no data-residency price for claude-sonnet-4-5-20250929 in the rate card: the global price shown'));
    assert.deepEqual(r.callSites[3].estimate.pricing!.input, o46.input);
  });
});

describe('data residency through the endpoint', () => {
  it("OpenAI clients on eu.api.openai.com bill GPT-5+ at the card's residency multiplier; earlier models say the global price is shown", async () => {
    const usd = (x: number) => Math.round(x * 1e8) / 1e8;
    const r = await analyzeText(
      `from openai import OpenAI\nc = OpenAI(base_url="https://eu.api.openai.com/v1")\n` +
        `c.responses.create(model="gpt-5.5", input="Summarize the ticket.", max_output_tokens=500)\n` +
        `c.responses.create(model="gpt-4.1", input="Summarize the ticket.", max_output_tokens=500)\n`,
      'python',
    );
    const cards = (await analyzer()).rateCards;
    const g55 = cards.find('gpt-5.5')!;
    const k = g55.residencyMultiplier!;
    const n = r.callSites[0].estimate.inputTokens.static;
    assert.deepEqual(r.callSites[0].estimate.costUsd, { min: usd((n * g55.input * k) / 1e6), max: usd((n * g55.input * k + 500 * g55.output! * k) / 1e6) });
    assert.ok(r.callSites[0].estimate.assumptions.includes('data residency: 10% above the global price'));
    assert.ok(r.callSites[1].estimate.assumptions.includes('no data-residency price for gpt-4.1 in the rate card: the global price shown'));
  });
});

describe('Vertex AI regions', () => {
  it("a regional endpoint bills the card's regional multiplier, global the list price; a region set at run time or left to the environment prices both", async () => {
    const usd = (x: number) => Math.round(x * 1e8) / 1e8;
    const call = (client: string) =>
      `from anthropic import AnthropicVertex\nimport os\nc = ${client}\nc.messages.create(model="claude-sonnet-4-5", max_tokens=300, messages=[{"role": "user", "content": "Summarize the ticket."}])\n`;
    const card = (await analyzer()).rateCards.find('claude-sonnet-4-5')!;
    const k = card.regionalEndpointMultiplier!;
    assert.equal(k, 1.1);
    const site = async (client: string) => (await analyzeText(call(client), 'python')).callSites[0];
    const regional = await site('AnthropicVertex(region="us-east5", project_id="p")');
    const n = regional.estimate.inputTokens.static;
    assert.deepEqual(regional.estimate.costUsd, { min: usd((n * card.input * k) / 1e6), max: usd((n * card.input * k + 300 * card.output! * k) / 1e6) });
    assert.ok(regional.estimate.assumptions.includes("Vertex AI regional endpoint 'us-east5': 10% above the global price"));
    const global = await site('AnthropicVertex(region="global", project_id="p")');
    assert.deepEqual(global.estimate.costUsd, { min: usd((n * card.input) / 1e6), max: usd((n * card.input + 300 * card.output!) / 1e6) });
    const runtime = await site('AnthropicVertex(region=os.environ["REGION"], project_id="p")');
    assert.deepEqual(runtime.estimate.costUsd, { min: usd((n * card.input) / 1e6), max: usd((n * card.input * k + 300 * card.output! * k) / 1e6) });
    assert.ok(
      runtime.estimate.assumptions.some((a) =>
        a.startsWith(
          'Vertex AI: the region is `os.environ["REGION"]`, set at run time: the cost range covers the global endpoint and a regional one, 10% more',
        ),
      ),
    );
    const unset = await site('AnthropicVertex(project_id="p")');
    assert.ok(unset.estimate.assumptions.some((a) => a.startsWith('Vertex AI: the region is not given here (CLOUD_ML_REGION)')));
    const ts = await analyzeText(
      `import { AnthropicVertex } from '@anthropic-ai/vertex-sdk';\nconst c = new AnthropicVertex({ region: 'europe-west1', projectId: 'p' });\nc.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 300, messages: [{ role: 'user', content: 'Summarize the ticket.' }] });\n`,
      'typescript',
    );
    assert.ok(ts.callSites[0].estimate.assumptions.includes("Vertex AI regional endpoint 'europe-west1': 10% above the global price"));
  });
});

describe('billing, as the review found it', () => {
  const usd = (x: number) => Math.round(x * 1e8) / 1e8;
  it("a cached prefix is written at the tier's price (fast mode doubles the write); over a run-time range the cache estimate keeps its own output cost", async () => {
    const prefix = 'The quick brown fox jumps over the lazy dog. '.repeat(300);
    const sys = `[{"type": "text", "text": ${JSON.stringify(prefix)}, "cache_control": {"type": "ephemeral"}}]`;
    const r = await analyzeText(
      `import anthropic, os\nc = anthropic.Anthropic()\n` +
        `c.messages.create(model="claude-opus-4-8", max_tokens=1000, system=${sys}, messages=[{"role": "user", "content": "hi"}])\n` +
        `c.messages.create(model="claude-opus-4-8", max_tokens=1000, speed="fast", system=${sys}, messages=[{"role": "user", "content": "hi"}])\n` +
        `c.messages.create(model="claude-opus-4-8", max_tokens=1000, speed=os.environ["SPEED"], system=${sys}, messages=[{"role": "user", "content": "hi"}])\n`,
      'python',
    );
    const card = (await analyzer()).rateCards.find('claude-opus-4-8')!;
    const [standard, fast, runtime] = r.callSites;
    const cached = standard.estimate.cache!.tokens;
    const n = standard.estimate.inputTokens.static;
    const fastTier = card.serviceTiers!.fast;
    const k = fastTier.input! / card.input;
    // First call under fast mode: the rest at the fast input price, the prefix written at the write price times the same ratio.
    const first = ((n - cached) * fastTier.input! + cached * card.cacheWrite5m! * k) / 1e6;
    assert.deepEqual(fast.estimate.cache!.firstCallUsd, { min: usd(first), max: usd(first + (1000 * fastTier.output!) / 1e6) });
    assert.ok(fast.estimate.cache!.firstCallUsd.min > fast.estimate.costUsd!.min, 'writing the cache costs more than not caching');
    // Over a range, the repeat call's worst case never exceeds the call's own worst case.
    assert.ok(runtime.estimate.cache!.repeatCallUsd!.max <= runtime.estimate.costUsd!.max);
    assert.deepEqual(runtime.estimate.cache, standard.estimate.cache);
  });

  it("the pricing basis names a tier only when one was priced; message batches bill data residency; the AI SDK's providerOptions tier is read; a tier value costlint does not know is said", async () => {
    const xai = await analyzeText(
      `from openai import OpenAI\nc = OpenAI(base_url="https://api.x.ai/v1")\nc.chat.completions.create(model="grok-4-0709", messages=[], max_completion_tokens=100, service_tier="flex")\n`,
      'python',
    );
    assert.equal(xai.callSites[0].estimate.pricing!.basis, 'standard');
    assert.ok(xai.callSites[0].estimate.assumptions.includes('no flex price for grok-4-0709 in the rate card: standard price shown'));
    const batch = await analyzeText(
      `import anthropic\nanthropic.Anthropic().messages.batches.create(requests=[{"custom_id": "a", "params": {"model": "claude-opus-4-6", "max_tokens": 100, "inference_geo": "us", "messages": [{"role": "user", "content": "hi"}]}}])\n`,
      'python',
    );
    const o46 = (await analyzer()).rateCards.find('claude-opus-4-6')!;
    assert.equal(batch.callSites[0].estimate.pricing!.input, Math.round(o46.batchInput! * o46.residencyMultiplier! * 1e6) / 1e6);
    const ai = await analyzeText(
      `import { generateText } from 'ai';\nimport { openai } from '@ai-sdk/openai';\nexport const f = () => generateText({ model: openai('gpt-5.5'), prompt: 'hi', maxOutputTokens: 100, providerOptions: { openai: { serviceTier: 'flex' } } });\n`,
      'typescript',
    );
    assert.equal(ai.callSites[0].estimate.pricing!.basis, 'flex');
    const odd = await analyzeText(
      `from openai import OpenAI\nOpenAI().responses.create(model="gpt-5.5", input="x", max_output_tokens=5, service_tier="Flex")\n`,
      'python',
    );
    assert.ok(odd.callSites[0].estimate.assumptions.some((a) => a.startsWith("service_tier='Flex' is not a value costlint prices")));
  });
});

describe('cache writes after every adjustment', () => {
  it("a long-context tier's write price applies (with a tier or residency on top); a Bedrock regional profile scales the write", async () => {
    const cards = (await analyzer()).rateCards;
    const haiku = cards.find('claude-haiku-5-5')!;
    const long = haiku.tiers.find((t) => t.when.promptTokensGt ?? t.when.inputTokensGt)!;
    assert.ok(long.cacheWrite5m !== undefined, 'the card has a long-context write price');
    // Enough text to cross the threshold (o200k counts "word " as one token, x the Claude factor).
    const big = 'word '.repeat(Math.ceil((long.when.promptTokensGt ?? long.when.inputTokensGt)! / haiku.tokenizer.factor!) + 2000);
    const call = (extra: string) =>
      `client.messages.create(model="claude-haiku-5-5", max_tokens=100${extra}, system=[{"type": "text", "text": BIG, "cache_control": {"type": "ephemeral"}}], messages=[{"role": "user", "content": "hi"}])\n`;
    const r = await analyzeText(
      `import anthropic\nclient = anthropic.Anthropic()\nBIG = ${JSON.stringify(big)}\n${call('')}${call(', inference_geo="us"')}`,
      'python',
    );
    const said = (c: (typeof r.callSites)[number]) => c.estimate.assumptions.find((a) => a.includes('sit before a cache breakpoint'))!;
    assert.match(said(r.callSites[0]), new RegExp(`writes them at \\$${long.cacheWrite5m.toFixed(2).replace('.', '\\.')}/1M`));
    const k = haiku.residencyMultiplier ?? 1;
    assert.match(said(r.callSites[1]), new RegExp(`writes them at \\$${(Math.round(long.cacheWrite5m * k * 1e6) / 1e6).toFixed(2).replace('.', '\\.')}/1M`));
    const sonnet = cards.find('claude-sonnet-4-6')!;
    const bed = await analyzeText(
      `from anthropic import AnthropicBedrock\nclient = AnthropicBedrock()\nBIG = ${JSON.stringify('word '.repeat(3000))}\nclient.messages.create(model="us.anthropic.claude-sonnet-4-6", max_tokens=100, system=[{"type": "text", "text": BIG, "cache_control": {"type": "ephemeral"}}], messages=[{"role": "user", "content": "hi"}])\n`,
      'python',
    );
    const m = sonnet.regionalEndpointMultiplier!;
    assert.equal(bed.callSites[0].estimate.pricing!.input, Math.round(sonnet.input * m * 1e6) / 1e6);
    assert.match(said(bed.callSites[0]), new RegExp(`writes them at \\$${(Math.round(sonnet.cacheWrite5m! * m * 1e6) / 1e6).toFixed(2).replace('.', '\\.')}`));
  });
});
