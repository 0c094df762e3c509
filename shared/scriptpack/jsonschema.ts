/**
 * The JSON Schema editors use to autocomplete and check a pack (VS Code's YAML extension reads a
 * `# yaml-language-server: $schema=` line; JSON files name it in "$schema"). Generated from the
 * zod schemas so the two can never disagree; a test compares it with the shipped file.
 */
import { z } from 'zod';
import { ScriptPack } from './schema';

export const PACK_SCHEMA_ID = 'https://callcard.local/schemas/script-pack.schema.json';

export function packJsonSchema(): Record<string, unknown> {
  // draft-07: the draft editors' YAML/JSON language servers support best.
  const schema = z.toJSONSchema(ScriptPack, { target: 'draft-7', io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return { ...schema, $id: PACK_SCHEMA_ID, title: 'Callcard script pack' };
}
