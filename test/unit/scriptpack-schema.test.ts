import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packJsonSchema } from '../../shared/scriptpack/jsonschema';

const SHIPPED = join(import.meta.dirname, '../../resources/schemas/script-pack.schema.json');

describe('the JSON Schema editors use', () => {
  it('is exactly what the zod schemas generate (run `npx tsx scripts/make-pack-schema.ts` after changing them)', () => {
    expect(JSON.parse(readFileSync(SHIPPED, 'utf8'))).toEqual(packJsonSchema());
  });

  it('lists the outcomes, checklist items and variables for autocompletion', () => {
    const text = readFileSync(SHIPPED, 'utf8');
    for (const word of ['upsell_accepted', 'addressReadBack', 'risk.held', 'additionalProperties']) expect(text).toContain(word);
  });
});
