// npm run bench, part four (issue 22): the CLI against tokentoll (a Python CLI that parses every file with
// CPython's `ast`) on the same Python files: the real-content repository's (realrepo.ts), copied to a
// folder of their own. Ratios and call sites in one run. tokentoll is not an npm package: the part runs
// when it is installed (`tokentoll` on the PATH) or its source is given (TOKENTOLL_SRC=<its src/ folder>,
// run as `python3 -m tokentoll`), and says it was skipped otherwise.
//
// tokentoll downloads a price list on a run without one cached, waiting up to 30 s offline: it is given
// its own bundled prices as a fresh cache in a HOME of its own, so no run waits on the network.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { realRepository } from './realrepo';
import { median, timed } from './timing';

const ROOT = join(__dirname, '..');

/** How to run tokentoll here, or null. */
function tokentoll(): { cmd: string; args: string[]; env: Record<string, string> } | null {
  const src = process.env.TOKENTOLL_SRC;
  // The interpreter itself, not a version manager's shim (pyenv's adds about 0.2 s to each run).
  if (src) {
    const python = execFileSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).trim();
    return { cmd: python, args: ['-m', 'tokentoll'], env: { PYTHONPATH: src } };
  }
  return spawnSync('tokentoll', ['--version'], { encoding: 'utf8' }).status === 0 ? { cmd: 'tokentoll', args: [], env: {} } : null;
}

function main(): void {
  const tt = tokentoll();
  if (!tt) {
    console.log("\ntokentoll: not found (install it, or set TOKENTOLL_SRC to its source's src/ folder): comparison skipped");
    return;
  }
  const repo = realRepository();
  const work = mkdtempSync(join(tmpdir(), 'costlint-tokentoll-'));
  try {
    // The Python files alone, as they are in the repository.
    const tree = join(work, 'py');
    const files = execFileSync('git', ['ls-files', '*.py'], { cwd: repo.dir, encoding: 'utf8', maxBuffer: 1 << 28 })
      .split('\n')
      .filter(Boolean);
    for (const f of files) {
      mkdirSync(dirname(join(tree, f)), { recursive: true });
      copyFileSync(join(repo.dir, f), join(tree, f));
    }
    // Its bundled prices as a cache fetched now.
    const home = join(work, 'home');
    const pkg = execFileSync(tt.cmd === 'tokentoll' ? 'python3' : tt.cmd, ['-c', 'import os, tokentoll; print(os.path.dirname(tokentoll.__file__))'], {
      encoding: 'utf8',
      env: { ...process.env, ...tt.env },
    }).trim();
    mkdirSync(join(home, '.tokentoll'), { recursive: true });
    copyFileSync(join(pkg, 'pricing', 'data', 'model_prices.json'), join(home, '.tokentoll', 'model_prices.json'));
    writeFileSync(join(home, '.tokentoll', 'cache_meta.json'), JSON.stringify({ fetched_at: Date.now() / 1000 }));

    const cli = () =>
      timed(process.execPath, [join(ROOT, 'server', 'out', 'cli.js'), 'lint', '--format', 'json', '--fail-on', 'none', '.'], tree, {
        COSTLINT_COMPILE_CACHE: '0',
      });
    const theirs = () => timed(tt.cmd, [...tt.args, 'scan', '.', '--format', 'json'], tree, { ...tt.env, HOME: home });
    cli();
    theirs();
    const ours: number[] = [];
    const them: number[] = [];
    let ourOut = '';
    let theirOut = '';
    for (let i = 0; i < 3; i++) {
      const a = cli();
      const b = theirs();
      ours.push(a.ms);
      them.push(b.ms);
      ourOut = a.stdout;
      theirOut = b.stdout;
    }
    const ourSites = (JSON.parse(ourOut) as { callSites: { file: string; range: { start: { line: number } } }[] }).callSites;
    const theirCalls = (JSON.parse(theirOut) as { calls: { file_path: string; line_number: number }[] }).calls;
    // A call tokentoll reports that costlint does not (same file, within a line).
    const missed = theirCalls.filter((t) => !ourSites.some((c) => c.file === t.file_path && Math.abs(c.range.start.line - t.line_number) <= 1));
    const cliMs = median(ours);
    const ttMs = median(them);
    console.log(`\ntokentoll on the same ${files.length.toLocaleString('en-US')} Python files (its bundled prices, no network):`);
    console.log(`CLI cold: ${Math.round(cliMs)} ms, ${ourSites.length} call sites; tokentoll: ${Math.round(ttMs)} ms, ${theirCalls.length} calls`);
    console.log(`CLI ${(ttMs / cliMs).toFixed(2)}x faster than tokentoll (target: 5x); calls tokentoll reports that the CLI does not: ${missed.length}`);
    for (const m of missed.slice(0, 10)) console.log(`  missed: ${m.file_path}:${m.line_number}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main();
