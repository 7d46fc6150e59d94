// Preloaded with --require: registers the tests (`it`) of every `describe` in reverse order, so
// that a test leaning on state an earlier one left behind fails. `npm run test:fast` always runs
// this way; `npm run test:reversed` runs the whole unit suite this way. Hooks keep their order.
const t = require('node:test');

const originalIt = t.it;
const originalDescribe = t.describe;
/** The tests of the describes being defined, innermost last. */
const pending = [];

function it(...args) {
  if (pending.length) pending[pending.length - 1].push(args);
  else originalIt(...args);
}
Object.assign(it, originalIt);

function describe(name, ...rest) {
  const fn = rest.pop();
  return originalDescribe(name, ...rest, function (...a) {
    const tests = [];
    pending.push(tests);
    let r;
    try {
      r = fn.apply(this, a);
    } finally {
      pending.pop();
    }
    for (const args of tests.reverse()) originalIt(...args);
    return r;
  });
}
Object.assign(describe, originalDescribe);

t.it = it;
t.test = it;
t.describe = describe;
t.suite = describe;
