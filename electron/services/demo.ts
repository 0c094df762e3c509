import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ImportSummary } from '../../shared/contract';
import type { Translate } from '../../shared/dispatch';
import type { CoreContext } from './context';
import { importOrderFile } from './import/importOrders';

export const DEMO_ORDERS_FILE = 'demo/orders.csv';

/** Loads the shipped demo orders (a realistic shop export) through the normal import path. */
export async function loadDemo(ctx: CoreContext, t: Translate): Promise<ImportSummary> {
  const file = join(ctx.resourcesDir, DEMO_ORDERS_FILE);
  return importOrderFile(ctx, 'orders.csv', readFileSync(file), t);
}
