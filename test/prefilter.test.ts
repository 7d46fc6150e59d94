// test:fast (npm run test:fast: in-process, no CLI or server process)
// The text prefilter (analyze.ts mayCallSdk): a file that names no SDK module and calls no method
// named like an operation is skipped unparsed. A catalogue entry must not widen it to every file.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mayCallSdk } from '../server/src/core/analyze';
import { OPERATION_METHOD_NAMES } from '../server/src/core/catalogue';

const PLAIN_PY = `"""Module 1: data helpers."""
import json

def helper_1_0(rows):
    return [r for r in rows if r.get("id") != 0]

def dump(rows):
    return json.dumps(sorted(rows, key=lambda r: r["id"]))
`;
const PLAIN_TS = `export function total(xs: number[]): number { return xs.reduce((a, b) => a + b, 0); }\nexport const twice = (f: () => void) => { f(); f(); };\n`;

describe('prefilter', () => {
  it('every operation method name is a name (a call of the client itself has none and adds nothing)', () => {
    for (const n of OPERATION_METHOD_NAMES) assert.match(n, /^[A-Za-z_$][\w$]*$/, `operation method name '${n}'`);
  });

  it('skips plain helper code, with or without an import host', () => {
    for (const withImports of [false, true]) {
      assert.equal(mayCallSdk(PLAIN_PY, withImports, 'python'), false);
      assert.equal(mayCallSdk(PLAIN_TS, withImports, 'typescript'), false);
    }
  });

  it('passes files naming an SDK or a framework, and, with imports, calls of operation-named methods', () => {
    assert.equal(mayCallSdk('from pydantic_ai import Agent\n', false, 'python'), true);
    assert.equal(mayCallSdk('import dspy\nlm = dspy.LM("openai/gpt-4o-mini")\n', false, 'python'), true);
    assert.equal(mayCallSdk('from agents import Agent, Runner\n', false, 'python'), true);
    // "agents" and "perplexity" are common words: only as imported.
    assert.equal(mayCallSdk('# the agents of change; model perplexity\nx = 1\n', false, 'python'), false);
    assert.equal(mayCallSdk('from app.llm import client\nclient.chat.completions.create(model="gpt-4o")\n', true, 'python'), true);
    assert.equal(mayCallSdk('from app.llm import client\nclient.chat.completions.create(model="gpt-4o")\n', false, 'python'), false);
  });
});
