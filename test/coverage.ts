// Generates docs/coverage.md from the annotated fixtures: which SDK calls, in which language,
// the fixtures exercise. `npm run coverage` writes it; test/coverage.test.ts fails when it is stale.
import { readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { languageOfPath } from '../server/src/core/analyze';
import { CATALOGUE } from '../server/src/core/catalogue';
import { checkFixtureShapes, SHAPES } from './helpers';

const FIXTURES = join(__dirname, 'fixtures');
const LANGUAGE_NAMES: Record<string, string> = {
  python: 'Python',
  ruby: 'Ruby',
  go: 'Go',
  java: 'Java',
  csharp: 'C#',
  php: 'PHP',
  prompty: 'Prompty file',
  dotprompt: 'Dotprompt file',
};

function files(dir: string): string[] {
  return (
    readdirSync(dir, { withFileTypes: true })
      .flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]))
      // package.json / tsconfig.json files configure the fixture workspaces.
      .filter((f) => languageOfPath(f) !== null || f.endsWith('.ipynb'))
      .sort()
  );
}

export async function coverageMarkdown(): Promise<string> {
  const rows = new Map<string, { sites: number; files: Set<string>; findings: number; shapes: Set<string> }>();
  const byShape = new Map<string, { sites: number; sdks: Set<string>; langs: Set<string> }>();
  for (const file of files(FIXTURES)) {
    const { result: r, shapes } = await checkFixtureShapes(file);
    const lang = file.endsWith('.ipynb') ? 'notebook' : (LANGUAGE_NAMES[r.language ?? ''] ?? 'TS/JS');
    for (const c of r.callSites) {
      const sdk = CATALOGUE.find((s) => s.id === c.sdk)?.displayName ?? c.sdk;
      const key = `${sdk}\u0000${lang}\u0000${c.operation}`;
      const row = rows.get(key) ?? { sites: 0, files: new Set<string>(), findings: 0, shapes: new Set<string>() };
      row.sites++;
      row.files.add(relative(FIXTURES, file));
      row.findings += r.findings.filter((f) => f.span.start >= c.span.start && f.span.end <= c.span.end).length;
      for (const s of shapes.get(c) ?? []) {
        row.shapes.add(s);
        const sh = byShape.get(s) ?? { sites: 0, sdks: new Set<string>(), langs: new Set<string>() };
        sh.sites++;
        sh.sdks.add(sdk);
        sh.langs.add(lang);
        byShape.set(s, sh);
      }
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
    '## By SDK, language and operation',
    '',
    '| SDK | language | operation | shapes | call sites | findings | fixtures |',
    '|---|---|---|---|---:|---:|---|',
    ...keys.map((k) => {
      const [sdk, lang, op] = k.split('\u0000');
      const row = rows.get(k)!;
      return `| ${sdk} | ${lang} | \`${op}\` | ${[...row.shapes].sort().join(', ')} | ${row.sites} | ${row.findings} | ${[...row.files].map((f) => `\`${f}\``).join(', ')} |`;
    }),
    '',
    '## By shape',
    '',
    'How the call is written, as real projects write it. Shapes are tagged in the annotations',
    '(`shape=...`, vocabulary in `test/helpers.ts`); `loop` and `notebook` are derived from the analysis.',
    '',
    '| shape | what it is | call sites | languages | SDKs |',
    '|---|---|---:|---|---|',
    ...Object.keys(SHAPES)
      .filter((s) => byShape.has(s))
      .map((s) => {
        const sh = byShape.get(s)!;
        return `| ${s} | ${SHAPES[s].replace(/\|/g, '\\|')} | ${sh.sites} | ${[...sh.langs].sort().join(', ')} | ${[...sh.sdks].sort().join(', ')} |`;
      }),
    '',
  ];
  return lines.join('\n');
}

if (require.main === module) {
  void coverageMarkdown().then((md) => {
    writeFileSync(join(__dirname, '..', 'docs', 'coverage.md'), md);
    console.log('docs/coverage.md written');
  });
}
