// Runs every annotated fixture (see helpers.ts for the annotation format).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { checkFixture } from './helpers';

const root = join(__dirname, 'fixtures');
for (const dir of readdirSync(root)) {
  describe(`fixtures/${dir}`, () => {
    // package.json files set SDK versions for the fixtures beside them.
    for (const file of readdirSync(join(root, dir)).filter((f) => f !== 'package.json').sort()) {
      it(file, async () => {
        await checkFixture(join(root, dir, file));
      });
    }
  });
}
