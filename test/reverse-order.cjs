// Preloaded with --require: registers the tests (`it`) of every `describe` in reverse order, so
// that a test leaning on state an earlier one left behind fails. `npm run test:fast` always runs
// this way; `npm run test:reversed` runs the whole unit suite this way. Hooks keep their order.
const t = require('node:test');

const originalIt = t.it;
/** The tests of the describes being defined, innermost last. */
const pending = [];

function it(...args) {
  if (pending.length) pending[pending.length - 1].push(args);
  else originalIt(...args);
}
Object.assign(it, originalIt);

/** A describe (or `describe.only`, `.skip`, `.todo`) whose body's tests are registered last to first. */
function reversing(register) {
  return (...args) => {
    const at = args.findIndex((a) => typeof a === 'function');
    if (at < 0) return register(...args);
    const fn = args[at];
    args[at] = function (...a) {
      const tests = [];
      pending.push(tests);
      let r;
      try {
        r = fn.apply(this, a);
      } finally {
        pending.pop();
      }
      for (const test of tests.reverse()) originalIt(...test);
      return r;
    };
    return register(...args);
  };
}

const describe = reversing(t.describe);
for (const variant of ['only', 'skip', 'todo']) describe[variant] = reversing(t.describe[variant]);

t.it = it;
t.test = it;
t.describe = describe;
t.suite = describe;
