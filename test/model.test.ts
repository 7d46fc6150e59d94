// test:fast (npm run test:fast: in-process, no CLI or server process)
// The intermediate model and its evaluator (server/src/core/model), through the languages that
// lower to it: what a reader of the hover would see for values built the ways real code builds them.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { analyzer, analyzeText, TODAY } from './helpers';
import type { CallSite } from '../server/src/core/types';

async function calls(text: string, language: CallSite['language'] = 'ruby'): Promise<CallSite[]> {
  const r = await analyzeText(text, language);
  assert.deepEqual(r.errors, []);
  return r.callSites;
}

const texts = (c: CallSite) => c.prompt.parts.map((p) => p.text);

const RUBY_HEAD = 'require "openai"\nclient = OpenAI::Client.new\n';

describe('model: Ruby heredocs', () => {
  it('<<~ removes the least indentation of its non-blank lines, keeps blank lines and the last newline', async () => {
    const [c] = await calls(`${RUBY_HEAD}PROMPT = <<~PROMPT
    You review pull requests.

      - be brief
    Never approve your own.
  PROMPT
client.chat.completions.create(model: "gpt-4o", messages: [{role: "system", content: PROMPT}], max_tokens: 10)
`);
    assert.deepEqual(texts(c), ['You review pull requests.\n\n  - be brief\nNever approve your own.\n']);
  });

  it("<<- and << keep indentation; the end marker's indentation is not text", async () => {
    const [c] =
      await calls(`${RUBY_HEAD}client.chat.completions.create(model: "gpt-4o", messages: [{role: "system", content: <<-A}, {role: "user", content: <<B}], max_tokens: 10)
    one
    A
  two
B
`);
    assert.deepEqual(texts(c), ['    one\n', '  two\n']);
  });

  it('interpolations are holes (or their known values), escapes are read, a quoted marker reads raw text', async () => {
    const [c] = await calls(`${RUBY_HEAD}TONE = "dry"
client.chat.completions.create(model: "gpt-4o", max_tokens: 10, messages: [{role: "user", content: <<~MSG}, {role: "system", content: <<~'RAW'}])
  Be #{TONE}.\\tSummarize #{ticket.body}
  end
MSG
  raw #{x}\\t
RAW
`);
    assert.deepEqual(texts(c), ['Be dry.\tSummarize \nend\n', 'raw #{x}\\t\n']);
    assert.deepEqual(c.estimate.inputTokens.unknownParts, ['ticket.body']);
  });
});

describe('model: Ruby values and clients', () => {
  it('a frozen constant hash splatted into the call is read; later keys win, as at run time', async () => {
    const [before, after] = await calls(`${RUBY_HEAD}DEFAULTS = {max_tokens: 512, model: "gpt-4o"}.freeze
client.chat.completions.create(model: "gpt-4.1", **DEFAULTS, messages: [])
client.chat.completions.create(**DEFAULTS, model: "gpt-4.1", messages: [])
`);
    assert.deepEqual([before.outputCap?.value, before.model.value], [512, 'gpt-4o']);
    assert.deepEqual([after.outputCap?.value, after.model.value], [512, 'gpt-4.1']);
  });

  it('a splat that cannot be read keeps the parameters open: no uncapped-output claim', async () => {
    const r = await analyzeText(
      `${RUBY_HEAD}def go(opts)\n  client = OpenAI::Client.new\n  client.chat.completions.create(model: "gpt-4o", messages: [], **opts)\nend\n`,
      'ruby',
    );
    assert.equal(r.callSites.length, 1);
    assert.equal(r.callSites[0].outputCap, null);
    assert.ok(!r.findings.some((f) => f.rule === 'uncapped-output'), 'no finding when the cap may come through **opts');
  });

  it('ENV defaults: ENV.fetch(name, default) and ENV[name] || default are unknown models with their default said', async () => {
    const cs = await calls(`${RUBY_HEAD}client.chat.completions.create(model: ENV.fetch("M", "gpt-4o-mini"), messages: [], max_tokens: 1)
client.chat.completions.create(model: ENV["M"] || "gpt-4.1", messages: [], max_tokens: 1)
client.chat.completions.create(model: ENV.fetch("M"), messages: [], max_tokens: 1)
`);
    assert.deepEqual(
      cs.map((c) => [c.model.value, c.model.resolved]),
      [
        ['gpt-4o-mini', false],
        ['gpt-4.1', false],
        [null, false],
      ],
    );
  });

  it('an instance variable assigned once is read; assigned in two places it is one of both, never a silent guess', async () => {
    const cs = await calls(`require "openai"
class A
  def initialize = (@client = OpenAI::Client.new; @model = "gpt-4.1-mini")
  def run = @client.chat.completions.create(model: @model, messages: [], max_tokens: 5)
end
class B
  def initialize(fast)
    @client = OpenAI::Client.new
    @model = "gpt-4.1-mini"
    @model = "gpt-4.1" unless fast
  end
  def run = @client.chat.completions.create(model: @model, messages: [], max_tokens: 5)
end
`);
    assert.deepEqual(
      cs.map((c) => c.model.value),
      ['gpt-4.1-mini', 'gpt-4.1-mini'],
    );
    assert.equal(cs[0].model.resolved, true);
    assert.equal(cs[1].model.resolved, false);
    assert.deepEqual(
      cs[1].model.candidates?.map((m) => m.value),
      ['gpt-4.1-mini', 'gpt-4.1'],
    );
    assert.match(cs[1].estimate.assumptions[0], /`@model` is one of 2, chosen at run time: 'gpt-4.1-mini', 'gpt-4.1'; the cost range covers them all/);
  });

  it('SDK model constants at any depth below the SDK namespace; other constants are not models', async () => {
    const cs = await calls(`${RUBY_HEAD}client.chat.completions.create(model: OpenAI::Models::ChatModel::GPT_4_1_MINI, messages: [], max_tokens: 1)
client.chat.completions.create(model: OpenAI::ChatModel::GPT_4O, messages: [], max_tokens: 1)
client.chat.completions.create(model: OpenAI::Errors::TIMEOUT, messages: [], max_tokens: 1)
`);
    assert.deepEqual(
      cs.map((c) => c.model.value),
      ['gpt-4.1-mini', 'gpt-4o', null],
    );
  });

  it('clients through ||=, a condition, with_options, and a constant; a cycle of names resolves to nothing', async () => {
    const cs = await calls(`require "anthropic"
CLAUDE = Anthropic::Client.new
class Job
  def a(eu)
    @c ||= Anthropic::Client.new
    @c.messages.create(model: "claude-haiku-4-5", max_tokens: 1, messages: [])
    pick = eu ? CLAUDE : Anthropic::Client.new(base_url: "https://example.invalid")
    pick.with_options(max_retries: 2).messages.create(model: "claude-haiku-4-5", max_tokens: 1, messages: [])
    x = y
    y = x
    x.messages.create(model: "claude-haiku-4-5", max_tokens: 1, messages: [])
  end
end
`);
    assert.deepEqual(
      cs.map((c) => c.range.start.line),
      [5, 7],
    );
  });
});

describe('model: PHP', () => {
  it("heredocs drop the closing marker's indentation, nowdocs read raw; class constants and Laravel env() defaults are read", async () => {
    const [c] = await calls(
      `<?php
use Anthropic\\Client;
final class Support
{
    private const MODEL = 'claude-haiku-4-5';
    public function __construct(private Client $claude) {}
    public function answer(string $q): void
    {
        $system = <<<TXT
            You answer for {$this->brand}.
              Be brief.
            TXT;
        $this->claude->messages->create(model: env('CLAUDE_MODEL', self::MODEL), maxTokens: 300, system: $system, messages: [['role' => 'user', 'content' => <<<'RAW'
        raw $q
        RAW
        ]]);
    }
}
`,
      'php',
    );
    assert.deepEqual(texts(c), ['You answer for .\n  Be brief.', 'raw $q']);
    assert.deepEqual([c.model.value, c.model.resolved], ['claude-haiku-4-5', false]);
    assert.deepEqual(c.estimate.inputTokens.unknownParts, ['$this->brand']);
  });

  it('OpenAI::factory()->with...()->make() is a client; a spread array of defaults is read, later keys winning', async () => {
    const cs = await calls(
      `<?php
$client = OpenAI::factory()->withApiKey(getenv('KEY'))->withBaseUri('api.example.com/v1')->make();
$defaults = ['model' => 'gpt-4o', 'max_tokens' => 256];
$client->chat()->create([...$defaults, 'model' => 'gpt-4.1', 'messages' => []]);
$client->chat()->create(['model' => 'gpt-4.1', ...$defaults, 'messages' => []]);
`,
      'php',
    );
    assert.deepEqual(
      cs.map((c) => [c.model.value, c.outputCap?.value]),
      [
        ['gpt-4.1', 256],
        ['gpt-4o', 256],
      ],
    );
  });
});

describe('model: imports, read at the top of the file', () => {
  // The front-ends read imports from the file's top level (and a namespace's body), not the whole tree.
  it('PHP group use in a braced namespace; C# usings inside a namespace block; Go and Java imports after comments', async () => {
    const php = await calls(
      `<?php
namespace App\\Services {
use Anthropic\\{Client as Claude, Messages};
final class Support {
    public function __construct(private Claude $claude) {}
    public function run(): void { $this->claude->messages->create(model: 'claude-haiku-4-5', maxTokens: 100, messages: []); }
}
}
`,
      'php',
    );
    assert.deepEqual(
      php.map((c) => c.model.value),
      ['claude-haiku-4-5'],
    );
    const cs = await calls(
      `using System;
namespace Acme.Bots
{
    using OpenAI.Chat;
    public class Bot
    {
        public void Run() { new ChatClient("gpt-4o", "key").CompleteChat("Hi"); }
    }
}
`,
      'csharp',
    );
    assert.deepEqual(
      cs.map((c) => c.model.value),
      ['gpt-4o'],
    );
    const go = await calls(
      `// Package svc answers questions.
package svc

// The SDK.
import "github.com/openai/openai-go/v3"

func Run(c *openai.Client) { c.Chat.Completions.New(nil, openai.ChatCompletionNewParams{Model: openai.ChatModelGPT4oMini}) }
`,
      'go',
    );
    assert.deepEqual(
      go.map((c) => c.model.value),
      ['gpt-4o-mini'],
    );
    const java = await calls(
      `/* Licensed under MIT. */
package com.acme;
// The SDK.
import com.openai.client.OpenAIClient;
import com.openai.models.ChatModel;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
class Bot {
    void run(OpenAIClient client) {
        client.chat().completions().create(ChatCompletionCreateParams.builder().model(ChatModel.GPT_4O).addUserMessage("Hi").build());
    }
}
`,
      'java',
    );
    assert.deepEqual(
      java.map((c) => c.model.value),
      ['gpt-4o'],
    );
  });
});

describe('model: Go', () => {
  it('clients by declared type (a package var, a parameter, a struct field) and by a subpackage constructor; helpers and constants from the catalogue', async () => {
    const cs = await calls(
      `package svc

import (
	"context"

	"github.com/anthropics/anthropic-sdk-go"
	"github.com/anthropics/anthropic-sdk-go/bedrock"
	oai "github.com/openai/openai-go/v3"
)

var shared oai.Client

type Bot struct {
	llm *anthropic.Client
}

func (b *Bot) Ask(ctx context.Context, q string) {
	b.llm.Messages.New(ctx, anthropic.MessageNewParams{Model: anthropic.ModelClaudeHaiku4_5, MaxTokens: 256, Messages: []anthropic.MessageParam{anthropic.NewUserMessage(anthropic.NewTextBlock(q))}})
}

func Run(ctx context.Context, c *oai.Client) {
	c.Chat.Completions.New(ctx, oai.ChatCompletionNewParams{Model: oai.ChatModelGPT4oMini, MaxCompletionTokens: oai.Int(64), Messages: []oai.ChatCompletionMessageParamUnion{oai.UserMessage("Hi")}})
	shared.Responses.New(ctx, oai.ResponseNewParams{Model: "gpt-4.1", Input: oai.ResponseNewParamsInputUnion{OfString: oai.String("Hello")}})
	br := bedrock.NewClient(ctx)
	br.Messages.New(ctx, anthropic.MessageNewParams{Model: "anthropic.claude-haiku-4-5-20251001-v1:0", MaxTokens: 10})
}
`,
      'go',
    );
    assert.deepEqual(
      cs.map((c) => [c.operation, c.model.value, c.outputCap?.value ?? null]),
      [
        ['messages.create', 'claude-haiku-4-5', 256],
        ['chat.completions.create', 'gpt-4o-mini', 64],
        ['responses.create', 'gpt-4.1', null],
        ['messages.create', 'anthropic.claude-haiku-4-5-20251001-v1:0', 10],
      ],
    );
    assert.deepEqual(cs.map(texts), [[], ['Hi'], ['Hello'], []]);
    assert.deepEqual(cs[0].estimate.inputTokens.unknownParts, ['q']);
  });

  it('model constants of openai-go\'s shared package, and conversions to the model types (openai.ChatModel("..."), anthropic.Model(name))', async () => {
    const cs = await calls(
      `package svc

import (
	"context"
	"os"

	"github.com/anthropics/anthropic-sdk-go"
	"github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/shared"
)

func Run(ctx context.Context, c openai.Client, claude anthropic.Client) {
	c.Chat.Completions.New(ctx, openai.ChatCompletionNewParams{Model: shared.ChatModelGPT4o, MaxTokens: openai.Int(64)})
	c.Responses.New(ctx, openai.ResponseNewParams{Model: shared.ResponsesModel("gpt-5.1"), MaxOutputTokens: openai.Int(64)})
	c.Chat.Completions.New(ctx, openai.ChatCompletionNewParams{Model: openai.ChatModel(os.Getenv("MODEL")), MaxTokens: openai.Int(64)})
	name := "claude-haiku-4-5"
	claude.Messages.New(ctx, anthropic.MessageNewParams{Model: anthropic.Model(name), MaxTokens: 64})
}
`,
      'go',
    );
    assert.deepEqual(
      cs.map((c) => [c.model.value, c.model.resolved]),
      [
        ['gpt-4o', true],
        ['gpt-5.1', true],
        [null, false],
        ['claude-haiku-4-5', true],
      ],
    );
  });
});

describe('model: Java', () => {
  it("model constants through a wildcard import, not through another package's Model; a builder-made client in a field read without this", async () => {
    const cs = await calls(
      `package app;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.models.messages.*;

public class Drafts {
    private final AnthropicClient client = AnthropicOkHttpClient.builder().apiKey(System.getenv("KEY")).build();

    void run(String topic) {
        client.messages().create(MessageCreateParams.builder().model(Model.CLAUDE_SONNET_4_5).maxTokens(512L).addUserMessage("Draft: " + topic).build());
        client.messages().create(MessageCreateParams.builder().model(com.example.catalog.Model.LATEST).maxTokens(512L).systemOfTextBlockParams(List.of(TextBlockParam.builder().text("Be brief.").build())).build());
    }
}
`,
      'java',
    );
    assert.deepEqual(
      cs.map((c) => [c.model.value, c.outputCap?.value]),
      [
        ['claude-sonnet-4-5', 512],
        [null, 512],
      ],
    );
    assert.deepEqual(cs.map(texts), [['Draft: '], ['Be brief.']]);
  });

  it("text blocks lose their incidental indentation (the closing delimiter's line counts) and trailing spaces; \\<newline> joins lines, \\s keeps a space", async () => {
    const block = (body: string) => `package app;

import com.anthropic.client.AnthropicClient;
import com.anthropic.models.messages.MessageCreateParams;

public class Review {
    private AnthropicClient client;

    void run() {
        String system = ${body};
        client.messages().create(MessageCreateParams.builder().model("claude-sonnet-4-5").maxTokens(100L).system(system).addUserMessage("x").build());
    }
}
`;
    const system = async (body: string) => (await calls(block(body), 'java'))[0].prompt.parts.find((p) => p.where === 'system')?.text;
    // The closing delimiter at the content's column: the content keeps no indentation, and ends with a newline.
    assert.equal(
      await system('"""\n            You review resumes.\n              - Be brief.   \n\n            End.\n            """'),
      'You review resumes.\n  - Be brief.\n\nEnd.\n',
    );
    // The closing delimiter further left: its column is the margin.
    assert.equal(await system('"""\n            Indented.\n        """'), '    Indented.\n');
    // Closed on the last content line: no final newline; escapes read after stripping.
    assert.equal(await system('"""\n            One \\\n            line.\\s\n            Two\\t"""'), 'One line. \nTwo\t');
  });
});

describe('model: C#', () => {
  it("raw strings lose the closing line's indentation; messages in arrays and from ChatMessage factories are counted; a resource client bound by new() keeps its model", async () => {
    const cs = await calls(
      `using OpenAI.Chat;

ChatClient client = new(model: "gpt-4.1-mini", apiKey: Environment.GetEnvironmentVariable("OPENAI_API_KEY"));
var system = """
    You triage tickets.
      Reply with one word.
    """;
client.CompleteChat(new ChatMessage[] { new SystemChatMessage(system), "Printer on fire" }, new ChatCompletionOptions { MaxOutputTokenCount = 5 });
client.CompleteChat([ChatMessage.CreateUserMessage("Hello"), args[0]], new ChatCompletionOptions { MaxOutputTokenCount = 5 });
`,
      'csharp',
    );
    assert.deepEqual(
      cs.map((c) => [c.model.value, c.outputCap?.value]),
      [
        ['gpt-4.1-mini', 5],
        ['gpt-4.1-mini', 5],
      ],
    );
    assert.deepEqual(cs.map(texts), [['You triage tickets.\n  Reply with one word.', 'Printer on fire'], ['Hello']]);
    assert.deepEqual(cs[1].estimate.inputTokens.unknownParts, ['args[0]']);
  });

  it("2.8's ResponsesClient is made from the key alone: the model is CreateResponse's first argument or the options' first; the input and instructions are the prompt", async () => {
    const analysis = await analyzeText(
      `using OpenAI.Responses;

ResponsesClient client = new(apiKey: Environment.GetEnvironmentVariable("OPENAI_API_KEY"));
ResponseResult a = client.CreateResponse("gpt-5", "Say 'this is a test.'");
ResponseResult b = client.CreateResponse("gpt-5", "And again.", a.Id);

List<ResponseItem> inputItems = [ResponseItem.CreateUserMessageItem("Roll 2d4+1")];
CreateResponseOptions options = new("gpt-5-mini", inputItems)
{
    Instructions = "You are a dice roller.",
    MaxOutputTokenCount = 200,
};
ResponseResult c = client.CreateResponse(options);
`,
      'csharp',
    );
    assert.deepEqual(analysis.errors, []);
    const cs = analysis.callSites;
    assert.deepEqual(
      cs.map((c) => [c.operation, c.model.value, c.outputCap?.value ?? null]),
      [
        ['responses.create', 'gpt-5', null],
        ['responses.create', 'gpt-5', null],
        ['responses.create', 'gpt-5-mini', 200],
      ],
    );
    // The model string is no message, and a previous response's id no prompt.
    assert.deepEqual(cs.map(texts), [["Say 'this is a test.'"], ['And again.'], ['You are a dice roller.', 'Roll 2d4+1']]);
    // CreateResponse(model, text) has no overload taking options: no fix adds one; with options, the cap goes in them.
    const uncapped = analysis.findings.filter((f) => f.rule === 'uncapped-output');
    assert.deepEqual(
      uncapped.map((f) => [f.range.start.line + 1, f.fix]),
      [
        [4, null],
        [5, null],
      ],
    );
  });
});

// How many times a loop runs a call, when its syntax says: the hover says it and call-in-loop
// prices the pass. A loop whose count code can change (a local list filled later, a bound read
// at run time) stays uncounted: a wrong count would be a silent guess.
describe('model: loop counts', () => {
  const loops = (cs: CallSite[]) => cs.map((c) => [c.range.start.line + 1, c.iterations ?? null]);
  const RB_CALL = 'client.chat.completions.create(model: "gpt-4o", messages: [{role: "user", content: "hi"}], max_tokens: 10)';

  it('Ruby: n.times, ranges, upto, literal and constant lists (%w too), but not a local list filled later', async () => {
    const cs = await calls(`${RUBY_HEAD}MODELS = %w[a b c].freeze
3.times do
  ${RB_CALL}
end
(1..5).each { |i| ${RB_CALL} }
(1...5).each { |i| ${RB_CALL} }
1.upto(4) { |i| ${RB_CALL} }
for m in MODELS do
  [1, 2].each { |x| ${RB_CALL} }
end
items = []
items << "x"
items.each { |i| ${RB_CALL} }
while gets
  ${RB_CALL}
end
`);
    assert.deepEqual(loops(cs), [
      [5, 3],
      [7, 5],
      [8, 4],
      [9, 4],
      [11, 6],
      [15, null],
      [17, null],
    ]);
    assert.ok(
      cs[4].estimate.assumptions.some((a) => a.includes('6 times')),
      cs[4].estimate.assumptions.join('\n'),
    );
  });

  it('Go: counted for loops, range over a literal or an int, nested loops multiply; a bound read at run time is not counted', async () => {
    const call = 'client.Chat.Completions.New(ctx, openai.ChatCompletionNewParams{Model: openai.ChatModelGPT4o, MaxTokens: openai.Int(5)})';
    const cs = await calls(
      `package main

import (
	"context"

	"github.com/openai/openai-go"
)

func run(ctx context.Context, n int) {
	client := openai.NewClient()
	for i := 0; i < 4; i++ {
		for _, m := range []string{"a", "b"} {
			${call}
		}
	}
	for i := range 7 {
		${call}
	}
	for i := 0; i < n; i++ {
		${call}
	}
}
`,
      'go',
    );
    assert.deepEqual(loops(cs), [
      [13, 8],
      [17, 7],
      [20, null],
    ]);
  });

  it('Java, C# and PHP: counted for loops (< and <=) and loops over literal lists', async () => {
    const java = await calls(
      `import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import java.util.List;

class Batch {
    void run(List<String> docs) {
        OpenAIClient client = OpenAIOkHttpClient.fromEnv();
        for (int i = 0; i <= 2; i++) { client.chat().completions().create(ChatCompletionCreateParams.builder().model("gpt-4o").maxCompletionTokens(5).addUserMessage("hi").build()); }
        for (String m : List.of("a", "b")) { client.chat().completions().create(ChatCompletionCreateParams.builder().model("gpt-4o").maxCompletionTokens(5).addUserMessage("hi").build()); }
        for (String d : docs) { client.chat().completions().create(ChatCompletionCreateParams.builder().model("gpt-4o").maxCompletionTokens(5).addUserMessage(d).build()); }
    }
}
`,
      'java',
    );
    assert.deepEqual(loops(java), [
      [9, 3],
      [10, 2],
      [11, null],
    ]);
    const cs = await calls(
      `using OpenAI.Chat;

ChatClient client = new(model: "gpt-4o", apiKey: "k");
for (var i = 0; i < 6; i++) { client.CompleteChat(new UserChatMessage("hi")); }
foreach (var m in new[] { "a", "b" }) { client.CompleteChat(new UserChatMessage("hi")); }
for (var i = 0; i < 6; i += 2) { client.CompleteChat(new UserChatMessage("hi")); }
`,
      'csharp',
    );
    assert.deepEqual(loops(cs), [
      [4, 6],
      [5, 2],
      [6, null],
    ]);
    const php = await calls(
      `<?php
$client = OpenAI::client(getenv('OPENAI_API_KEY'));
for ($i = 0; $i < 3; $i++) { $client->chat()->create(['model' => 'gpt-4o', 'messages' => [], 'max_tokens' => 5]); }
foreach (['a', 'b'] as $m) { $client->chat()->create(['model' => 'gpt-4o', 'messages' => [], 'max_tokens' => 5]); }
foreach ($rows as $row) { $client->chat()->create(['model' => 'gpt-4o', 'messages' => [], 'max_tokens' => 5]); }
`,
      'php',
    );
    assert.deepEqual(loops(php), [
      [3, 3],
      [4, 2],
      [5, null],
    ]);
  });
});

// Applications reach their client through a method of their own class more often than through a
// variable: `GetChatClient().CompleteChatAsync(...)` (ScripturAI), Ruby's memoized `def client`.
describe('model: methods and functions returning clients', () => {
  const found = (cs: CallSite[]) => cs.map((c) => [c.range.start.line + 1, c.operation, c.model.value]);

  it('C#: a method returning a field (block or expression body), called bare or on this; a field assigned in the constructor through this', async () => {
    const cs = await calls(
      `using OpenAI.Chat;

public partial class AiService
{
  private readonly ChatClient chatClient = new(model: "gpt-4o", apiKey: Environment.GetEnvironmentVariable("OPENAI_API_KEY"));
  private readonly ChatClient summarizer;

  public AiService() { this.summarizer = new ChatClient(model: "gpt-4o-mini", apiKey: "k"); }

  internal ChatClient GetChatClient()
  {
    return chatClient;
  }

  ChatClient Other() => chatClient;

  public void Ask(string q)
  {
    GetChatClient().CompleteChat(new UserChatMessage(q));
    this.Other().CompleteChat(new UserChatMessage(q));
    this.summarizer.CompleteChat(new UserChatMessage(q));
  }
}
`,
      'csharp',
    );
    assert.deepEqual(found(cs), [
      [19, 'chat.completions.create', 'gpt-4o'],
      [20, 'chat.completions.create', 'gpt-4o'],
      [21, 'chat.completions.create', 'gpt-4o-mini'],
    ]);
  });

  it('Java, PHP, Ruby and Go: a method (or function) returning a client; a same-named method of another class is not this one', async () => {
    const java = await calls(
      `import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletionCreateParams;

class Svc {
    private OpenAIClient client() { return OpenAIOkHttpClient.fromEnv(); }
    void run() { this.client().chat().completions().create(ChatCompletionCreateParams.builder().model("gpt-4o").maxCompletionTokens(5).addUserMessage("hi").build()); }
}

class Unrelated {
    private Object client() { return null; }
    void run() { client().chat().completions().create(null); }
}
`,
      'java',
    );
    assert.deepEqual(found(java), [[7, 'chat.completions.create', 'gpt-4o']]);
    const php = await calls(
      `<?php
class Svc {
  private function client() { return OpenAI::client(getenv('OPENAI_API_KEY')); }
  public function ask() { return $this->client()->chat()->create(['model' => 'gpt-4o', 'messages' => [], 'max_tokens' => 5]); }
}
`,
      'php',
    );
    assert.deepEqual(found(php), [[4, 'chat.completions.create', 'gpt-4o']]);
    const ruby = await calls(`require "openai"

class Svc
  def client
    @client ||= OpenAI::Client.new
  end

  def ask
    client.chat.completions.create(model: "gpt-4o", messages: [], max_tokens: 5)
    self.client.chat.completions.create(model: "gpt-4o", messages: [], max_tokens: 5)
  end
end
`);
    assert.deepEqual(found(ruby), [
      [9, 'chat.completions.create', 'gpt-4o'],
      [10, 'chat.completions.create', 'gpt-4o'],
    ]);
    // attr_reader: `client` and `model` are the fields the constructor sets; another class's `client` is not.
    const attrs = await calls(`require "openai"

class Summarizer
  attr_reader :client, :model

  def initialize
    @client = OpenAI::Client.new
    @model = "gpt-4o-mini"
  end

  def call(text)
    client.chat.completions.create(model: model, messages: [{role: "user", content: text}], max_tokens: 200)
  end
end

class Other
  def call
    client.chat.completions.create(model: "gpt-4o", messages: [], max_tokens: 5)
  end
end
`);
    assert.deepEqual(found(attrs), [[12, 'chat.completions.create', 'gpt-4o-mini']]);
    // The ruby-openai gem has the same OpenAI::Client but takes `parameters:` (sure's providers):
    // its call is its own, and the fix goes into the hash, not a keyword the method rejects.
    const gem = await analyzeText(
      `require "openai"\nclient = OpenAI::Client.new\nclient.responses.create(parameters: { model: "gpt-4o", input: "hi" })\nclient.responses.create(model: "gpt-4o", input: "hi", max_output_tokens: 50)\n`,
      'ruby',
    );
    assert.deepEqual(
      [gem.callSites.map((c) => [c.range.start.line + 1, c.sdk]), gem.findings.map((f) => f.rule)],
      [
        [
          [3, 'ruby-openai'],
          [4, 'openai'],
        ],
        ['uncapped-output'],
      ],
    );
    assert.deepEqual(
      gem.findings[0].fix?.edits.map((e) => e.newText),
      [', max_output_tokens: 1024'],
    );
    const go = await calls(
      `package p

import (
	"context"

	"github.com/openai/openai-go"
)

func newClient() (openai.Client, error) {
	return openai.NewClient(), nil
}

func run(ctx context.Context) {
	c, _ := newClient()
	c.Chat.Completions.New(ctx, openai.ChatCompletionNewParams{Model: openai.ChatModelGPT4o, MaxTokens: openai.Int(5)})
}
`,
      'go',
    );
    assert.deepEqual(found(go), [[15, 'chat.completions.create', 'gpt-4o']]);
  });
});

describe('model: strings built by the standard library', () => {
  // As applications build prompts: kiali's `fmt.Sprintf("Summarize ...: %+v", history)`, Java's
  // String.format and text blocks' .formatted, PHP's sprintf and implode, Ruby's format and %,
  // C#'s string.Format and string.Join. Known arguments are text, the others holes by name.
  it('Go: fmt.Sprintf (%s, %d, %+v, %%), strings.Join over a literal slice, strings.TrimSpace', async () => {
    const [c] = await calls(
      `package svc

import (
	"context"
	"fmt"
	"strings"

	"github.com/openai/openai-go/v3"
)

const retries = 3

func Summarize(ctx context.Context, client openai.Client, history []string, user string) {
	rules := strings.Join([]string{"Be brief.", "Cite the chat."}, "\\n")
	system := strings.TrimSpace(fmt.Sprintf("  You summarize for %s, retrying %d times at 100%%.\\n%s  ", "kiali", retries, rules))
	client.Chat.Completions.New(ctx, openai.ChatCompletionNewParams{Model: openai.ChatModelGPT4o, MaxTokens: openai.Int(200), Messages: []openai.ChatCompletionMessageParamUnion{openai.SystemMessage(system), openai.UserMessage(fmt.Sprintf("Summarize the following chat history: %+v", history))}})
}
`,
      'go',
    );
    assert.deepEqual(texts(c), ['You summarize for kiali, retrying 3 times at 100%.\nBe brief.\nCite the chat.', 'Summarize the following chat history: ']);
    assert.deepEqual(c.estimate.inputTokens.unknownParts, ['history']);
  });

  it("Java: String.format with %n and %1$s, a text block's .formatted, String.join of arguments and of a List.of, strip", async () => {
    const [c] = await calls(
      `package app;

import com.anthropic.client.AnthropicClient;
import com.anthropic.models.messages.MessageCreateParams;
import java.util.List;

public class Review {
    private AnthropicClient client;

    void run(String cv, String lang) {
        String rules = String.join("; ", "Be fair", "Be brief");
        String more = String.join(", ", List.of("skills", "experience"));
        String system = String.format("Review in %1$s.%nRules: %2$s. Weigh %3$s.", lang, rules, more).strip();
        client.messages().create(MessageCreateParams.builder().model("claude-sonnet-4-5").maxTokens(100L).system(system).addUserMessage("""
            CV:
            %s
            """.formatted(cv)).build());
    }
}
`,
      'java',
    );
    assert.deepEqual(texts(c), ['Review in .\nRules: Be fair; Be brief. Weigh skills, experience.', 'CV:\n\n']);
    assert.deepEqual(c.estimate.inputTokens.unknownParts, ['lang', 'cv']);
  });

  it('PHP: sprintf, implode of an array literal, trim; Ruby: format, String#% with an array and a hash, join and strip', async () => {
    const [p] = await calls(
      `<?php
function ask(string $q): void {
    $client = OpenAI::client(getenv('OPENAI_API_KEY'));
    $rules = implode("\\n", ['Be brief.', 'Cite sources.']);
    $client->chat()->create(['model' => 'gpt-4o', 'max_tokens' => 100, 'messages' => [
        ['role' => 'system', 'content' => trim(sprintf("  Answer as %s.\\n%s ", 'Acme support', $rules))],
        ['role' => 'user', 'content' => sprintf('Question %d: %s', 1, $q)],
    ]]);
}
`,
      'php',
    );
    assert.deepEqual(texts(p), ['Answer as Acme support.\nBe brief.\nCite sources.', 'Question 1: ']);
    assert.deepEqual(p.estimate.inputTokens.unknownParts, ['$q']);
    const [r] = await calls(`${RUBY_HEAD}RULES = ["Be brief.", "Cite sources."].freeze
def ask(client, q, name)
  system = format("You help %s.\\n%s", "Acme", RULES.join("\\n")).strip
  user = "Question from %<who>s: %<q>s" % { who: name, q: q }
  client.chat.completions.create(model: "gpt-4o", max_tokens: 100, messages: [{ role: "system", content: system }, { role: "user", content: "%s (%d)" % [user, 2] }])
end
`);
    assert.deepEqual(texts(r), ['You help Acme.\nBe brief.\nCite sources.', 'Question from :  (2)']);
    assert.deepEqual(r.estimate.inputTokens.unknownParts, ['name', 'q']);
  });

  it('C#: string.Format with {0} and {1,5}, a format item with a format string is a hole; string.Join and Trim', async () => {
    const [c] = await calls(
      `using OpenAI.Chat;

public class Verses
{
    private readonly ChatClient chat = new(model: "gpt-4o-mini", apiKey: "k");

    public async Task Run(string verse, double score)
    {
        var rules = string.Join(" ", new[] { "Be faithful.", "Be modern." });
        var system = string.Format("  Translate {0} verses.{{style}} {1}  ", "Bible", rules).Trim();
        await chat.CompleteChatAsync([new SystemChatMessage(system), new UserChatMessage(string.Format("Verse: {0} (score {1:N2})", verse, score))]);
    }
}
`,
      'csharp',
    );
    assert.deepEqual(texts(c), ['Translate Bible verses.{style} Be faithful. Be modern.', 'Verse:  (score )']);
    assert.deepEqual(c.estimate.inputTokens.unknownParts, ['verse', 'score']);
  });
});

// A list built in steps is read as it is at the call: the steps before it, in order. A change
// costlint cannot follow (in a loop the list was not made in, an item removed or set) leaves the
// list open, named, instead of the literal it started as: reading only the literal would
// undercount the prompt without saying so.
describe('model: lists and strings built in place', () => {
  const parts = (c: CallSite) => [c.prompt.parts.map((p) => `${p.where}: ${p.text}`), c.estimate.inputTokens.unknownParts];

  it('Ruby: <<, push, concat and += on a list, << on a string; a step in another loop or a delete opens the list', async () => {
    const cs = await calls(`${RUBY_HEAD}def ask(client, q, history)
  messages = [{ role: "system", content: "Be brief." }]
  messages << { role: "user", content: q }
  messages.push({ role: "user", content: "Thanks." })
  messages.concat(history)
  client.chat.completions.create(model: "gpt-4o", max_tokens: 10, messages: messages)
  messages += [{ role: "assistant", content: "After the call: not sent." }]
end

def agent(client, q)
  prompt = "You plan."
  prompt << " Step by step."
  messages = [{ role: "system", content: prompt }]
  3.times do
    reply = client.chat.completions.create(model: "gpt-4o", max_tokens: 10, messages: messages)
    messages << { role: "assistant", content: reply }
  end
end

def trimmed(client)
  messages = [{ role: "system", content: "Be brief." }, { role: "user", content: "Hi" }]
  messages.delete_at(0)
  client.chat.completions.create(model: "gpt-4o", max_tokens: 10, messages: messages)
end
`);
    assert.deepEqual(cs.map(parts), [
      [
        ['messages[0].content: Be brief.', 'messages[2].content: Thanks.'],
        ['q', 'history'],
      ],
      [['messages[0].content: You plan. Step by step.'], ['messages']],
      [['messages[0].content: Be brief.', 'messages[1].content: Hi'], ['messages']],
    ]);
  });

  it('PHP: $a[] = and array_push on an array, .= on a string, and $this->messages[] = on a field', async () => {
    const cs = await calls(
      `<?php
final class Bot
{
    private array $messages = [['role' => 'system', 'content' => 'Be brief.']];

    private $client;

    public function __construct()
    {
        $this->client = OpenAI::client(getenv('OPENAI_API_KEY'));
    }

    public function ask(string $q): void
    {
        $system = 'You answer.';
        $system .= ' Politely.';
        $messages = [['role' => 'system', 'content' => $system]];
        $messages[] = ['role' => 'user', 'content' => $q];
        array_push($messages, ['role' => 'user', 'content' => 'Thanks.']);
        $this->client->chat()->create(['model' => 'gpt-4o', 'max_tokens' => 10, 'messages' => $messages]);
    }

    public function remember(string $q): void
    {
        $this->messages[] = ['role' => 'user', 'content' => $q];
        $this->client->chat()->create(['model' => 'gpt-4o', 'max_tokens' => 10, 'messages' => $this->messages]);
    }
}
`,
      'php',
    );
    assert.deepEqual(cs.map(parts), [
      [['messages[0].content: You answer. Politely.', 'messages[2].content: Thanks.'], ['$q']],
      [['messages[0].content: Be brief.'], ['messages']],
    ]);
  });

  it('Go: x = append(x, ...) with items and a spread; Java: new ArrayList<>(...), add and addAll; C#: Add, AddRange, and RemoveAt opening the list', async () => {
    const [g] = await calls(
      `package svc

import (
	"context"

	"github.com/openai/openai-go/v3"
)

func Run(ctx context.Context, c openai.Client, q string, history []openai.ChatCompletionMessageParamUnion) {
	msgs := []openai.ChatCompletionMessageParamUnion{openai.SystemMessage("Be brief.")}
	msgs = append(msgs, openai.UserMessage(q), openai.UserMessage("Thanks."))
	msgs = append(msgs, history...)
	c.Chat.Completions.New(ctx, openai.ChatCompletionNewParams{Model: openai.ChatModelGPT4o, MaxTokens: openai.Int(64), Messages: msgs})
}
`,
      'go',
    );
    assert.deepEqual(parts(g), [
      ['messages[0].content: Be brief.', 'messages[2].content: Thanks.'],
      ['q', 'history'],
    ]);
    const js = await calls(
      `package app;

import com.anthropic.client.AnthropicClient;
import com.anthropic.models.messages.*;
import java.util.ArrayList;
import java.util.List;

public class Chat {
    private AnthropicClient client;

    void run(String q, List<TextBlockParam> extra) {
        List<TextBlockParam> system = new ArrayList<>(List.of(TextBlockParam.builder().text("Be brief.").build()));
        system.add(TextBlockParam.builder().text("Cite sources.").build());
        system.addAll(extra);
        client.messages().create(MessageCreateParams.builder().model("claude-haiku-4-5").maxTokens(100L).systemOfTextBlockParams(system).addUserMessage(q).build());
        List<TextBlockParam> grown = new ArrayList<>(16);
        grown.add(TextBlockParam.builder().text("Two.").build());
        client.messages().create(MessageCreateParams.builder().model("claude-haiku-4-5").maxTokens(100L).systemOfTextBlockParams(grown).addUserMessage(q).build());
    }
}
`,
      'java',
    );
    // new ArrayList<>(list) copies it, new ArrayList<>(16) is empty; what addAll adds is not known, and said.
    assert.deepEqual(js.map(parts), [
      [
        ['system[0].text: Be brief.', 'system[1].text: Cite sources.'],
        ['extra', 'q'],
      ],
      [['system[0].text: Two.'], ['q']],
    ]);
    const cs = await calls(
      `using OpenAI.Chat;

public class A
{
    private readonly ChatClient chat = new(model: "gpt-4o-mini", apiKey: "k");

    public void Run(string q, List<ChatMessage> history)
    {
        List<ChatMessage> messages = [new SystemChatMessage("Be brief.")];
        messages.Add(new UserChatMessage(q));
        messages.AddRange(history);
        chat.CompleteChat(messages, new ChatCompletionOptions { MaxOutputTokenCount = 5 });
        List<ChatMessage> trimmed = [new SystemChatMessage("Be brief."), new UserChatMessage("Hi")];
        trimmed.RemoveAt(0);
        chat.CompleteChat(trimmed, new ChatCompletionOptions { MaxOutputTokenCount = 5 });
    }
}
`,
      'csharp',
    );
    assert.deepEqual(cs.map(parts), [
      [['messages[0].content: Be brief.'], ['q', 'history']],
      [['messages[0].content: Be brief.', 'messages[1].content: Hi'], ['trimmed']],
    ]);
  });
});

// A parameter's default is what an estimate assumes unless a caller passes another, and the
// assumptions say so, as in Python (`def ask(q, model="gpt-4o")`).
describe('model: parameters with defaults', () => {
  const read = (c: CallSite) => [c.model.value, c.model.resolved, c.outputCap?.value ?? null, c.estimate.assumptions.filter((a) => /its default/.test(a))];

  it('Ruby keyword and optional parameters, through an instance variable too; PHP and C# typed parameters with defaults', async () => {
    const rb = await calls(`${RUBY_HEAD}class Bot
  def initialize(model: "gpt-4o-mini")
    @client = OpenAI::Client.new
    @model = model
  end

  def ask(q, model: "gpt-4o", max = 300)
    @client.chat.completions.create(model: model, max_tokens: max, messages: [{ role: "user", content: q }])
  end

  def again(q)
    @client.chat.completions.create(model: @model, max_tokens: 10, messages: [{ role: "user", content: q }])
  end

  def plain(q, model)
    @client.chat.completions.create(model: model, max_tokens: 10, messages: [{ role: "user", content: q }])
  end
end
`);
    assert.deepEqual(rb.map(read), [
      [
        'gpt-4o',
        false,
        300,
        ['output cap `max` is set at run time; its default 300 assumed', "model `model` is set at run time; its default 'gpt-4o' assumed"],
      ],
      ['gpt-4o-mini', false, 10, ["model `@model` is set at run time; its default 'gpt-4o-mini' assumed"]],
      [null, false, 10, []],
    ]);
    const [php] = await calls(
      `<?php
function ask(string $q, string $model = 'gpt-4o', int $max = 256) {
    $client = OpenAI::client(getenv('OPENAI_API_KEY'));
    return $client->chat()->create(['model' => $model, 'max_tokens' => $max, 'messages' => [['role' => 'user', 'content' => $q]]]);
}
`,
      'php',
    );
    assert.deepEqual(read(php).slice(0, 3), ['gpt-4o', false, 256]);
    const [cs] = await calls(
      `using OpenAI.Chat;

public class Bot
{
    public void Run(string q, string model = "gpt-4o-mini", int max = 50)
    {
        ChatClient chat = new(model: model, apiKey: Environment.GetEnvironmentVariable("OPENAI_API_KEY"));
        chat.CompleteChat([new UserChatMessage(q)], new ChatCompletionOptions { MaxOutputTokenCount = max });
    }
}
`,
      'csharp',
    );
    assert.deepEqual(read(cs).slice(0, 3), ['gpt-4o-mini', false, 50]);
  });
});

describe('model: C# clients and lists, as the review found them', () => {
  it('a ResponsesClient made with a model keeps it; CreateResponseAsync(options, ct) reads the options, the token is no prompt; new List<T>() grows by Add', async () => {
    const cs = await calls(
      `using OpenAI.Chat;
using OpenAI.Responses;

public class A
{
    public async Task Run(string key, CancellationToken ct)
    {
        ResponsesClient bound = new(model: "gpt-5.2", apiKey: key);
        bound.CreateResponse("Write a haiku.");
        ResponsesClient rc = new(key);
        var options = new CreateResponseOptions("gpt-4o", [ResponseItem.CreateUserMessageItem("Summarize.")]) { MaxOutputTokenCount = 100 };
        await rc.CreateResponseAsync(options, ct);
        ChatClient chat = new(model: "gpt-4o-mini", apiKey: key);
        var messages = new List<ChatMessage>();
        messages.Add(new UserChatMessage("Hello there."));
        chat.CompleteChat(messages, new ChatCompletionOptions { MaxOutputTokenCount = 5 });
        var more = messages.Append(new UserChatMessage("Not in messages."));
        chat.CompleteChat(messages, new ChatCompletionOptions { MaxOutputTokenCount = 5 });
    }
}
`,
      'csharp',
    );
    assert.deepEqual(
      cs.map((c) => [c.model.value, c.outputCap?.value ?? null, texts(c), c.estimate.inputTokens.unknownParts]),
      [
        ['gpt-5.2', null, ['Write a haiku.'], []],
        ['gpt-4o', 100, ['Summarize.'], []],
        ['gpt-4o-mini', 5, ['Hello there.'], []],
        ['gpt-4o-mini', 5, ['Hello there.'], []],
      ],
    );
  });
});

describe('model: in-place changes, as the review found them', () => {
  const parts = (c: CallSite) => [c.prompt.parts.map((p) => p.text), c.estimate.inputTokens.unknownParts];

  it('Ruby: a << chain appends each in order; push of keyword pairs, a change inside a hash, and a same-named local of another def', async () => {
    const cs = await calls(`${RUBY_HEAD}messages = [{ role: "system", content: "Be brief." }]
messages << { role: "user", content: "One." } << { role: "user", content: "Two." }
client.chat.completions.create(model: "gpt-4o", max_tokens: 10, messages: messages)

def other(client)
  messages = []
  messages << { role: "user", content: "Elsewhere." }
end

pushed = [{ role: "system", content: "Be brief." }]
pushed.push(role: "user", content: "Hi")
client.chat.completions.create(model: "gpt-4o", max_tokens: 10, messages: pushed)

params = { model: "gpt-4o", max_tokens: 10, messages: [{ role: "user", content: "Hi" }] }
params[:messages] << { role: "user", content: "More." }
client.chat.completions.create(**params)
`);
    assert.deepEqual(cs.map(parts), [
      [['Be brief.', 'One.', 'Two.'], []],
      [['Be brief.'], ['pushed']],
      [['Hi'], ['params.messages']],
    ]);
  });

  it('PHP and Go: an append into a property of what a local holds opens that property; Go %[n] argument indexes', async () => {
    const [p] = await calls(
      `<?php
$client = OpenAI::client('k');
$params = ['model' => 'gpt-4o', 'max_tokens' => 10, 'messages' => [['role' => 'user', 'content' => 'Hi']]];
$params['messages'][] = ['role' => 'user', 'content' => 'More.'];
$client->chat()->create($params);
`,
      'php',
    );
    assert.deepEqual(p.estimate.inputTokens.unknownParts, ['$params.messages']);
    const [g] = await calls(
      `package svc

import (
	"context"
	"fmt"

	"github.com/openai/openai-go/v3"
)

func Run(ctx context.Context, c openai.Client) {
	params := openai.ChatCompletionNewParams{Model: openai.ChatModelGPT4o, MaxTokens: openai.Int(64), Messages: []openai.ChatCompletionMessageParamUnion{openai.UserMessage(fmt.Sprintf("A=%s B=%[1]s C=%d", "XX", 3))}}
	params.Messages = append(params.Messages, openai.UserMessage("More."))
	c.Chat.Completions.New(ctx, params)
}
`,
      'go',
    );
    assert.deepEqual(parts(g), [['A=XX B=XX C=3'], ['params.messages']]);
  });

  it('a property set on a request object is read (Go params.MaxTokens, Ruby and PHP keys, C# options); a change inside one opens only that property', async () => {
    const [g] = await calls(
      `package svc

import (
	"context"

	"github.com/openai/openai-go/v3"
)

func Run(ctx context.Context, c openai.Client, history []openai.ChatCompletionMessageParamUnion) {
	params := openai.ChatCompletionNewParams{Model: openai.ChatModelGPT4o, Messages: []openai.ChatCompletionMessageParamUnion{openai.UserMessage("Hi.")}}
	params.MaxTokens = openai.Int(128)
	params.Messages = append(params.Messages, history...)
	c.Chat.Completions.New(ctx, params)
}
`,
      'go',
    );
    assert.deepEqual([g.outputCap?.value, ...parts(g)], [128, ['Hi.'], ['params.messages']]);
    const [r] = await calls(`${RUBY_HEAD}params = { model: "gpt-4o", messages: [{ role: "user", content: "Hi." }] }
params[:max_tokens] = 64
client.chat.completions.create(**params)
`);
    assert.equal(r.outputCap?.value, 64);
    const [p] = await calls(
      `<?php
$client = OpenAI::client('k');
$params = ['model' => 'gpt-4o', 'messages' => [['role' => 'user', 'content' => 'Hi.']]];
$params['max_tokens'] = 32;
$client->chat()->create($params);
`,
      'php',
    );
    assert.equal(p.outputCap?.value, 32);
    const analysis = await analyzeText(
      `using OpenAI.Responses;

ResponsesClient rc = new(Environment.GetEnvironmentVariable("OPENAI_API_KEY"));
CreateResponseOptions options = new("gpt-4o", [ResponseItem.CreateUserMessageItem("Hi.")]);
options.Tools.Add(ResponseTool.CreateWebSearchTool());
rc.CreateResponse(options);
CreateResponseOptions capped = new("gpt-4o", [ResponseItem.CreateUserMessageItem("Hi.")]);
capped.MaxOutputTokenCount = 50;
rc.CreateResponse(capped);
`,
      'csharp',
    );
    // A tool added to the options says nothing of the cap: still uncapped, and said so; a cap set after is read.
    assert.deepEqual(
      analysis.callSites.map((c) => c.outputCap?.value ?? null),
      [null, 50],
    );
    assert.deepEqual(
      analysis.findings.filter((f) => f.rule === 'uncapped-output').map((f) => f.range.start.line + 1),
      [6],
    );
  });

  it('Java: a list handed to a helper may come back filled: open, not the empty list it was made as', async () => {
    const cs = await calls(
      `package app;

import com.anthropic.client.AnthropicClient;
import com.anthropic.models.messages.*;
import java.util.ArrayList;
import java.util.List;

public class Chat {
    private AnthropicClient client;

    void run(String q) {
        List<TextBlockParam> parts = new ArrayList<>();
        fill(parts);
        parts.add(TextBlockParam.builder().text("Tail.").build());
        client.messages().create(MessageCreateParams.builder().model("claude-haiku-4-5").maxTokens(100L).systemOfTextBlockParams(parts).addUserMessage(q).build());
        List<TextBlockParam> own = new ArrayList<>();
        own.add(TextBlockParam.builder().text("Mine.").build());
        client.messages().create(MessageCreateParams.builder().model("claude-haiku-4-5").maxTokens(100L).systemOfTextBlockParams(own).addUserMessage(q).build());
    }
}
`,
      'java',
    );
    assert.deepEqual(cs.map(parts), [
      [['Tail.'], ['parts', 'q']],
      [['Mine.'], ['q']],
    ]);
  });
});

describe('model: helper functions that build the prompt', () => {
  // Applications build prompts in small functions; a call of one reads what it returns, with the
  // call's arguments in its parameters' places (as Python and TypeScript do).
  const parts = (c: CallSite) => [texts(c), c.estimate.inputTokens.unknownParts];

  it('Ruby: a private method with a positional and a keyword parameter (its default when left out); a method of another object is not it', async () => {
    const cs = await calls(`require "openai"
class Summarizer
  def initialize
    @client = OpenAI::Client.new
  end

  def call(ticket)
    @client.chat.completions.create(model: "gpt-4o-mini", max_tokens: 200, messages: [{role: "system", content: system_prompt("billing")}, {role: "user", content: user_prompt(ticket.body, tone: "formal")}])
    @client.chat.completions.create(model: "gpt-4o-mini", max_tokens: 200, messages: [{role: "user", content: user_prompt("Refund?")}])
    @client.chat.completions.create(model: "gpt-4o-mini", max_tokens: 200, messages: [{role: "user", content: ticket.user_prompt("x")}])
  end

  private

  def system_prompt(team)
    "You summarize #{team} tickets."
  end

  def user_prompt(body, tone: "plain")
    "Tone: #{tone}\\n#{body}"
  end
end
`);
    assert.deepEqual(cs.map(parts), [
      [['You summarize billing tickets.', 'Tone: formal\n'], ['body']],
      [['Tone: plain\nRefund?'], []],
      [[], ['ticket.user_prompt("x")']],
    ]);
  });

  it('Java: a static helper formatting its arguments; an overloaded name is not guessed', async () => {
    const cs = await calls(
      `package app;

import com.openai.client.OpenAIClient;
import com.openai.models.ChatModel;
import com.openai.models.chat.completions.ChatCompletionCreateParams;

class Reviewer {
    private final OpenAIClient client;

    Reviewer(OpenAIClient client) { this.client = client; }

    private static String buildPrompt(String resume, String role) {
        return String.format("Review this resume for a %s role:%n%s", role, resume);
    }

    private String other(String a) { return "A " + a; }
    private String other(String a, String b) { return "B " + a + b; }

    void review(String resume) {
        client.chat().completions().create(ChatCompletionCreateParams.builder().model(ChatModel.GPT_4O_MINI).maxCompletionTokens(300).addUserMessage(buildPrompt(resume, "backend")).build());
        client.chat().completions().create(ChatCompletionCreateParams.builder().model(ChatModel.GPT_4O_MINI).maxCompletionTokens(300).addUserMessage(other("x")).build());
    }
}
`,
      'java',
    );
    assert.deepEqual(cs.map(parts), [
      [['Review this resume for a backend role:\n'], ['resume']],
      [[], ['other("x")']],
    ]);
  });

  it('PHP: $this->prompt() with a default, and with named arguments in any order', async () => {
    const cs = await calls(
      `<?php
use Anthropic\\Client;
final class Bot
{
    public function __construct(private Client $claude) {}

    private function prompt(string $q, string $tone = 'plain'): string
    {
        return "Answer in a {$tone} tone: {$q}";
    }

    public function run(string $q): void
    {
        $this->claude->messages->create(model: 'claude-haiku-4-5', maxTokens: 100, messages: [['role' => 'user', 'content' => $this->prompt($q)]]);
        $this->claude->messages->create(model: 'claude-haiku-4-5', maxTokens: 100, messages: [['role' => 'user', 'content' => $this->prompt(tone: 'formal', q: 'Hi')]]);
    }
}
`,
      'php',
    );
    assert.deepEqual(cs.map(parts), [
      [['Answer in a plain tone: '], ['$q']],
      [['Answer in a formal tone: Hi'], []],
    ]);
  });

  it('Go: a function of the file building the message with fmt.Sprintf; C#: an expression-bodied method with a default', async () => {
    const go = await calls(
      `package svc

import (
	"context"
	"fmt"

	"github.com/openai/openai-go/v3"
)

func prompt(topic string, words int) string {
	return fmt.Sprintf("Explain %s in %d words.", topic, words)
}

func Run(ctx context.Context, c *openai.Client) {
	c.Chat.Completions.New(ctx, openai.ChatCompletionNewParams{Model: openai.ChatModelGPT4oMini, MaxCompletionTokens: openai.Int(64), Messages: []openai.ChatCompletionMessageParamUnion{openai.UserMessage(prompt("goroutines", 50))}})
}
`,
      'go',
    );
    assert.deepEqual(go.map(parts), [[['Explain goroutines in 50 words.'], []]]);
    const cs = await calls(
      `using OpenAI.Chat;

public class Bot
{
    private static string Prompt(string q, string tone = "plain") => $"Answer in a {tone} tone: {q}";

    public void Run(ChatClient chat) => chat.CompleteChat(Prompt("Why?"));
}
`,
      'csharp',
    );
    assert.deepEqual(cs.map(parts), [[['Answer in a plain tone: Why?'], []]]);
  });
});

describe('model: what callers pass', () => {
  // A parameter's value is what the file's calls of its function pass, when they all pass the same
  // constant: unknown, with that constant said as what is assumed (as in Python).
  it('Ruby: a client and a model passed by every caller; callers that disagree give the candidates they pass', async () => {
    const cs = await calls(`require "openai"
class Digest
  def run(items)
    summarize(OpenAI::Client.new, items.first, "gpt-4o-mini")
    summarize(OpenAI::Client.new, items.last, "gpt-4o-mini")
    title(OpenAI::Client.new, "gpt-4o")
    title(OpenAI::Client.new, "gpt-4.1")
  end

  def summarize(client, text, model)
    client.chat.completions.create(model: model, max_tokens: 100, messages: [{role: "user", content: text}])
  end

  def title(client, model)
    client.chat.completions.create(model: model, max_tokens: 10, messages: [])
  end
end
`);
    assert.deepEqual(
      cs.map((c) => [c.model.value, c.model.resolved]),
      [
        ['gpt-4o-mini', false],
        ['gpt-4o', false],
      ],
    );
    assert.match(cs[0].estimate.assumptions.join('\n'), /gpt-4o-mini/);
    // `title` is called with two models: both are priced, neither is taken for the other.
    assert.deepEqual(
      cs[1].model.candidates?.map((c) => c.value),
      ['gpt-4o', 'gpt-4.1'],
    );
    assert.ok(cs[1].estimate.costUsd && cs[1].estimate.costUsd.max > cs[1].estimate.costUsd.min);
  });

  it('Java and PHP: a typed parameter every caller passes the same constant for; a reassigned one is not followed', async () => {
    const java = await calls(
      `package app;

import com.openai.client.OpenAIClient;
import com.openai.models.chat.completions.ChatCompletionCreateParams;

class Bot {
    private final OpenAIClient client;
    Bot(OpenAIClient client) { this.client = client; }

    void ask(String model, String q) {
        client.chat().completions().create(ChatCompletionCreateParams.builder().model(model).maxCompletionTokens(50).addUserMessage(q).build());
    }

    void retry(String model) {
        model = model + "-mini";
        client.chat().completions().create(ChatCompletionCreateParams.builder().model(model).maxCompletionTokens(50).addUserMessage("x").build());
    }

    void run() {
        ask("gpt-4o", "Hi");
        this.ask("gpt-4o", "Bye");
        retry("gpt-4o");
    }
}
`,
      'java',
    );
    assert.deepEqual(
      java.map((c) => [c.model.value, c.model.resolved]),
      [
        ['gpt-4o', false],
        [null, false],
      ],
    );
    const php = await calls(
      `<?php
use Anthropic\\Client;
final class Bot
{
    public function __construct(private Client $claude) {}
    private function ask(string $model, string $q): void
    {
        $this->claude->messages->create(model: $model, maxTokens: 100, messages: [['role' => 'user', 'content' => $q]]);
    }
    public function run(): void
    {
        $this->ask('claude-haiku-4-5', 'Hi');
        $this->ask(q: 'Bye', model: 'claude-haiku-4-5');
    }
}
`,
      'php',
    );
    assert.deepEqual(
      php.map((c) => [c.model.value, c.model.resolved]),
      [['claude-haiku-4-5', false]],
    );
  });
});

describe('model: lists spread into lists', () => {
  it('Ruby [*BASE, m] and PHP [...self::BASE, $m]: a known list gives its items in place; an unknown one stays open', async () => {
    const rb = await calls(`${RUBY_HEAD}BASE = [{role: "system", content: "You are terse."}].freeze
def ask(q, history)
  client.chat.completions.create(model: "gpt-4o-mini", max_tokens: 50, messages: [*BASE, {role: "user", content: "Q: #{q}"}])
  client.chat.completions.create(model: "gpt-4o-mini", max_tokens: 50, messages: [*BASE, *history, {role: "user", content: "Again"}])
end
`);
    assert.deepEqual(rb.map(texts), [
      ['You are terse.', 'Q: '],
      ['You are terse.', 'Again'],
    ]);
    assert.deepEqual(
      rb.map((c) => c.estimate.inputTokens.unknownParts),
      [['q'], ['*history']],
    );
    const php = await calls(
      `<?php
use Anthropic\\Client;
final class Bot
{
    private const BASE = [['role' => 'user', 'content' => 'Context: the user is an admin.']];
    public function __construct(private Client $claude) {}
    public function run(string $q): void
    {
        $this->claude->messages->create(model: 'claude-haiku-4-5', maxTokens: 100, messages: [...self::BASE, ['role' => 'user', 'content' => $q]]);
    }
}
`,
      'php',
    );
    assert.deepEqual(php.map(texts), [['Context: the user is an admin.']]);
  });
});

describe('model: helpers and callers, as the review found them', () => {
  const parts = (c: CallSite) => [texts(c), c.estimate.inputTokens.unknownParts];
  it("a helper calling a helper passes its own parameter on, not the outer call's argument of the same name", async () => {
    const [c] = await calls(`require "openai"
class Bot
  def wrap(text) = "<doc>#{text}</doc>"
  def wrap2(text)
    "<doc>#{text}</doc>"
  end
  def build(text, question)
    wrap2(question)
  end
  def run(q)
    OpenAI::Client.new.chat.completions.create(model: "gpt-4o", max_tokens: 100, messages: [{role: "user", content: build("A long document", q)}])
  end
end
`);
    assert.deepEqual(parts(c), [['<doc></doc>'], ['q']]);
  });

  it('no model is assumed from callers when one is unseen (Ruby without parentheses, a call on another object), in a block that rebinds it, or after a compound assignment', async () => {
    const rb = await calls(`require "openai"
class Bot
  def ask(model, q)
    OpenAI::Client.new.chat.completions.create(model: model, max_tokens: 10, messages: [{role: "user", content: q}])
  end
  def each_model(model, models)
    models.each do |model|
      OpenAI::Client.new.chat.completions.create(model: model, max_tokens: 10, messages: [])
    end
  end
  def mini(model)
    model += "-mini"
    OpenAI::Client.new.chat.completions.create(model: model, max_tokens: 10, messages: [])
  end
  def run
    ask("gpt-4o", "a")
    ask "o3", "b"
    each_model("gpt-4o", ["o3"])
    mini("gpt-4o")
  end
end
`);
    assert.deepEqual(
      rb.map((c) => c.model.value),
      [null, null, null],
    );
    const java = await calls(
      `package app;

import com.openai.client.OpenAIClient;
import com.openai.models.chat.completions.ChatCompletionCreateParams;

class Bot {
    private final OpenAIClient client;
    Bot(OpenAIClient client) { this.client = client; }
    void ask(String model) {
        client.chat().completions().create(ChatCompletionCreateParams.builder().model(model).maxCompletionTokens(50).addUserMessage("x").build());
    }
    void run(OpenAIClient c) {
        ask("gpt-4o-mini");
        new Bot(c).ask("o3-pro");
    }
}
`,
      'java',
    );
    assert.deepEqual(
      java.map((c) => c.model.value),
      [null],
    );
  });

  it("a local function hides the file's function of that name (Go); a bare call in a PHP method calls the global function, not the method", async () => {
    const go = await calls(
      `package svc

import (
	"context"

	"github.com/openai/openai-go/v3"
)

func prompt(q string) string { return "File: " + q }

func Run(ctx context.Context, c *openai.Client) {
	prompt := func(q string) string { return "Local: " + q }
	c.Chat.Completions.New(ctx, openai.ChatCompletionNewParams{Model: openai.ChatModelGPT4oMini, MaxCompletionTokens: openai.Int(64), Messages: []openai.ChatCompletionMessageParamUnion{openai.UserMessage(prompt("go"))}})
}
`,
      'go',
    );
    assert.ok(!texts(go[0]).some((t) => t.startsWith('File:')));
    const php = await calls(
      `<?php
use Anthropic\\Client;
function prompt(string $q): string { return "Global: {$q}"; }
final class Bot
{
    public function __construct(private Client $claude) {}
    private function prompt(string $q): string { return "Method: {$q}"; }
    public function run(): void
    {
        $this->claude->messages->create(model: 'claude-haiku-4-5', maxTokens: 100, messages: [['role' => 'user', 'content' => prompt('Hi')], ['role' => 'user', 'content' => $this->prompt('Hi')]]);
    }
}
`,
      'php',
    );
    assert.deepEqual(texts(php[0]), ['Global: Hi', 'Method: Hi']);
  });

  it('C#: usings inside #if blocks are read', async () => {
    const cs = await calls(
      `using System;
#if NET8_0_OR_GREATER
using OpenAI.Chat;
#endif

public class Bot
{
    public void Run() { new ChatClient("gpt-4o", "key").CompleteChat("Hi"); }
}
`,
      'csharp',
    );
    assert.deepEqual(
      cs.map((c) => c.model.value),
      ['gpt-4o'],
    );
  });
});

describe('model: Ruby array and string operators', () => {
  it('BASE + [message] is a new list of both, BASE + history keeps what is known and names the rest; "=" * 3 repeats the text', async () => {
    const cs = await calls(`${RUBY_HEAD}BASE = [{role: "system", content: "Be terse."}].freeze
RULE = "=" * 3
def ask(q, history)
  client.chat.completions.create(model: "gpt-4o-mini", max_tokens: 50, messages: BASE + [{role: "user", content: "#{RULE} #{q}"}])
  client.chat.completions.create(model: "gpt-4o-mini", max_tokens: 50, messages: BASE + history)
end
`);
    assert.deepEqual(cs.map(texts), [['Be terse.', '=== '], ['Be terse.']]);
    assert.deepEqual(
      cs.map((c) => c.estimate.inputTokens.unknownParts),
      [['q'], ['history']],
    );
  });
});

describe('model: helpers and callers, as the second review found them', () => {
  it('a local named like a helper does not hide it; a parameter assigned again is not what the call passed; an override calling super is a caller not seen', async () => {
    const cs = await calls(`require "openai"
class Bot
  def prompt(q)
    "Answer carefully: #{q}"
  end

  def wrap(doc)
    "Summarize this document: #{doc}"
  end

  def build(text)
    text = File.read(text)
    wrap(text)
  end

  def ask(model)
    OpenAI::Client.new.chat.completions.create(model: model, max_tokens: 10, messages: [])
  end

  def run
    prompt = prompt("hello")
    OpenAI::Client.new.chat.completions.create(model: "gpt-4o", max_tokens: 10, messages: [{role: "user", content: prompt}, {role: "user", content: build("notes.txt")}])
    ask("gpt-4o-mini")
  end
end

class Premium < Bot
  def ask(model)
    super("o3")
  end
end
`);
    // cs[0]: ask's call, whose model callers cannot settle (super passes another); cs[1]: run's.
    assert.equal(cs[0].model.value, null);
    assert.deepEqual(texts(cs[1]), ['Answer carefully: hello', 'Summarize this document: ']);
    assert.deepEqual(cs[1].estimate.inputTokens.unknownParts, ['doc']);
  });

  it('a string repeated past 2,000,000 characters is not built', async () => {
    const [c] = await calls(
      `${RUBY_HEAD}client.chat.completions.create(model: "gpt-4o-mini", max_tokens: 5, messages: [{role: "user", content: "ab " * 800000}, {role: "user", content: "ab " * 10}])\n`,
    );
    assert.deepEqual(texts(c), ['ab ab ab ab ab ab ab ab ab ab ']);
    assert.deepEqual(c.estimate.inputTokens.unknownParts, ['"ab " * 800000']);
  });

  it('a file builds at most 4,000,000 characters of large repetitions in all, each once however often it is read; small ones always', async () => {
    const call = (s: string) => `client.chat.completions.create(model: "gpt-4o-mini", max_tokens: 5, messages: [{role: "user", content: ${s}}])\n`;
    const cs = await calls(
      `${RUBY_HEAD}BIG = "abc " * 400000\n${call('BIG')}${call('BIG')}${call('BIG')}${call('"xy " * 600000')}${call('"zw " * 600000')}${call('"=" * 40')}`,
    );
    // BIG (1,600,000 characters) is built once for its three reads; the next (1,800,000) fits; the last would pass 4,000,000; a ruler is always built.
    assert.deepEqual(
      cs.map((c) => c.estimate.inputTokens.unknownParts),
      [[], [], [], [], ['"zw " * 600000'], []],
    );
    assert.ok(cs[0].estimate.inputTokens.static > 400_000);
    assert.deepEqual(texts(cs[5]), ['='.repeat(40)]);
  });
});

describe('model: Python on the shared evaluator', () => {
  const PY_HEAD = 'from openai import OpenAI\nclient = OpenAI()\n';
  const py = (body: string) => calls(`${PY_HEAD}${body}`, 'python');

  it('a string extended with += is read with what was added (before: only its first value)', async () => {
    const [c] = await py(`def run(doc):
    prompt = "Summarize:"
    prompt += f" {doc}"
    client.chat.completions.create(model="gpt-4o", max_tokens=5, messages=[{"role": "user", "content": prompt}])
`);
    assert.deepEqual(texts(c), ['Summarize: ']);
    assert.deepEqual(c.estimate.inputTokens.unknownParts, ['doc']);
  });

  it('a number changed in place is not its first value: the cap is set at run time, not silently 8000', async () => {
    const [c] = await py(`def run(thinking):
    max_tokens = 8000
    if thinking:
        max_tokens += 2000
    client.chat.completions.create(model="gpt-4o", max_tokens=max_tokens, messages=[{"role": "user", "content": "hi"}])
`);
    assert.equal(c.outputCap?.param, 'max_tokens');
    assert.equal(c.outputCap?.value, null);
  });

  it('a constant list + a list not known keeps the known messages and names the rest', async () => {
    const [c] = await py(`SYSTEM = [{"role": "system", "content": "You are terse."}]
def run(history):
    client.chat.completions.create(model="gpt-4o", max_tokens=5, messages=SYSTEM + history)
`);
    assert.deepEqual(texts(c), ['You are terse.']);
    assert.deepEqual(c.estimate.inputTokens.unknownParts, ['history']);
  });

  it("a helper's hole is named after the caller's own parameter it is filled with", async () => {
    const [c] = await py(`def build(q):
    return f"Answer briefly: {q}"
def ask(user_input):
    client.chat.completions.create(model="gpt-4o", max_tokens=5, messages=[{"role": "user", "content": build(user_input)}])
`);
    assert.deepEqual(texts(c), ['Answer briefly: ']);
    assert.deepEqual(c.estimate.inputTokens.unknownParts, ['user_input']);
  });

  it('a keyword-only parameter is not filled by position, and keeps its default', async () => {
    const [c] = await py(`def build(q, *, tone="plainly"):
    return f"Answer {tone}: {q}"
client.chat.completions.create(model="gpt-4o", max_tokens=5, messages=[{"role": "user", "content": build("why?")}])
`);
    assert.deepEqual(texts(c), ['Answer plainly: why?']);
  });
});

describe('model: Python on the shared evaluator, as the review found it', () => {
  const PY_HEAD = 'from openai import OpenAI\nclient = OpenAI()\n';
  const py = (body: string) => calls(`${PY_HEAD}${body}`, 'python');
  const create = (args: string) => `client.chat.completions.create(${args})`;

  it("a method's parameter is what its calls on any instance pass; a wrapper named like the SDK method still reads its callers", async () => {
    const cs = await py(`class Bot:
    def ask(self, q, model):
        return ${create('model=model, max_tokens=5, messages=[{"role": "user", "content": q}]')}
Bot().ask("hi", "gpt-4o-mini")
def create(prompt, model):
    return ${create('model=model, max_tokens=5, messages=[{"role": "user", "content": prompt}]')}
create("hi", "gpt-4.1-mini")
`);
    assert.deepEqual(
      cs.map((c) => [c.model.value, c.model.resolved]),
      [
        ['gpt-4o-mini', false],
        ['gpt-4.1-mini', false],
      ],
    );
  });

  it("a helper's parameter with a default that it sets when the call passes nothing takes the call's value", async () => {
    const [c] = await py(`def build(q, lang=None):
    if lang is None:
        lang = "English"
    return f"Answer in {lang}: {q}"
${create('model="gpt-4o", max_tokens=5, messages=[{"role": "user", "content": build("why?", "French")}]')}
`);
    assert.deepEqual(texts(c), ['Answer in French: why?']);
  });

  it('a module-level string extended at the top level is read whole inside a function', async () => {
    const [c] = await py(`SYSTEM = "You are a helpful assistant."
SYSTEM += " Answer briefly."
def ask(q):
    return ${create('model="gpt-4o", max_tokens=5, messages=[{"role": "system", "content": SYSTEM}, {"role": "user", "content": q}]')}
`);
    assert.deepEqual(texts(c), ['You are a helpful assistant. Answer briefly.']);
    assert.deepEqual(c.estimate.inputTokens.unknownParts, ['q']);
  });

  it('a string added to under a condition is not known: the model is not one branch stated as certain', async () => {
    const [c] = await py(`def ask(big):
    model = "gpt-4o"
    if not big:
        model += "-mini"
    return ${create('model=model, max_tokens=5, messages=[{"role": "user", "content": "hi"}]')}
`);
    assert.equal(c.model.resolved, false);
    assert.notEqual(c.model.value, 'gpt-4o-mini');
  });

  it('a string doubled in place is not built past 2,000,000 characters, and the file is analyzed at once', async () => {
    const t = performance.now();
    const [c] = await py(`def ask():
    p = "ab"
${'    p += p\n'.repeat(24)}    return ${create('model="gpt-4o", max_tokens=5, messages=[{"role": "user", "content": p}]')}
`);
    assert.ok(performance.now() - t < 5000, `${Math.round(performance.now() - t)} ms`);
    assert.deepEqual(c.estimate.inputTokens.unknownParts, ['p']);
  });

  it('comments between list items, strings and in parentheses are not items or parts', async () => {
    const [c] = await py(`${create(`model="gpt-4o", max_tokens=5, messages=[
    # the system message
    {"role": "system", "content": ("Be terse. "  # one line
                                   "Answer in English.")},
    {"role": "user", "content": "hi"},
]`)}
`);
    assert.deepEqual(texts(c), ['Be terse. Answer in English.', 'hi']);
    assert.deepEqual(c.estimate.inputTokens.unknownParts, []);
  });
});

describe('model: Python and TypeScript on the shared evaluator, as the second review found them', () => {
  const PY_HEAD = 'from openai import OpenAI\nclient = OpenAI()\n';
  const TS_HEAD = "import OpenAI from 'openai';\nconst client = new OpenAI();\n";

  it("a step whose text names the list (response.messages, 'prompt: x') is followed, and so are the steps after it", async () => {
    const [t] = await calls(
      `${TS_HEAD}export async function run(response: { messages: { role: 'user'; content: string }[] }) {
  const messages: any[] = [{ role: 'system', content: 'You are helpful.' }];
  messages.push(...response.messages);
  messages.push({ role: 'user', content: 'Continue please, given the messages above.' });
  return client.chat.completions.create({ model: 'gpt-4o', max_tokens: 5, messages });
}
`,
      'typescript',
    );
    assert.deepEqual(texts(t), ['You are helpful.', 'Continue please, given the messages above.']);
    assert.deepEqual(t.estimate.inputTokens.unknownParts, ['response.messages']);
    const [p] = await calls(
      `${PY_HEAD}def run(q):
    prompt = "Answer briefly."
    prompt += " Answer the user's prompt concisely."
    return client.chat.completions.create(model="gpt-4o", max_tokens=5, messages=[{"role": "user", "content": prompt}])
`,
      'python',
    );
    assert.deepEqual(texts(p), ["Answer briefly. Answer the user's prompt concisely."]);
  });

  it('an object changed after it is made is open even where a function above it reads it', async () => {
    const [t] = await calls(
      `${TS_HEAD}async function run() { return client.chat.completions.create(params); }
const params = { model: 'gpt-4o', max_tokens: 100, messages: [{ role: 'user' as const, content: 'hi' }] };
params.max_tokens = 4000;
`,
      'typescript',
    );
    assert.deepEqual(t.estimate.inputTokens.unknownParts, ['params']);
  });

  it('no constant is assumed for a parameter when a call passes it through a spread, or the function is named without being called', async () => {
    const cs = await calls(
      `${PY_HEAD}import asyncio
def ask(q, model):
    return client.chat.completions.create(model=model, max_tokens=5, messages=[{"role": "user", "content": q}])
def tell(q, model):
    return client.chat.completions.create(model=model, max_tokens=5, messages=[{"role": "user", "content": q}])
def both(opts):
    ask("x", "gpt-4o-mini")
    ask("y", **opts)
    tell("x", "gpt-4o-mini")
    asyncio.to_thread(tell, "b", "gpt-4o")
`,
      'python',
    );
    assert.deepEqual(
      cs.map((c) => [c.model.value, c.model.resolved]),
      [
        [null, false],
        [null, false],
      ],
    );
  });
});

describe('model: TypeScript changes in place, read by the shared evaluator', () => {
  const TS_HEAD = "import OpenAI from 'openai';\nconst client = new OpenAI();\n";
  const ts = (body: string) => calls(`${TS_HEAD}${body}`, 'typescript');

  it('a property set after the object is made is read as set (before: the first value, stated as certain)', async () => {
    const [c] = await ts(`export function run(q: string) {
  const cfg = { model: 'gpt-4o', max_tokens: 100, messages: [{ role: 'user' as const, content: q }] };
  cfg.model = 'gpt-4o-mini';
  cfg.max_tokens = 4000;
  return client.chat.completions.create(cfg);
}
`);
    assert.deepEqual([c.model.value, c.outputCap?.value], ['gpt-4o-mini', 4000]);
  });

  it('a property set under a condition is not known; a number changed by *= is not its first value', async () => {
    const [c] = await ts(`export function run(q: string, small: boolean) {
  const cfg = { model: 'gpt-4o', max_tokens: 100, messages: [{ role: 'user' as const, content: q }] };
  if (small) cfg.model = 'gpt-4o-mini';
  let cap = 100;
  cap *= 40;
  return client.chat.completions.create({ model: cfg.model, max_tokens: cap, messages: cfg.messages });
}
`);
    assert.equal(c.model.resolved, false);
    assert.equal(c.outputCap?.value, null);
  });

  it('a string extended with += keeps what was added, and one added to under a condition is not stated as certain', async () => {
    const [c, d] = await ts(`export function run(doc: string, terse: boolean) {
  let prompt = 'Summarize:';
  prompt += \` \${doc}\`;
  client.chat.completions.create({ model: 'gpt-4o', max_tokens: 5, messages: [{ role: 'user', content: prompt }] });
  let model = 'gpt-4o';
  if (terse) model += '-mini';
  return client.chat.completions.create({ model, max_tokens: 5, messages: [{ role: 'user', content: 'hi' }] });
}
`);
    assert.deepEqual(texts(c), ['Summarize: ']);
    assert.deepEqual(c.estimate.inputTokens.unknownParts, ['doc']);
    assert.equal(d.model.resolved, false);
  });
});

describe('model: changes in place, as the third review found them', () => {
  const TS_HEAD = "import OpenAI from 'openai';\nconst client = new OpenAI();\n";
  const ts = (body: string) => calls(`${TS_HEAD}${body}`, 'typescript');

  it("a set that reads its own object reads it as built so far, and does not stop another list's steps", async () => {
    const [c] = await ts(`export async function run() {
  const msg: any = { role: 'user', content: 'Hello' };
  msg.content = msg.content + ' world';
  const messages: any[] = [{ role: 'system', content: 'sys' }];
  messages.push(msg);
  messages.push({ role: 'user', content: 'after' });
  return client.chat.completions.create({ model: 'gpt-4o', max_tokens: 5, messages });
}
`);
    assert.deepEqual(texts(c), ['sys', 'Hello world', 'after']);
    assert.deepEqual(c.estimate.inputTokens.unknownParts, []);
  });

  it('a set under the same condition as the read is certain there; a set at a computed key after the call leaves it alone; cap += 50 adds', async () => {
    const [a, b] = await ts(`export async function run(mini: boolean, q: string) {
  const cfg: any = { model: 'gpt-4o', max_tokens: 100 };
  let cap = 100;
  cap += 50;
  if (mini) {
    cfg.model = 'gpt-4o-mini';
    await client.chat.completions.create({ ...cfg, max_tokens: cap, messages: [{ role: 'user', content: q }] });
  }
  const opts: any = { model: 'gpt-4o', max_tokens: 5, messages: [{ role: 'user', content: q }] };
  const r = await client.chat.completions.create(opts);
  opts.messages[0].content = 'changed later';
  return r;
}
`);
    assert.deepEqual([a.model.value, a.model.resolved, a.outputCap?.value], ['gpt-4o-mini', true, 150]);
    assert.deepEqual(b.estimate.inputTokens.unknownParts, ['q']);
  });

  it('a loop over a constant list is counted though another variable of the same name elsewhere is changed', async () => {
    const [c] = await ts(`function other() { let items = 0; items += 1; return items; }
export async function main() {
  const items = ['a', 'b', 'c'];
  for (const it of items) await client.chat.completions.create({ model: 'gpt-4o', max_tokens: 5, messages: [{ role: 'user', content: it }] });
}
`);
    assert.equal(c.iterations, 3);
  });

  it("a Python helper named like an SDK resource (chat) and mentioned in its prompt and comments keeps its callers' constant", async () => {
    const [c] = await calls(
      `from openai import OpenAI
client = OpenAI()
# chat with the model
def chat(prompt, model):
    """Let the user chat."""
    return client.chat.completions.create(model=model, max_tokens=5, messages=[{"role": "system", "content": "You chat politely."}, {"role": "user", "content": prompt}])
chat("hello", "gpt-4o-mini")
`,
      'python',
    );
    assert.deepEqual([c.model.value, c.model.resolved], ['gpt-4o-mini', false]);
  });
});

describe('model: Python and TypeScript clients on the shared evaluator', () => {
  it('Python: `os.getenv("MODEL") or "gpt-4o-mini"` is not known, assumed to be the fallback; before, it was not read at all', async () => {
    const [c] = await calls(
      'import os\nfrom openai import OpenAI\nclient = OpenAI()\nMODEL = os.getenv("MODEL") or "gpt-4o-mini"\nclient.chat.completions.create(model=MODEL, messages=[], max_tokens=5)\n',
      'python',
    );
    assert.equal(c.model.value, 'gpt-4o-mini');
    assert.equal(c.model.resolved, false, 'a fallback is an assumption, not a certainty');
  });

  it("Python: a parameter annotated with a client class and defaulting to one made for another endpoint is that endpoint's client", async () => {
    const [c] = await calls(
      'from openai import OpenAI\n\ndef ask(q, client: OpenAI = OpenAI(base_url="https://api.groq.com/openai/v1")):\n    return client.chat.completions.create(model="llama-3.3-70b-versatile", messages=[{"role": "user", "content": q}], max_tokens=10)\n',
      'python',
    );
    assert.equal(c.provider, 'groq');
  });

  it('Python: a client chosen by a conditional, or awaited from a factory, is still the client', async () => {
    const text = `import os
from openai import AsyncOpenAI

async def make():
    return AsyncOpenAI()

async def run(q):
    llm = AsyncOpenAI() if os.getenv("PROD") else None
    await llm.chat.completions.create(model="gpt-4o", messages=[], max_tokens=5)
    other = await make()
    await other.chat.completions.create(model="gpt-4o-mini", messages=[], max_tokens=5)
`;
    const cs = await calls(text, 'python');
    assert.deepEqual(
      cs.map((c) => c.model.value),
      ['gpt-4o', 'gpt-4o-mini'],
    );
  });

  it('TypeScript: a client chosen by a conditional is found; a class field typed as a client and set in the constructor is one', async () => {
    const text = `import OpenAI from 'openai';
const prod = process.env.PROD === '1';
const llm = prod ? new OpenAI() : undefined;
export async function a(q: string) {
  return llm?.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: q }], max_tokens: 5 });
}
class Svc {
  private client: OpenAI;
  constructor(key: string) {
    this.client = new OpenAI({ apiKey: key });
  }
  run() {
    return this.client.responses.create({ model: 'gpt-4o-mini', input: 'hi', max_output_tokens: 5 });
  }
}
`;
    const cs = await calls(text, 'typescript');
    assert.deepEqual(
      cs.map((c) => c.model.value),
      ['gpt-4o', 'gpt-4o-mini'],
    );
  });

  it('Python: a property read of an options object is not stated as known: a later set would change it (cfg.max_output_tokens = 4000)', async () => {
    const [c] = await calls(
      'from google import genai\nfrom google.genai import types\nclient = genai.Client()\ncfg = types.GenerateContentConfig(max_output_tokens=100)\ncfg.max_output_tokens = 4000\nclient.models.generate_content(model="gemini-2.5-flash", contents="hi", config=types.GenerateContentConfig(max_output_tokens=cfg.max_output_tokens))\n',
      'python',
    );
    assert.notEqual(c.outputCap?.value, 100);
  });

  it('not flagged: a local function named like a client method, and a module-level `or` of two non-clients', async () => {
    const text = `import os

def create(**kw):
    return kw

client = os.getenv("A") or os.getenv("B")
create(model="gpt-4o", messages=[])
`;
    assert.deepEqual(await calls(text, 'python'), []);
  });
});

describe('model: changes in place under a condition, in every language', () => {
  // The cap set in a branch may or may not have been: "set, value not known", never the branch's value as certain.
  const cases: [CallSite['language'], string, string][] = [
    [
      'ruby',
      'require "openai"\nclient = OpenAI::Client.new\nparams = { model: "gpt-4o", messages: [{ role: "user", content: "hi" }], max_tokens: 100 }\nparams[:max_tokens] = 4000 if ENV["LONG"]\nclient.chat.completions.create(**params)\n',
      'params[:max_tokens] = 4000 if ENV["LONG"]',
    ],
    [
      'go',
      'package main\n\nimport (\n\t"context"\n\n\t"github.com/openai/openai-go"\n)\n\nfunc ask(ctx context.Context, client openai.Client, long bool) {\n\tparams := openai.ChatCompletionNewParams{Model: openai.ChatModelGPT4o, MaxTokens: openai.Int(100)}\n\tif long {\n\t\tparams.MaxTokens = openai.Int(4000)\n\t}\n\tclient.Chat.Completions.New(ctx, params)\n}\n',
      '\tif long {\n\t\tparams.MaxTokens = openai.Int(4000)\n\t}',
    ],
    [
      'php',
      "<?php\n$client = OpenAI::client(getenv('OPENAI_API_KEY'));\n$params = ['model' => 'gpt-4o', 'messages' => [['role' => 'user', 'content' => 'hi']], 'max_tokens' => 100];\nif (getenv('LONG')) {\n    $params['max_tokens'] = 4000;\n}\n$client->chat()->create($params);\n",
      "if (getenv('LONG')) {\n    $params['max_tokens'] = 4000;\n}",
    ],
    [
      'csharp',
      'using OpenAI.Chat;\n\nChatClient client = new(model: "gpt-4o", apiKey: "k");\nvar options = new ChatCompletionOptions { MaxOutputTokenCount = 100 };\nif (args.Length > 0) { options.MaxOutputTokenCount = 4000; }\nclient.CompleteChat([new UserChatMessage("hi")], options);\n',
      'if (args.Length > 0) { options.MaxOutputTokenCount = 4000; }',
    ],
  ];
  for (const [language, text, branch] of cases) {
    it(`${language}: a cap set in a branch is set, its value not known; set unconditionally, it is that value`, async () => {
      const [c] = await calls(text, language);
      assert.ok(c.outputCap, 'the cap is still there');
      assert.equal(c.outputCap.value, null);
      // The same set without its condition is certain.
      const plain = branch.includes('if ENV')
        ? text.replace(' if ENV["LONG"]', '')
        : text.replace(branch, branch.replace(/^\s*if \([^)]*\) \{\s*|^\s*if \w+ \{\s*/, '').replace(/\s*\}\s*$/, ''));
      assert.notEqual(plain, text, 'the test removed the condition');
      const [u] = await calls(plain, language);
      assert.equal(u.outputCap!.value, 4000);
    });
  }
});

describe('model: the first review of the move, each as it was found', () => {
  it('Python: a client made with `key and OpenAI(api_key=key)` is the client', async () => {
    const [c] = await calls(
      'import os\nfrom openai import OpenAI\nkey = os.getenv("OPENAI_API_KEY")\nclient = key and OpenAI(api_key=key)\nclient.chat.completions.create(model="gpt-4o-mini", messages=[], max_tokens=50)\n',
      'python',
    );
    assert.equal(c?.provider, 'openai');
  });

  it('Python: an import made twice (a notebook cell again, a try/except fallback) still names it: partial, factories', async () => {
    const text =
      'import functools\nimport functools\nfrom openai import OpenAI\nclient = OpenAI()\nask = functools.partial(client.chat.completions.create, model="gpt-4o-mini", max_tokens=14)\nask(messages=[{"role": "user", "content": "hi"}])\n';
    const [c] = await calls(text, 'python');
    assert.equal(c?.outputCap?.value, 14);
  });

  it('Python `or`: the left default when it is not false, the right for a known empty left, a nested default kept', async () => {
    const text = `import os
from openai import OpenAI
client = OpenAI()
client.chat.completions.create(model=os.getenv("MODEL", "gpt-4o") or "gpt-4o-mini", messages=[], max_tokens=5)
EMPTY = ""
client.chat.completions.create(model=EMPTY or "gpt-4.1", messages=[], max_tokens=5)
def ask(q, model="gpt-4.1"):
    return client.chat.completions.create(model=model or "gpt-4o-mini", messages=[], max_tokens=5)
client.chat.completions.create(model=os.getenv("A") or os.getenv("B", "gpt-4.1"), messages=[], max_tokens=5)
`;
    const cs = await calls(text, 'python');
    assert.deepEqual(
      cs.map((c) => [c.model.value, c.model.resolved]),
      [
        ['gpt-4o', false],
        ['gpt-4.1', true],
        ['gpt-4.1', false],
        ['gpt-4.1', false],
      ],
    );
  });

  it('loops: a list another module exports and this file changes is not counted; a C-style loop stepping down never ends', async () => {
    const a = await analyzer();
    const { WorkspaceImportHost } = await import('../server/src/host/importhost');
    const root = mkdtempSync(join(tmpdir(), 'costlint-loops-'));
    try {
      writeFileSync(join(root, 'topics.py'), 'TOPICS = ["a", "b", "c"]\n');
      const body = (change: string) =>
        `from topics import TOPICS\nfrom openai import OpenAI\nclient = OpenAI()\n${change}for t in TOPICS:\n    client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": t}], max_tokens=5)\n`;
      const run = (text: string) =>
        a.analyze({ text, language: 'python', path: join(root, 'a.py'), host: new WorkspaceImportHost(root) }, { today: TODAY }).callSites[0].iterations ??
        null;
      assert.equal(run(body('')), 3, 'counted when nothing changes it');
      assert.equal(run(body('TOPICS.append("d")\n')), null, 'not counted when this file appends to it');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
    const [down] = await calls(
      "import OpenAI from 'openai';\nconst client = new OpenAI();\nfor (let i = 0; i < 10; i += -1) {\n  client.chat.completions.create({ model: 'gpt-4o', messages: [], max_tokens: 5 });\n}\n",
      'typescript',
    );
    assert.equal(down.iterations ?? null, null);
    assert.equal(down.inLoop, true);
  });
});

describe('model: the TypeScript review of the move', () => {
  it("a provider creator reached through an object's property, or through brackets, still makes the provider", async () => {
    const text = `import { createAnthropic } from '@ai-sdk/anthropic';
import * as oai from '@ai-sdk/openai';
import { generateText } from 'ai';
const factories = { anthropic: createAnthropic };
const claude = factories.anthropic({ apiKey: process.env.KEY });
export async function a() {
  await generateText({ model: claude('claude-3-5-haiku-latest'), prompt: 'hi', maxTokens: 1 });
  const groq = oai['createOpenAI']({ baseURL: 'https://api.groq.com/openai/v1' });
  await generateText({ model: groq('llama-3.3-70b-versatile'), prompt: 'hi', maxTokens: 1 });
}
`;
    const cs = await calls(text, 'typescript');
    assert.deepEqual(
      cs.map((c) => [c.provider, c.model.value]),
      [
        ['anthropic', 'anthropic/claude-3-5-haiku-latest'],
        ['groq', 'groq/llama-3.3-70b-versatile'],
      ],
    );
  });
});

describe('model: the third review of the session', () => {
  it("`or` as each language means it: Python's empty values are false, Ruby's are not", async () => {
    const [py] = await calls(
      'from openai import OpenAI\nclient = OpenAI()\nclient.chat.completions.create(model="gpt-4o", messages=[], max_tokens=(0 or 500))\n',
      'python',
    );
    assert.equal(py.outputCap?.value, 500);
    const [rb] = await calls(
      'require "openai"\nclient = OpenAI::Client.new\nclient.chat.completions.create(model: "gpt-4o", messages: [], max_tokens: (0 || 500))\n',
      'ruby',
    );
    assert.equal(rb.outputCap?.value, 0);
  });

  it("a set in a finally block always runs; one in another branch of the read's condition is not certain", async () => {
    const [cs] = await calls(
      'using OpenAI.Chat;\n\nChatClient client = new(model: "gpt-4o", apiKey: "k");\nvar options = new ChatCompletionOptions { MaxOutputTokenCount = 100 };\ntry { Foo(); } finally { options.MaxOutputTokenCount = 4000; }\nclient.CompleteChat([new UserChatMessage("hi")], options);\n',
      'csharp',
    );
    assert.equal(cs.outputCap?.value, 4000);
    const [rb] = await calls(
      'require "openai"\nclient = OpenAI::Client.new\np = { model: "gpt-4o", messages: [], max_tokens: 100 }\nif ENV["LONG"]\n  p[:max_tokens] = 4000\nelse\n  client.chat.completions.create(**p)\nend\n',
      'ruby',
    );
    assert.notEqual(rb.outputCap?.value, 4000);
    const [py] = await calls(
      'import os\nfrom openai import OpenAI\nclient = OpenAI()\nmessages = [{"role": "user", "content": "hi"}]\nmodel = "gpt-4o"\nif os.getenv("MINI"):\n    model += "-mini"\nelse:\n    client.chat.completions.create(model=model, messages=messages, max_tokens=5)\n',
      'python',
    );
    assert.notEqual(py.model.resolved, true, 'not stated as certain in the other branch');
  });
});
