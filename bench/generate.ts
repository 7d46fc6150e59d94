// Generated source files and repositories of the shapes real services have, for the benchmarks.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** A service module of the kind real code has: most functions make no LLM call. */
export function pythonFile(units: number): string {
  const out = [
    'import json',
    'import os',
    'from dataclasses import dataclass',
    'from anthropic import Anthropic',
    'from openai import OpenAI',
    '',
    'client = OpenAI()',
    'claude = Anthropic()',
    'MODEL = os.getenv("MODEL", "gpt-5.4-mini")',
    '',
  ];
  for (let i = 0; i < units; i++) {
    out.push(
      `@dataclass`,
      `class Record${i}:`,
      `    id: int`,
      `    name: str`,
      `    tags: list[str]`,
      ``,
      `    def to_json(self) -> str:`,
      `        return json.dumps({"id": self.id, "name": self.name, "tags": sorted(self.tags)})`,
      ``,
      `def normalize_${i}(rows: list[dict]) -> list[Record${i}]:`,
      `    out = []`,
      `    for row in rows:`,
      `        if not row.get("name"):`,
      `            continue`,
      `        out.append(Record${i}(id=int(row["id"]), name=row["name"].strip(), tags=row.get("tags", [])))`,
      `    return out`,
      ``,
    );
    if (i % 4 === 0) {
      out.push(
        `def summarize_${i}(text: str) -> str:`,
        `    r = client.chat.completions.create(`,
        `        model=MODEL,`,
        `        messages=[{"role": "system", "content": "Summarize support tickets in two sentences."}, {"role": "user", "content": f"Ticket {${i}}: {text}"}],`,
        `    )`,
        `    return r.choices[0].message.content`,
        ``,
        `def tag_${i}(items: list[str]) -> list[str]:`,
        `    return [claude.messages.create(model="claude-haiku-4-5", max_tokens=20, messages=[{"role": "user", "content": it}]).content[0].text for it in items]`,
        ``,
      );
    }
  }
  return out.join('\n');
}

export function typescriptFile(units: number): string {
  const out = [
    `import OpenAI from 'openai';`,
    `import Anthropic from '@anthropic-ai/sdk';`,
    ``,
    `const openai = new OpenAI();`,
    `const anthropic = new Anthropic();`,
    `const MODEL = process.env.MODEL ?? 'gpt-5.4-mini';`,
    ``,
  ];
  for (let i = 0; i < units; i++) {
    out.push(
      `export interface Row${i} { id: number; name: string; tags: string[] }`,
      ``,
      `export function normalize${i}(rows: Array<Partial<Row${i}>>): Row${i}[] {`,
      `  return rows`,
      `    .filter((r): r is Row${i} => typeof r.name === 'string' && r.name.length > 0)`,
      `    .map((r) => ({ id: Number(r.id), name: r.name.trim(), tags: [...(r.tags ?? [])].sort() }));`,
      `}`,
      ``,
    );
    if (i % 4 === 0) {
      out.push(
        `export class Service${i} {`,
        `  constructor(private readonly client: OpenAI) {}`,
        `  async summarize(text: string) {`,
        `    const r = await this.client.chat.completions.create({`,
        `      model: MODEL,`,
        `      messages: [{ role: 'system', content: 'Summarize support tickets in two sentences.' }, { role: 'user', content: \`Ticket ${i}: \${text}\` }],`,
        `    });`,
        `    return r.choices[0].message.content;`,
        `  }`,
        `}`,
        ``,
        `export const tag${i} = (items: string[]) => Promise.all(items.map((it) => anthropic.messages.create({ model: 'claude-haiku-4-5', max_tokens: 20, messages: [{ role: 'user', content: it }] })));`,
        ``,
      );
    }
  }
  return out.join('\n');
}

export function plain(i: number): string {
  const body = Array.from({ length: 40 }, (_, k) => `def helper_${i}_${k}(rows):\n    return [r for r in rows if r.get("id") != ${k}]\n`).join('\n');
  return `"""Module ${i}: data helpers."""\nimport json\n\n${body}`;
}

/** A system prompt of the length real ones have (a few hundred tokens), different per file. */
function systemPrompt(i: number): string {
  return `You are the support assistant of shop ${i}. Answer in two short paragraphs, cite the order number, never promise refunds, and escalate to a human when the customer mentions legal action, a chargeback or a safety issue. `
    .repeat(4)
    .trim();
}

function withCall(i: number): string {
  // Half the calls send a static system prompt (counted by the tokenizer), half only user input.
  const messages = i % 2 ? `[{"role": "system", "content": SYSTEM_${i}}, {"role": "user", "content": text}]` : `[{"role": "user", "content": text}]`;
  return `${plain(i)}\nfrom openai import OpenAI\n\nclient = OpenAI()\nSYSTEM_${i} = ${JSON.stringify(systemPrompt(i))}\n\n\ndef summarize_${i}(text):\n    return client.chat.completions.create(model="gpt-4o", max_tokens=300, messages=${messages})\n`;
}

function tsFile(i: number, call: boolean): string {
  const body = Array.from({ length: 30 }, (_, k) => `export function f${i}_${k}(xs: number[]): number { return xs.reduce((a, b) => a + b * ${k}, 0); }`).join(
    '\n',
  );
  const instructions = i % 2 ? `instructions: ${JSON.stringify(systemPrompt(i))}, ` : '';
  return call
    ? `import OpenAI from 'openai';\nconst client = new OpenAI();\n${body}\nexport const ask${i} = (q: string) => client.responses.create({ model: 'gpt-5.5', ${instructions}input: q, max_output_tokens: 200 });\n`
    : `${body}\n`;
}

/** A repository of `files` files (a third TypeScript, the rest Python), 3% of them with an LLM call in either language, added to a git index. */
export function generateRepository(dir: string, files: number): void {
  const step = Math.round(1 / 0.03);
  for (let i = 0; i < files; i++) {
    const call = i % step === 0;
    // Call sites fall in both languages: files numbered by a multiple of `step` cycle through them.
    const ts = call ? (i / step) % 3 === 0 : i % 3 === 0;
    const path = join(dir, `pkg${i % 50}`, ts ? `m${i}.ts` : `m${i}.py`);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, ts ? tsFile(i, call) : call ? withCall(i) : plain(i));
  }
  execFileSync('git', ['init', '-q'], { cwd: dir });
  execFileSync('git', ['add', '-A'], { cwd: dir });
}

/**
 * Service files in Go, Java, Ruby, C# and PHP with the density of `pythonFile`: helper code, and
 * every fourth unit a function calling an SDK the way its README shows (see test/fixtures).
 */
export const otherLanguageFiles: Record<'go' | 'java' | 'ruby' | 'csharp' | 'php', (units: number) => string> = {
  go: (units) => {
    const out = [
      'package service',
      '',
      'import (',
      '\t"context"',
      '\t"fmt"',
      '\t"strings"',
      '',
      '\t"github.com/openai/openai-go/v3"',
      ')',
      '',
      'var client = openai.NewClient()',
      '',
    ];
    for (let i = 0; i < units; i++) {
      out.push(
        `type Record${i} struct {`,
        `\tID   int`,
        `\tName string`,
        `\tTags []string`,
        `}`,
        ``,
        `func Normalize${i}(rows []map[string]string) []Record${i} {`,
        `\tout := []Record${i}{}`,
        `\tfor _, row := range rows {`,
        `\t\tname := strings.TrimSpace(row["name"])`,
        `\t\tif name == "" {`,
        `\t\t\tcontinue`,
        `\t\t}`,
        `\t\tout = append(out, Record${i}{ID: len(out), Name: name})`,
        `\t}`,
        `\treturn out`,
        `}`,
        ``,
      );
      if (i % 4 === 0) {
        out.push(
          `func Summarize${i}(ctx context.Context, text string) (string, error) {`,
          `\tr, err := client.Chat.Completions.New(ctx, openai.ChatCompletionNewParams{`,
          `\t\tMessages: []openai.ChatCompletionMessageParamUnion{openai.SystemMessage("Summarize support tickets in two sentences."), openai.UserMessage(fmt.Sprintf("Ticket ${i}: %s", text))},`,
          `\t\tModel:    openai.ChatModelGPT4oMini,`,
          `\t})`,
          `\tif err != nil {`,
          `\t\treturn "", err`,
          `\t}`,
          `\treturn r.Choices[0].Message.Content, nil`,
          `}`,
          ``,
        );
      }
    }
    return out.join('\n');
  },
  java: (units) => {
    const out = [
      'package com.example;',
      '',
      'import com.openai.client.OpenAIClient;',
      'import com.openai.client.okhttp.OpenAIOkHttpClient;',
      'import com.openai.models.ChatModel;',
      'import com.openai.models.chat.completions.ChatCompletionCreateParams;',
      'import java.util.ArrayList;',
      'import java.util.List;',
      'import java.util.Map;',
      '',
    ];
    for (let i = 0; i < units; i++) {
      out.push(
        `final class Records${i} {`,
        `    record Row(int id, String name, List<String> tags) {}`,
        ``,
        `    static List<Row> normalize(List<Map<String, String>> rows) {`,
        `        List<Row> out = new ArrayList<>();`,
        `        for (Map<String, String> row : rows) {`,
        `            String name = row.getOrDefault("name", "").strip();`,
        `            if (name.isEmpty()) continue;`,
        `            out.add(new Row(out.size(), name, List.of()));`,
        `        }`,
        `        return out;`,
        `    }`,
        `}`,
        ``,
      );
      if (i % 4 === 0) {
        out.push(
          `final class Summarizer${i} {`,
          `    private final OpenAIClient client = OpenAIOkHttpClient.fromEnv();`,
          ``,
          `    String summarize(String text) {`,
          `        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()`,
          `                .addSystemMessage("Summarize support tickets in two sentences.")`,
          `                .addUserMessage("Ticket ${i}: " + text)`,
          `                .model(ChatModel.GPT_4O_MINI)`,
          `                .build();`,
          `        return client.chat().completions().create(params).choices().get(0).message().content().orElse("");`,
          `    }`,
          `}`,
          ``,
        );
      }
    }
    return out.join('\n');
  },
  ruby: (units) => {
    const out = ['require "openai"', '', 'CLIENT = OpenAI::Client.new(api_key: ENV["OPENAI_API_KEY"])', ''];
    for (let i = 0; i < units; i++) {
      out.push(
        `class Record${i}`,
        `  attr_reader :id, :name, :tags`,
        ``,
        `  def initialize(id, name, tags)`,
        `    @id = id`,
        `    @name = name.strip`,
        `    @tags = tags.sort`,
        `  end`,
        ``,
        `  def self.normalize(rows)`,
        `    rows.reject { |r| r["name"].to_s.empty? }.map { |r| new(r["id"].to_i, r["name"], r.fetch("tags", [])) }`,
        `  end`,
        `end`,
        ``,
      );
      if (i % 4 === 0) {
        out.push(
          `class Summarizer${i}`,
          `  def call(text)`,
          `    r = CLIENT.chat.completions.create(`,
          `      model: "gpt-4o-mini",`,
          `      messages: [{role: "system", content: "Summarize support tickets in two sentences."}, {role: "user", content: "Ticket ${i}: #{text}"}]`,
          `    )`,
          `    r.choices[0].message.content`,
          `  end`,
          `end`,
          ``,
        );
      }
    }
    return out.join('\n');
  },
  csharp: (units) => {
    const out = ['using System;', 'using System.Collections.Generic;', 'using System.Linq;', 'using OpenAI.Chat;', '', 'namespace Service;', ''];
    for (let i = 0; i < units; i++) {
      out.push(
        `public record Row${i}(int Id, string Name, List<string> Tags);`,
        ``,
        `public static class Records${i}`,
        `{`,
        `    public static List<Row${i}> Normalize(IEnumerable<Dictionary<string, string>> rows)`,
        `    {`,
        `        var output = new List<Row${i}>();`,
        `        foreach (var row in rows)`,
        `        {`,
        `            var name = row.GetValueOrDefault("name", "").Trim();`,
        `            if (name.Length == 0) continue;`,
        `            output.Add(new Row${i}(output.Count, name, new List<string>()));`,
        `        }`,
        `        return output;`,
        `    }`,
        `}`,
        ``,
      );
      if (i % 4 === 0) {
        out.push(
          `public class Summarizer${i}`,
          `{`,
          `    private readonly ChatClient client = new(model: "gpt-4o-mini", apiKey: Environment.GetEnvironmentVariable("OPENAI_API_KEY"));`,
          ``,
          `    public string Summarize(string text)`,
          `    {`,
          `        ChatCompletion completion = client.CompleteChat(new SystemChatMessage("Summarize support tickets in two sentences."), new UserChatMessage($"Ticket ${i}: {text}"));`,
          `        return completion.Content[0].Text;`,
          `    }`,
          `}`,
          ``,
        );
      }
    }
    return out.join('\n');
  },
  php: (units) => {
    const out = ['<?php', '', 'namespace App;', '', "$client = \\OpenAI::client(getenv('OPENAI_API_KEY'));", ''];
    for (let i = 0; i < units; i++) {
      out.push(
        `final class Records${i}`,
        `{`,
        `    public static function normalize(array $rows): array`,
        `    {`,
        `        $out = [];`,
        `        foreach ($rows as $row) {`,
        `            $name = trim($row['name'] ?? '');`,
        `            if ($name === '') {`,
        `                continue;`,
        `            }`,
        `            $out[] = ['id' => count($out), 'name' => $name, 'tags' => $row['tags'] ?? []];`,
        `        }`,
        `        return $out;`,
        `    }`,
        `}`,
        ``,
      );
      if (i % 4 === 0) {
        out.push(
          `function summarize_${i}($client, string $text): string`,
          `{`,
          `    $result = $client->chat()->create([`,
          `        'model' => 'gpt-4o-mini',`,
          `        'messages' => [['role' => 'system', 'content' => 'Summarize support tickets in two sentences.'], ['role' => 'user', 'content' => "Ticket ${i}: $text"]],`,
          `    ]);`,
          `    return $result->choices[0]->message->content;`,
          `}`,
          ``,
        );
      }
    }
    return out.join('\n');
  },
};

/**
 * The files of one unit of an application calling an LLM (`realrepo.ts`), in one of three shapes
 * real code has: the call in the file naming the SDK; a client made in one module and imported by
 * the one calling it (which names no SDK); a factory in one module, called in another.
 */
export function appUnit(i: number, python: boolean): Record<string, string> {
  const shape = Math.floor(i / 3) % 3;
  const system = JSON.stringify(systemPrompt(i));
  if (python) {
    if (shape === 0) return { [`m${i}.py`]: withCall(i) };
    if (shape === 1) {
      return {
        [`llm_${i}.py`]: `from openai import OpenAI\n\nclient = OpenAI()\n`,
        [`service_${i}.py`]: `${plain(i)}\nfrom .llm_${i} import client\n\nSYSTEM = ${system}\n\n\ndef answer_${i}(text):\n    return client.chat.completions.create(model="gpt-4o-mini", max_tokens=300, messages=[{"role": "system", "content": SYSTEM}, {"role": "user", "content": text}])\n`,
      };
    }
    return {
      [`factory_${i}.py`]: `from anthropic import Anthropic\n\n\ndef get_client():\n    return Anthropic()\n`,
      [`worker_${i}.py`]: `${plain(i)}\nfrom .factory_${i} import get_client\n\n\ndef tag_${i}(text):\n    return get_client().messages.create(model="claude-haiku-4-5", max_tokens=50, system=${system}, messages=[{"role": "user", "content": text}])\n`,
    };
  }
  if (shape === 0) return { [`m${i}.ts`]: tsFile(i, true) };
  if (shape === 1) {
    return {
      [`llm${i}.ts`]: `import OpenAI from 'openai';\n\nexport const client = new OpenAI();\n`,
      [`service${i}.ts`]: `import { client } from './llm${i}';\n\nexport async function answer${i}(text: string) {\n  return client.chat.completions.create({ model: 'gpt-4o-mini', max_tokens: 300, messages: [{ role: 'system', content: ${system} }, { role: 'user', content: text }] });\n}\n`,
    };
  }
  return {
    [`factory${i}.ts`]: `import Anthropic from '@anthropic-ai/sdk';\n\nexport function getClient(): Anthropic {\n  return new Anthropic();\n}\n`,
    [`worker${i}.ts`]: `import { getClient } from './factory${i}';\n\nexport const tag${i} = (text: string) => getClient().messages.create({ model: 'claude-haiku-4-5', max_tokens: 50, system: ${system}, messages: [{ role: 'user', content: text }] });\n`,
  };
}
