import { join } from 'node:path';
import { MIGRATIONS } from '../../electron/services/db/migrations';
import { openDatabase, type Db } from '../../electron/services/db/open';
import { tempDataDir } from './store';

/** A fresh store migrated only up to (and including) migration `id`. */
export function storeAtMigration(id: number): Db {
  return openDatabase(join(tempDataDir(), 'callcard.db'), MIGRATIONS.filter((m) => m.id <= id));
}

export function tableNames(db: Db): string[] {
  return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
}

export function columnNames(db: Db, table: string): string[] {
  return (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((r) => r.name);
}
