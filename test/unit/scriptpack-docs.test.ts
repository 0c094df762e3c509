import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECKLIST_ITEMS, PACK_ISSUE_CODES, runScript, validatePackText, VARIABLE_NAMES } from '../../shared/scriptpack';
import { t } from '../helpers/packs';

const DOC = readFileSync(join(import.meta.dirname, '../../docs/script-packs.md'), 'utf8');

describe('docs/script-packs.md', () => {
  it('has a full example that is a valid pack and runs', () => {
    const example = /```yaml\n([\s\S]*?)```/.exec(DOC)![1];
    const v = validatePackText(example);
    expect(v.issues).toEqual([]);
    const view = runScript({ pack: v.pack!, flow: 'upsell', context: {}, locale: 'en', t: t('en'), events: [{ answer: 'take', at: '2026-11-20T04:00:01Z' }], startedAt: '2026-11-20T04:00:00Z' });
    expect(view.outcome).toMatchObject({ code: 'upsell_accepted', offerId: 'eight_cans' });
  });

  it('explains every problem code, variable and checklist item', () => {
    for (const code of PACK_ISSUE_CODES) expect(DOC, code).toContain(`\`${code}\``);
    for (const name of VARIABLE_NAMES) expect(DOC, name).toContain(`\`${name}\``);
    for (const item of CHECKLIST_ITEMS) expect(DOC, item).toContain(`\`${item}\``);
  });
});
