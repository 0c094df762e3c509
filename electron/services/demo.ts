import type { ImportSummary } from '../../shared/contract';
import type { Translate } from '../../shared/dispatch';
import type { CoreContext } from './context';
import { generateDemoOrders } from './demo/generate';
import { writeOrders } from './import/importOrders';

/** Sample export files a user can import by hand (written by `npm run demo:files`). */
export const DEMO_ORDERS_FILE = 'demo/orders.csv';

/**
 * Loads the demo orders, placed relative to the store's clock so the queue has fresh work.
 * Order numbers depend only on the generator's seed: loading again updates the same orders.
 * The summary (and the import run) names the data in the user's language.
 */
export async function loadDemo(ctx: CoreContext, t: Translate): Promise<ImportSummary> {
  const orders = generateDemoOrders(ctx.now());
  const summary: ImportSummary = { fileName: t('demo.fileName'), totalRows: orders.length, created: 0, updated: 0, unchanged: 0, rejected: [] };
  writeOrders(ctx, orders, summary);
  return summary;
}
