// test:fast (npm run test:fast: in-process, no CLI or server process)
// Regions: how the first passes find the function or class around a position, instead of
// tree-sitter's parent. A wrong answer here puts a name in the wrong scope.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Regions } from '../server/src/core/recognizers/regions';

describe('regions', () => {
  // file [0, 100): class A [10, 60) with methods f [20, 30) and g [35, 55), g holding a lambda [40, 45);
  // function h [70, 90). Added out of order, as a pass meets a lambda in a default before a body.
  const r = new Regions<string>();
  r.add(0, 100, 'file');
  r.add(40, 45, 'lambda');
  r.add(10, 60, 'A');
  r.add(35, 55, 'g');
  r.add(20, 30, 'f');
  r.add(70, 90, 'h');

  it('the innermost range holding a node, and all of them innermost first', () => {
    assert.equal(r.innermost(41, 43), 'lambda');
    assert.deepEqual(r.around(41, 43), ['lambda', 'g', 'A', 'file']);
    assert.deepEqual(r.around(22, 25), ['f', 'A', 'file']);
    assert.deepEqual(r.around(75, 80), ['h', 'file']);
  });

  it('between siblings, the range around both; a node as large as a range is in it', () => {
    assert.deepEqual(r.around(31, 33), ['A', 'file']);
    assert.deepEqual(r.around(62, 65), ['file']);
    assert.equal(r.innermost(35, 55), 'g');
    // Starting inside g but ending after it: not in g.
    assert.deepEqual(r.around(50, 58), ['A', 'file']);
  });

  it('a range added after a lookup is found by the next one', () => {
    const late = new Regions<string>();
    late.add(0, 10, 'file');
    assert.equal(late.innermost(2, 3), 'file');
    late.add(1, 5, 'fn');
    assert.equal(late.innermost(2, 3), 'fn');
    assert.equal(new Regions<string>().innermost(0, 1), undefined);
  });
});
