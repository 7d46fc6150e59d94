// npm run bench: analysis cost relative to the parsers' own cost, measured in the same
// process so machine speed cancels out, plus tokenizer throughput. Figures are ratios;
// absolute times are printed for context only.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import ts from 'typescript';
import { Language, Parser } from 'web-tree-sitter';
import { createNodeAnalyzer } from '../server/src/host/node';
import { countTokens, encoder, tokenStats } from '../server/src/core/tokens';
import { otherLanguageFiles, pythonFile, typescriptFile } from './generate';

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

  const lines = (s: string) => s.split('\n').length;
  /** A generated file of about `n` lines. */
  const sized = (make: (units: number) => string, n: number) => {
    const perUnit = lines(make(40)) / 40;
    return make(Math.max(1, Math.round(n / perUnit)));
  };
  type BenchLanguage = 'python' | 'typescript' | keyof typeof otherLanguageFiles;
  const parseOnly: Partial<Record<BenchLanguage, (text: string) => void>> = {
    python: (text) => parser.parse(text)!.delete(),
    typescript: (text) => void ts.createSourceFile('x.ts', text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS),
  };
  const makers: Record<BenchLanguage, (units: number) => string> = { python: pythonFile, typescript: typescriptFile, ...otherLanguageFiles };
  // The other tree-sitter grammars, as the analyzer loads them.
  const GRAMMARS: Record<keyof typeof otherLanguageFiles, string> = { go: 'go', java: 'java', ruby: 'ruby', csharp: 'c-sharp', php: 'php' };
  for (const [lang, grammar] of Object.entries(GRAMMARS)) {
    const p = new Parser();
    p.setLanguage(await Language.load(require.resolve(`@vscode/tree-sitter-wasm/wasm/tree-sitter-${grammar}.wasm`)));
    parseOnly[lang as BenchLanguage] = (text) => p.parse(text)!.delete();
  }

  // First analysis pays for building the tokenizer once.
  const cold = time(() => analyzer.analyze({ text: pythonFile(10), language: 'python' }));

  // Per edit, as the language server does it: the document's tree is kept and re-parsed
  // incrementally. Each edit is a keystroke in a function in the middle of the file, or a model
  // swapped; the time from the new text to the finished analysis (call sites, estimates, findings)
  // is compared with the parser alone taking in the whole new text.
  const rows: Record<string, number | string>[] = [];
  const calls: Record<string, number> = {};
  for (const language of Object.keys(makers) as BenchLanguage[]) {
    for (const size of [500, 5000, 20000]) {
      let text = sized(makers[language], size);
      const document = `bench://${language}/${size}`;
      const full = median(Array.from({ length: 5 }, () => time(() => analyzer.analyze({ text, language }))));
      // As the language server does: the fixes are parsed again when code actions are asked for, not per edit.
      analyzer.analyze({ text, language, document, deferFixCheck: true });
      const p: number[] = [];
      const a: number[] = [];
      const c: number[] = [];
      // Small files take milliseconds: more edits, so timer and collector noise evens out.
      const edits = Math.max(REPEATS, Math.min(150, Math.round((REPEATS * 5000) / size)));
      for (let i = 0; i < edits; i++) {
        if (i % 3 === 2) text = text.replace(/gpt-5\.4-mini|gpt-4o-mini/, (m) => (m === 'gpt-4o-mini' ? 'gpt-5.4-mini' : 'gpt-4o-mini'));
        else {
          const at = text.indexOf('return', Math.floor(text.length / 2));
          text = `${text.slice(0, at)}${i % 2 ? 'x' : ''}${text.slice(at).replace(/^x/, '')}`;
        }
        const next = text;
        p.push(time(() => parseOnly[language]!(next)));
        let r: ReturnType<typeof analyzer.analyze> | undefined;
        a.push(time(() => void (r = analyzer.analyze({ text: next, language, document, deferFixCheck: true }))));
        // The check of every fix of the file when code actions are asked for (once per version).
        if (i % 3 === 0) c.push(time(() => analyzer.checkFixes({ text: next, language, document }, r!)));
      }
      const parse = median(p);
      const edit = median(a);
      const check = median(c);
      calls[`${language} ${size}`] = analyzer.analyze({ text, language }).callSites.length;
      rows.push({
        file: language,
        lines: lines(text),
        parseMs: +parse.toFixed(2),
        perEditMs: +edit.toFixed(2),
        perEditRatio: +(edit / parse).toFixed(2),
        fixCheckRatio: +(check / parse).toFixed(2),
        newFileMs: +full.toFixed(2),
        newFileRatio: +(full / parse).toFixed(2),
      });
      analyzer.forget(document);
    }
  }

  const editHitRate = tokenStats().hitRate;
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
      memoHitRate: +editHitRate.toFixed(3),
      mbPerSecond: +(bytes / 1e6 / (tokMs / 1000)).toFixed(2),
      tokensPerSecond: Math.round(tokens / (tokMs / 1000)),
      memoSpeedup: +(tokMs / Math.max(memoMs, 0.001)).toFixed(0),
    },
  };
  console.log(
    `analysis time as a multiple of the parser alone on the same text (median of at least ${REPEATS} edits; target per edit: 2x); fixCheck: parsing every fix of the file again, when code actions are asked for; newFile: with that check`,
  );
  console.table(rows);
  console.log(
    `call sites found: ${Object.entries(calls)
      .map(([k, n]) => `${k} lines ${n}`)
      .join(', ')}`,
  );
  console.log(`analyzer start-up ${result.startupMs} ms; first analysis (builds the o200k tokenizer) ${result.firstAnalysisMs} ms`);
  console.log(
    `tokenizer: ${result.tokenizer.mbPerSecond} MB/s, ${result.tokenizer.tokensPerSecond.toLocaleString('en-US')} tokens/s uncached; memoized repeat ${result.tokenizer.memoSpeedup}x faster; memo hit rate over the edits above ${(result.tokenizer.memoHitRate * 100).toFixed(1)}%`,
  );
  mkdirSync(join(__dirname, 'results'), { recursive: true });
  writeFileSync(join(__dirname, 'results', 'latest.json'), JSON.stringify(result, null, 2) + '\n');
}

void main();
