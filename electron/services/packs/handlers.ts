/** The script pack methods of the contract, over the core context. Spread into core.ts's handler map. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Handlers } from '../../../shared/contract';
import type { packMethods } from '../../../shared/contracts/packs';
import type { Translate } from '../../../shared/dispatch';
import { CallcardError } from '../../../shared/errors';
import { translator } from '../../../shared/i18n';
import {
  BUILTIN_SAMPLE,
  cardScriptContext,
  runScript,
  sampleScriptContext,
  validatePackText,
  type PackValidation,
} from '../../../shared/scriptpack';
import type { CoreContext } from '../context';
import { maskOrderView, orderStatements, toView } from '../orders';
import { masksOrderContacts } from '../reports/handlers';
import { maskRiskContacts } from '../risk/handlers';
import { riskOf } from '../risk/screen';
import { currentAgent } from '../session';
import { loadSettings } from '../settings';
import {
  activatePack,
  cardScript,
  getPackVersion,
  hasAnyActivation,
  hasPackVersion,
  listPackCalls,
  listPacks,
  loadPack,
  onlyAutomaticActivations,
  packOfVersion,
  repairProductOnlyDefault,
  rollbackPack,
  validationView,
} from './store';

type PackHandlers = Pick<Handlers, keyof typeof packMethods>;

/** The default pack, shipped in resources/packs; activated for every product on first open. */
export const DEFAULT_PACK_FILE = 'default.yaml';

/** Parsing the shipped packs once per process: every test and every window opens a core. */
const shippedCache = new Map<string, PackValidation>();

/** id and version as a YAML pack writes them on their own lines; null when written otherwise. */
function shippedKey(text: string): { id: string; version: string } | null {
  const id = /^id:\s*["']?([\w.-]+)["']?\s*$/m.exec(text)?.[1];
  const version = /^version:\s*["']?([\w.+-]+)["']?\s*$/m.exec(text)?.[1];
  return id && version ? { id, version } : null;
}

/**
 * Stores the shipped packs and keeps the default one in force while nobody has chosen otherwise:
 * - first open (no pack has ever been active): every shipped pack is stored, the default activated;
 * - an app update that ships a new version: it is stored, and activated only if every activation
 *   so far was automatic. Once a trainer (here or through the server) has chosen a pack, an app
 *   start never changes what is in force; the new version just waits in the list;
 * - a pack for some products found in force as the default (accepted by older versions) is put
 *   back to its products (see repairProductOnlyDefault).
 */
export function installDefaultPacks(ctx: CoreContext, t: Translate): void {
  const first = !hasAnyActivation(ctx.db);
  const dir = join(ctx.resourcesDir, 'packs');
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => /\.(ya?ml|json)$/i.test(f)).sort();
  } catch {
    return;
  }
  let shippedDefault: { packId: string; version: string } | null = null;
  for (const file of files) {
    const text = readFileSync(join(dir, file), 'utf8');
    const known = shippedKey(text);
    if (file === DEFAULT_PACK_FILE && known) shippedDefault = { packId: known.id, version: known.version };
    // The usual start: this version is stored already. Known without parsing the pack.
    if (!first && known && hasPackVersion(ctx.db, known.id, known.version)) continue;
    let v = shippedCache.get(text);
    if (!v) {
      v = validatePackText(text);
      shippedCache.set(text, v);
    }
    // A broken shipped pack is a build error the tests catch; never block opening the store.
    if (!v.pack) continue;
    if (!first && hasPackVersion(ctx.db, v.pack.id, v.pack.version)) continue;
    const automatic = first || onlyAutomaticActivations(ctx.db);
    loadPack(ctx, null, file, text, t, v, true);
    // The default is for every product: a shipped pack that lists products cannot be it (activatePack refuses).
    if (file === DEFAULT_PACK_FILE && automatic && !v.pack.products?.length) activatePack(ctx, null, { packId: v.pack.id, version: v.pack.version }, 'auto');
  }
  repairProductOnlyDefault(ctx, shippedDefault);
}

export function createPackHandlers(ctx: CoreContext, t: Translate): PackHandlers {
  installDefaultPacks(ctx, t);
  const os = orderStatements(ctx.db);
  /**
   * Who may change the words every agent says: a trainer or a lead. The command line on a store
   * nobody has set up yet (an administrator installing packs) has no session and is let through.
   */
  const packEditor = () => {
    const agent = currentAgent(ctx);
    if (agent && !agent.roles.includes('trainer') && !agent.roles.includes('lead')) throw new CallcardError('trainer_or_lead_only');
    return agent?.id ?? null;
  };

  return {
    listPacks: () => listPacks(ctx.db),
    validatePack: (a) => validationView(validatePackText(a.text), t),
    loadPack: (a) => loadPack(ctx, packEditor(), a.fileName, a.text, t),
    getPackVersion: (a) => getPackVersion(ctx.db, a.packId, a.version, t),
    activatePack: (a) => activatePack(ctx, packEditor(), a),
    rollbackPack: (a) => rollbackPack(ctx, packEditor(), a.product),
    getCardScript: (a) => ({ script: cardScript(ctx.db, a.product || undefined, a.flow) }),
    previewScript: (a) => {
      const pack = packOfVersion(ctx.db, a.packId, a.version);
      const settings = loadSettings(ctx.db);
      const who = { agentName: currentAgent(ctx)?.name, shopName: settings.shopName || undefined, timeZone: settings.businessTimeZone };
      const lt = translator(a.locale);
      let context;
      if (a.orderNo) {
        const row = os.byNo.get(a.orderNo);
        if (!row) throw new CallcardError('order_not_found', { orderNo: a.orderNo });
        // A real order's preview says its details as the previewer may see them (a trainer alone:
        // masked), and takes the path its card would: a held order opens with its risk.
        const order = toView(row, os.lines.all(row.id));
        const risk = riskOf(ctx.db, row.id, ctx.now());
        const masked = masksOrderContacts(ctx);
        context = cardScriptContext(
          { order: masked ? maskOrderView(order) : order, isCallback: false, unanswered: 0, risk: masked ? maskRiskContacts(risk, row) : risk },
          who,
          lt,
        );
      } else {
        context = sampleScriptContext(a.sample ?? BUILTIN_SAMPLE, who, a.flow);
      }
      return runScript({ pack, flow: a.flow, context, locale: a.locale, t: lt, events: a.events, startedAt: ctx.now().toISOString() });
    },
    listPackCalls: (a) => listPackCalls(ctx.db, a),
  };
}

