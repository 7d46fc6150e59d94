// test:fast (npm run test:fast: in-process, no CLI or server process)
// Frameworks that own the model call (issue 19): what an agent run's estimate says about its turns,
// what wrappers keep, and that a model passed in as a base class is not judged for its cap here.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeText } from './helpers';

const AGENTS = `from agents import Agent, ModelSettings, Runner
agent = Agent(name="a", instructions="Be brief.", model="gpt-4.1-mini", model_settings=ModelSettings(max_tokens=100))
async def one(q):
    return await Runner.run(agent, q)
async def four(q):
    return await Runner.run(agent, q, max_turns=4)
async def some(q, turns):
    return await Runner.run(agent, q, max_turns=turns)
`;

describe('agent runs', () => {
  it("the worst case is the run's turn bound times one call: max_turns when set, else the SDK's default of 10; a bound set at run time leaves it per call", async () => {
    const r = await analyzeText(AGENTS, 'python');
    const [unset, four, some] = r.callSites;
    assert.equal(r.callSites.length, 3);
    assert.ok(unset.estimate.costUsd && four.estimate.costUsd && some.estimate.costUsd);
    const perCall = some.estimate.costUsd.max;
    assert.ok(some.estimate.assumptions.some((a) => a.includes('`max_turns` is set at run time')));
    assert.ok(Math.abs(four.estimate.costUsd.max - 4 * perCall) < 1e-5, `${four.estimate.costUsd.max} vs 4 x ${perCall}`);
    assert.ok(Math.abs(unset.estimate.costUsd.max - 10 * perCall) < 1e-5, `${unset.estimate.costUsd.max} vs 10 x ${perCall}`);
    assert.ok(four.estimate.costUsd.max < unset.estimate.costUsd.max, 'a tighter bound never costs more');
    assert.equal(four.estimate.costUsd.min, some.estimate.costUsd.min);
    assert.ok(four.estimate.assumptions.some((a) => a.startsWith('`max_turns=4`: a run makes at most 4 model calls')));
    assert.ok(
      unset.estimate.assumptions.some((a) => a.startsWith("no max_turns: the library's default of 10: a run makes at most 10 model calls")),
      unset.estimate.assumptions.join('\n'),
    );
    assert.ok(unset.estimate.assumptions.some((a) => a.startsWith('an agent run makes one model call per turn')));
  });

  it("a run's run_config overrides every agent's model and output cap", async () => {
    const text = `from agents import Agent, ModelSettings, RunConfig, Runner\nagent = Agent(name="a", model="gpt-4.1")\nRunner.run_sync(agent, "q", run_config=RunConfig(model="gpt-4o-mini", model_settings=ModelSettings(max_tokens=200)))\n`;
    const [c] = (await analyzeText(text, 'python')).callSites;
    assert.equal(c.model.value, 'gpt-4o-mini');
    assert.equal(c.outputCap?.value, 200);
  });

  it("the agent's instructions are part of the prompt the run sends", async () => {
    const r = await analyzeText(AGENTS, 'python');
    assert.ok(r.callSites[0].estimate.inputTokens.static > 0);
    assert.deepEqual(r.callSites[0].estimate.inputTokens.unknownParts, ['q']);
  });

  it("an agent this file does not make keeps the run a call of a model not known here, not the SDK's default", async () => {
    const r = await analyzeText(`from agents import Runner\nAGENTS = {}\nasync def go(name, q):\n    return await Runner.run(AGENTS[name], q)\n`, 'python', {
      ruleSeverity: {},
    });
    assert.equal(r.callSites.length, 1);
    assert.equal(r.callSites[0].model.value, null);
    assert.ok(
      r.callSites[0].estimate.assumptions.some((a) => a.includes('`AGENTS[name]`, which could not be read')),
      r.callSites[0].estimate.assumptions.join('\n'),
    );
    assert.ok(!r.findings.some((f) => f.rule === 'uncapped-output'));
  });

  it("an application's own Agent and Runner classes are not the SDK's", async () => {
    const r = await analyzeText(
      `class Agent:\n    def __init__(self, model):\n        self.model = model\nclass Runner:\n    @staticmethod\n    def run(agent, q):\n        return q\nRunner.run(Agent("gpt-4o"), "hi")\n`,
      'python',
    );
    assert.deepEqual(r.callSites, []);
  });
});

describe('wrappers', () => {
  it("instructor's create on a patched Anthropic client is Anthropic's messages request, with its required cap", async () => {
    const r = await analyzeText(
      `import instructor\nfrom anthropic import Anthropic\nc = instructor.from_anthropic(Anthropic())\nc.create(model="claude-haiku-4-5", messages=[{"role": "user", "content": "hi"}], response_model=str)\n`,
      'python',
      { ruleSeverity: {} },
    );
    assert.equal(r.callSites.length, 1);
    assert.equal(r.callSites[0].sdk, 'anthropic');
    assert.equal(r.callSites[0].api, 'messages');
    assert.ok(r.findings.some((f) => f.rule === 'uncapped-output' && f.severity === 'error'));
  });

  it('a function of the same name from another module is not a wrapper', async () => {
    const r = await analyzeText(
      `from openai import OpenAI\nfrom myapp.tracing import wrap_openai\nc = wrap_openai(OpenAI())\nc.chat.completions.create(model="gpt-4o", messages=[])\n`,
      'python',
    );
    assert.deepEqual(r.callSites, []);
  });
});

describe('models passed in as a base class', () => {
  it('are calls of an unknown model, with no uncapped-output finding, and what the file passes wins', async () => {
    const text = `from langchain_core.language_models import BaseChatModel
from langchain_openai import ChatOpenAI
class Summarizer:
    def __init__(self, llm: BaseChatModel):
        self.llm = llm
    def run(self, text):
        return self.llm.invoke(text)
def ask(llm: BaseChatModel, q):
    return llm.invoke(q)
ask(ChatOpenAI(model="gpt-4o-mini", max_tokens=10), "hi")
`;
    const r = await analyzeText(text, 'python', { ruleSeverity: {} });
    const [summarize, ask] = r.callSites;
    assert.equal(summarize.sdk, 'langchain-core');
    assert.equal(summarize.model.value, null);
    assert.ok(summarize.estimate.assumptions.some((a) => a.includes('passed in as a LangChain base class')));
    assert.equal(ask.sdk, 'langchain-openai');
    assert.equal(ask.model.value, 'gpt-4o-mini');
    assert.ok(!r.findings.some((f) => f.rule === 'uncapped-output'), r.findings.map((f) => f.message).join('\n'));
  });
});

describe('a client chosen among SDKs', () => {
  it('shows the first branch and says which other SDK the other branch makes', async () => {
    const text = `from langchain_anthropic import ChatAnthropic
from langchain_openai import ChatOpenAI
def ask(provider, q):
    if provider == "anthropic":
        llm = ChatAnthropic(model="claude-haiku-4-5", max_tokens=100)
    else:
        llm = ChatOpenAI(model="gpt-4o-mini", max_tokens=100)
    return llm.invoke(q)
`;
    const r = await analyzeText(text, 'python');
    assert.equal(r.callSites.length, 1);
    assert.equal(r.callSites[0].sdk, 'langchain-anthropic');
    assert.ok(
      r.callSites[0].estimate.assumptions.includes("the client may also be LangChain OpenAI's, made in another branch: LangChain Anthropic's shown"),
      r.callSites[0].estimate.assumptions.join('\n'),
    );
  });
});

describe("a class's static method", () => {
  it("gives what it returns, else an instance of its return annotation's class", async () => {
    const text = `from pydantic_ai import Agent
class Registry:
    @staticmethod
    def get_agent() -> Agent:
        return load_agent_from_somewhere()
async def run(q):
    agent = Registry.get_agent()
    return await agent.run(q)
`;
    const r = await analyzeText(text, 'python');
    assert.equal(r.callSites.length, 1);
    assert.equal(r.callSites[0].sdk, 'pydantic-ai');
    assert.equal(r.callSites[0].model.value, null);
  });
});

describe('an agent picked from a dict at run time', () => {
  it("is the default (else the first) value's, and the estimate says it is one of several", async () => {
    const text = `from agents import Agent, Runner
a = Agent(name="a", model="gpt-4.1-mini")
b = Agent(name="b", model="gpt-4.1")
def pick(name):
    return {"a": a, "b": b}.get(name, b)
async def go(name, q):
    return await Runner.run(pick(name), q, max_turns=1)
`;
    const [c] = (await analyzeText(text, 'python')).callSites;
    assert.equal(c.model.value, 'gpt-4.1');
    assert.ok(
      c.estimate.assumptions.some((x) => x.startsWith('one of the 2 values of `{"a": a, "b": b}`, chosen at run time: the default shown')),
      c.estimate.assumptions.join('\n'),
    );
  });
});
