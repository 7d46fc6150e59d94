// test:fast (npm run test:fast: in-process, no CLI or server process)
// uncached-prefix across files as a join: each file is analyzed once; what other files send is
// joined with its candidates (core/prefixes.ts), and joining again with other figures is right
// (a file closed, its prefix changed). Suppressions and unused-suppression follow the join.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzer, TODAY } from './helpers';
import { analyzeCells } from '../server/src/core/notebook';
import { PrefixIndex } from '../server/src/core/prefixes';
import { lintFiles } from '../server/src/cli/lint';
import type { AnalysisResult, AnalysisSettings, Finding } from '../server/src/core/types';

const POLICY = 'Refunds are accepted within 30 days with a receipt; store credit after that. '.repeat(120);

/** A support module whose one call sends POLICY as its system prompt (Anthropic), `above`: lines before the call. */
function caller(fn: string, above = '', policy = POLICY): string {
  return `from anthropic import Anthropic\n\nclaude = Anthropic()\nPOLICY = ${JSON.stringify(policy)}\n\n\ndef ${fn}(q):\n${above}    return claude.messages.create(model="claude-sonnet-4-5", max_tokens=300, system=POLICY, messages=[{"role": "user", "content": q}])\n`;
}

const SETTINGS: Partial<AnalysisSettings> = { today: TODAY, ruleSeverity: {} };

async function analyze(text: string, settings: Partial<AnalysisSettings> = SETTINGS): Promise<AnalysisResult> {
  return (await analyzer()).analyze({ text, language: 'python' }, settings);
}

const rules = (r: AnalysisResult, id: string): Finding[] => r.findings.filter((f) => f.rule === id);

describe('uncached-prefix across files, joined', () => {
  it('a call alone reports nothing; joined with a second file sending its prefix it is reported naming that file; the other file gone, it is not', async () => {
    const a = await analyze(caller('refund'));
    const b = await analyze(caller('exchange'));
    assert.deepEqual(rules(a, 'uncached-prefix'), [], 'alone, the prefix is sent once');
    const index = new PrefixIndex();
    index.set('support/refunds.py', a);
    assert.deepEqual(index.set('support/exchanges.py', b), ['support/refunds.py'], 'the first file is affected by the second');
    assert.equal(index.join('support/refunds.py', a), true, 'the join changes the first file');
    const [f] = rules(a, 'uncached-prefix');
    assert.match(f.message, /static prefix is also sent by 1 call in support\/exchanges\.py, with no cache_control/);
    assert.ok(f.fix?.edits.length, 'the cache_control fix comes with it');
    // Its place: among the call findings in rule order (after uncapped-output's, none here; before the file-level ones).
    assert.equal(
      a.findings.indexOf(f),
      a.findings.findIndex((x) => x.rule === 'uncached-prefix'),
    );
    index.set('support/exchanges.py', null);
    assert.equal(index.join('support/refunds.py', a), true);
    assert.deepEqual(rules(a, 'uncached-prefix'), [], 'joined again once the other file is gone: nothing');
    assert.equal(index.join('support/refunds.py', a), false, 'joining twice with the same figures changes nothing');
  });

  it('a suppression waiting for another file: unused alone, used once joined, unused again when the other file stops sending the prefix', async () => {
    const a = await analyze(caller('refund', '    # costlint-ignore uncached-prefix -- measured: cache misses anyway\n'));
    const b = await analyze(caller('exchange'));
    assert.match(rules(a, 'unused-suppression')[0]?.message ?? '', /suppresses nothing here \(`uncached-prefix`\)/);
    const index = new PrefixIndex();
    index.set('a.py', a);
    index.set('b.py', b);
    index.join('a.py', a);
    assert.deepEqual(
      a.findings.map((f) => f.rule).filter((r) => r === 'uncached-prefix' || r === 'unused-suppression'),
      [],
      'the finding is silenced and the comment is used',
    );
    index.set('b.py', await analyze(caller('exchange', '', POLICY.replace('30 days', '60 days'))));
    index.join('a.py', a);
    assert.equal(rules(a, 'unused-suppression').length, 1, 'the prefixes differ now: the comment silences nothing again');
  });

  it('a comment naming two rules, one waiting for the join and one stale: once joined only the stale one is reported', async () => {
    const a = await analyze(caller('refund', '    # costlint-ignore uncached-prefix, uncapped-output\n'));
    assert.match(rules(a, 'unused-suppression')[0].message, /\(`uncached-prefix`, `uncapped-output`\)/);
    const index = new PrefixIndex();
    index.set('a.py', a);
    index.set('b.py', await analyze(caller('exchange')));
    index.join('a.py', a);
    const [u] = rules(a, 'unused-suppression');
    assert.match(u.message, /suppresses nothing here \(`uncapped-output`\)/);
    assert.equal(u.fix?.title, 'Remove uncapped-output from the suppression');
  });

  it('two calls of one file hold without the join; joined, the message adds the other files', async () => {
    const two =
      caller('a') +
      '\n\ndef b(q):\n    return claude.messages.create(model="claude-sonnet-4-5", max_tokens=300, system=POLICY, messages=[{"role": "user", "content": q}])\n';
    const a = await analyze(two);
    assert.deepEqual(
      rules(a, 'uncached-prefix').map((f) => /is also sent by ([^,]+),/.exec(f.message)?.[1]),
      ['1 other call in this file', '1 other call in this file'],
    );
    const index = new PrefixIndex();
    index.set('two.py', a);
    index.set('x.py', await analyze(caller('x')));
    index.set('y.py', await analyze(caller('y')));
    index.join('two.py', a);
    assert.deepEqual(
      rules(a, 'uncached-prefix').map((f) => /is also sent by (.+?), with/.exec(f.message)?.[1]),
      ['1 other call in this file and 2 calls in 2 other files (x.py, y.py)', '1 other call in this file and 2 calls in 2 other files (x.py, y.py)'],
    );
  });

  it('an analysis whose fixes are checked later (the editor) offers the fix of a finding the join shows', async () => {
    const a = (await analyzer()).analyze({ text: caller('refund'), language: 'python', deferFixCheck: true }, SETTINGS);
    assert.equal(rules(a, 'uncached-prefix').length, 0);
    assert.equal(a.fixesUnchecked, true, 'the candidate has a fix to check though no finding shows it yet');
    (await analyzer()).checkFixes({ text: caller('refund'), language: 'python' }, a);
    const index = new PrefixIndex();
    index.set('a.py', a);
    index.set('b.py', await analyze(caller('b')));
    index.join('a.py', a);
    assert.equal(rules(a, 'uncached-prefix')[0].fix?.title, 'Cache the system prompt (cache_control)');
  });

  it('a notebook: the joined finding is where its cell shows it', async () => {
    const code = caller('nb');
    const nb = analyzeCells(
      await analyzer(),
      [
        { type: 'markdown', source: '# Support' },
        { type: 'code', source: 'import os\n' },
        { type: 'code', source: code },
      ],
      SETTINGS,
    );
    const index = new PrefixIndex();
    index.set('nb.ipynb', nb);
    index.set('b.py', await analyze(caller('b')));
    index.join('nb.ipynb', nb);
    const [f] = rules(nb, 'uncached-prefix');
    assert.equal(f.cell, 2);
    assert.equal(code.slice(f.span.start, f.span.end), 'create', 'its span is relative to its cell');
    assert.equal(f.range.start.line, 7);
  });
});

describe('the CLI: one analysis per file', () => {
  it('files sharing a prefix are each analyzed once, and each reports the other', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'costlint-prefixes-'));
    mkdirSync(join(dir, 'support'));
    writeFileSync(join(dir, 'support/refunds.py'), caller('refund'));
    writeFileSync(join(dir, 'support/exchanges.py'), caller('exchange'));
    writeFileSync(join(dir, 'support/other.py'), caller('other', '', POLICY.replace('30 days', '60 days')));
    const a = await analyzer();
    let analyses = 0;
    const counting = Object.create(a, { analyze: { value: (...args: Parameters<typeof a.analyze>) => (analyses++, a.analyze(...args)) } });
    const files = ['support/refunds.py', 'support/exchanges.py', 'support/other.py'].map((f) => join(dir, f));
    const run = await lintFiles({ cwd: dir, files, analyzer: counting, today: TODAY });
    assert.equal(analyses, 3);
    const found = run.reports.map((r) => [r.file, rules(r.result!, 'uncached-prefix').map((f) => /also sent by 1 call in (\S+),/.exec(f.message)?.[1])]);
    assert.deepEqual(found, [
      ['support/refunds.py', ['support/exchanges.py']],
      ['support/exchanges.py', ['support/refunds.py']],
      ['support/other.py', []],
    ]);
  });
});
