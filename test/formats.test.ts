// The CLI's output formats over one realistic project (test/golden/project), compared with golden
// files (UPDATE_GOLDEN=1 rewrites them), and checked against what their readers require: SARIF
// against the official 2.1.0 schema, GitHub workflow commands escaped, Markdown tables whole.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { RULES } from '../server/src/core/rules';

const ROOT = join(__dirname, '..');
const CLI = join(ROOT, 'server', 'out', 'cli.js');
const GOLDEN = join(__dirname, 'golden');
const PROJECT = join(GOLDEN, 'project');
const AS_OF = '2026-11-22';
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

function lint(cwd: string, ...args: string[]) {
  const p = spawnSync(process.execPath, [CLI, 'lint', '--as-of', AS_OF, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '' },
  });
  return { code: p.status, stdout: p.stdout, stderr: p.stderr };
}

/** The parts that differ between machines and releases: the project's absolute path, the version. */
const normalize = (s: string, root: string) =>
  s
    .split(root)
    .join('<project>')
    .split(`"version": "${VERSION}"`)
    .join('"version": "<version>"')
    .split(`costlint ${VERSION}`)
    .join('costlint <version>')
    .split(`"semanticVersion": "${VERSION}"`)
    .join('"semanticVersion": "<version>"');

function golden(name: string, actual: string): void {
  const path = join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN) writeFileSync(path, actual);
  assert.equal(actual, readFileSync(path, 'utf8'), `${name} differs (UPDATE_GOLDEN=1 npm run test:unit rewrites it; review the diff)`);
}

describe('CLI formats', () => {
  for (const [format, ext] of [
    ['text', 'txt'],
    ['json', 'json'],
    ['sarif', 'sarif'],
    ['github', 'github.txt'],
    ['markdown', 'md'],
  ] as const) {
    it(`${format}: matches test/golden/lint.${ext}, exit 1 for the warnings`, () => {
      const r = lint(PROJECT, '--format', format);
      assert.equal(r.code, 1, r.stderr);
      assert.equal(r.stderr, '');
      let out = normalize(r.stdout, PROJECT);
      if (format === 'sarif') {
        // The rule pages are embedded whole: the golden file keeps their first line only.
        const log = JSON.parse(out);
        for (const rule of log.runs[0].tool.driver.rules) rule.help = { text: rule.help.text.split('\n')[0], markdown: rule.help.markdown.split('\n')[0] };
        for (const rule of log.runs[0].tool.driver.rules) rule.helpUri = rule.helpUri.replace(/^file:\/\/.*\/docs\/rules\//, '<docs>/');
        out = JSON.stringify(log, null, 2) + '\n';
      }
      golden(`lint.${ext}`, out);
    });
  }

  it('sarif: valid against the official SARIF 2.1.0 schema, every rule with its docs, fixes as replacements', () => {
    const log = JSON.parse(lint(PROJECT, '--format', 'sarif').stdout);
    // The schema's language-tag pattern is not valid in Unicode mode (a stray bracket): compile patterns without it.
    const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(join(__dirname, 'data', 'sarif-schema-2.1.0.json'), 'utf8')));
    const check = (d: unknown): boolean => validate(d);
    assert.ok(check(log), JSON.stringify(validate.errors?.slice(0, 5), null, 2));
    const run = log.runs[0];
    assert.deepEqual(
      run.tool.driver.rules.map((r: { id: string }) => r.id),
      RULES.map((r) => r.meta.id),
    );
    for (const r of run.tool.driver.rules) {
      assert.match(r.help.markdown, new RegExp(`^# ${r.id}\\n[\\s\\S]*## Why it matters`), `${r.id}: its docs page is the help`);
      assert.match(r.helpUri, new RegExp(`docs/rules/${r.id}\\.md$`));
    }
    for (const res of run.results) assert.equal(run.tool.driver.rules[res.ruleIndex].id, res.ruleId);
    const uncapped = run.results.find((r: { ruleId: string }) => r.ruleId === 'uncapped-output');
    assert.deepEqual(uncapped.locations[0].physicalLocation.region, { startLine: 13, startColumn: 42, endLine: 13, endColumn: 48 });
    assert.equal(uncapped.fixes[0].artifactChanges[0].replacements[0].insertedContent.text, '\n            max_tokens=1024,');
  });

  it('sarif: a finding keeps its fingerprint when lines are added above it', () => {
    const moved = mkdtempSync(join(tmpdir(), 'costlint-sarif-'));
    cpSync(PROJECT, moved, { recursive: true });
    const file = join(moved, 'app', 'support.py');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace('from openai import OpenAI\n', 'import logging\nfrom openai import OpenAI\n\nlog = logging.getLogger(__name__)\n'),
    );
    const prints = (dir: string) =>
      JSON.parse(lint(dir, '--format', 'sarif').stdout).runs[0].results.map(
        (r: { ruleId: string; locations: { physicalLocation: { region: { startLine: number } } }[]; partialFingerprints: Record<string, string> }) => [
          r.ruleId,
          r.locations[0].physicalLocation.region.startLine,
          r.partialFingerprints['costlint/v1'],
        ],
      );
    const before = prints(PROJECT);
    const after = prints(moved);
    assert.deepEqual(
      after.map((x: unknown[]) => [x[0], x[2]]),
      before.map((x: unknown[]) => [x[0], x[2]]),
      'same fingerprints',
    );
    assert.notDeepEqual(
      after.map((x: unknown[]) => x[1]),
      before.map((x: unknown[]) => x[1]),
      'the lines did move',
    );
  });

  it('github: messages and properties are escaped as the workflow-command syntax requires', () => {
    const dir = mkdtempSync(join(tmpdir(), 'costlint-gh-'));
    writeFileSync(join(dir, 'costlint.json'), '{ "rules": { "uncapped-outpt": "off" } }');
    cpSync(join(PROJECT, 'web'), join(dir, 'a,b:c'), { recursive: true });
    const out = lint(dir, '--format', 'github').stdout.trim().split('\n');
    assert.match(out[0], /^::error file=costlint\.json,line=1,col=\d+,title=costlint config::unknown rule `uncapped-outpt`/);
    assert.match(
      out[1],
      /^::notice file=a%2Cb%3Ac\/digest\.ts,line=9,col=42,endLine=9,endColumn=48,title=costlint call-in-loop::This call runs 3 times .* \(50%25 off\)/,
    );
  });

  it('markdown: every table row has as many cells as its header, with pipes escaped', () => {
    const md = lint(PROJECT, '--format', 'markdown').stdout;
    const cells = (line: string) => line.replace(/\\\|/g, '').split('|').length;
    for (const table of md.split('\n\n').filter((b) => b.startsWith('| '))) {
      const [header, ...rows] = table.split('\n').filter(Boolean);
      for (const row of rows) assert.equal(cells(row), cells(header), row);
    }
    assert.match(md, /\*\*\$264\.18\/month\*\* for the 2 with usage \(1 without\)/);
  });
});
