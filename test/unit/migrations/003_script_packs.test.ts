import { expect, test } from 'vitest';
import { columnNames, storeAtMigration, tableNames } from '../../helpers/migrations';

test('migration 3 (script_packs): versions, activations, the script a call followed', () => {
  const db = storeAtMigration(3);
  try {
    expect(tableNames(db)).toEqual(expect.arrayContaining(['script_pack_versions', 'script_pack_activations']));
    expect(columnNames(db, 'call_outcomes')).toEqual(expect.arrayContaining(['script_pack_id', 'script_version', 'script_path']));

    const at = '2026-11-20T04:00:00.000Z';
    const insertVersion = (id: string, version: string, valid: 0 | 1) =>
      db
        .prepare(
          `INSERT INTO script_pack_versions (id, pack_id, version, name, file_name, source, sha256, parsed, valid, loaded_at)
           VALUES (?, 'default', ?, '默认话术', 'default.yaml', 'id: default', 'x', ?, ?, ?)`,
        )
        .run(id, version, valid ? '{}' : null, valid, at);
    insertVersion('v1', '1.0.0', 1);
    insertVersion('v2', '1.1.0', 0);

    // One row per pack version; validity and the parsed pack go together.
    expect(() => insertVersion('v3', '1.0.0', 1)).toThrow(/UNIQUE/);
    expect(() =>
      db
        .prepare(
          `INSERT INTO script_pack_versions (id, pack_id, version, name, file_name, source, sha256, parsed, valid, loaded_at)
           VALUES ('v4', 'default', '2.0.0', 'x', 'x.yaml', 'x', 'x', NULL, 1, ?)`,
        )
        .run(at),
    ).toThrow(/CHECK/);

    // A valid version is frozen; an invalid draft may be replaced.
    expect(() => db.prepare("UPDATE script_pack_versions SET source = 'changed' WHERE id = 'v1'").run()).toThrow(/cannot be changed/);
    expect(() => db.prepare("DELETE FROM script_pack_versions WHERE id = 'v1'").run()).toThrow(/cannot be removed/);
    db.prepare("UPDATE script_pack_versions SET source = 'fixed' WHERE id = 'v2'").run();

    // Only a valid version can be activated, whoever writes the row.
    const activate = (id: string, versionId: string | null, action = 'activate', scope = '*') =>
      db
        .prepare('INSERT INTO script_pack_activations (id, scope, version_id, action, activated_at) VALUES (?, ?, ?, ?, ?)')
        .run(id, scope, versionId, action, at);
    activate('a1', 'v1');
    expect(() => activate('a2', 'v2')).toThrow(/invalid script pack cannot be activated/);
    expect(() => activate('a3', 'no-such-version')).toThrow(/invalid script pack cannot be activated|FOREIGN KEY/);
    // Only a product rolled back past its first activation has no version (it uses the default's).
    activate('a4', 'v1', 'activate', '鲍鱼罐头');
    activate('a5', null, 'rollback', '鲍鱼罐头');
    expect(() => activate('a6', null, 'activate', '鲍鱼罐头')).toThrow(/CHECK/);
    expect(() => activate('a7', null, 'rollback', '*')).toThrow(/CHECK/);
    // The history is append-only.
    expect(() => db.prepare("UPDATE script_pack_activations SET version_id = 'v2' WHERE id = 'a1'").run()).toThrow(/append-only/);

    // Calls from before this migration simply have no script recorded.
    db.prepare("INSERT INTO agents (id, name, roles, created_at) VALUES ('ag', '王小丽', '[\"agent\"]', ?)").run(at);
    db.prepare(
      `INSERT INTO orders (id, order_no, status, customer_name, phone, address, amount_fen, payment_method, created_at, updated_at)
       VALUES ('o1', 'DD1', 'pending_verify', '张秀英', '13800138000', '农业路38号', 9900, 'cod', ?, ?)`,
    ).run(at, at);
    db.prepare("INSERT INTO call_tasks (id, order_id, flow, state, due_at, created_at) VALUES ('t1', 'o1', 'verify', 'open', ?, ?)").run(at, at);
    db.prepare(
      `INSERT INTO call_outcomes (id, task_id, order_id, flow, outcome, reached, agent_id, attempt, created_at)
       VALUES ('c1', 't1', 'o1', 'verify', 'confirmed', 1, 'ag', 1, ?)`,
    ).run(at);
    db.prepare(
      `INSERT INTO call_outcomes (id, task_id, order_id, flow, outcome, reached, agent_id, attempt, created_at,
         script_pack_id, script_version, script_path)
       VALUES ('c2', 't1', 'o1', 'verify', 'confirmed', 1, 'ag', 2, ?, 'default', '1.0.0', ?)`,
    ).run(at, JSON.stringify([{ step: 'greet', at }]));
    expect(db.prepare('SELECT id, script_pack_id, script_version, script_path FROM call_outcomes ORDER BY id').all()).toEqual([
      { id: 'c1', script_pack_id: null, script_version: null, script_path: null },
      { id: 'c2', script_pack_id: 'default', script_version: '1.0.0', script_path: `[{"step":"greet","at":"${at}"}]` },
    ]);
    const plan = db
      .prepare("EXPLAIN QUERY PLAN SELECT id FROM call_outcomes WHERE script_pack_id = 'default' AND script_version = '1.0.0'")
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/call_outcomes_script/);
  } finally {
    db.close();
  }
});
