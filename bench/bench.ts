// npm run bench: analysis cost relative to the parsers' own cost, measured in the same
// process so machine speed cancels out, plus tokenizer throughput. Figures are ratios;
// absolute times are printed for context only.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import ts from 'typescript';
import { Language, Parser } from 'web-tree-sitter';
import { createNodeAnalyzer } from '../server/src/core/node';
import { countTokens, encoder } from '../server/src/core/tokens';

const REPEATS = Number(process.env.BENCH_REPEATS ?? 15);

/** A service module of the kind real code has: most functions make no LLM call. */
function pythonFile(units: number): string {
  const out = ['import json', 'import os', 'from dataclasses import dataclass', 'from anthropic import Anthropic', 'from openai import OpenAI', '', 'client = OpenAI()', 'claude = Anthropic()', 'MODEL = os.getenv("MODEL", "gpt-5.4-mini")', ''];
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

function typescriptFile(units: number): string {
  const out = [`import OpenAI from 'openai';`, `import Anthropic from '@anthropic-ai/sdk';`, ``, `const openai = new OpenAI();`, `const anthropic = new Anthropic();`, `const MODEL = process.env.MODEL ?? 'gpt-5.4-mini';`, ``];
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

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(fn: () => void): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

async function main() {
  const t0 = performance.now();
  const analyzer = await createNodeAnalyzer();
  const startup = performance.now() - t0;
  const parser = new Parser();
  parser.setLanguage(await Language.load(require.resolve('tree-sitter-python/tree-sitter-python.wasm')));

  const py = pythonFile(320);
  const tsText = typescriptFile(500);
  const lines = (s: string) => s.split('\n').length;

  // First analysis pays for building the tokenizer once.
  const cold = time(() => analyzer.analyze({ text: py, language: 'python' }));

  const rows: Record<string, number | string>[] = [];
  const measure = (name: string, text: string, parseOnly: () => void, analyze: () => unknown) => {
    const p: number[] = [];
    const a: number[] = [];
    for (let i = 0; i < REPEATS; i++) {
      p.push(time(parseOnly));
      a.push(time(() => void analyze()));
    }
    const parse = median(p);
    const full = median(a);
    rows.push({ file: name, lines: lines(text), parseMs: +parse.toFixed(2), analyzeMs: +full.toFixed(2), ratio: +(full / parse).toFixed(2) });
  };
  measure('python', py, () => parser.parse(py)!.delete(), () => analyzer.analyze({ text: py, language: 'python' }));
  measure('typescript', tsText, () => ts.createSourceFile('x.ts', tsText, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS), () => analyzer.analyze({ text: tsText, language: 'typescript' }));
  const calls = {
    python: analyzer.analyze({ text: py, language: 'python' }).callSites.length,
    typescript: analyzer.analyze({ text: tsText, language: 'typescript' }).callSites.length,
  };

  // Tokenizer: throughput on long unique prompts (no memo), and the memo on repeats.
  encoder('o200k_base');
  const prose = 'The quarterly report shows revenue up 12% year over year, driven by enterprise renewals. ';
  const prompts = Array.from({ length: 40 }, (_, i) => `${i} ${prose.repeat(100)}`);
  const bytes = prompts.reduce((n, p) => n + Buffer.byteLength(p), 0);
  let tokens = 0;
  const tokMs = time(() => {
    for (const p of prompts) tokens += countTokens(p, 'o200k_base');
  });
  const memoMs = time(() => {
    for (const p of prompts) countTokens(p, 'o200k_base');
  });

  const result = {
    date: new Date().toISOString(),
    node: process.version,
    startupMs: +startup.toFixed(1),
    firstAnalysisMs: +cold.toFixed(1),
    files: rows,
    callSites: calls,
    tokenizer: {
      mbPerSecond: +(bytes / 1e6 / (tokMs / 1000)).toFixed(2),
      tokensPerSecond: Math.round(tokens / (tokMs / 1000)),
      memoSpeedup: +(tokMs / Math.max(memoMs, 0.001)).toFixed(0),
    },
  };
  console.log('analysis time as a multiple of the parser alone (median of', REPEATS, 'runs)');
  console.table(rows);
  console.log(`call sites found: python ${calls.python}, typescript ${calls.typescript}`);
  console.log(`analyzer start-up ${result.startupMs} ms; first analysis (builds the o200k tokenizer) ${result.firstAnalysisMs} ms`);
  console.log(`tokenizer: ${result.tokenizer.mbPerSecond} MB/s, ${result.tokenizer.tokensPerSecond.toLocaleString('en-US')} tokens/s uncached; memoized repeat ${result.tokenizer.memoSpeedup}x faster`);
  mkdirSync(join(__dirname, 'results'), { recursive: true });
  writeFileSync(join(__dirname, 'results', 'latest.json'), JSON.stringify(result, null, 2) + '\n');
}

main();
