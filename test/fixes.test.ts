// test:fast (npm run test:fast: in-process, no CLI or server process)
// The uncapped-output fix: which parameter it inserts, how it is formatted, and that
// the fixed code analyzes clean.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Language } from '../server/src/core/types';
import { analyzeText, applyEdits, syntaxErrors } from './helpers';

interface Case {
  name: string;
  language: Language;
  before: string;
  after: string;
  settings?: { defaultOutputCap?: number };
  safety?: string;
  /** Dependency versions, as from the nearest package.json. */
  packages?: Record<string, string>;
}

const py = (s: string) => `from openai import OpenAI\nfrom anthropic import Anthropic\nclient = OpenAI()\nclaude = Anthropic()\n${s}`;
const ts = (s: string) => `import OpenAI from 'openai';\nconst client = new OpenAI();\n${s}`;

const CASES: Case[] = [
  {
    name: 'python, multi-line with trailing comma: own line, same indent, comma kept',
    language: 'python',
    before: py(`r = client.chat.completions.create(\n    model="gpt-5.5",\n    messages=[{"role": "user", "content": "Hi"}],\n)\n`),
    after: py(
      `r = client.chat.completions.create(\n    model="gpt-5.5",\n    messages=[{"role": "user", "content": "Hi"}],\n    max_completion_tokens=1024,\n)\n`,
    ),
  },
  {
    name: 'python, multi-line without trailing comma',
    language: 'python',
    before: py(`r = client.responses.create(\n        model="gpt-5.5",\n        input="Hi")\n`),
    after: py(`r = client.responses.create(\n        model="gpt-5.5",\n        input="Hi",\n        max_output_tokens=1024)\n`),
  },
  {
    name: 'python, one line; gpt-4o still accepts max_tokens on Chat Completions',
    language: 'python',
    before: py(`r = client.chat.completions.create(model="gpt-4o", messages=[])\n`),
    after: py(`r = client.chat.completions.create(model="gpt-4o", messages=[], max_tokens=1024)\n`),
  },
  {
    name: 'python, unknown model: the current parameter, max_completion_tokens',
    language: 'python',
    before: py(`r = client.chat.completions.create(model=pick(), messages=[])\n`),
    after: py(`r = client.chat.completions.create(model=pick(), messages=[], max_completion_tokens=1024)\n`),
  },
  {
    name: 'python, OpenAI SDK pointed at DeepSeek: max_tokens, the parameter compatible providers take',
    language: 'python',
    before: py(`ds = OpenAI(base_url="https://api.deepseek.com")\nds.chat.completions.create(model="deepseek-flash", messages=[])\n`),
    after: py(`ds = OpenAI(base_url="https://api.deepseek.com")\nds.chat.completions.create(model="deepseek-flash", messages=[], max_tokens=1024)\n`),
  },
  {
    name: 'python, Anthropic: required max_tokens, a safe fix',
    language: 'python',
    before: py(`m = claude.messages.create(model="claude-sonnet-4-6", messages=[{"role": "user", "content": "Hi"}])\n`),
    after: py(`m = claude.messages.create(model="claude-sonnet-4-6", messages=[{"role": "user", "content": "Hi"}], max_tokens=1024)\n`),
    safety: 'safe',
  },
  {
    name: 'python, parameters splatted from a dict literal: the keyword goes on the call, leaving the shared dict alone',
    language: 'python',
    before: py(`params = {'model': "claude-haiku-4-5", 'messages': []}\nm = claude.messages.create(**params)\n`),
    after: py(`params = {'model': "claude-haiku-4-5", 'messages': []}\nm = claude.messages.create(**params, max_tokens=1024)\n`),
  },
  {
    name: 'python, batch request params in a dict: the dict is edited, in its quote style',
    language: 'python',
    before: py(`claude.messages.batches.create(requests=[{'custom_id': 'a', 'params': {'model': 'claude-haiku-4-5', 'messages': []}}])\n`),
    after: py(`claude.messages.batches.create(requests=[{'custom_id': 'a', 'params': {'model': 'claude-haiku-4-5', 'messages': [], 'max_tokens': 1024}}])\n`),
    safety: 'safe',
  },
  {
    name: 'python, configured cap value',
    language: 'python',
    before: py(`r = client.responses.create(model="gpt-5.5", input="Hi")\n`),
    after: py(`r = client.responses.create(model="gpt-5.5", input="Hi", max_output_tokens=4000)\n`),
    settings: { defaultOutputCap: 4000 },
  },
  {
    name: "python, configured cap above the model's maximum output is clamped to it",
    language: 'python',
    before: py(`r = client.chat.completions.create(model="gpt-4o", messages=[])\n`),
    after: py(`r = client.chat.completions.create(model="gpt-4o", messages=[], max_tokens=16384)\n`),
    settings: { defaultOutputCap: 100000 },
  },
  {
    name: 'typescript, multi-line object with trailing comma',
    language: 'typescript',
    before: ts(`await client.chat.completions.create({\n  model: 'gpt-5.5',\n  messages: [{ role: 'user', content: 'Hi' }],\n});\n`),
    after: ts(
      `await client.chat.completions.create({\n  model: 'gpt-5.5',\n  messages: [{ role: 'user', content: 'Hi' }],\n  max_completion_tokens: 1024,\n});\n`,
    ),
  },
  {
    name: 'typescript, one-line object',
    language: 'typescript',
    before: ts(`await client.responses.create({ model: 'gpt-5.5', input: 'Hi' });\n`),
    after: ts(`await client.responses.create({ model: 'gpt-5.5', input: 'Hi', max_output_tokens: 1024 });\n`),
  },
  {
    name: 'typescript, params object in a const: the literal is edited',
    language: 'typescript',
    before: ts(`const params = {\n    model: 'gpt-5.5',\n    input: 'Hi'\n};\nawait client.responses.create(params);\n`),
    after: ts(`const params = {\n    model: 'gpt-5.5',\n    input: 'Hi',\n    max_output_tokens: 1024\n};\nawait client.responses.create(params);\n`),
  },
  {
    name: 'typescript, params returned by a builder function: the returned literal is edited',
    language: 'typescript',
    before: ts(`function params() {\n  return { model: 'gpt-5.5', input: 'Hi' };\n}\nclient.responses.create(params());\n`),
    after: ts(`function params() {\n  return { model: 'gpt-5.5', input: 'Hi', max_output_tokens: 1024 };\n}\nclient.responses.create(params());\n`),
  },
  {
    name: "typescript, Mistral's JS SDK spells the cap maxTokens",
    language: 'typescript',
    before: `import { Mistral } from '@mistralai/mistralai';\nconst m = new Mistral();\nawait m.chat.complete({ model: 'mistral-small-latest', messages: [] });\n`,
    after: `import { Mistral } from '@mistralai/mistralai';\nconst m = new Mistral();\nawait m.chat.complete({ model: 'mistral-small-latest', messages: [], maxTokens: 1024 });\n`,
  },
  {
    name: 'python, Cohere v2 chat',
    language: 'python',
    before: `import cohere\nco = cohere.ClientV2()\nco.chat(model="command-a-03-2025", messages=[])\n`,
    after: `import cohere\nco = cohere.ClientV2()\nco.chat(model="command-a-03-2025", messages=[], max_tokens=1024)\n`,
  },
  {
    name: 'python, Gemini without a config: a config dict holding the cap is added',
    language: 'python',
    before: `from google import genai\nfrom google.genai import types\nclient = genai.Client()\nclient.models.generate_content(model="gemini-2.5-flash", contents="Hi")\n`,
    after: `from google import genai\nfrom google.genai import types\nclient = genai.Client()\nclient.models.generate_content(model="gemini-2.5-flash", contents="Hi", config={"max_output_tokens": 1024})\n`,
  },
  {
    name: 'python, Gemini config dict: the cap goes into it',
    language: 'python',
    before: `from google import genai\nfrom google.genai import types\nclient = genai.Client()\nclient.models.generate_content(model="gemini-2.5-flash", contents="Hi", config={"temperature": 0})\n`,
    after: `from google import genai\nfrom google.genai import types\nclient = genai.Client()\nclient.models.generate_content(model="gemini-2.5-flash", contents="Hi", config={"temperature": 0, "max_output_tokens": 1024})\n`,
  },
  {
    name: 'python, Gemini GenerateContentConfig over lines: the cap goes into it, formatted alike',
    language: 'python',
    before: `from google import genai\nfrom google.genai import types\nclient = genai.Client()\nclient.models.generate_content(\n    model="gemini-2.5-flash",\n    contents="Hi",\n    config=types.GenerateContentConfig(\n        temperature=0.5,\n    ),\n)\n`,
    after: `from google import genai\nfrom google.genai import types\nclient = genai.Client()\nclient.models.generate_content(\n    model="gemini-2.5-flash",\n    contents="Hi",\n    config=types.GenerateContentConfig(\n        temperature=0.5,\n        max_output_tokens=1024,\n    ),\n)\n`,
  },
  {
    name: 'typescript, Gemini without a config: config: { maxOutputTokens } is added',
    language: 'typescript',
    before: `import { GoogleGenAI } from '@google/genai';\nconst ai = new GoogleGenAI({});\nawait ai.models.generateContent({ model: 'gemini-2.5-flash', contents: 'Hi' });\n`,
    after: `import { GoogleGenAI } from '@google/genai';\nconst ai = new GoogleGenAI({});\nawait ai.models.generateContent({ model: 'gemini-2.5-flash', contents: 'Hi', config: { maxOutputTokens: 1024 } });\n`,
  },
  {
    name: 'typescript, Gemini config object: the cap goes into it',
    language: 'typescript',
    before: `import { GoogleGenAI } from '@google/genai';\nconst ai = new GoogleGenAI({});\nawait ai.models.generateContent({ model: 'gemini-2.5-flash', contents: 'Hi', config: { temperature: 0 } });\n`,
    after: `import { GoogleGenAI } from '@google/genai';\nconst ai = new GoogleGenAI({});\nawait ai.models.generateContent({ model: 'gemini-2.5-flash', contents: 'Hi', config: { temperature: 0, maxOutputTokens: 1024 } });\n`,
  },
  {
    name: 'python, Ollama: options={"num_predict": ...} is added',
    language: 'python',
    before: `import ollama\nollama.chat(model="llama3.2", messages=[])\n`,
    after: `import ollama\nollama.chat(model="llama3.2", messages=[], options={"num_predict": 1024})\n`,
  },
  {
    name: 'typescript, Ollama: num_predict goes into existing options',
    language: 'typescript',
    before: `import ollama from 'ollama';\nawait ollama.chat({ model: 'llama3.2', messages: [], options: { temperature: 0 } });\n`,
    after: `import ollama from 'ollama';\nawait ollama.chat({ model: 'llama3.2', messages: [], options: { temperature: 0, num_predict: 1024 } });\n`,
  },
  {
    name: 'javascript, tab indentation is kept',
    language: 'javascript',
    before: ts(`client.responses.create({\n\tmodel: 'gpt-5.5',\n\tinput: 'Hi',\n});\n`),
    after: ts(`client.responses.create({\n\tmodel: 'gpt-5.5',\n\tinput: 'Hi',\n\tmax_output_tokens: 1024,\n});\n`),
  },
  {
    name: 'python, LangChain: the cap goes into the chat model constructor, next to the model',
    language: 'python',
    before: `from langchain_openai import ChatOpenAI\nllm = ChatOpenAI(model="gpt-4o", temperature=0)\nllm.invoke("Hi")\n`,
    after: `from langchain_openai import ChatOpenAI\nllm = ChatOpenAI(model="gpt-4o", temperature=0, max_tokens=1024)\nllm.invoke("Hi")\n`,
  },
  {
    name: 'typescript, LangChain.js: maxTokens in the constructor options',
    language: 'typescript',
    before: `import { ChatAnthropic } from '@langchain/anthropic';\nconst m = new ChatAnthropic({ model: 'claude-haiku-4-5' });\nawait m.invoke('Hi');\n`,
    after: `import { ChatAnthropic } from '@langchain/anthropic';\nconst m = new ChatAnthropic({ model: 'claude-haiku-4-5', maxTokens: 1024 });\nawait m.invoke('Hi');\n`,
  },
  {
    name: 'typescript, AI SDK 5: maxOutputTokens',
    language: 'typescript',
    packages: { ai: '^5.0.10' },
    before: `import { openai } from '@ai-sdk/openai';\nimport { generateText } from 'ai';\nawait generateText({ model: openai('gpt-4o'), prompt: 'Hi' });\n`,
    after: `import { openai } from '@ai-sdk/openai';\nimport { generateText } from 'ai';\nawait generateText({ model: openai('gpt-4o'), prompt: 'Hi', maxOutputTokens: 1024 });\n`,
  },
  {
    name: 'typescript, AI SDK 4 (from package.json): maxTokens',
    language: 'typescript',
    packages: { ai: '~4.3.0' },
    before: `import { openai } from '@ai-sdk/openai';\nimport { generateText } from 'ai';\nawait generateText({ model: openai('gpt-4o'), prompt: 'Hi' });\n`,
    after: `import { openai } from '@ai-sdk/openai';\nimport { generateText } from 'ai';\nawait generateText({ model: openai('gpt-4o'), prompt: 'Hi', maxTokens: 1024 });\n`,
  },
  {
    name: 'typescript, AI SDK agent: the cap goes into the agent settings',
    language: 'typescript',
    before: `import { openai } from '@ai-sdk/openai';\nimport { Experimental_Agent as Agent } from 'ai';\nconst agent = new Agent({ model: openai('gpt-4o'), system: 'Be brief.' });\nawait agent.generate({ prompt: 'Hi' });\n`,
    after: `import { openai } from '@ai-sdk/openai';\nimport { Experimental_Agent as Agent } from 'ai';\nconst agent = new Agent({ model: openai('gpt-4o'), system: 'Be brief.', maxOutputTokens: 1024 });\nawait agent.generate({ prompt: 'Hi' });\n`,
  },
  {
    name: 'python, Bedrock Converse: a new inferenceConfig',
    language: 'python',
    before: `import boto3\nbrt = boto3.client("bedrock-runtime")\nbrt.converse(modelId="anthropic.claude-3-5-haiku-20241022-v1:0", messages=[])\n`,
    after: `import boto3\nbrt = boto3.client("bedrock-runtime")\nbrt.converse(modelId="anthropic.claude-3-5-haiku-20241022-v1:0", messages=[], inferenceConfig={"maxTokens": 1024})\n`,
  },
  {
    name: 'python, Bedrock InvokeModel with a Claude body: the required max_tokens goes into the JSON body (safe)',
    language: 'python',
    before: `import json, boto3\nbrt = boto3.client("bedrock-runtime")\nbody = {"anthropic_version": "bedrock-2023-05-31", "messages": []}\nbrt.invoke_model(modelId="anthropic.claude-3-5-haiku-20241022-v1:0", body=json.dumps(body))\n`,
    after: `import json, boto3\nbrt = boto3.client("bedrock-runtime")\nbody = {"anthropic_version": "bedrock-2023-05-31", "messages": [], "max_tokens": 1024}\nbrt.invoke_model(modelId="anthropic.claude-3-5-haiku-20241022-v1:0", body=json.dumps(body))\n`,
    safety: 'safe',
  },
  {
    name: 'javascript, Bedrock InvokeModel with a Llama body: max_gen_len',
    language: 'javascript',
    before: `import { BedrockRuntimeClient, InvokeModelCommand } from '@aws-sdk/client-bedrock-runtime';\nconst c = new BedrockRuntimeClient({});\nawait c.send(new InvokeModelCommand({ modelId: 'meta.llama3-3-70b-instruct-v1:0', body: JSON.stringify({ prompt: 'Hi' }) }));\n`,
    after: `import { BedrockRuntimeClient, InvokeModelCommand } from '@aws-sdk/client-bedrock-runtime';\nconst c = new BedrockRuntimeClient({});\nawait c.send(new InvokeModelCommand({ modelId: 'meta.llama3-3-70b-instruct-v1:0', body: JSON.stringify({ prompt: 'Hi', max_gen_len: 1024 }) }));\n`,
  },
  {
    name: 'python, google-genai chat: the cap goes into the config given to chats.create',
    language: 'python',
    before: `from google import genai\nclient = genai.Client()\nchat = client.chats.create(model="gemini-2.5-flash", config={"temperature": 0})\nchat.send_message("Hi")\n`,
    after: `from google import genai\nclient = genai.Client()\nchat = client.chats.create(model="gemini-2.5-flash", config={"temperature": 0, "max_output_tokens": 1024})\nchat.send_message("Hi")\n`,
  },
  {
    name: 'python, google-generativeai: a new generation_config on the model object',
    language: 'python',
    before: `import google.generativeai as genai\nmodel = genai.GenerativeModel("gemini-2.5-flash")\nmodel.generate_content("Hi")\n`,
    after: `import google.generativeai as genai\nmodel = genai.GenerativeModel("gemini-2.5-flash", generation_config={"max_output_tokens": 1024})\nmodel.generate_content("Hi")\n`,
  },
  {
    name: 'ruby, keyword arguments: `max_tokens: 1024` on its own line like the others',
    language: 'ruby',
    before: `require "anthropic"\nclient = Anthropic::Client.new\nclient.messages.create(\n  model: "claude-haiku-4-5",\n  messages: []\n)\n`,
    after: `require "anthropic"\nclient = Anthropic::Client.new\nclient.messages.create(\n  model: "claude-haiku-4-5",\n  messages: [],\n  max_tokens: 1024\n)\n`,
    safety: 'safe',
  },
  {
    name: 'ruby, gpt-4o: max_tokens',
    language: 'ruby',
    before: `require "openai"\nOpenAI::Client.new.chat.completions.create(model: :"gpt-4o", messages: [])\n`,
    after: `require "openai"\nOpenAI::Client.new.chat.completions.create(model: :"gpt-4o", messages: [], max_tokens: 1024)\n`,
  },
  {
    name: 'go, Anthropic: `MaxTokens: 1024,` in the params struct literal (trailing comma kept)',
    language: 'go',
    before: `package main\n\nimport "github.com/anthropics/anthropic-sdk-go"\n\nfunc f() {\n\tc := anthropic.NewClient()\n\tc.Messages.New(ctx, anthropic.MessageNewParams{\n\t\tModel:    anthropic.ModelClaudeHaiku4_5,\n\t\tMessages: nil,\n\t})\n}\n`,
    after: `package main\n\nimport "github.com/anthropics/anthropic-sdk-go"\n\nfunc f() {\n\tc := anthropic.NewClient()\n\tc.Messages.New(ctx, anthropic.MessageNewParams{\n\t\tModel:    anthropic.ModelClaudeHaiku4_5,\n\t\tMessages: nil,\n\t\tMaxTokens: 1024,\n\t})\n}\n`,
    safety: 'safe',
  },
  {
    name: 'go, OpenAI: the optional cap wrapped in openai.Int, under the local package name',
    language: 'go',
    before: `package main\n\nimport oa "github.com/openai/openai-go/v3"\n\nfunc f() {\n\tc := oa.NewClient()\n\tc.Chat.Completions.New(ctx, oa.ChatCompletionNewParams{Model: oa.ChatModelGPT5})\n}\n`,
    after: `package main\n\nimport oa "github.com/openai/openai-go/v3"\n\nfunc f() {\n\tc := oa.NewClient()\n\tc.Chat.Completions.New(ctx, oa.ChatCompletionNewParams{Model: oa.ChatModelGPT5, MaxCompletionTokens: oa.Int(1024)})\n}\n`,
  },
  {
    name: 'java, builder written one call per line: `.maxTokens(1024L)` on its own line before `.build()`',
    language: 'java',
    before: `import com.anthropic.client.AnthropicClient;\nclass A {\n  void f(AnthropicClient c) {\n    var p = MessageCreateParams.builder()\n        .addUserMessage("Hi")\n        .model(Model.CLAUDE_HAIKU_4_5)\n        .build();\n    c.messages().create(p);\n  }\n}\n`,
    after: `import com.anthropic.client.AnthropicClient;\nclass A {\n  void f(AnthropicClient c) {\n    var p = MessageCreateParams.builder()\n        .addUserMessage("Hi")\n        .model(Model.CLAUDE_HAIKU_4_5)\n        .maxTokens(1024L)\n        .build();\n    c.messages().create(p);\n  }\n}\n`,
    safety: 'safe',
  },
  {
    name: 'java, builder on one line: the call goes before `.build()` inline',
    language: 'java',
    before: `import com.openai.client.OpenAIClient;\nclass A {\n  void f(OpenAIClient c) {\n    c.chat().completions().create(ChatCompletionCreateParams.builder().addUserMessage("Hi").model(ChatModel.GPT_5).build());\n  }\n}\n`,
    after: `import com.openai.client.OpenAIClient;\nclass A {\n  void f(OpenAIClient c) {\n    c.chat().completions().create(ChatCompletionCreateParams.builder().addUserMessage("Hi").model(ChatModel.GPT_5).maxCompletionTokens(1024L).build());\n  }\n}\n`,
  },
  {
    name: 'c#, OpenAI without options: a ChatCompletionOptions argument holding MaxOutputTokenCount',
    language: 'csharp',
    before: `using OpenAI.Chat;\nChatClient client = new(model: "gpt-5", apiKey: key);\nclient.CompleteChat("Hi");\n`,
    after: `using OpenAI.Chat;\nChatClient client = new(model: "gpt-5", apiKey: key);\nclient.CompleteChat(new ChatMessage[] { "Hi" }, new ChatCompletionOptions { MaxOutputTokenCount = 1024 });\n`,
  },
  {
    name: 'c#, OpenAI options object: MaxOutputTokenCount goes into its initializer',
    language: 'csharp',
    before: `using OpenAI.Chat;\nChatClient client = new(model: "gpt-5", apiKey: key);\nclient.CompleteChat("Hi", new ChatCompletionOptions { Temperature = 0 });\n`,
    after: `using OpenAI.Chat;\nChatClient client = new(model: "gpt-5", apiKey: key);\nclient.CompleteChat("Hi", new ChatCompletionOptions { Temperature = 0, MaxOutputTokenCount = 1024 });\n`,
  },
  {
    name: 'c#, Anthropic params initializer over lines: `MaxTokens = 1024,` like its neighbours',
    language: 'csharp',
    before: `using Anthropic;\nvar client = new AnthropicClient();\nawait client.Messages.Create(new MessageCreateParams\n{\n    Messages = [],\n    Model = Model.ClaudeHaiku4_5,\n});\n`,
    after: `using Anthropic;\nvar client = new AnthropicClient();\nawait client.Messages.Create(new MessageCreateParams\n{\n    Messages = [],\n    Model = Model.ClaudeHaiku4_5,\n    MaxTokens = 1024,\n});\n`,
    safety: 'safe',
  },
  {
    name: "php, openai-php params array: 'max_tokens' => 1024",
    language: 'php',
    before: `<?php\n$client = OpenAI::client('k');\n$client->chat()->create(['model' => 'gpt-4o', 'messages' => []]);\n`,
    after: `<?php\n$client = OpenAI::client('k');\n$client->chat()->create(['model' => 'gpt-4o', 'messages' => [], 'max_tokens' => 1024]);\n`,
  },
  {
    name: 'php, Anthropic named arguments: maxTokens: 1024',
    language: 'php',
    before: `<?php\nuse Anthropic\\Client;\n$c = new Client(apiKey: 'k');\n$c->messages->create(messages: [], model: 'claude-haiku-4-5');\n`,
    after: `<?php\nuse Anthropic\\Client;\n$c = new Client(apiKey: 'k');\n$c->messages->create(messages: [], model: 'claude-haiku-4-5', maxTokens: 1024);\n`,
    safety: 'safe',
  },
  {
    name: 'prompty: max_tokens goes under model.parameters, with its indentation',
    language: 'prompty',
    before: `---\nmodel:\n  api: chat\n  configuration:\n    type: openai\n    name: gpt-4o\n  parameters:\n    temperature: 0.2\nsample:\n  x: 1\n---\nuser:\nHi\n`,
    after: `---\nmodel:\n  api: chat\n  configuration:\n    type: openai\n    name: gpt-4o\n  parameters:\n    temperature: 0.2\n    max_tokens: 1024\nsample:\n  x: 1\n---\nuser:\nHi\n`,
  },
  {
    name: 'prompty without parameters: the map is created under model',
    language: 'prompty',
    before: `---\nname: x\nmodel:\n  api: chat\n  configuration:\n    type: openai\n    name: gpt-4o\n---\nuser:\nHi\n`,
    after: `---\nname: x\nmodel:\n  api: chat\n  configuration:\n    type: openai\n    name: gpt-4o\n  parameters:\n    max_tokens: 1024\n---\nuser:\nHi\n`,
  },
  {
    name: 'dotprompt with a config: maxOutputTokens goes into it',
    language: 'dotprompt',
    before: `---\nmodel: googleai/gemini-2.5-flash\nconfig:\n  temperature: 0.3\n---\nHello\n`,
    after: `---\nmodel: googleai/gemini-2.5-flash\nconfig:\n  temperature: 0.3\n  maxOutputTokens: 1024\n---\nHello\n`,
  },
  {
    name: 'dotprompt without a config: one is added',
    language: 'dotprompt',
    before: `---\nmodel: googleai/gemini-2.5-flash\n---\nHello\n`,
    after: `---\nmodel: googleai/gemini-2.5-flash\nconfig: { maxOutputTokens: 1024 }\n---\nHello\n`,
  },
];

describe('uncapped-output fix', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const result = await analyzeText(c.before, c.language, c.settings, c.packages);
      const findings = result.findings.filter((f) => f.rule === 'uncapped-output');
      assert.equal(findings.length, 1, 'one finding before the fix');
      const fix = findings[0].fix;
      assert.ok(fix, 'the finding has a fix');
      if (c.safety) assert.equal(fix.safety, c.safety);
      const fixed = applyEdits(c.before, fix.edits);
      assert.deepEqual(await syntaxErrors(fixed, c.language), [], 'the fixed code parses');
      assert.equal(fixed, c.after);
      const again = await analyzeText(fixed, c.language, c.settings, c.packages);
      assert.deepEqual(again.errors, []);
      assert.equal(again.callSites.length, result.callSites.length, 'the fixed code still parses to the same calls');
      assert.deepEqual(
        again.findings.filter((f) => f.rule === 'uncapped-output'),
        [],
        'no finding after the fix',
      );
    });
  }

  it('an optional cap is an unsafe fix (it can truncate answers that used to complete)', async () => {
    const r = await analyzeText(py(`client.responses.create(model="gpt-5.5", input="Hi")\n`), 'python');
    assert.equal(r.findings[0].fix?.safety, 'unsafe');
    assert.equal(r.findings[0].severity, 'warning');
  });

  it('no fix is offered when the params object is not a literal in this file', async () => {
    const r = await analyzeText(ts(`export async function f(p: any) { return client.responses.create(p); }\n`), 'typescript');
    assert.equal(r.callSites.length, 1);
    assert.deepEqual(r.findings, [], 'parameters we cannot see are not reported as uncapped');
  });
});

describe('cap-exceeds-model-limit fix', () => {
  for (const [name, language, before, after] of [
    [
      'python: the number in the call is lowered to the maximum',
      'python',
      py(`claude.messages.create(model="claude-haiku-4-5", max_tokens=128000, messages=[])\n`),
      py(`claude.messages.create(model="claude-haiku-4-5", max_tokens=64000, messages=[])\n`),
    ],
    [
      'ts: the same in an object literal',
      'typescript',
      ts(`client.chat.completions.create({ model: 'gpt-4o', max_tokens: 32000, messages: [] });\n`),
      ts(`client.chat.completions.create({ model: 'gpt-4o', max_tokens: 16384, messages: [] });\n`),
    ],
  ] as const) {
    it(name, async () => {
      const r = await analyzeText(before, language);
      const f = r.findings.filter((x) => x.rule === 'cap-exceeds-model-limit');
      assert.equal(f.length, 1);
      assert.equal(f[0].fix?.safety, 'safe');
      const fixed = applyEdits(before, f[0].fix.edits);
      assert.deepEqual(await syntaxErrors(fixed, language as Language), [], 'the fixed code parses');
      assert.equal(fixed, after);
      const again = await analyzeText(fixed, language);
      assert.deepEqual(again.findings, [], 'nothing left to report');
    });
  }

  it('a cap from a constant is reported without a fix (other calls may share it)', async () => {
    const r = await analyzeText(py(`BIG = 128000\nclaude.messages.create(model="claude-haiku-4-5", max_tokens=BIG, messages=[])\n`), 'python');
    const f = r.findings.filter((x) => x.rule === 'cap-exceeds-model-limit');
    assert.equal(f.length, 1);
    assert.equal(f[0].fix, null);
  });
});

describe('unsupported-cap-param fix', () => {
  for (const [name, language, before, after, packages] of [
    [
      'python: max_tokens on o3 becomes max_completion_tokens',
      'python',
      py(`client.chat.completions.create(model="o3", max_tokens=2000, messages=[])\n`),
      py(`client.chat.completions.create(model="o3", max_completion_tokens=2000, messages=[])\n`),
      undefined,
    ],
    [
      'python: in a params dict, the key is renamed with its quotes',
      'python',
      py(`params = {'model': 'gpt-5.5', 'max_tokens': 500, 'messages': []}\nclient.chat.completions.create(**params)\n`),
      py(`params = {'model': 'gpt-5.5', 'max_completion_tokens': 500, 'messages': []}\nclient.chat.completions.create(**params)\n`),
      undefined,
    ],
    [
      'ts: AI SDK 5 ignores maxTokens; it becomes maxOutputTokens',
      'typescript',
      `import { openai } from '@ai-sdk/openai';\nimport { generateText } from 'ai';\nawait generateText({ model: openai('gpt-4o'), prompt: 'Hi', maxTokens: 300 });\n`,
      `import { openai } from '@ai-sdk/openai';\nimport { generateText } from 'ai';\nawait generateText({ model: openai('gpt-4o'), prompt: 'Hi', maxOutputTokens: 300 });\n`,
      { ai: '^5.0.0' },
    ],
  ] as const) {
    it(name, async () => {
      const r = await analyzeText(before, language, {}, packages);
      const f = r.findings.filter((x) => x.rule === 'unsupported-cap-param');
      assert.equal(f.length, 1);
      assert.deepEqual(
        r.findings.filter((x) => x.rule === 'uncapped-output'),
        [],
        'one finding for one problem',
      );
      assert.equal(f[0].fix?.safety, 'safe');
      const fixed = applyEdits(before, f[0].fix.edits);
      assert.deepEqual(await syntaxErrors(fixed, language as Language), [], 'the fixed code parses');
      assert.equal(fixed, after);
      assert.deepEqual((await analyzeText(fixed, language, {}, packages)).findings, [], 'nothing left to report');
    });
  }

  it('compatible providers still take max_tokens: not reported', async () => {
    const code = `from openai import OpenAI\nds = OpenAI(base_url="https://api.deepseek.com")\nds.chat.completions.create(model="deepseek-chat", max_tokens=500, messages=[])\n`;
    assert.deepEqual(
      (await analyzeText(code, 'python')).findings.filter((x) => x.rule === 'unsupported-cap-param'),
      [],
    );
  });
});

/** Every rule, including the ones about the model choice that snippets leave off. */
const ALL_RULES = { ruleSeverity: {} };

describe('model fixes', () => {
  it('unknown-model suggests the nearest id and the fix writes it where the call names the model', async () => {
    const before = py(`client.chat.completions.create(model="gpt-4.1-nanoo", max_tokens=5, messages=[])\n`);
    const r = await analyzeText(before, 'python', ALL_RULES);
    const f = r.findings.find((x) => x.rule === 'unknown-model')!;
    assert.match(f.message, /Did you mean 'gpt-4\.1-nano'/);
    assert.equal(f.fix?.safety, 'suggestion');
    const fixed = applyEdits(before, f.fix.edits);
    assert.deepEqual(await syntaxErrors(fixed, 'python'), [], 'the fixed code parses');
    assert.equal(fixed, py(`client.chat.completions.create(model="gpt-4.1-nano", max_tokens=5, messages=[])\n`));
    assert.deepEqual(
      (await analyzeText(fixed, 'python', ALL_RULES)).findings.filter((x) => x.rule === 'unknown-model'),
      [],
    );
  });

  it('retired-model: an error past the date with the replacement as an unsafe fix; a warning with the date before it', async () => {
    const before = py(`claude.messages.create(model="claude-3-haiku-20240307", max_tokens=5, messages=[])\n`);
    const r = await analyzeText(before, 'python', ALL_RULES);
    const f = r.findings.find((x) => x.rule === 'retired-model')!;
    assert.equal(f.severity, 'error');
    assert.equal(f.message, "claude-3-haiku-20240307 was shut down on 2026-04-20: requests to it fail. Its replacement is 'claude-haiku-4-5-20251001'.");
    assert.equal(f.fix?.safety, 'unsafe');
    const fixed = applyEdits(before, f.fix.edits);
    assert.deepEqual(await syntaxErrors(fixed, 'python'), [], 'the fixed code parses');
    assert.deepEqual(
      (await analyzeText(fixed, 'python', ALL_RULES)).findings.filter((x) => x.rule === 'retired-model'),
      [],
    );
    const early = await analyzeText(before, 'python', { ...ALL_RULES, today: '2026-01-01' });
    assert.equal(early.findings.find((x) => x.rule === 'retired-model')?.severity, 'warning');
    assert.match(early.findings.find((x) => x.rule === 'retired-model')!.message, /shuts down on 2026-04-20 \(in 109 days\)/);
  });
});

describe('uncached-prefix fix', () => {
  const POLICY = `POLICY = "Refunds are accepted within 30 days with a receipt; store credit after that. " * 120\n`;
  it('python: a string system prompt sent in a loop becomes the cached block form, and the finding is gone', async () => {
    const before = py(
      `${POLICY}for t in tickets:\n    claude.messages.create(model="claude-sonnet-4-5", max_tokens=300, system=POLICY, messages=[{"role": "user", "content": t}])\n`,
    );
    const r = await analyzeText(before, 'python');
    const f = r.findings.find((x) => x.rule === 'uncached-prefix')!;
    assert.match(
      f.message,
      /runs in a loop .* the first call writes it at \$3\.75 per 1M and each repeat within 5 minutes reads it at \$0\.30 instead of \$3\.00/,
    );
    assert.equal(f.fix?.safety, 'safe');
    const fixed = applyEdits(before, f.fix.edits);
    assert.deepEqual(await syntaxErrors(fixed, 'python'), [], 'the fixed code parses');
    assert.match(fixed, /system=\[\{"type": "text", "text": POLICY, "cache_control": \{"type": "ephemeral"\}\}\]/);
    const again = await analyzeText(fixed, 'python');
    assert.deepEqual(
      again.findings.filter((x) => x.rule === 'uncached-prefix'),
      [],
    );
    assert.ok(again.callSites[0].estimate.cache, 'the estimate now prices the cache');
  });

  it('python: with no system prompt to mark (tools only), the fix adds the top-level automatic cache_control, which the estimate then prices', async () => {
    const TOOLS = `TOOLS = [{"name": "lookup_order", "description": "Finds an order by id. ${'Returns the order with its items, totals, shipping address and status history. '.repeat(60)}", "input_schema": {"type": "object", "properties": {"id": {"type": "string"}}}}]\n`;
    const before = py(
      `${TOOLS}for t in tickets:\n    claude.messages.create(model="claude-sonnet-4-5", max_tokens=300, tools=TOOLS, messages=[{"role": "user", "content": t}])\n`,
    );
    const r = await analyzeText(before, 'python');
    const f = r.findings.find((x) => x.rule === 'uncached-prefix')!;
    assert.equal(f.fix?.title, 'Cache the prompt automatically (top-level cache_control)');
    const fixed = applyEdits(before, f.fix.edits);
    assert.deepEqual(await syntaxErrors(fixed, 'python'), [], 'the fixed code parses');
    assert.match(fixed, /max_tokens=300, tools=TOOLS, messages=\[\{"role": "user", "content": t\}\], cache_control=\{"type": "ephemeral"\}\)/);
    const again = await analyzeText(fixed, 'python');
    assert.deepEqual(
      again.findings.filter((x) => x.rule === 'uncached-prefix' || x.rule === 'cache-below-minimum'),
      [],
    );
    const site = again.callSites[0];
    assert.equal(site.prompt.automaticCache, true);
    assert.equal(site.prompt.cacheBreakpoints, 1);
    assert.ok(site.estimate.cache && site.estimate.cache.tokens > 1024, 'the whole static prompt is the cached prefix');
  });

  it('ts: a block list gets cache_control on its last block', async () => {
    const before = `import Anthropic from '@anthropic-ai/sdk';\nconst c = new Anthropic();\nconst POLICY = 'Refunds are accepted within 30 days with a receipt; store credit after that. '.repeat(1);\nconst LONG = \`${'Refunds are accepted within 30 days with a receipt; store credit after that. '.repeat(120)}\`;\nfor (const t of ['a', 'b']) {\n  await c.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 300, system: [{ type: 'text', text: LONG }], messages: [{ role: 'user', content: t }] });\n}\n`;
    const r = await analyzeText(before, 'typescript');
    const f = r.findings.find((x) => x.rule === 'uncached-prefix')!;
    const fixed = applyEdits(before, f.fix!.edits);
    assert.deepEqual(await syntaxErrors(fixed, 'typescript'), [], 'the fixed code parses');
    assert.match(fixed, /system: \[\{ type: 'text', text: LONG, cache_control: \{ type: 'ephemeral' \} \}\]/);
    assert.deepEqual(
      (await analyzeText(fixed, 'typescript')).findings.filter((x) => x.rule === 'uncached-prefix'),
      [],
    );
  });
});

describe('the parse check fixes are held to', () => {
  it('finds a syntax error in each language a fix edits, and none in the same code whole', async () => {
    const cases: [Language, string, string][] = [
      ['python', 'f(a, max_tokens=1024)\n', 'f(a, max_tokens=1024\n'],
      ['typescript', 'f({ a: 1, max_tokens: 1024 });\n', 'f({ a: 1 max_tokens: 1024 });\n'],
      ['go', 'package main\n\nfunc main() { f(1, 2) }\n', 'package main\n\nfunc main() { f(1, 2 }\n'],
      ['java', 'class A { void m() { f(1); } }\n', 'class A { void m() { f(1; } }\n'],
      ['csharp', 'class A { void M() { F(1); } }\n', 'class A { void M() { F(1; } }\n'],
      ['ruby', 'f(a, max_tokens: 1024)\n', 'f(a, max_tokens: 1024\n'],
      ['php', '<?php f($a, 1024);\n', '<?php f($a, 1024;\n'],
      ['prompty', '---\nmodel:\n  parameters:\n    max_tokens: 1024\n---\nHi\n', '---\nmodel:\n  parameters: [max_tokens: 1024\n---\nHi\n'],
    ];
    for (const [language, good, bad] of cases) {
      assert.deepEqual(await syntaxErrors(good, language), [], `${language}: valid code`);
      assert.notDeepEqual(await syntaxErrors(bad, language), [], `${language}: the broken code is caught`);
    }
  });
});
