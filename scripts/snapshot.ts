// Writes what the analysis finds in some directories as one JSON document: every file's call
// sites, findings, fixes (their edits), assumptions and errors. For refactors that must not change
// behaviour: take a snapshot before, one after, and compare them (`cmp`, `diff`).
//
//   npm run --silent snapshot -- DIR... > before.json
//
// Runs in-process on the sources (no build), one thread, with the bundled rate cards and a fixed
// date, so two runs on the same files give the same bytes.
import { relative, resolve, sep } from 'node:path';
import { collectFiles } from '../server/src/host/files';
import { createNodeAnalyzer } from '../server/src/host/node';
import { lintFiles } from '../server/src/cli/lint';

async function main(): Promise<void> {
  const dirs = process.argv.slice(2);
  if (!dirs.length) {
    process.stderr.write('usage: npm run --silent snapshot -- DIR... > snapshot.json\n');
    process.exit(2);
  }
  const out: unknown[] = [];
  const analyzer = await createNodeAnalyzer();
  for (const dir of dirs) {
    const cwd = resolve(dir);
    const { files } = collectFiles(['.'], cwd);
    const run = await lintFiles({ cwd, files, analyzer, today: '2026-12-01' });
    for (const r of run.reports) {
      const file = `${dir}/${relative(cwd, resolve(cwd, r.file)).split(sep).join('/')}`;
      if (!r.result) {
        out.push({ file, skipped: r.skipped });
        continue;
      }
      const { callSites, findings, errors, dependencies, promptConstants } = r.result;
      out.push({ file, callSites, findings, errors, dependencies: dependencies?.map((d) => relative(cwd, d).split(sep).join('/')), promptConstants });
    }
  }
  process.stdout.write(JSON.stringify(out, null, 1) + '\n');
}

void main();
