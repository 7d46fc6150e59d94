// npm run bench, part three (issue 22): the CLI on a repository of real source files (realrepo.ts:
// the JavaScript and TypeScript npm installed, Python's library and Debian's Python packages where the
// machine has them, 300 application units calling LLM SDKs), as ratios measured in one run:
// - against `git grep -l` for the SDK names (reading the files: the floor of any tool);
// - against "start-up + read every file + parse the files that must be parsed" (floor.cjs, a fresh
//   process), the files that must be parsed being those the import graph passes;
// - the share of files parsed, and the same report without the import graph (it must not differ).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { languageOfPath, mayCallSdk } from '../server/src/core/analyze';
import { ImportGraph } from '../server/src/host/importgraph';
import { WorkspaceImportHost } from '../server/src/host/importhost';
import { realRepository } from './realrepo';
import { median, timed } from './timing';

const ROOT = join(__dirname, '..');

function main(): void {
  const t = performance.now();
  const repo = realRepository();
  const files = execFileSync('git', ['ls-files'], { cwd: repo.dir, encoding: 'utf8', maxBuffer: 1 << 28 })
    .split('\n')
    .filter(Boolean);
  console.log(
    `\nreal-content repository: ${files.length.toLocaleString('en-US')} files (${repo.real.js} JS/TS from node_modules, ${repo.real.python} Python from ${repo.real.pythonSource}, ${repo.app} application files with calls), ready in ${Math.round(performance.now() - t)} ms`,
  );

  // What must be parsed: what the CLI's prefilter and import graph pass (the same code, in this process).
  const host = new WorkspaceImportHost(repo.dir);
  const graph = new ImportGraph(() => host);
  let prefiltered = 0;
  const mustParse: string[] = [];
  for (const f of files) {
    const abs = join(repo.dir, f);
    const text = readFileSync(abs, 'utf8');
    if (!mayCallSdk(text, true, languageOfPath(f) ?? undefined)) continue;
    prefiltered++;
    if (!ImportGraph.decides(f) || graph.mayReach(abs, text)) mustParse.push(abs);
  }

  const grep = () =>
    timed(
      'git',
      ['grep', '-l', '-E', 'openai|anthropic|google.genai|mistralai|cohere|litellm|ollama|langchain|@ai-sdk|bedrock'],
      repo.dir,
      {},
      { anyExit: true },
    );
  const cli = (env: Record<string, string> = {}) =>
    timed(process.execPath, [join(ROOT, 'server', 'out', 'cli.js'), 'lint', '--format', 'json', '--fail-on', 'none'], repo.dir, {
      COSTLINT_COMPILE_CACHE: '0',
      ...env,
    });
  const lists = mkdtempSync(join(tmpdir(), 'costlint-floor-'));
  try {
    writeFileSync(join(lists, 'all'), files.map((f) => join(repo.dir, f)).join('\n'));
    writeFileSync(join(lists, 'parse'), mustParse.join('\n'));
    const floor = () => timed(process.execPath, [join(__dirname, 'floor.cjs'), join(lists, 'all'), join(lists, 'parse')], ROOT);
    grep();
    // The three are run in turn, ROUNDS times, and each ratio is the median of the rounds' ratios: the
    // machine's speed drifts by a third over minutes here, and a ratio of medians taken minutes apart drifts with it.
    const ROUNDS = 5;
    const rounds = Array.from({ length: ROUNDS }, () => {
      const c = cli();
      return { cli: c, floorMs: floor().ms, grepMs: grep().ms };
    });
    const cliMs = median(rounds.map((r) => r.cli.ms));
    const stdout = rounds[0].cli.stdout;
    if (rounds.some((r) => r.cli.stdout !== stdout)) throw new Error('the report differs between runs');
    const without = cli({ COSTLINT_IMPORT_GRAPH: '0' });
    if (without.stdout !== stdout) throw new Error('the report differs without the import graph');
    const sites = (JSON.parse(stdout) as { callSites: unknown[] }).callSites.length;
    const pct = (n: number) => `${((100 * n) / files.length).toFixed(1)}%`;
    const ratio = (of: (r: (typeof rounds)[number]) => number) => median(rounds.map((r) => r.cli.ms / of(r))).toFixed(1);
    console.log(
      `files parsed: ${mustParse.length.toLocaleString('en-US')} (${pct(mustParse.length)}); the text prefilter alone passes ${prefiltered.toLocaleString('en-US')} (${pct(prefiltered)})`,
    );
    console.log(
      `CLI cold: ${Math.round(cliMs)} ms (median of ${ROUNDS}), ${sites} call sites; without the import graph ${Math.round(without.ms)} ms, the same report`,
    );
    console.log(`git grep -l: ${Math.round(median(rounds.map((r) => r.grepMs)))} ms; CLI ${ratio((r) => r.grepMs)}x git grep (target: 10x)`);
    console.log(
      `floor (start-up + read every file + parse the ${mustParse.length} that must be): ${Math.round(median(rounds.map((r) => r.floorMs)))} ms; CLI ${ratio((r) => r.floorMs)}x the floor (target: 2x)`,
    );
  } finally {
    rmSync(lists, { recursive: true, force: true });
  }
}

main();
