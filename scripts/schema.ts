// Writes schemas/costlint.schema.json from the zod schema of costlint.json (server/src/core/config.ts).
// VS Code validates and completes costlint.json with it (package.json contributes.jsonValidation);
// test/config.test.ts fails when the file is stale.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { configJsonSchema } from '../server/src/core/config';

export const SCHEMA_PATH = join(__dirname, '..', 'schemas', 'costlint.schema.json');
export const schemaText = (): string => JSON.stringify(configJsonSchema(), null, 2) + '\n';

if (require.main === module) {
  writeFileSync(SCHEMA_PATH, schemaText());
  process.stdout.write(`wrote ${SCHEMA_PATH}\n`);
}
