// test:fast (npm run test:fast: in-process, no CLI or server process)
// Suppression comments: where they apply (their line, the next line, the file), how they are
// written in each language, and the unused ones reported with a fix that removes them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeCells } from '../server/src/core/notebook';
import { ignoreHereEdit } from '../server/src/core/suppressions';
import { analyzeText, analyzer, applyEdits, TODAY } from './helpers';

const TS = (body: string) => `import OpenAI from 'openai';\nconst client = new OpenAI();\n${body}`;
const rules = (r: Awaited<ReturnType<typeof analyzeText>>) => r.findings.map((f) => [f.rule, f.range.start.line]);

describe('suppressions', () => {
  it('ts: a trailing // comment covers its own line, a comment alone on its line covers the next one only', async () => {
    const r = await analyzeText(
      TS(
        `client.responses.create({ model: 'gpt-5.5', input: 'a' }); // costlint-ignore uncapped-output -- demo\n// costlint-ignore uncapped-output\nclient.responses.create({ model: 'gpt-5.5', input: 'b' });\nclient.responses.create({ model: 'gpt-5.5', input: 'c' });\n`,
      ),
      'typescript',
    );
    assert.deepEqual(rules(r), [['uncapped-output', 5]], 'only the third call is reported');
  });

  it('a trailing comment does not reach the next line; /* */ and JSX {/* */} comments work too', async () => {
    const r = await analyzeText(
      TS(
        `client.responses.create({ model: 'gpt-5.5', input: 'a' }); /* costlint-ignore uncapped-output */\nclient.responses.create({ model: 'gpt-5.5', input: 'b' }); // costlint-ignore uncapped-output\nconst x = 1; // costlint-ignore uncapped-output\nclient.responses.create({ model: 'gpt-5.5', input: 'c' });\n`,
      ),
      'typescript',
    );
    assert.deepEqual(rules(r), [
      ['uncapped-output', 5],
      ['unused-suppression', 4],
    ]);
  });

  it('costlint-ignore-file covers every finding of the named rules in the file, and only those', async () => {
    const code = `# costlint-ignore-file uncapped-output -- generated client\nfrom anthropic import Anthropic\nc = Anthropic()\nc.messages.create(model="claude-haiku-4-5", max_tokens=128000, messages=[])\nc.messages.create(model="claude-haiku-4-5", messages=[])\n`;
    const r = await analyzeText(code, 'python');
    assert.deepEqual(rules(r), [['cap-exceeds-model-limit', 3]]);
  });

  it('several rules in one comment; the fix removes only the ids that suppress nothing', async () => {
    const code = `from openai import OpenAI\nclient = OpenAI()\n# costlint-ignore uncapped-output, cap-exceeds-model-limit -- reviewed\nclient.responses.create(model="gpt-5.5", input="hi")\n`;
    const r = await analyzeText(code, 'python');
    assert.deepEqual(rules(r), [['unused-suppression', 2]]);
    const f = r.findings[0];
    assert.match(f.message, /suppresses nothing here \(`cap-exceeds-model-limit`\)/);
    const fixed = applyEdits(code, f.fix!.edits);
    assert.match(fixed, /# costlint-ignore uncapped-output -- reviewed\n/);
    assert.deepEqual((await analyzeText(fixed, 'python')).findings, []);
  });

  it('an unused comment alone on its line is removed with its line', async () => {
    const code = `from openai import OpenAI\nclient = OpenAI()\n    # costlint-ignore uncapped-output\nclient.responses.create(model="gpt-5.5", input="hi", max_output_tokens=10)\n`;
    const r = await analyzeText(code, 'python');
    assert.equal(
      applyEdits(code, r.findings[0].fix!.edits),
      `from openai import OpenAI\nclient = OpenAI()\nclient.responses.create(model="gpt-5.5", input="hi", max_output_tokens=10)\n`,
    );
  });

  it('a rule turned off in costlint.json still counts its suppressions as unused, and unused-suppression itself can be turned off', async () => {
    const code = `from openai import OpenAI\nclient = OpenAI()\nclient.responses.create(model="gpt-5.5", input="hi")  # costlint-ignore uncapped-output\n`;
    assert.deepEqual(rules(await analyzeText(code, 'python', { ruleSeverity: { 'uncapped-output': 'off' } })), [['unused-suppression', 2]]);
    assert.deepEqual(rules(await analyzeText(code, 'python', { ruleSeverity: { 'uncapped-output': 'off', 'unused-suppression': 'off' } })), []);
  });

  it('a file with no LLM call at all (the call was moved away) still reports its leftover suppressions', async () => {
    const code = `import json\n\n# costlint-ignore uncapped-output -- the call moved to llm.py\ndef load(p):\n    return json.load(open(p))\n`;
    const r = await analyzeText(code, 'python');
    assert.deepEqual(rules(r), [['unused-suppression', 2]]);
    assert.equal(applyEdits(code, r.findings[0].fix!.edits), `import json\n\ndef load(p):\n    return json.load(open(p))\n`);
    assert.deepEqual((await analyzeText('export const x = 1; // no suppression here\n', 'typescript')).findings, []);
  });

  it('notebooks: a comment in a cell covers the call in that cell', async () => {
    const r = analyzeCells(
      await analyzer(),
      [
        { type: 'code', source: 'from openai import OpenAI\nclient = OpenAI()' },
        { type: 'code', source: '# costlint-ignore uncapped-output -- exploration\nclient.responses.create(model="gpt-5.5", input="hi")' },
        { type: 'code', source: 'client.responses.create(model="gpt-5.5", input="again")' },
      ],
      { today: TODAY },
    );
    assert.deepEqual(
      r.findings.map((f) => [f.rule, f.cell, f.range.start.line]),
      [['uncapped-output', 2, 0]],
    );
  });

  it('text that only mentions the marker (a string, prose) is not a suppression', async () => {
    const code = `from openai import OpenAI\nclient = OpenAI()\nNOTE = "costlint-ignore uncapped-output"\nclient.responses.create(model="gpt-5.5", input=NOTE)\n`;
    assert.deepEqual(rules(await analyzeText(code, 'python')), [['uncapped-output', 3]]);
  });

  it('"Ignore here" writes its line with the line ending of the file (a CRLF file stays CRLF)', () => {
    const crlf = 'from openai import OpenAI\r\nclient = OpenAI()\r\n    client.responses.create(model="gpt-5.5", input="x")\r\n';
    assert.deepEqual(ignoreHereEdit(crlf, 'python', 2, 'uncapped-output'), {
      offset: crlf.indexOf('    client.responses'),
      newText: '    # costlint-ignore uncapped-output\r\n',
    });
    assert.equal(ignoreHereEdit(crlf.replace(/\r\n/g, '\n'), 'python', 2, 'uncapped-output').newText, '    # costlint-ignore uncapped-output\n');
  });
});
