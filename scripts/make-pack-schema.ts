/** Writes resources/schemas/script-pack.schema.json from the zod schemas (`npx tsx scripts/make-pack-schema.ts`). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { packJsonSchema } from '../shared/scriptpack/jsonschema';

export const PACK_SCHEMA_FILE = join(import.meta.dirname, '../resources/schemas/script-pack.schema.json');

mkdirSync(dirname(PACK_SCHEMA_FILE), { recursive: true });
writeFileSync(PACK_SCHEMA_FILE, `${JSON.stringify(packJsonSchema(), null, 2)}\n`);
console.log(`wrote ${PACK_SCHEMA_FILE}`);
