// npm run bench, part two: a generated repository of 10,000 files (most with no LLM call, a few
// hundred with) measured three ways, each as a ratio or a bound the targets name:
// - the CLI over it, against `git grep -l` for the SDK names over the same tree (the floor for
//   reading the files), run in this process's machine state;
// - the language server's workspace scan of it: time, and its resident memory (RSS) once done;
// - the server's RSS after a burst of 1,000 edits to one open file.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import {
  ConfigurationRequest,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  InitializedNotification,
  InitializeRequest,
} from 'vscode-languageserver-protocol';
import ts from 'typescript';
import { Language, Parser } from 'web-tree-sitter';
import { generateRepository, pythonFile, typescriptFile } from './generate';
import { SERVER_ENV, SERVER_EXEC_ARGV, WORKSPACE_REQUEST, type WorkspaceSummary } from '../server/src/protocol';

const FILES = Number(process.env.BENCH_WORKSPACE_FILES ?? 10_000);
const WITH_CALLS = Math.ceil(FILES / 33);
const ROOT = join(__dirname, '..');

async function pythonParser(): Promise<Parser> {
  await Parser.init();
  const parser = new Parser();
  parser.setLanguage(await Language.load(require.resolve('tree-sitter-python/tree-sitter-python.wasm')));
  return parser;
}

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'costlint-bench-ws-'));
  try {
    let t = performance.now();
    generateRepository(dir, FILES);
    console.log(`\ngenerated ${FILES.toLocaleString('en-US')} files (${WITH_CALLS} with a call) in ${Math.round(performance.now() - t)} ms`);

    // The floor: git grep for the SDK module names, then the CLI over the same tree.
    const grep = () =>
      spawnSync('git', ['grep', '-l', '-E', 'openai|anthropic|google.genai|mistralai|cohere|litellm|ollama|langchain|@ai-sdk|bedrock'], {
        cwd: dir,
        encoding: 'utf8',
        maxBuffer: 1 << 28,
      });
    grep(); // warm the page cache for both
    // Medians of three runs each: one run is at the mercy of whatever else the machine does.
    const greps = [0, 1, 2].map(() => {
      const start = performance.now();
      const out = grep();
      return { ms: performance.now() - start, out };
    });
    const g = greps[0].out;
    const grepMs = greps.map((r) => r.ms).sort((a, b) => a - b)[1];
    // The CLI keeps a V8 code cache (codecache.ts): measured cold (none, as on a fresh CI machine)
    // and warm (the cache the first run wrote), each as a median of five, the two interleaved.
    const cacheHome = mkdtempSync(join(tmpdir(), 'costlint-bench-cache-'));
    const cliRun = (env: Record<string, string>, args: string[] = []) => {
      const start = performance.now();
      const out = spawnSync(process.execPath, [join(ROOT, 'server', 'out', 'cli.js'), 'lint', '--format', 'json', '--fail-on', 'none', ...args], {
        cwd: dir,
        encoding: 'utf8',
        maxBuffer: 1 << 28,
        env: { ...process.env, XDG_CACHE_HOME: cacheHome, ...env },
      });
      return { ms: performance.now() - start, out };
    };
    const median = (runs: { ms: number }[]) => runs.map((r) => r.ms).sort((a, b) => a - b)[Math.floor(runs.length / 2)];
    cliRun({}); // writes the cache
    const cold: ReturnType<typeof cliRun>[] = [];
    const warm: ReturnType<typeof cliRun>[] = [];
    const oneThread: ReturnType<typeof cliRun>[] = [];
    for (let i = 0; i < 5; i++) {
      cold.push(cliRun({ COSTLINT_COMPILE_CACHE: '0' }));
      warm.push(cliRun({}));
      oneThread.push(cliRun({}, ['--jobs', '1']));
    }
    rmSync(cacheHome, { recursive: true, force: true });
    const cli = cold[0].out;
    const sites = (JSON.parse(cli.stdout) as { callSites: unknown[] }).callSites.length;
    if ([...warm, ...oneThread].some((r) => r.out.stdout !== cli.stdout)) throw new Error('the CLI printed something else with its code cache or one thread');
    const grepFiles = g.stdout.split('\n').filter(Boolean);
    console.log(
      `CLI over the repository (${sites} call sites): ${Math.round(median(cold))} ms cold, ${Math.round(median(warm))} ms with its code cache; git grep -l: ${Math.round(grepMs)} ms (${grepFiles.length} files); ratio ${(median(cold) / grepMs).toFixed(1)}x cold, ${(median(warm) / grepMs).toFixed(1)}x warm (target: 3x); warm on one thread (--jobs 1) ${Math.round(median(oneThread))} ms`,
    );
    // The floor under any analysis: parsing alone the files git grep finds (TypeScript's
    // createSourceFile, tree-sitter's parse), in a fresh process, on one core.
    const floor = spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, 'parsefloor.ts'), ...grepFiles.map((f) => join(dir, f))], {
      encoding: 'utf8',
      maxBuffer: 1 << 28,
      cwd: ROOT,
    });
    const parseMs = Number(floor.stdout.trim());
    if (!Number.isFinite(parseMs)) throw new Error(`parsefloor.ts: ${floor.stderr}`);
    console.log(
      `parsing alone those ${grepFiles.length} files, fresh process, one core: ${Math.round(parseMs)} ms, ${(parseMs / grepMs).toFixed(1)}x git grep; the CLI cold is ${(median(cold) / parseMs).toFixed(1)}x that`,
    );

    // The server: scan, memory, then a burst of edits (its typing debounce off: what is measured is
    // the work). Started with the flags and environment the extension gives it.
    const child = spawn(process.execPath, [...SERVER_EXEC_ARGV, join(ROOT, 'server', 'out', 'server.js'), '--stdio'], {
      stdio: ['pipe', 'pipe', 'ignore'],
      env: { ...process.env, ...SERVER_ENV, COSTLINT_DEBOUNCE_MS: '0' },
    });
    const conn = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    conn.onRequest(ConfigurationRequest.type, (p) => p.items.map(() => ({ enable: true })));
    conn.onNotification('window/logMessage', () => undefined);
    conn.onRequest('workspace/diagnostic/refresh', () => null);
    conn.listen();
    t = performance.now();
    await conn.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: pathToFileURL(dir).href,
      capabilities: { workspace: { configuration: true } },
      workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'bench' }],
    });
    await conn.sendNotification(InitializedNotification.type, {});
    let s: WorkspaceSummary;
    for (;;) {
      s = await conn.sendRequest<WorkspaceSummary>(WORKSPACE_REQUEST);
      if (!s.scanning && s.scannedFiles > 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const scanMs = performance.now() - t;
    console.log(`server scan: ${Math.round(scanMs)} ms, ${s.files.length} files with calls; RSS after the scan ${rssMb(child.pid!)} MB (target: below 200 MB)`);
    const uri = pathToFileURL(join(dir, 'pkg1', 'm1.py')).href;
    let text = readFileSync(join(dir, 'pkg1', 'm1.py'), 'utf8');
    await conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'python', version: 1, text } });
    const before = rssMb(child.pid!);
    for (let v = 2; v <= 1001; v++) {
      text += v % 2 ? `\n# edit ${v}` : '\n';
      await conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: v }, contentChanges: [{ text }] });
      if (v % 100 === 0) await conn.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } }).catch(() => undefined);
    }
    await conn.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } }).catch(() => undefined);
    console.log(`server RSS around a burst of 1,000 edits: ${before} MB before, ${rssMb(child.pid!)} MB after (target: flat)`);

    // Through the protocol: a file open, each edit a didChange followed by a diagnostics pull; the
    // round trip against the parser alone on the same text in this process (tree-sitter for
    // Python, TypeScript's createSourceFile), warmed up first as the server's is.
    const parser = await pythonParser();
    /** A generated file of about `n` lines. */
    const sized = (make: (units: number) => string, n: number) => make(Math.max(1, Math.round(n / (make(40).split('\n').length / 40))));
    const parseTs = (text: string) => void ts.createSourceFile('x.ts', text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    const cases = [
      { name: 'pkg2/small.py', languageId: 'python', text: sized(pythonFile, 500), parse: (text: string) => parser.parse(text)!.delete() },
      { name: 'pkg2/big.py', languageId: 'python', text: sized(pythonFile, 5000), parse: (text: string) => parser.parse(text)!.delete() },
      { name: 'pkg2/small.ts', languageId: 'typescript', text: sized(typescriptFile, 500), parse: parseTs },
      { name: 'pkg2/big.ts', languageId: 'typescript', text: sized(typescriptFile, 5000), parse: parseTs },
    ];
    for (const c of cases) {
      const path = join(dir, c.name);
      let text = c.text;
      writeFileSync(path, text);
      const uri = pathToFileURL(path).href;
      await conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: c.languageId, version: 1, text } });
      await conn.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
      for (let i = 0; i < 5; i++) c.parse(text);
      const roundTrips: number[] = [];
      const parses: number[] = [];
      for (let v = 2; v <= 40; v++) {
        const at = text.indexOf('return', Math.floor(text.length / 2));
        text = `${text.slice(0, at)}${v % 2 ? 'x' : ''}${text.slice(at).replace(/^x/, '')}`;
        t = performance.now();
        c.parse(text);
        parses.push(performance.now() - t);
        t = performance.now();
        await conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: v }, contentChanges: [{ text }] });
        await conn.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
        roundTrips.push(performance.now() - t);
      }
      const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
      console.log(
        `server, per edit of a ${text.split('\n').length.toLocaleString('en-US')}-line ${c.languageId} file: didChange to diagnostics ${med(roundTrips).toFixed(1)} ms; parsing alone ${med(parses).toFixed(1)} ms; ratio ${(med(roundTrips) / med(parses)).toFixed(2)}x (target: 2x)`,
      );
    }
    await conn.sendRequest('shutdown');
    await conn.sendNotification('exit');
    conn.dispose();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
