// Writes the JSON Schemas generated from the zod schemas: schemas/costlint.usage.schema.json (costlint.usage.json,
// server/src/core/measured/file.ts), schemas/costlint.schema.json (costlint.json,
// server/src/core/config.ts; VS Code validates and completes costlint.json with it through
// package.json contributes.jsonValidation) and ratecards/ratecard.schema.json (a rate-card file,
// server/src/core/ratecards/schema.ts; every card names it in `$schema`). Tests fail when either is stale.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { configJsonSchema } from '../server/src/core/config';
import { rateCardJsonSchema } from '../server/src/core/ratecards/schema';
import { usageJsonSchema } from '../server/src/core/measured/file';

export const SCHEMA_PATH = join(__dirname, '..', 'schemas', 'costlint.schema.json');
export const schemaText = (): string => JSON.stringify(configJsonSchema(), null, 2) + '\n';
export const RATECARD_SCHEMA_PATH = join(__dirname, '..', 'ratecards', 'ratecard.schema.json');
export const rateCardSchemaText = (): string => JSON.stringify(rateCardJsonSchema(), null, 2) + '\n';
export const USAGE_SCHEMA_PATH = join(__dirname, '..', 'schemas', 'costlint.usage.schema.json');
export const usageSchemaText = (): string => JSON.stringify(usageJsonSchema(), null, 2) + '\n';

if (require.main === module) {
  writeFileSync(SCHEMA_PATH, schemaText());
  writeFileSync(RATECARD_SCHEMA_PATH, rateCardSchemaText());
  writeFileSync(USAGE_SCHEMA_PATH, usageSchemaText());
  process.stdout.write(`wrote ${SCHEMA_PATH}, ${RATECARD_SCHEMA_PATH}, ${USAGE_SCHEMA_PATH}\n`);
}
