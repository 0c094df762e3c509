/**
 * The order's risk at the top of a card: level and score, the facts in plain words, the
 * looked-up regions, whether it is held and why; "add to blacklist" with a reason for anyone,
 * release / hold / reject with a reason for leads, "converted to online payment" when COD is not
 * allowed. Every action has a key (Alt+B, Alt+R, Alt+H, Alt+X, Alt+O).
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BLACKLIST_KINDS, type BlacklistKind, type BlacklistReason } from '../../../shared/contracts/risk';
import { endOfDay } from '../../../shared/risk/expiry';
import type { OrderStatus } from '../../../shared/domain';
import type { Region } from '../../../shared/risk/regions';
import { riskFactText, type OrderRiskView } from '../../../shared/risk/view';
import { api } from '../api';
import { escapeHere, isSubmitEnter } from '../keys';
import { BlacklistReasonFields, expiryProblem } from './BlacklistFields';
import { hasRole, useApp } from '../store';
import '../risk.css';

type Action = 'blacklist' | 'release' | 'hold' | 'reject' | 'online';
const KEYS: Record<Action, string> = { blacklist: 'b', release: 'r', hold: 'h', reject: 'x', online: 'o' };
/** In the order they are offered. */
const ACTIONS: Action[] = ['blacklist', 'online', 'release', 'hold', 'reject'];

function RegionLine({ label, region }: { label: string; region?: Region }) {
  const { t } = useTranslation();
  return (
    <span className="risk-region">
      {/* The network's name (as the IP data writes it, in Chinese) in the screen's language. */}
      <span className="muted">{label}</span>{' '}
      {region ? region.label + (region.isp ? ` · ${t(`risk.isp.${region.isp}`, { defaultValue: region.isp })}` : '') : t('risk.regions.unknown')}
    </span>
  );
}

/** Statuses in which an order can still be released, held or rejected (it has not left the warehouse). */
const BEFORE_SHIPPING: ReadonlySet<OrderStatus> = new Set(['pending_verify', 'verified']);

export function RiskBanner({ risk, orderNo, status, onChange }: { risk?: OrderRiskView; orderNo: string; status?: OrderStatus; onChange?: (r: OrderRiskView) => void }) {
  const { t } = useTranslation();
  const { session, fail, notify } = useApp();
  const lead = hasRole(session, 'lead');
  // Blacklisting and taking a buyer to online payment are for whoever calls them, or a lead: not a trainer alone.
  const mayAct = lead || hasRole(session, 'agent');
  const [view, setView] = useState<OrderRiskView | undefined>(risk);
  const [action, setAction] = useState<Action | null>(null);
  const [reason, setReason] = useState('');
  const [reasonMissing, setReasonMissing] = useState(false);
  const [blReason, setBlReason] = useState<BlacklistReason | ''>('');
  const [kinds, setKinds] = useState<BlacklistKind[]>(['phone']);
  const [expires, setExpires] = useState('');
  const [busy, setBusy] = useState(false);
  const actionsRow = useRef<HTMLDivElement>(null);
  /** The form closes (Esc or done): the focus goes back to the action buttons, not to the page's top. */
  const closeForm = (from: Action) => {
    setAction(null);
    requestAnimationFrame(() => {
      const row = actionsRow.current;
      (row?.querySelector<HTMLButtonElement>(`[data-action="${from}"]`) ?? row?.querySelector<HTMLButtonElement>('button'))?.focus();
    });
  };

  useEffect(() => {
    setView(risk);
    setAction(null);
  }, [risk, orderNo]);

  // The card may come without risk (a store from before screening): fetch it.
  useEffect(() => {
    if (risk) return;
    let live = true;
    api.getOrderRisk({ orderNo }).then((r) => live && setView(r), fail);
    return () => {
      live = false;
    };
  }, [risk, orderNo, fail]);

  // Release, hold and reject concern shipping: not offered on a shipped, signed or cancelled order
  // (the core refuses them there; track, revisit and recover cards showed them all the same).
  const canShipDecide = !status || BEFORE_SHIPPING.has(status);
  const allowed = (a: Action): boolean => {
    if (a === 'blacklist') return mayAct;
    if (a === 'online') return mayAct && view?.holdReason === 'online_only';
    return lead && canShipDecide && (a === 'release' ? !!view?.held : a === 'hold' ? !view?.held : true);
  };

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      const a = (Object.keys(KEYS) as Action[]).find((k) => KEYS[k] === e.key.toLowerCase());
      if (a && allowed(a)) {
        e.preventDefault();
        setAction(a);
        setReason('');
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  if (!view) return null;

  async function submit() {
    if (!action || busy) return;
    // Enter in an empty reason: the field says it is needed (the request went out and came back as a raw argument error).
    if (needsReason && !reason.trim()) {
      setReasonMissing(true);
      return;
    }
    setBusy(true);
    try {
      let next: OrderRiskView;
      if (action === 'blacklist') {
        // A past expiry date is said under its field and never sent.
        if (!blReason || expiryProblem(expires, session!.settings.businessTimeZone)) return;
        const added = await api.addBlacklist({
          entry: { orderNo, kinds },
          reason: blReason,
          note: reason,
          expiresAt: expires ? endOfDay(expires, session!.settings.businessTimeZone) : null,
        });
        notify({ kind: 'success', key: 'blacklist.added', params: { count: added.length } });
        next = await api.getOrderRisk({ orderNo });
      } else if (action === 'online') {
        next = await api.convertToOnlinePayment({ orderNo, note: reason || undefined });
      } else if (action === 'reject') {
        next = await api.rejectHeld({ orderNo, reason });
        notify({ kind: 'success', key: 'risk.actions.done', params: { orderNo } });
      } else {
        next = await api.overrideRisk({ orderNo, decision: action, reason });
      }
      setView(next);
      onChange?.(next);
      closeForm(action);
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  }

  const needsReason = action === 'release' || action === 'hold' || action === 'reject';
  return (
    <section className={`panel risk-banner risk-${view.level} ${view.held ? 'risk-held' : ''}`} data-testid="risk-banner" data-level={view.level} aria-label={t('risk.title')}>
      <header className="row">
        <span className={`risk-level risk-level-${view.level}`}>{t(`risk.levels.${view.level}`)}</span>
        <span className="muted small">{t('risk.score', { score: view.score })}</span>
        {view.held && view.holdReason && (
          <span className="badge risk-hold" data-testid="risk-held">
            {t('risk.held')} · {t(`risk.holdReasons.${view.holdReason}`)}
          </span>
        )}
        {view.confirmedAt && !view.held && <span className="badge ok">{t('risk.confirmed')}</span>}
        <span className="spacer" />
        <RegionLine label={t('risk.regions.phone')} region={view.regions.phone} />
        <RegionLine label={t('risk.regions.ip')} region={view.regions.ip} />
        <RegionLine label={t('risk.regions.ship')} region={view.regions.ship} />
      </header>
      {view.facts.length === 0 ? (
        <p className="muted small">{t('risk.noFacts')}</p>
      ) : (
        <ul className="risk-facts" data-testid="risk-facts">
          {view.facts.map((f, i) => (
            <li key={i} className={`fact-${f.sentiment}`} data-rule={f.rule}>
              <span className="risk-rule">{t(`risk.rules.${f.rule}`)}</span> {riskFactText(t, f)}
              {f.points > 0 && <span className="muted small"> +{f.points}</span>}
            </li>
          ))}
        </ul>
      )}
      {view.override && (
        <p className="small">
          {t(`risk.override.${view.override.decision}`, { reason: view.override.reason, by: view.override.by })}
          {!view.override.inForce && <span className="muted"> — {t('risk.override.outgrown')}</span>}
        </p>
      )}
      {/* A trainer alone has no action here: no empty row under the facts. */}
      {ACTIONS.some(allowed) && (
        <div className="row risk-actions" ref={actionsRow}>
          {ACTIONS.filter(allowed).map((a) => (
            <button key={a} data-action={a} className={action === a ? 'selected' : ''} onClick={() => setAction(action === a ? null : a)} aria-keyshortcuts={`Alt+${KEYS[a].toUpperCase()}`}>
              {t(a === 'blacklist' ? 'risk.actions.addBlacklist' : a === 'online' ? 'risk.actions.convertOnline' : `risk.actions.${a}`)} <kbd>Alt+{KEYS[a].toUpperCase()}</kbd>
            </button>
          ))}
        </div>
      )}
      {action && (
        <form
          className="risk-form"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
          // Esc leaves from any field of the form (the blacklist form opens on its reason list).
          // Only the form closes (not the order drawer around it).
          onKeyDown={escapeHere(() => closeForm(action))}
        >
          {action === 'blacklist' && (
            <>
              <fieldset>
                <legend>{t('blacklist.which')}</legend>
                {BLACKLIST_KINDS.map((k) => (
                  <label key={k} className="check">
                    <input type="checkbox" checked={kinds.includes(k)} onChange={(e) => setKinds(e.target.checked ? [...kinds, k] : kinds.filter((x) => x !== k))} />
                    {t(`blacklist.kinds.${k}`)}
                  </label>
                ))}
              </fieldset>
              <BlacklistReasonFields reason={blReason} onReason={setBlReason} expires={expires} onExpires={setExpires} timeZone={session!.settings.businessTimeZone} autoFocus />
            </>
          )}
          <label>
            {needsReason ? t('risk.actions.reason') : t('blacklist.note')}
            <input
              autoFocus={action !== 'blacklist'}
              value={reason}
              required={needsReason}
              maxLength={300}
              aria-invalid={reasonMissing || undefined}
              onChange={(e) => {
                setReason(e.target.value);
                setReasonMissing(false);
              }}
              onKeyDown={(e) => {
                if (isSubmitEnter(e)) {
                  e.preventDefault();
                  void submit();
                }
              }}
            />
          </label>
          {reasonMissing && (
            <p className="problem" role="alert">
              {t('risk.actions.reasonNeeded')}
            </p>
          )}
          <div className="row">
            <button type="submit" className="primary" disabled={busy || (needsReason && !reason.trim()) || (action === 'blacklist' && (kinds.length === 0 || !blReason || !!expiryProblem(expires, session!.settings.businessTimeZone)))}>
              {t('risk.actions.confirm')}
            </button>
            <button type="button" onClick={() => setAction(null)}>
              {t('risk.actions.cancel')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
