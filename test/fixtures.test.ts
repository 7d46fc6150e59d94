// test:fast (npm run test:fast: in-process, no CLI or server process)
// Runs every annotated fixture (see helpers.ts for the annotation format). Each top-level
// folder is a workspace whose files may import each other; package.json and tsconfig.json files
// configure them and are not fixtures themselves.
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { languageOfPath } from '../server/src/core/analyze';
import { checkFixture } from './helpers';

const root = join(__dirname, 'fixtures');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]))
    .filter((f) => languageOfPath(f) !== null || f.endsWith('.ipynb'))
    .sort();
}

for (const dir of readdirSync(root)) {
  describe(`fixtures/${dir}`, () => {
    for (const file of files(join(root, dir))) {
      it(relative(join(root, dir), file), async () => {
        await checkFixture(file);
      });
    }
  });
}
