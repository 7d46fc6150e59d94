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
import { pythonFile, typescriptFile } from './generate';

const REPEATS = Number(process.env.BENCH_REPEATS ?? 15);

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
