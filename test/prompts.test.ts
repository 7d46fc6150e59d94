// Prompt resolution: the text a request sends, followed through the string operations prompts
// are built with, with dynamic parts named. Each case states the exact text expected.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Language } from '../server/src/core/types';
import { analyzeText } from './helpers';

interface Case {
  name: string;
  language: Language;
  code: string;
  /** The prompt's static text, parts joined with `|`. */
  text: string;
  unknown?: string[];
}

const py = (pre: string, prompt: string) =>
  `import textwrap\nfrom inspect import cleandoc\nfrom openai import OpenAI\nclient = OpenAI()\n${pre}\nclient.responses.create(model="gpt-5.5", input=${prompt}, max_output_tokens=10)\n`;
const ts = (pre: string, prompt: string) =>
  `import OpenAI from 'openai';\nimport dedent from 'dedent';\nconst client = new OpenAI();\n${pre}\nclient.responses.create({ model: 'gpt-5.5', input: ${prompt}, max_output_tokens: 10 });\n`;

const CASES: Case[] = [
  { name: 'python str.format with keywords', language: 'python', code: py('TEMPLATE = "Summarize {doc} in {n} words."', 'TEMPLATE.format(doc=text, n=50)'), text: 'Summarize  in 50 words.', unknown: ['text'] },
  { name: 'python str.format positional and auto-numbered, escaped braces kept literal', language: 'python', code: py('', '"{} says {{hi}} to {1}".format("Ada", who)'), text: 'Ada says {hi} to ', unknown: ['who'] },
  { name: 'python str.format with a field nobody passes: a hole named after it', language: 'python', code: py('T = "Answer: {question}"', 'T.format(**kwargs)'), text: 'Answer: ', unknown: ['question'] },
  { name: 'python % formatting, tuple and dict', language: 'python', code: py('', '"%s has %d items (%%)" % ("cart", 3)'), text: 'cart has 3 items (%)' },
  { name: 'python % with named fields', language: 'python', code: py('', '"Dear %(name)s, %(msg)s" % {"name": "Ada", "msg": body}'), text: 'Dear Ada, ', unknown: ['body'] },
  { name: 'python "".join of a literal list with a dynamic item', language: 'python', code: py('RULES = ["Be brief.", "Cite sources."]', '"\\n".join(RULES + [extra])'), text: 'Be brief.\nCite sources.\n', unknown: ['extra'] },
  { name: 'python textwrap.dedent and strip', language: 'python', code: py('P = textwrap.dedent("""\n    You are a reviewer.\n      Be kind.\n    """).strip()', 'P'), text: 'You are a reviewer.\n  Be kind.' },
  { name: 'python inspect.cleandoc', language: 'python', code: py('P = cleandoc("""First line.\n        Second line.\n    """)', 'P'), text: 'First line.\nSecond line.' },
  { name: 'ts trim and join', language: 'typescript', code: ts("const rules = ['Be brief.', 'Cite sources.'];", "`Rules:\\n${rules.join('\\n')}`.trim()"), text: 'Rules:\nBe brief.\nCite sources.' },
  { name: 'ts dedent tag keeps interpolations as holes', language: 'typescript', code: ts('', 'dedent`\n    You are a support agent.\n    Customer: ${message}\n  `'), text: 'You are a support agent.\nCustomer: ', unknown: ['message'] },
  { name: 'ts dedent from another package is not applied', language: 'typescript', code: ts('const dd = (s: TemplateStringsArray) => s.join("");', "dd`  a`"), text: '', unknown: ['dd`  a`'] },
];

describe('prompt resolution', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const r = await analyzeText(c.code, c.language);
      assert.deepEqual(r.errors, []);
      assert.equal(r.callSites.length, 1);
      const p = r.callSites[0].prompt;
      assert.equal(p.parts.map((x) => x.text).join('|'), c.text);
      assert.deepEqual(p.unknown.map((u) => u.name), c.unknown ?? []);
    });
  }
});
