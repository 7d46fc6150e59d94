// Fix cases: for every rule with a fix, in every language where it fires, an input file and the
// exact output its fix must produce, in the style of typescript-eslint's RuleTester `output` and
// Ruff's fix snapshots. `test/fix-cases/<rule>/<case>.<ext>` is the input; `<case>.fixed.<ext>` the
// expected output. An input without a `.fixed` file is a case where no correct edit exists: the
// finding must be reported with no fix. Each input's first line is a comment saying what it shows.
// `npm run coverage` writes the languages x rules table (docs/fixes.md) from these files.
import { readdirSync, readFileSync, existsSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { languageOfPath } from '../server/src/core/analyze';
import { RULES } from '../server/src/core/rules';
import type { AnalysisResult, Language } from '../server/src/core/types';
import { analyzeText } from './helpers';

export const CASES_DIR = join(__dirname, 'fix-cases');

export interface FixCase {
  rule: string;
  name: string;
  language: Language;
  input: string;
  /** The input's path, relative to the repository. */
  path: string;
  /** The expected output; null when no fix must be offered. */
  expected: string | null;
  /** What the case shows (the input's first comment line). */
  about: string;
}

/** Every case, by rule then file name. */
export function fixCases(): FixCase[] {
  const out: FixCase[] = [];
  for (const rule of readdirSync(CASES_DIR).sort()) {
    const dir = join(CASES_DIR, rule);
    for (const file of readdirSync(dir).sort()) {
      if (/\.fixed\.[^.]+$/.test(file)) continue;
      const language = languageOfPath(file);
      if (!language) continue;
      const dot = file.lastIndexOf('.');
      const fixed = join(dir, `${file.slice(0, dot)}.fixed${file.slice(dot)}`);
      const input = readFileSync(join(dir, file), 'utf8');
      out.push({
        rule,
        name: basename(file),
        language,
        input,
        path: relative(join(__dirname, '..'), join(dir, file)),
        expected: existsSync(fixed) ? readFileSync(fixed, 'utf8') : null,
        about: firstComment(input),
      });
    }
  }
  return out;
}

function firstComment(text: string): string {
  const line = text.split(/\r?\n/).find((l) => /^\s*(#|\/\/|<\?php)/.test(l) && !/^\s*<\?php\s*$/.test(l) && !/^---/.test(l)) ?? '';
  return line.replace(/^\s*(<\?php\s*)?(#|\/\/)\s*/, '').trim();
}

/** The case analyzed with every rule on (the model rules included), as of the fixtures' date. */
export function analyzeCase(text: string, language: Language): Promise<AnalysisResult> {
  return analyzeText(text, language, { ruleSeverity: {} });
}

const LANGUAGE_ORDER: [string, Language[]][] = [
  ['Python', ['python']],
  ['TS/JS', ['typescript', 'typescriptreact', 'javascript', 'javascriptreact']],
  ['Ruby', ['ruby']],
  ['Go', ['go']],
  ['Java', ['java']],
  ['C#', ['csharp']],
  ['PHP', ['php']],
  ['Prompty', ['prompty']],
  ['Dotprompt', ['dotprompt']],
];

/** Why a rule with a fix has no case in a language: it does not fire there. Said under the table. */
const NOT_FIRING: Record<string, string> = {
  'unsupported-cap-param C#':
    "OpenAI .NET has one cap property, `MaxOutputTokenCount` (sent as `max_completion_tokens`), and Anthropic's C# SDK takes `MaxTokens`: no cap written in C# is one a model rejects or an SDK version ignores.",
  'unsupported-cap-param Prompty': "a prompt file's parameters go to the runtime that runs it, which maps them itself; the rule does not judge them.",
  'unsupported-cap-param Dotprompt': 'as for Prompty.',
  'uncached-prefix Prompty':
    'a prompt file is one request; a prefix it repeats is reported where code runs it in a loop, without a fix (the marker would belong in the request the runtime builds).',
  'uncached-prefix Dotprompt': 'as for Prompty.',
};

/** docs/fixes.md: per rule with a fix and language, the cases that show its fix (or that no correct edit exists). */
export function fixTableMarkdown(): string {
  const cases = fixCases();
  const fixable = RULES.filter((r) => r.meta.fixSafety !== null).map((r) => r.meta.id);
  const cell = (rule: string, langs: Language[]) => {
    const here = cases.filter((c) => c.rule === rule && langs.includes(c.language));
    if (!here.length) return '—';
    const fixed = here.filter((c) => c.expected !== null).length;
    const none = here.length - fixed;
    return [fixed ? `fix (${fixed})` : '', none ? `no fix (${none})` : ''].filter(Boolean).join(', ');
  };
  const lines = [
    '# Fixes by language',
    '',
    'Generated from `test/fix-cases/` by `npm run coverage`; `test/fixcases.test.ts` fails when this file is stale.',
    'Each case is an input file and the exact output its fix must produce; the test applies the fix, compares',
    "the output, parses it with the language's own parser (no new syntax errors) and lints it again (the finding",
    'is gone, nothing else changed), with LF and with CRLF line endings. "No fix" cases are where no correct edit',
    'exists: the finding is reported without one. "—": no case (the rule does not fire there, see the notes).',
    '',
    `| rule | safety | ${LANGUAGE_ORDER.map(([n]) => n).join(' | ')} |`,
    `|---|---|${LANGUAGE_ORDER.map(() => '---').join('|')}|`,
    ...fixable.map(
      (id) =>
        `| [${id}](rules/${id}.md) | ${RULES.find((r) => r.meta.id === id)!.meta.fixSafety} | ${LANGUAGE_ORDER.map(([, langs]) => cell(id, langs)).join(' | ')} |`,
    ),
    '',
    ...fixable.flatMap((id) =>
      LANGUAGE_ORDER.filter(([, langs]) => !cases.some((c) => c.rule === id && langs.includes(c.language))).map(([name]) => {
        const why = NOT_FIRING[`${id} ${name}`];
        if (!why) throw new Error(`${id} has no fix case in ${name}: add one in test/fix-cases/${id}/, or say in NOT_FIRING why it does not fire there`);
        return `- ${id}, ${name}: ${why}`;
      }),
    ),
    '',
    '## Cases',
    '',
    '| rule | case | fix |',
    '|---|---|---|',
    ...cases.map(
      (c) =>
        `| ${c.rule} | \`${c.name}\`: ${c.about.replace(/\|/g, '\\|')} | ${c.expected === null ? 'none' : `\`${c.name.replace(/(\.[^.]+)$/, '.fixed$1')}\``} |`,
    ),
    '',
  ];
  return lines.join('\n');
}

if (require.main === module) {
  writeFileSync(join(__dirname, '..', 'docs', 'fixes.md'), fixTableMarkdown());
  console.log('docs/fixes.md written');
}
