// Generates docs/coverage.md from the annotated fixtures: which SDK calls, in which language,
// the fixtures exercise. `npm run coverage` writes it; test/coverage.test.ts fails when it is stale.
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { CATALOGUE } from '../server/src/core/catalogue';
import { analyzeFile } from './helpers';

const FIXTURES = join(__dirname, 'fixtures');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]))
    .sort();
}

export async function coverageMarkdown(): Promise<string> {
  const rows = new Map<string, { sites: number; files: Set<string>; findings: number }>();
  for (const file of files(FIXTURES)) {
    const r = await analyzeFile(file);
    const lang = file.endsWith('.ipynb') ? 'notebook' : r.language === 'python' ? 'Python' : 'TS/JS';
    for (const c of r.callSites) {
      const sdk = CATALOGUE.find((s) => s.id === c.sdk)?.displayName ?? c.sdk;
      const key = `${sdk}\u0000${lang}\u0000${c.operation}`;
      const row = rows.get(key) ?? { sites: 0, files: new Set<string>(), findings: 0 };
      row.sites++;
      row.files.add(relative(FIXTURES, file));
      row.findings += r.findings.filter((f) => f.span.start >= c.span.start && f.span.end <= c.span.end).length;
      rows.set(key, row);
    }
  }
  const order = (k: string) => {
    const [sdk] = k.split('\u0000');
    return CATALOGUE.findIndex((s) => s.displayName === sdk);
  };
  const keys = [...rows.keys()].sort((a, b) => order(a) - order(b) || a.localeCompare(b));
  const lines = [
    '# Fixture coverage',
    '',
    'Generated from `test/fixtures/` by `npm run coverage`; `test/coverage.test.ts` fails when this file is stale.',
    'Each call site is checked against its inline `expect:` annotation, and every line without one is',
    'checked to have no call site (see ARCHITECTURE.md, Tests).',
    '',
    '| SDK | language | operation | call sites | findings | fixtures |',
    '|---|---|---|---:|---:|---|',
    ...keys.map((k) => {
      const [sdk, lang, op] = k.split('\u0000');
      const row = rows.get(k)!;
      return `| ${sdk} | ${lang} | \`${op}\` | ${row.sites} | ${row.findings} | ${[...row.files].map((f) => `\`${f}\``).join(', ')} |`;
    }),
    '',
  ];
  return lines.join('\n');
}

if (require.main === module) {
  void coverageMarkdown().then((md) => {
    require('node:fs').writeFileSync(join(__dirname, '..', 'docs', 'coverage.md'), md);
    console.log('docs/coverage.md written');
  });
}
