// Generates docs/recognition.md from the SDK catalogue (server/src/core/catalogue): for each SDK,
// the packages it is recognized by in each language, how its clients are made, and the calls that
// send requests with the parameters that cap their output. `npm run coverage` writes it;
// test/coverage.test.ts fails when it is stale. README.md's table says the same in prose, with
// each SDK's behaviour; this one is the catalogue as it is.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATALOGUE } from '../server/src/core/catalogue';
import type { SdkSpec } from '../server/src/core/catalogue/types';

const code = (s: string) => `\`${s.replace(/\|/g, '\\|')}\``;
const list = (xs: string[]) => [...new Set(xs)].map(code).join(', ');

function languages(s: SdkSpec): { name: string; packages: string[]; clients: string[] }[] {
  const out: { name: string; packages: string[]; clients: string[] }[] = [];
  if (s.python.length)
    out.push({
      name: 'Python',
      packages: s.python.map((p) => p.module),
      clients: s.python.flatMap((p) => [...p.classes, ...(p.moduleIsClient ? [`${p.module} (module)`] : [])]),
    });
  if (s.js.length)
    out.push({
      name: 'TS/JS',
      packages: s.js.map((p) => p.module),
      clients: s.js.flatMap((p) => [
        ...p.classes,
        ...(p.defaultExport ? [p.defaultExport] : []),
        ...(p.moduleIsClient || p.defaultIsClient ? [`${p.module} (module)`] : []),
      ]),
    });
  for (const [key, name] of [
    ['ruby', 'Ruby'],
    ['go', 'Go'],
    ['java', 'Java'],
    ['csharp', 'C#'],
    ['php', 'PHP'],
  ] as const) {
    const l = s[key];
    if (l) out.push({ name, packages: l.packages, clients: l.constructors });
  }
  return out;
}

export function recognitionMarkdown(): string {
  const lines = [
    '# What costlint recognizes, by SDK',
    '',
    'Generated from the SDK catalogue (`server/src/core/catalogue/`) by `npm run coverage`; a test fails when it is stale.',
    "README.md's *What it recognizes* says how each SDK's calls are read; [coverage.md](coverage.md) which shapes the fixtures exercise.",
    'Operations not billed (`count_tokens`) are listed apart: they are never call sites.',
    '',
    '| SDK | Prices as | Language: packages | Clients | Calls (output cap) | Not billed |',
    '|---|---|---|---|---|---|',
  ];
  for (const s of [...CATALOGUE].sort((a, b) => a.displayName.localeCompare(b.displayName) || a.id.localeCompare(b.id))) {
    const langs = languages(s);
    const billed = s.operations.filter((o) => o.billed);
    const free = s.operations.filter((o) => !o.billed);
    const calls = [
      ...new Map(
        billed.map((o) => [
          o.path,
          `${code(o.path)}${o.cap?.params.length ? ` (${o.cap.params.map(code).join(' / ')}${o.cap.required ? ', required' : ''})` : ''}`,
        ]),
      ).values(),
    ].join('<br>');
    lines.push(
      `| ${s.displayName} (${code(s.id)}) | ${s.local ? 'local, $0' : code(s.provider)} | ${langs.map((l) => `${l.name}: ${list(l.packages)}`).join('<br>')} | ${
        langs
          .map((l) => (l.clients.length ? `${l.name}: ${list(l.clients)}` : ''))
          .filter(Boolean)
          .join('<br>') || '–'
      } | ${calls || '–'} | ${free.length ? list(free.map((o) => o.path)) : '–'} |`,
    );
  }
  lines.push('', `${CATALOGUE.length} catalogue entries.`);
  return lines.join('\n') + '\n';
}

if (require.main === module) {
  writeFileSync(join(__dirname, '..', 'docs', 'recognition.md'), recognitionMarkdown());
}
