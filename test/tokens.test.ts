// test:fast (npm run test:fast: in-process, no CLI or server process)
// The counting encoder (server/src/core/tokens.ts) against js-tiktoken's own constructor: every
// rank of both encodings, and the counts of a corpus with code, prose in several scripts, emoji,
// whitespace runs and special-token strings.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Tiktoken } from 'js-tiktoken/lite';
import cl100k from 'js-tiktoken/ranks/cl100k_base';
import o200k from 'js-tiktoken/ranks/o200k_base';
import { base64OfByteList, countingEncoder, countTokens, LazyRanks, tokenStats } from '../server/src/core/tokens';

const ROOT = join(__dirname, '..');

function corpus(): string[] {
  const texts = [
    'Hello, world!',
    'héllo wörld — ça va? 日本語のテキスト、中文文本。한국어 텍스트. Ελληνικά. Русский текст. עברית. العربية.',
    '🎉👩‍👩‍👧‍👦🏳️‍🌈 emoji sequences and ZWJ',
    '    indented\n\t\ttabs\r\n\r\n   trailing   \n\n\n',
    'Special strings count as text: <|endoftext|> <|im_start|>system<|im_end|> <|fim_prefix|>',
    'a'.repeat(400),
    '1234567890'.repeat(300),
    '',
  ];
  for (const f of ['README.md', 'ARCHITECTURE.md']) texts.push(readFileSync(join(ROOT, f), 'utf8'));
  const dir = join(ROOT, 'test', 'fixtures', 'python');
  for (const f of readdirSync(dir).slice(0, 20)) if (f.endsWith('.py')) texts.push(readFileSync(join(dir, f), 'utf8'));
  return texts;
}

describe('token counting', () => {
  for (const [name, ranks] of [
    ['o200k_base', o200k],
    ['cl100k_base', cl100k],
  ] as const) {
    it(`${name}: every rank reads the same as js-tiktoken's own table`, () => {
      const reference = new Tiktoken(ranks) as unknown as { rankMap: Map<string, number> };
      const lazy = new LazyRanks(ranks.bpe_ranks);
      assert.equal(lazy.size, reference.rankMap.size);
      let checked = 0;
      for (const [key, rank] of reference.rankMap) {
        if (lazy.get(key) !== rank) assert.fail(`${key}: ${lazy.get(key)} instead of ${rank}`);
        checked++;
      }
      assert.equal(checked, reference.rankMap.size);
      // A byte string that is no token is none.
      assert.equal(lazy.get('255,255,255,255,255,255,255,255,255,255'), undefined);
      // The rank text is searched in place: the start of a token ("IQ" of "IQ==", rank 0) is no token.
      assert.equal(lazy.rankOfBase64('IQ=='), 0);
      assert.equal(lazy.rankOfBase64('IQ'), undefined);
      assert.equal(lazy.rankOfBase64('IQ==I'), undefined);
    });

    it(`${name}: the counting encoder gives js-tiktoken's tokens on a varied corpus`, () => {
      const reference = new Tiktoken(ranks);
      const counting = countingEncoder(ranks);
      for (const text of corpus()) {
        const tokens = reference.encode(text, [], []);
        assert.deepEqual(counting.encode(text, [], []), tokens, text.slice(0, 60));
        assert.equal(countTokens(text, name), tokens.length, `countTokens: ${text.slice(0, 60)}`);
      }
    });
  }

  it('random prompt literals (long runs, base64, unicode, whitespace) count as js-tiktoken counts them', () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const pieces = ['a', 'B', ' ', '=', '-', '\n', '0', '9', 'é', '日本', '🎉', '+/', 'xyz', '.', '\t', 'ß', 'Ω', '<|endoftext|>'];
    const refs = { o200k_base: new Tiktoken(o200k), cl100k_base: new Tiktoken(cl100k) };
    for (let t = 0; t < 300; t++) {
      let s = '';
      const parts = Math.floor(rnd() * 40);
      for (let i = 0; i < parts; i++) {
        const p = pieces[Math.floor(rnd() * pieces.length)];
        // A third of the parts are runs: what makes a single long piece for the merge.
        s += rnd() < 0.33 ? p.repeat(1 + Math.floor(rnd() * 60)) : p;
      }
      if (t % 50 === 0) s += Buffer.from(Array.from({ length: 600 }, (_, i) => (i * 31 + t) % 256)).toString('base64');
      for (const enc of ['o200k_base', 'cl100k_base'] as const)
        assert.equal(countTokens(s, enc), refs[enc].encode(s, [], []).length, `${enc}: ${JSON.stringify(s.slice(0, 80))}`);
    }
    // Runs long enough that the heap does the merging, still checked against the reference.
    for (const ch of ['a', 'A', '=', ' ', '0', 'é', 'ab']) {
      const s = ch.repeat(700);
      assert.equal(countTokens(s, 'o200k_base'), refs.o200k_base.encode(s, [], []).length, `${ch} x 700`);
    }
  });

  it('a long run without whitespace is counted in near-linear time (it was quadratic: 12,000 characters took seconds)', { timeout: 20_000 }, () => {
    const time = (n: number) => {
      const text = `${'Q'.repeat(n)}${'='.repeat(n)}${'x1'.repeat(n / 2)} ${Math.random()}`;
      const t = performance.now();
      countTokens(text, 'o200k_base');
      return performance.now() - t;
    };
    time(2000); // warm up
    const small = Math.max(time(10_000), 1);
    const large = time(160_000);
    // 16 times the text: about 16 times the time when linear, 256 times when quadratic.
    assert.ok(large / small < 64, `10,000 characters ${small.toFixed(1)} ms, 160,000 ${large.toFixed(1)} ms`);
  });

  it('byte lists are written in base64 as the rank files spell them', () => {
    assert.equal(base64OfByteList('104,105'), Buffer.from('hi').toString('base64'));
    assert.equal(base64OfByteList('0'), 'AA==');
    assert.equal(base64OfByteList('255,254,253'), Buffer.from([255, 254, 253]).toString('base64'));
    for (const s of ['a', 'ab', 'abc', 'abcd', 'é', '日本', '🎉']) {
      const bytes = [...Buffer.from(s)];
      assert.equal(base64OfByteList(bytes.join(',')), Buffer.from(bytes).toString('base64'), s);
    }
  });

  it('a repeated prompt is counted from the memo, and the statistics say so', () => {
    const text = `A prompt only this test sends ${Math.random()}`;
    const before = tokenStats();
    const n = countTokens(text, 'o200k_base');
    assert.equal(countTokens(text, 'o200k_base'), n);
    const after = tokenStats();
    assert.equal(after.counts - before.counts, 2);
    assert.equal(after.memoHits - before.memoHits, 1);
    assert.equal(after.encodedChars - before.encodedChars, text.length);
  });
});
