import type { Db } from './db/open';

/** What every core service needs: the store and a clock (injected so tests control time). */
export interface CoreContext {
  db: Db;
  now: () => Date;
  resourcesDir: string;
}
