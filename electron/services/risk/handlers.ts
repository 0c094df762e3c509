/** The risk methods of the contract, over the core context. Spread into core.ts's handler map. */
import type { Handlers } from '../../../shared/contract';
import type { riskMethods } from '../../../shared/contracts/risk';
import { CallcardError } from '../../../shared/errors';
import type { OrderRiskView } from '../../../shared/risk/view';
import { maskAddress, maskIp, maskPhone, type AddressParts } from '../../../shared/mask';
import type { CoreContext } from '../context';
import { orderStatements } from '../orders';
import { masksOrderContacts } from '../reports/handlers';
import { requireAgent } from '../session';
import { addEntries, exportEntries, importEntries, listEntries, nameAddressEntry, phoneOrAccountEntry, removeEntry, type NewEntry } from './blacklist';
import { convertToOnlinePayment, overrideRisk, rejectHeld, requireAgentOrLead, requireLead, riskOfOrders } from './decisions';
import { importPrefixes, prefixCount } from './prefixes';
import { HOLDABLE_STATUSES, riskOf, screenAll, screenOrders } from './screen';
import { loadRiskSettings, saveRiskSettings } from './settings';

type RiskHandlers = Pick<Handlers, keyof typeof riskMethods>;

/**
 * An order's risk as a session that does not call customers sees it (the Orders screen of a lead or
 * trainer alone): the facts' evidence keeps the region, the reason and the names, but a number reads
 * 138****8000 and a street ****, as the order beside it does.
 */
export function maskRiskContacts(view: OrderRiskView, order: AddressParts): OrderRiskView {
  const facts = view.facts.map((f) => {
    const p = { ...f.params };
    if (typeof p.phone === 'string') p.phone = maskPhone(p.phone);
    // The order's IP, as the order beside it shows it (its region stays in the fact).
    if (typeof p.ip === 'string' && p.ip) p.ip = maskIp(p.ip);
    if (f.rule === 'vague_address') p.address = maskAddress(order);
    if (f.rule === 'blacklist_hit' && typeof p.value === 'string') {
      // An account is not a contact detail; a number or a name with its address is.
      if (f.kind === 'phone') p.value = maskPhone(p.value);
      else if (f.kind === 'name_address') p.value = `${p.value.split(' / ')[0]} / ${maskAddress(order)}`;
    }
    return { ...f, params: p };
  });
  return { ...view, facts };
}

/** Risk views as this session may see them (the command line's `risk` lists, see maskRiskContacts). */
export function risksAsShown(ctx: CoreContext, views: OrderRiskView[]): OrderRiskView[] {
  if (!masksOrderContacts(ctx)) return views;
  const os = orderStatements(ctx.db);
  return views.map((v) => {
    const o = os.byNo.get(v.orderNo);
    return o ? maskRiskContacts(v, o) : v;
  });
}

const bytes = (b64: string) => Buffer.from(b64, 'base64');

export function createRiskHandlers(ctx: CoreContext): RiskHandlers {
  const os = orderStatements(ctx.db);
  const orderByNo = (orderNo: string) => {
    const row = os.byNo.get(orderNo);
    if (!row) throw new CallcardError('order_not_found', { orderNo });
    return row;
  };
  /** What the session may see of an order's risk (see maskRiskContacts). */
  const shown = (orderNo: string, view: OrderRiskView): OrderRiskView => {
    if (!masksOrderContacts(ctx)) return view;
    const o = orderByNo(orderNo);
    return maskRiskContacts(view, { province: o.province, city: o.city, district: o.district, address: o.address });
  };
  const lead = () => {
    const agent = requireAgent(ctx);
    requireLead(agent);
    return agent;
  };

  return {
    getOrderRisk: (a) => {
      const o = orderByNo(a.orderNo);
      return shown(a.orderNo, riskOf(ctx.db, o.id, ctx.now()));
    },
    riskOfOrders: (a) => riskOfOrders(ctx, a.orderNos),
    rescreen: (a) => ('all' in a ? screenAll(ctx.db, ctx.now()) : screenOrders(ctx.db, [orderByNo(a.orderNo).id], ctx.now())),
    overrideRisk: (a) => shown(a.orderNo, overrideRisk(ctx, requireAgent(ctx), a)),
    rejectHeld: (a) => shown(a.orderNo, rejectHeld(ctx, requireAgent(ctx), a)),
    convertToOnlinePayment: (a) => shown(a.orderNo, convertToOnlinePayment(ctx, requireAgentOrLead(requireAgent(ctx)), a)),

    // Numbers, names and addresses whole: for those who call customers or manage the list, not a trainer alone.
    listBlacklist: (a) => {
      requireAgentOrLead(requireAgent(ctx));
      return listEntries(ctx.db, ctx.now(), a);
    },
    addBlacklist: (a) => {
      // Any agent may add (an abusive buyer is met on a call), and a lead; removing and importing is for leads.
      const agent = requireAgentOrLead(requireAgent(ctx));
      const e = a.entry;
      let entries: NewEntry[];
      if ('orderNo' in e) {
        const o = orderByNo(e.orderNo);
        entries = e.kinds.flatMap((kind): NewEntry[] => {
          if (kind === 'phone') return [phoneOrAccountEntry('phone', o.phone)];
          if (kind === 'account') return o.buyer_account ? [phoneOrAccountEntry('account', o.buyer_account)] : [];
          return [nameAddressEntry({ name: o.customer_name, province: o.province, city: o.city, district: o.district, address: o.address })];
        });
        // Only "account" was asked for, and the order has none.
        if (!entries.length) throw new CallcardError('blacklist_no_account', { orderNo: o.order_no });
      } else if (e.kind === 'name_address') {
        entries = [nameAddressEntry(e)];
      } else {
        entries = [phoneOrAccountEntry(e.kind, e.value)];
      }
      return addEntries(ctx, entries, { reason: a.reason, note: a.note, expiresAt: a.expiresAt, addedBy: agent.name });
    },
    removeBlacklist: (a) => {
      lead();
      return removeEntry(ctx, a.id);
    },
    importBlacklist: (a) => importEntries(ctx, bytes(a.contentBase64), lead().name),
    exportBlacklist: (a) => {
      requireAgentOrLead(requireAgent(ctx));
      return exportEntries(ctx.db, ctx.now(), a.includeExpired, a.lang);
    },
    importPhonePrefixes: async (a) => {
      lead();
      const r = await importPrefixes(ctx, bytes(a.contentBase64));
      // New ranges change regions: screen the orders still to ship.
      screenAll(ctx.db, ctx.now(), [...HOLDABLE_STATUSES]);
      return r;
    },
    phonePrefixCount: () => ({ count: prefixCount(ctx.db) }),

    getRiskSettings: () => loadRiskSettings(ctx.db),
    updateRiskSettings: (a) => {
      lead();
      return ctx.db.transaction(() => {
        const settings = saveRiskSettings(ctx.db, a.patch, ctx.now());
        return { settings, rescreened: screenAll(ctx.db, ctx.now(), [...HOLDABLE_STATUSES]) };
      })();
    },
  };
}
