/**
 * Script packs on a real store: the shipped default is in force from the first open, a trainer's
 * file is checked and kept as a version, activated per product or as the default, rolled back,
 * and an invalid pack can never be activated — not through the core, not by writing the table.
 */
import { mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { FLOWS } from '../../shared/domain';
import { translator } from '../../shared/i18n';
import { BASE_PACK, edit, SHIPPED_DEFAULT_TEXT, SHIPPED_DEFAULT_VERSION as SHIPPED } from '../helpers/packs';
import { callcardError, completeSetup, importFile, openReadyStore, openTestStore, ordersCsv, outboxRows, sampleOrder, scratchDir, setRoles, type TestStore } from '../helpers/store';

const V110 = edit(BASE_PACK, 'version: 1.0.0', 'version: 1.1.0');
/** A pack for every product (the base pack lists only 鲍鱼罐头). */
const ANY_PRODUCT = edit(edit(BASE_PACK, 'products: [鲍鱼罐头]\n', ''), 'id: test', 'id: general');
const BROKEN = edit(BASE_PACK, '            next: done', '            next: dnoe');

async function ready(): Promise<TestStore> {
  return openReadyStore();
}

function versionOf(store: TestStore, product: string | undefined, flow: (typeof FLOWS)[number] = 'verify') {
  return store.call('getCardScript', { product, flow }).then((r) => (r.script ? `${r.script.packId}@${r.script.version}` : null));
}

describe('the shipped default pack', () => {
  test('is in force for every product and every flow from the first open, without telling the server', async () => {
    const store = await ready();
    const list = await store.call('listPacks', {});
    expect(list.versions.map((v) => [v.packId, v.version, v.valid, v.activeFor])).toEqual([['default', SHIPPED, true, ['*']]]);
    expect(list.active).toEqual([expect.objectContaining({ scope: '*', packId: 'default', version: SHIPPED, action: 'auto', activatedBy: null })]);
    for (const flow of FLOWS) expect(await versionOf(store, '晚安冻膜', flow), flow).toBe(`default@${SHIPPED}`);
    expect(outboxRows(store.db).filter((r) => r.entity.startsWith('script_pack'))).toEqual([]);
  });

  describe('after an app update that ships a new version', () => {
    /** The app's resources as an older release shipped them: the same, but the default pack at 0.9.0. */
    function olderRelease(): string {
      const dir = scratchDir('callcard-old-resources-');
      const real = join(import.meta.dirname, '../../resources');
      for (const entry of readdirSync(real)) if (entry !== 'packs') symlinkSync(join(real, entry), join(dir, entry));
      mkdirSync(join(dir, 'packs'));
      writeFileSync(join(dir, 'packs', 'default.yaml'), SHIPPED_DEFAULT_TEXT.replace(/^version: .*$/m, 'version: 0.9.0'));
      return dir;
    }

    test('puts it in force when nobody ever chose a pack', async () => {
      const old = openTestStore({ resourcesDir: olderRelease() });
      await completeSetup(old);
      expect(await versionOf(old, undefined)).toBe('default@0.9.0');
      const updated = old.reopen();
      expect(await versionOf(updated, '晚安冻膜', 'recover')).toBe(`default@${SHIPPED}`);
      const list = await updated.call('listPacks', {});
      expect(list.versions.map((v) => [v.version, v.activeFor])).toEqual([
        [SHIPPED, ['*']],
        ['0.9.0', []],
      ]);
      expect(list.history.map((h) => `${h.action} ${h.version}`)).toEqual([`auto ${SHIPPED}`, 'auto 0.9.0']);
      // Nothing for the server: it ships with the app there too.
      expect(outboxRows(updated.db).filter((r) => r.entity.startsWith('script_pack'))).toEqual([]);
      // And the next start changes nothing more.
      expect((await updated.reopen().call('listPacks', {})).history).toHaveLength(2);
    });

    test("stores it beside a trainer's choice without changing what is in force", async () => {
      const old = openTestStore({ resourcesDir: olderRelease() });
      await completeSetup(old);
      await old.call('loadPack', { fileName: 'general.yaml', text: ANY_PRODUCT });
      await old.call('activatePack', { packId: 'general', version: '1.0.0' });
      const updated = old.reopen();
      expect(await versionOf(updated, '晚安冻膜')).toBe('general@1.0.0');
      const list = await updated.call('listPacks', {});
      expect(list.versions.filter((v) => v.packId === 'default').map((v) => [v.version, v.activeFor])).toEqual([
        [SHIPPED, []],
        ['0.9.0', []],
      ]);
    });
  });

  test('is installed once: a restart after a trainer changed things leaves them alone', async () => {
    const store = await ready();
    await store.call('loadPack', { fileName: 'general.yaml', text: ANY_PRODUCT });
    await store.call('activatePack', { packId: 'general', version: '1.0.0' });
    const again = store.reopen();
    expect(await versionOf(again, undefined)).toBe('general@1.0.0');
    expect((await again.call('listPacks', {})).history).toHaveLength(2);
  });
});

describe('loading a pack file', () => {
  test('a valid file becomes a version; the same text again changes nothing; other text under that version is refused', async () => {
    const store = await ready();
    const first = await store.call('loadPack', { fileName: 'test.yaml', text: BASE_PACK });
    expect(first).toMatchObject({ validation: { ok: true, issues: [] }, stored: { packId: 'test', version: '1.0.0', valid: true, status: 'created' }, refusal: null });
    const same = await store.call('loadPack', { fileName: 'test-copy.yaml', text: BASE_PACK });
    expect(same.stored?.status).toBe('unchanged');
    const changed = await store.call('loadPack', { fileName: 'test.yaml', text: BASE_PACK.replace('测试话术', '测试话术二') });
    expect(changed.stored).toBeNull();
    expect(changed.refusal).toMatchObject({ code: 'pack_version_exists', params: { pack: 'test', version: '1.0.0' } });
    expect(changed.refusal?.message).toContain('提高版本号');
    // The trainer's version travels to the server; the refused one does not.
    const sent = outboxRows(store.db).filter((r) => r.entity === 'script_pack_version');
    expect(sent.map((r) => JSON.parse(r.payload) as { packId: string; version: string; source: string })).toEqual([
      expect.objectContaining({ packId: 'test', version: '1.0.0', source: BASE_PACK }),
    ]);
  });

  test('an invalid file is kept as a draft with its problems (line, column, message), replaced when fixed', async () => {
    const store = await ready();
    const bad = await store.call('loadPack', { fileName: 'test.yaml', text: BROKEN });
    expect(bad.stored).toEqual({ packId: 'test', version: '1.0.0', valid: false, status: 'created' });
    expect(bad.validation.ok).toBe(false);
    expect(bad.validation.issues[0]).toMatchObject({ code: 'unknown_step', path: 'flows.verify.steps[2].answers[0].next', line: 63, column: 19 });
    expect(bad.validation.issues[0].message).toBe('核单话术里没有「dnoe」这一步。是不是想写「done」？');
    const detail = await store.call('getPackVersion', { packId: 'test', version: '1.0.0' });
    // One typo, one problem (the step it meant is not also reported as unreached).
    expect(detail).toMatchObject({ summary: { valid: false, issueCount: 1 }, source: BROKEN, pack: null });
    expect(outboxRows(store.db).filter((r) => r.entity === 'script_pack_version')).toEqual([]);

    const fixed = await store.call('loadPack', { fileName: 'test.yaml', text: BASE_PACK });
    expect(fixed.stored).toEqual({ packId: 'test', version: '1.0.0', valid: true, status: 'replaced' });
    expect((await store.call('getPackVersion', { packId: 'test', version: '1.0.0' })).pack?.id).toBe('test');
  });

  test('a file without a readable id and version is checked but not stored', async () => {
    const store = await ready();
    const r = await store.call('loadPack', { fileName: 'x.yaml', text: 'name: [oops' });
    expect(r.stored).toBeNull();
    expect(r.validation.issues[0]).toMatchObject({ code: 'syntax_error', line: 1 });
    expect((await store.call('listPacks', {})).versions).toHaveLength(1);
  });

  test('validatePack checks without storing', async () => {
    const store = await ready();
    const v = await store.call('validatePack', { fileName: 'test.yaml', text: BROKEN });
    expect(v).toMatchObject({ ok: false, id: 'test', version: '1.0.0' });
    expect((await store.call('listPacks', {})).versions.map((x) => x.packId)).toEqual(['default']);
  });
});

describe('who may change the words', () => {
  test('an agent alone may not load, activate or roll back a pack (said in words, nothing changed); a trainer or a lead may', async () => {
    const store = await ready();
    await setRoles(store, ['agent']);
    const before = await store.call('listPacks', {});
    await callcardError(() => store.call('loadPack', { fileName: 'test.yaml', text: BASE_PACK }), 'trainer_or_lead_only');
    await callcardError(() => store.call('activatePack', { packId: 'default', version: SHIPPED }), 'trainer_or_lead_only');
    await callcardError(() => store.call('rollbackPack', {}), 'trainer_or_lead_only');
    expect(await store.call('listPacks', {})).toEqual(before);
    expect(translator('zh-CN')('errors.trainer_or_lead_only')).toContain('培训师或组长');
    await setRoles(store, ['trainer']);
    await store.call('loadPack', { fileName: 'test.yaml', text: BASE_PACK });
    await setRoles(store, ['lead']);
    await store.call('activatePack', { packId: 'test', version: '1.0.0', product: '鲍鱼罐头' });
    expect((await store.call('getCardScript', { product: '鲍鱼罐头', flow: 'verify' })).script?.pack.id).toBe('test');
  });
});

describe('activating and rolling back', () => {
  test('an invalid pack can never be activated', async () => {
    const store = await ready();
    await store.call('loadPack', { fileName: 'test.yaml', text: BROKEN });
    await callcardError(() => store.call('activatePack', { packId: 'test', version: '1.0.0' }), 'pack_invalid');
    await callcardError(() => store.call('activatePack', { packId: 'test', version: '1.0.0', product: '鲍鱼罐头' }), 'pack_invalid');
    await callcardError(() => store.call('activatePack', { packId: 'test', version: '9.9.9' }), 'pack_not_found');
    // Not even by writing the table directly.
    const { id } = store.db.prepare("SELECT id FROM script_pack_versions WHERE pack_id = 'test'").get() as { id: string };
    expect(() =>
      store.db
        .prepare("INSERT INTO script_pack_activations (id, scope, version_id, action, activated_at) VALUES ('x', '*', ?, 'activate', '2026-11-20T04:00:00Z')")
        .run(id),
    ).toThrow(/invalid script pack cannot be activated/);
    expect(await versionOf(store, undefined)).toBe(`default@${SHIPPED}`);
  });

  test('the default: activate a new version, roll back to the one before, and no further', async () => {
    const store = await ready();
    await store.call('loadPack', { fileName: 'general.yaml', text: ANY_PRODUCT });
    await store.call('loadPack', { fileName: 'general.yaml', text: edit(ANY_PRODUCT, 'version: 1.0.0', 'version: 1.1.0') });
    await store.call('activatePack', { packId: 'general', version: '1.0.0' });
    store.clock.advanceMinutes(1);
    const a = await store.call('activatePack', { packId: 'general', version: '1.1.0' });
    expect(a).toMatchObject({ scope: '*', packId: 'general', version: '1.1.0', action: 'activate', activatedBy: '王小丽' });
    expect(await versionOf(store, '晚安冻膜')).toBe('general@1.1.0');
    // Activating what is in force already adds nothing.
    await store.call('activatePack', { packId: 'general', version: '1.1.0' });

    store.clock.advanceMinutes(1);
    expect(await store.call('rollbackPack', {})).toMatchObject({ scope: '*', version: '1.0.0', action: 'rollback' });
    expect(await versionOf(store, '晚安冻膜')).toBe('general@1.0.0');
    store.clock.advanceMinutes(1);
    expect(await store.call('rollbackPack', {})).toMatchObject({ scope: '*', packId: 'default', version: SHIPPED });
    await callcardError(() => store.call('rollbackPack', {}), 'pack_no_rollback');

    const list = await store.call('listPacks', {});
    expect(list.history.map((h) => `${h.action} ${h.packId}@${h.version}`)).toEqual([
      `rollback default@${SHIPPED}`,
      'rollback general@1.0.0',
      'activate general@1.1.0',
      'activate general@1.0.0',
      `auto default@${SHIPPED}`,
    ]);
    // Activations reach the server in order; the automatic install does not.
    const sent = outboxRows(store.db).filter((r) => r.entity === 'script_pack_activation').map((r) => JSON.parse(r.payload) as { action: string; version: string });
    expect(sent.map((s) => `${s.action} ${s.version}`)).toEqual(['activate 1.0.0', 'activate 1.1.0', 'rollback 1.0.0', `rollback ${SHIPPED}`]);
  });

  test('per product: only a pack written for it; its own flows first, the default for the rest; rollback falls back to the default', async () => {
    const store = await ready();
    // The base pack is for 鲍鱼罐头 and has verify and upsell only.
    await store.call('loadPack', { fileName: 'test.yaml', text: BASE_PACK });
    const e = await callcardError(() => store.call('activatePack', { packId: 'test', version: '1.0.0', product: '晚安冻膜' }), 'pack_not_for_product');
    expect(e.params).toMatchObject({ product: '晚安冻膜', products: '鲍鱼罐头' });
    await store.call('activatePack', { packId: 'test', version: '1.0.0', product: '鲍鱼罐头' });
    expect(await versionOf(store, '鲍鱼罐头', 'verify')).toBe('test@1.0.0');
    expect(await versionOf(store, '鲍鱼罐头', 'upsell')).toBe('test@1.0.0');
    expect(await versionOf(store, '鲍鱼罐头', 'track')).toBe(`default@${SHIPPED}`);
    expect(await versionOf(store, '晚安冻膜', 'verify')).toBe(`default@${SHIPPED}`);
    expect((await store.call('getCardScript', { product: '鲍鱼罐头', flow: 'verify' })).script?.scope).toBe('鲍鱼罐头');

    await store.call('loadPack', { fileName: 'test.yaml', text: V110 });
    store.clock.advanceMinutes(1);
    await store.call('activatePack', { packId: 'test', version: '1.1.0', product: '鲍鱼罐头' });
    expect(await versionOf(store, '鲍鱼罐头')).toBe('test@1.1.0');
    const list = await store.call('listPacks', {});
    expect(list.active.map((a) => `${a.scope} ${a.packId}@${a.version}`)).toEqual([`* default@${SHIPPED}`, '鲍鱼罐头 test@1.1.0']);
    expect(list.versions.find((v) => v.packId === 'test' && v.version === '1.1.0')?.activeFor).toEqual(['鲍鱼罐头']);

    store.clock.advanceMinutes(1);
    await store.call('rollbackPack', { product: '鲍鱼罐头' });
    expect(await versionOf(store, '鲍鱼罐头')).toBe('test@1.0.0');
    store.clock.advanceMinutes(1);
    expect(await store.call('rollbackPack', { product: '鲍鱼罐头' })).toMatchObject({ scope: '鲍鱼罐头', packId: null, version: null, action: 'rollback' });
    expect(await versionOf(store, '鲍鱼罐头')).toBe(`default@${SHIPPED}`);
    await callcardError(() => store.call('rollbackPack', { product: '鲍鱼罐头' }), 'pack_no_rollback');
    // Activating again after falling back starts a new history.
    store.clock.advanceMinutes(1);
    await store.call('activatePack', { packId: 'test', version: '1.1.0', product: '鲍鱼罐头' });
    expect(await versionOf(store, '鲍鱼罐头')).toBe('test@1.1.0');
  });

  test('a pack that lists its products is never the default for every product', async () => {
    const store = await ready();
    // The base pack lists 鲍鱼罐头 only: activating it with no product was accepted and made it
    // every product's script (abalone words on a face-mask call).
    await store.call('loadPack', { fileName: 'test.yaml', text: BASE_PACK });
    const e = await callcardError(() => store.call('activatePack', { packId: 'test', version: '1.0.0' }), 'pack_products_only');
    expect(e.params).toEqual({ pack: 'test', version: '1.0.0', products: '鲍鱼罐头' });
    expect(translator('zh-CN')(`errors.${e.code}`, e.params)).toBe(
      'test 1.0.0 只为这些商品编写：鲍鱼罐头，不能作为所有商品的默认话术启用。请为其中的商品启用（命令行：--product 商品名）。',
    );
    expect(translator('en')(`errors.${e.code}`, e.params)).toContain('written only for 鲍鱼罐头');
    expect(translator('zh-TW')(`errors.${e.code}`, e.params)).toContain('只為這些商品撰寫：鲍鱼罐头');
    // Nothing changed: the default is still the shipped pack, and nothing goes to the server.
    expect(await versionOf(store, '晚安冻膜')).toBe(`default@${SHIPPED}`);
    expect((await store.call('listPacks', {})).active.map((a) => a.scope)).toEqual(['*']);
    expect(outboxRows(store.db).filter((r) => r.entity === 'script_pack_activation')).toEqual([]);
    // For its own product it is fine.
    await store.call('activatePack', { packId: 'test', version: '1.0.0', product: '鲍鱼罐头' });
    expect(await versionOf(store, '鲍鱼罐头')).toBe('test@1.0.0');
  });

  describe('made the default by an older version, before that was refused', () => {
    /** What an older version wrote when the product-only pack was activated with no product. */
    function forceDefault(store: TestStore, packId: string, version: string): void {
      const v = store.db.prepare('SELECT id FROM script_pack_versions WHERE pack_id = ? AND version = ?').get(packId, version) as { id: string };
      store.clock.advanceMinutes(1);
      store.db
        .prepare("INSERT INTO script_pack_activations (id, scope, version_id, action, activated_by, activated_at) VALUES (?, '*', ?, 'activate', NULL, ?)")
        .run(`old-${packId}-${version}`, v.id, store.clock.now.toISOString());
      store.clock.advanceMinutes(1);
    }

    test('after an update, other products get the last general default back and its own product keeps it', async () => {
      const store = await ready();
      await store.call('loadPack', { fileName: 'general.yaml', text: ANY_PRODUCT });
      await store.call('loadPack', { fileName: 'test.yaml', text: BASE_PACK });
      store.clock.advanceMinutes(1);
      await store.call('activatePack', { packId: 'general', version: '1.0.0' });
      forceDefault(store, 'test', '1.0.0');
      const before = outboxRows(store.db).filter((r) => r.entity === 'script_pack_activation').length;
      const updated = store.reopen();
      // A face-mask call no longer reads the abalone pack; the abalone call still does.
      expect(await versionOf(updated, '晚安冻膜')).toBe('general@1.0.0');
      expect(await versionOf(updated, '鲍鱼罐头')).toBe('test@1.0.0');
      const list = await updated.call('listPacks', {});
      expect(list.active.map((a) => [a.scope, `${a.packId}@${a.version}`])).toEqual([
        ['*', 'general@1.0.0'],
        ['鲍鱼罐头', 'test@1.0.0'],
      ]);
      // The trainer sees what happened, by nobody (the system), and the server is told.
      expect(list.history.slice(0, 2).map((h) => [h.scope, h.action, h.activatedBy])).toEqual(
        expect.arrayContaining([
          ['*', 'rollback', null],
          ['鲍鱼罐头', 'activate', null],
        ]),
      );
      expect(outboxRows(updated.db).filter((r) => r.entity === 'script_pack_activation')).toHaveLength(before + 2);
      // Done once: the next start changes nothing, and the trainer's own rollback still works.
      const again = updated.reopen();
      expect((await again.call('listPacks', {})).history).toHaveLength(list.history.length);
      again.clock.advanceMinutes(1);
      await again.call('rollbackPack', {});
      expect(await versionOf(again, '晚安冻膜')).toBe(`default@${SHIPPED}`);
    });

    test('a trainer rolling the default back never lands on it; a clock set back does not undo the repair', async () => {
      const store = await ready();
      await store.call('loadPack', { fileName: 'general.yaml', text: ANY_PRODUCT });
      await store.call('loadPack', { fileName: 'test.yaml', text: BASE_PACK });
      forceDefault(store, 'test', '1.0.0');
      // Under the older version, a general default went on top of it: the repair has nothing to do.
      await store.call('activatePack', { packId: 'general', version: '1.0.0' });
      const updated = store.reopen();
      expect(await versionOf(updated, '晚安冻膜')).toBe('general@1.0.0');
      const e = await callcardError(() => updated.call('rollbackPack', {}), 'pack_rollback_products_only');
      expect(translator('zh-CN')(`errors.${e.code}`, e.params)).toContain('test 1.0.0 只为这些商品编写：鲍鱼罐头');
      expect(await versionOf(updated, '晚安冻膜')).toBe('general@1.0.0');

      // Two product-only defaults stacked, the last written by a clock ahead of this one.
      const other = await ready();
      await other.call('loadPack', { fileName: 'test.yaml', text: BASE_PACK });
      await other.call('loadPack', { fileName: 'test.yaml', text: V110 });
      forceDefault(other, 'test', '1.0.0');
      other.clock.advanceMinutes(60);
      forceDefault(other, 'test', '1.1.0');
      other.clock.advanceMinutes(-120);
      const repaired = other.reopen();
      expect(await versionOf(repaired, '晚安冻膜')).toBe(`default@${SHIPPED}`);
      expect(await versionOf(repaired, '鲍鱼罐头')).toBe('test@1.1.0');
      const history = (await repaired.call('listPacks', {})).history.length;
      // Repaired once: the next start finds nothing to do.
      const again = repaired.reopen();
      expect((await again.call('listPacks', {})).history).toHaveLength(history);
      expect(await versionOf(again, '晚安冻膜')).toBe(`default@${SHIPPED}`);
    });

    test('a product with its own pack keeps it; with no general default before, the shipped one is in force', async () => {
      const store = await ready();
      await store.call('loadPack', { fileName: 'test.yaml', text: BASE_PACK });
      await store.call('loadPack', { fileName: 'test.yaml', text: V110 });
      store.clock.advanceMinutes(1);
      await store.call('activatePack', { packId: 'test', version: '1.1.0', product: '鲍鱼罐头' });
      // Only the product-only pack was ever the default (the shipped install's row is gone).
      store.db.prepare("DELETE FROM script_pack_activations WHERE scope = '*'").run();
      forceDefault(store, 'test', '1.0.0');
      const updated = store.reopen();
      expect(await versionOf(updated, '晚安冻膜')).toBe(`default@${SHIPPED}`);
      expect(await versionOf(updated, '鲍鱼罐头')).toBe('test@1.1.0');
    });
  });

  test('the command-line door works before first-run setup (loaded by nobody)', async () => {
    const store = openTestStore();
    const r = await store.call('loadPack', { fileName: 'test.yaml', text: ANY_PRODUCT });
    expect(r.stored?.status).toBe('created');
    expect(await store.call('activatePack', { packId: 'general', version: '1.0.0' })).toMatchObject({ activatedBy: null });
  });
});

describe('preview and the calls that used a pack', () => {
  test('previews a version with the built-in sample, a made-up order or a real one, in any locale', async () => {
    const store = await ready();
    await store.call('loadPack', { fileName: 'test.yaml', text: BASE_PACK });
    const held = await store.call('previewScript', { packId: 'test', version: '1.0.0', flow: 'verify', locale: 'zh-CN' });
    expect(held.step?.id).toBe('greet');
    const sample = {
      customerName: '李建国',
      gender: 'male' as const,
      province: '四川省',
      city: '成都市',
      address: '科华北路66号',
      product: '鲍鱼罐头',
      package: '4罐',
      amountFen: 9900,
      risk: { level: 'high' as const, held: true },
    };
    const careful = await store.call('previewScript', { packId: 'test', version: '1.0.0', flow: 'verify', locale: 'zh-TW', sample });
    expect(careful.step?.say?.text).toBe('您好，請問是李先生嗎？您的訂單需要先核對一下。');
    const walked = await store.call('previewScript', {
      packId: 'test',
      version: '1.0.0',
      flow: 'verify',
      locale: 'en',
      sample,
      events: [{ answer: '_next', at: '2026-11-20T04:00:01Z' }, { answer: 'right', at: '2026-11-20T04:00:09Z' }],
    });
    expect(walked.outcome).toEqual({ code: 'confirmed' });
    expect(walked.step?.say?.text).toBe('Great, it ships with [courier].');

    await importFile(store, 'orders.csv', ordersCsv([sampleOrder({ orderNo: 'DD-P1', name: '张秀英', product: '鲍鱼罐头', package: '4罐', amount: '99.00' })]));
    const real = await store.call('previewScript', { packId: 'test', version: '1.0.0', flow: 'upsell', locale: 'zh-CN', orderNo: 'DD-P1' });
    expect(real.step?.say?.text).toBe('8罐装只要169元。');
    await callcardError(() => store.call('previewScript', { packId: 'test', version: '1.0.0', flow: 'verify', locale: 'en', orderNo: 'NOPE' }), 'order_not_found');
  });

  test("a real order's preview takes the path its card would: a held order opens with the careful greeting", async () => {
    const store = await ready();
    await store.call('loadPack', { fileName: 'test.yaml', text: BASE_PACK });
    await importFile(store, 'orders.csv', ordersCsv([sampleOrder({ orderNo: 'DD-H1', name: '李建国', phone: '13800138000' })]));
    const preview = () => store.call('previewScript', { packId: 'test', version: '1.0.0', flow: 'verify', locale: 'zh-CN', orderNo: 'DD-H1' });
    expect((await preview()).step?.id).toBe('greet');
    // A blacklisted number: the order is held as high risk, and its card opens carefully.
    await store.call('addBlacklist', { entry: { kind: 'phone', value: '13800138000' }, reason: 'fraud' });
    expect((await store.call('getOrderRisk', { orderNo: 'DD-H1' })).held).toBe(true);
    expect((await preview()).step?.say?.text).toBe('您好，请问是李建国吗？您的订单需要先核对一下。');
  });

  test('a recorded call keeps its pack, version and path, listed per version', async () => {
    const store = await ready();
    await importFile(store, 'orders.csv', ordersCsv([sampleOrder({ orderNo: 'DD-C1' })]));
    const { card } = await store.call('nextCard', {});
    expect(card?.order.orderNo).toBe('DD-C1');
    const path = [
      { step: 'open', at: '2026-11-20T04:00:00.000Z' },
      { step: 'greet', at: '2026-11-20T04:00:00.000Z' },
      { step: 'read_address', at: '2026-11-20T04:00:12.000Z', objection: 'too_expensive' },
      { step: 'confirm_package', at: '2026-11-20T04:00:30.000Z' },
    ];
    await store.call('recordOutcome', { taskId: card!.taskId, outcome: 'confirmed', scriptPackId: 'default', scriptVersion: SHIPPED, scriptPath: path });
    const { calls } = await store.call('listPackCalls', { packId: 'default' });
    expect(calls).toEqual([
      expect.objectContaining({ orderNo: 'DD-C1', flow: 'verify', outcome: 'confirmed', agentName: '王小丽', packId: 'default', version: SHIPPED, path }),
    ]);
    expect((await store.call('listPackCalls', { orderNo: 'DD-C1' })).calls).toHaveLength(1);
    expect((await store.call('listPackCalls', { version: '2.0.0' })).calls).toHaveLength(0);
    // The server learns the path with the outcome.
    const sent = outboxRows(store.db).find((r) => r.entity === 'call_outcome')!;
    expect(JSON.parse(sent.payload)).toMatchObject({ script: { packId: 'default', version: SHIPPED, path } });
  });

  test('a call recorded before the card showed its script counts for the pack in force, with no steps', async () => {
    const store = await ready();
    await importFile(store, 'orders.csv', ordersCsv([sampleOrder({ orderNo: 'DD-F1' })]));
    const { card } = await store.call('nextCard', {});
    await store.call('recordOutcome', { taskId: card!.taskId, outcome: 'no_answer' });
    const { calls } = await store.call('listPackCalls', { orderNo: 'DD-F1' });
    expect(calls).toEqual([expect.objectContaining({ outcome: 'no_answer', packId: 'default', version: SHIPPED, path: [] })]);
    const sent = outboxRows(store.db).find((r) => r.entity === 'call_outcome')!;
    expect(JSON.parse(sent.payload)).toMatchObject({ script: { packId: 'default', version: SHIPPED, path: [] } });
  });
});
