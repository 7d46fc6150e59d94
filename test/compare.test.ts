// test:fast (npm run test:fast: in-process, no CLI or server process)
// "Compare models" in the hover: the same call priced on other models of its provider.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { alternativesFor } from '../server/src/core/alternatives';
import { hoverMarkdown } from '../server/src/hover';
import { analyzeText, analyzer, TODAY } from './helpers';

const CLAUDE = `from anthropic import Anthropic\nc = Anthropic()\nc.messages.create(model="claude-sonnet-4-5", max_tokens=1000, messages=[{"role": "user", "content": "Summarize the attached ticket thread for the on-call engineer."}])\n`;

describe('compare models', () => {
  it('prices the call on models of its provider with the same tokens and cap, cheapest first, its own model included', async () => {
    const site = (await analyzeText(CLAUDE, 'python')).callSites[0];
    const cards = (await analyzer()).rateCards;
    const alts = alternativesFor(site, cards, TODAY);
    assert.ok(alts.length >= 3);
    assert.ok(alts.some((a) => a.current && a.model.startsWith('claude-sonnet-4-5')));
    for (let i = 1; i < alts.length; i++) assert.ok(alts[i - 1].worstUsd <= alts[i].worstUsd, 'cheapest first');
    // Haiku 4.5 at $1 in / $5 out per 1M, from the rate card: the same input tokens and the 1,000 cap.
    const haiku = alts.find((a) => a.model.startsWith('claude-haiku-4-5'));
    assert.ok(haiku, alts.map((a) => a.model).join(', '));
    const input = site.estimate.inputTokens.static;
    assert.equal(haiku.worstUsd, Math.round(((input * 1 + 1000 * 5) / 1e6) * 1e8) / 1e8);
    // Nothing that is shut down by today, nothing of another provider.
    for (const a of alts) {
      const m = cards.find(a.model)!;
      assert.equal(m.provider, 'anthropic');
      if (!a.current) assert.ok(!m.lifecycle.shutdownDate || m.lifecycle.shutdownDate > TODAY, `${a.model} is shut down`);
    }
  });

  it('uncapped, each model is priced at its own maximum output; with an expected size, that is the order', async () => {
    const code = `from openai import OpenAI\nOpenAI().chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "Hi"}])\n`;
    const site = (await analyzeText(code, 'python', { expectedOutputTokens: 300 })).callSites[0];
    const cards = (await analyzer()).rateCards;
    const alts = alternativesFor(site, cards, TODAY);
    for (const a of alts) assert.equal(a.outputTokens, cards.find(a.model)!.maxOutput);
    for (let i = 1; i < alts.length; i++) assert.ok(alts[i - 1].expectedUsd! <= alts[i].expectedUsd!, 'ordered by expected cost');
    const md = hoverMarkdown(site, null, alts);
    assert.match(md, /\*\*Compare models\*\* \(same tokens, each uncapped at its maximum; quality differs\)/);
    assert.match(md, /\| \*\*`gpt-4o`\*\* \(now\) \| \$[\d.]+ \| \$[\d.]+ \| {2}\|/);
    assert.match(md, /\| `[^`]+` \| \$[\d.]+ \| \$[\d.]+ \| -\d+% \|/);
  });

  it('an unpriced or embedding call has nothing to compare', async () => {
    const unknown = (await analyzeText(`from openai import OpenAI\nOpenAI().chat.completions.create(model=MODEL, max_tokens=5, messages=[])\n`, 'python'))
      .callSites[0];
    const embed = (await analyzeText(`from openai import OpenAI\nOpenAI().embeddings.create(model="text-embedding-3-small", input="hi")\n`, 'python'))
      .callSites[0];
    const cards = (await analyzer()).rateCards;
    assert.deepEqual(alternativesFor(unknown, cards, TODAY), []);
    assert.deepEqual(alternativesFor(embed, cards, TODAY), []);
    assert.doesNotMatch(hoverMarkdown(unknown, null, []), /Compare models/);
  });
});
