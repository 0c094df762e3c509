import { isKnownProvince, PROVINCES } from '../../../shared/provinces';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AcceptedOffer, ArgsIn, CallCard, Corrections, SessionView } from '../../../shared/contract';
import { ALSO_ON_REVISIT, takesAlsoOutcomes, type AlsoOnRevisit, type ReasonList } from '../../../shared/outcomes';
import { callbackText, parseCallbackText } from '../../../shared/callbackText';
import { callbackPresets, nextCallingTime, withinCallingHours, type CallingHours } from '../../../shared/calling';
import { formatMoney, formatTime, yuanToFen } from '../format';
import { isSubmitEnter, isTyping } from '../keys';
import { reasonForKey, reasonKey, useReasons, type OutcomeChoice, type ReasonChoice } from '../outcomes';
import { restoredDetails, type FormDraft } from '../drafts';

type TextField = 'customerName' | 'phone' | 'province' | 'city' | 'district' | 'address' | 'package';
const TEXT_FIELDS: TextField[] = ['address', 'province', 'city', 'district', 'customerName', 'phone', 'package'];

/** What the form adds to the outcome: the contract's arguments the agent fills in. */
export type OutcomeExtra = Pick<
  ArgsIn<'recordOutcome'>,
  'note' | 'reasonCode' | 'corrections' | 'callbackAt' | 'offer' | 'station' | 'compensationFen' | 'refundFen' | 'inCallUpsell' | 'alsoOutcomes'
>;


/** Digits typed within this long of a quick pick are read as a time being typed, not as picks. */
const TYPED_TIME_MS = 1200;

/** What a typed time is read as (a time said in words, shown as its date and time), unless the field already shows it so. */
function CallbackReading(props: { value: string; timeZone: string }) {
  const { i18n } = useTranslation();
  const at = parseCallbackText(props.value, new Date(), props.timeZone);
  if (!at || callbackText(at, props.timeZone) === props.value.trim()) return null;
  return (
    <span className="muted small" data-testid="callback-reading">
      {' = '}
      {formatTime(at.toISOString(), i18n.language, props.timeZone)}
    </span>
  );
}

/** Says when a callback time the agent chose falls outside calling hours, and when the card will really come back. */
function CallbackHoursHint(props: { value: string; timeZone: string; hours: CallingHours }) {
  const { t, i18n } = useTranslation();
  const at = parseCallbackText(props.value, new Date(), props.timeZone);
  if (!at || withinCallingHours(at, props.timeZone, props.hours)) return null;
  const comes = nextCallingTime(at, props.timeZone, props.hours);
  return (
    <p className="muted small" data-testid="callback-outside-hours">
      {t('card.callbackOutsideHours', { start: props.hours.start, end: props.hours.end, time: formatTime(comes.toISOString(), i18n.language, props.timeZone) })}
    </p>
  );
}

/** Reasons as buttons; 1–9 and 0 pick one while the agent is not typing in a text box. */
function ReasonPicker(props: { reasons: ReasonChoice[]; value: string; onChange(code: string): void; autoFocus?: boolean; label: string; group: string }) {
  return (
    <fieldset className="reasons" role="radiogroup" aria-label={props.label} data-group={props.group}>
      <legend>{props.label}</legend>
      {props.reasons.map((r, i) => (
        <button
          type="button"
          key={r.code}
          role="radio"
          aria-checked={props.value === r.code}
          className={props.value === r.code ? 'selected' : ''}
          // The focus sits on the chosen reason (the one the script preset), else on the first:
          // a focus ring on one reason while another is ticked read as two choices.
          autoFocus={props.autoFocus && (props.reasons.some((x) => x.code === props.value) ? props.value === r.code : i === 0)}
          data-reason={r.code}
          onClick={() => props.onChange(r.code)}
        >
          {reasonKey(props.reasons, i) !== null && <kbd>{reasonKey(props.reasons, i)}</kbd>} {r.label}
        </button>
      ))}
    </fieldset>
  );
}

/** An upsell offer: one the script pack proposes, or one the agent writes down. */
function OfferEditor(props: { card: CallCard; offers: AcceptedOffer[]; autoFocus?: boolean; onChange(offer: AcceptedOffer | null, problem: string | null): void }) {
  const { t, i18n } = useTranslation();
  const first = props.card.order.lines[0];
  const [choice, setChoice] = useState<string>(props.offers[0]?.id ?? 'manual');
  const [product, setProduct] = useState(first?.product ?? '');
  const [pkg, setPkg] = useState('');
  const [quantity, setQuantity] = useState('1');
  const [amount, setAmount] = useState('');
  // The pack's offers arrive a moment after the card: until the agent picks or types something,
  // the editor follows the first offer proposed, so a quick key never leaves the agent's own
  // offer (empty) chosen while the pack's bundle sits unticked beside it.
  const touched = useRef(false);
  const box = useRef<HTMLDivElement>(null);
  /** The offer whose radio takes the focus once it is rendered checked. */
  const focusPick = useRef<string | null>(null);
  const firstOffer = props.offers[0]?.id ?? 'manual';
  // What is on offer, priced: the same bundle at another total (the order changed) is news too.
  const offersKey = props.offers.map((o) => `${o.id}:${o.newTotalFen}`).join('|');
  useEffect(() => {
    // From its first render on, the form holds what this editor shows (it may have been opened
    // before the offers came, or with another card's), and the totals as they are now.
    if (touched.current || firstOffer === choice) return emit({});
    setChoice(firstOffer);
    emit({ choice: firstOffer });
    const here = document.activeElement;
    // The focus follows to the proposed offer (Enter records it) unless the agent is elsewhere.
    const agentHere = !here || here === document.body || !!box.current?.contains(here);
    focusPick.current = props.autoFocus && agentHere ? firstOffer : null;
  }, [offersKey]);
  useEffect(() => {
    if (!focusPick.current || focusPick.current !== choice) return;
    focusPick.current = null;
    box.current?.querySelector<HTMLInputElement>('input[name="offer"]:checked')?.focus();
  });

  function emit(next: { choice?: string; product?: string; pkg?: string; quantity?: string; amount?: string }) {
    const c = next.choice ?? choice;
    const picked = props.offers.find((o) => o.id === c);
    if (picked) return props.onChange(picked, null);
    const fen = yuanToFen(next.amount ?? amount);
    const q = Number(next.quantity ?? quantity);
    const name = (next.product ?? product).trim();
    if (!name || !(next.amount ?? amount).trim()) return props.onChange(null, t('card.offerNeedsProduct'));
    if (fen === null) return props.onChange(null, t('card.badAmount'));
    if (!Number.isInteger(q) || q < 1) return props.onChange(null, t('card.badQuantity'));
    props.onChange(
      {
        id: 'manual',
        title: `${name} ${(next.pkg ?? pkg).trim()}`.trim(),
        addLines: [{ product: name, package: (next.pkg ?? pkg).trim(), quantity: q, amountFen: fen }],
        newTotalFen: props.card.order.amountFen + fen,
      },
      null,
    );
  }

  const picked = props.offers.find((o) => o.id === choice);
  const paid = props.card.order.amountFen;
  const manualFen = choice === 'manual' ? yuanToFen(amount) : null;
  const newTotal = picked ? picked.newTotalFen : manualFen !== null ? paid + manualFen : null;
  const paidOnline = props.card.order.paymentMethod === 'online';
  return (
    <div className="offer-editor" ref={box} onChangeCapture={() => (touched.current = true)}>
      {props.offers.length > 0 && (
        <div className="row" role="radiogroup" aria-label={t('card.offer')}>
          {props.offers.map((o) => (
            <label key={o.id} className="check">
              <input
                type="radio"
                name="offer"
                // The proposed offer has the focus, so Enter records it (arrows choose another).
                autoFocus={props.autoFocus && choice === o.id}
                checked={choice === o.id}
                onChange={() => {
                  setChoice(o.id);
                  emit({ choice: o.id });
                }}
              />
              {o.title} → {formatMoney(o.newTotalFen, i18n.language)}
            </label>
          ))}
          <label className="check">
            <input
              type="radio"
              name="offer"
              checked={choice === 'manual'}
              onChange={() => {
                // The agent's own offer replaces the proposed one at once: until it is complete
                // nothing is recorded (Enter used to record the pack's offer still held).
                setChoice('manual');
                emit({ choice: 'manual' });
              }}
            />
            {t('card.offerManual')}
          </label>
        </div>
      )}
      {choice === 'manual' && (
        <div className="corrections">
          <label>
            {t('fields.product')}
            <input name="offerProduct" autoFocus value={product} onChange={(e) => (setProduct(e.target.value), emit({ product: e.target.value }))} />
          </label>
          <label>
            {t('fields.package')}
            <input name="offerPackage" value={pkg} onChange={(e) => (setPkg(e.target.value), emit({ pkg: e.target.value }))} />
          </label>
          <datalist id="province-names">
            {PROVINCES.map((p) => (
              <option key={p} value={p} />
            ))}
          </datalist>
          <label>
            {t('fields.quantity')}
            <input name="offerQuantity" inputMode="numeric" value={quantity} onChange={(e) => (setQuantity(e.target.value), emit({ quantity: e.target.value }))} />
          </label>
          <label>
            {t('card.offerAdds')}
            <input name="offerAmount" inputMode="decimal" value={amount} onChange={(e) => (setAmount(e.target.value), emit({ amount: e.target.value }))} />
          </label>
        </div>
      )}
      {newTotal !== null && (
        <p className="muted small" data-testid="offer-total">
          {t('card.offerNewTotal', { total: formatMoney(newTotal, i18n.language) })}
          {/* Paid online: the customer pays only what the offer adds, never the original again. */}
          {paidOnline && ` · ${t('card.offerStillToPay', { paid: formatMoney(paid, i18n.language), due: formatMoney(newTotal - paid, i18n.language) })}`}
        </p>
      )}
    </div>
  );
}

/**
 * What the agent adds to an outcome before it is recorded — exactly what the catalogue says this
 * outcome needs: a reason, corrections, a callback time, an offer, a station, an amount. Enter
 * records (never while an IME is composing), Esc goes back, 1–9 pick a reason.
 */
export function OutcomeForm(props: {
  choice: OutcomeChoice;
  card: CallCard;
  session: SessionView;
  busy: boolean;
  timeZone: string;
  offers: AcceptedOffer[];
  presetReason?: string;
  /**
   * The script's end step picked this outcome: the focus goes to Record (Enter records), not the
   * note, so J / K still move the script (they typed "kkk" into the note).
   */
  byScript?: boolean;
  /** What the agent had typed in this form before a reload (drafts.ts). */
  draft?: FormDraft;
  /** The note typed on this card with another outcome, kept when the agent changes the outcome. */
  carriedNote?: string;
  /** What else the call achieved, ticked on the revisit result the agent switched from. */
  carriedAlso?: string[];
  /** The details changed on this card in a form put away (Esc, or another outcome picked): they come back. */
  carriedDetails?: Pick<FormDraft, 'fields' | 'quantity' | 'amount' | 'base'>;
  /** What is typed, as it is typed; `editsDetails`: the form shows the order's details for changing. */
  onDraft?(form: FormDraft, editsDetails: boolean): void;
  onCancel(): void;
  onSubmit(extra: OutcomeExtra): void;
}) {
  const { t, i18n } = useTranslation();
  const { choice, card, timeZone, session } = props;
  // The whole form in view when it opens (on a 1366×768 screen the corrections ran below the fold).
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    formRef.current?.scrollIntoView?.({ block: 'nearest' });
  }, [choice.def.code]);
  const def = choice.def;
  const requires = new Set(def.requires ?? []);
  // A lead won back may change its package or address on the same call: the same fields, opened on request.
  const mayCorrect = !requires.has('corrections') && !!def.accepts?.includes('corrections');
  const order = card.order;
  const line = order.lines[0];
  const reasonList: ReasonList | undefined = def.reasons;
  const reasons = useReasons(session, reasonList ?? 'loss');
  const upsellReasons = useReasons(session, 'upsellDecline');
  const d = props.draft;
  const [note, setNote] = useState(d?.note ?? props.carriedNote ?? '');
  const [reason, setReason] = useState(d?.reason ?? props.presetReason ?? '');
  // The order's details as the form opens on them; a draft adds only what the agent had changed.
  const [base] = useState(() => ({
    fields: {
      customerName: order.customerName,
      phone: order.phone,
      province: order.province,
      city: order.city,
      district: order.district,
      address: order.address,
      package: line?.package ?? '',
    } as Record<TextField, string>,
    quantity: String(line?.quantity ?? 1),
    amount: (order.amountFen / 100).toFixed(2),
  }));
  const [start] = useState(() => restoredDetails(base, d ?? (props.carriedDetails as FormDraft | undefined)));
  const [fields, setFields] = useState<Record<TextField, string>>(start.fields as Record<TextField, string>);
  const [quantity, setQuantity] = useState(start.quantity);
  const [amount, setAmount] = useState(start.amount);
  // Quick callback times (1–4 while the focus is not in a text box); the field takes any other.
  const presets = useMemo(
    () => (requires.has('callbackAt') ? callbackPresets(new Date(), timeZone, session.settings.callingHours).map((p) => ({ ...p, value: callbackText(p.at, timeZone) })) : []),
    // Computed when the form opens: the choices should not move under the agent's fingers.
    [],
  );
  // Proposed: in an hour (moved into calling hours; at 20:30 "21:30" would come back only next morning, overdue).
  /** The quick pick just made by a digit, and when: a second digit soon after means a typed time. */
  const lastPick = useRef<{ key: string; at: number } | null>(null);
  const [callbackAt, setCallbackAt] = useState(d?.callbackAt ?? (presets.find((p) => p.id === 'in60') ?? presets[0])?.value ?? '');
  const [offer, setOffer] = useState<{ offer: AcceptedOffer | null; problem: string | null }>({ offer: props.offers[0] ?? null, problem: props.offers[0] ? null : t('card.offerNeedsProduct') });
  // The pickup point the courier named, ready to confirm or change.
  const [station, setStation] = useState(d?.station ?? order.courier?.station ?? '');
  const [money, setMoney] = useState(d?.money ?? (requires.has('refundFen') ? '0' : '5'));
  const [correcting, setCorrecting] = useState(mayCorrect && !!d?.correcting);
  const editsDetails = requires.has('corrections') || correcting;
  // A revisit result can carry what else the call achieved (joined WeChat, wants to buy again).
  const alsoChoices = takesAlsoOutcomes(def.code) ? ALSO_ON_REVISIT.filter((c) => c !== def.code) : [];
  const [also, setAlso] = useState<AlsoOnRevisit[]>(() =>
    (d?.also ?? props.carriedAlso ?? []).filter((c): c is AlsoOnRevisit => (alsoChoices as string[]).includes(c)),
  );
  // Alt+N: to the note from anywhere in the form (it sat up to ten Tabs away behind corrections or a callback time).
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (!e.altKey || e.ctrlKey || e.metaKey || e.code !== 'KeyN') return;
      const input = formRef.current?.querySelector<HTMLInputElement>('input[name="note"]');
      if (!input) return;
      e.preventDefault();
      input.focus();
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // Opened on request: the agent goes on typing in the first field.
  useEffect(() => {
    if (correcting) formRef.current?.querySelector<HTMLInputElement>('.corrections input')?.focus();
  }, [correcting]);
  const canUpsell = def.code === 'confirmed' || def.code === 'corrected';
  const [upsell, setUpsell] = useState<'none' | 'upsell_accepted' | 'upsell_declined'>(canUpsell && (d?.upsell === 'upsell_accepted' || d?.upsell === 'upsell_declined') ? d.upsell : 'none');
  const [upsellOffer, setUpsellOffer] = useState<{ offer: AcceptedOffer | null; problem: string | null }>({ offer: props.offers[0] ?? null, problem: props.offers[0] ? null : t('card.offerNeedsProduct') });
  const [upsellReason, setUpsellReason] = useState(d?.upsellReason ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  // Kept as it is typed: a reload brings it back (drafts.ts).
  const onDraft = props.onDraft;
  useEffect(() => {
    onDraft?.({ note, reason, fields, quantity, amount, callbackAt, station, money, correcting, base, also, upsell, upsellReason }, editsDetails);
    // onDraft is a new function on every render of the card; what is typed is what matters.
  }, [note, reason, fields, quantity, amount, callbackAt, station, money, correcting, also, upsell, upsellReason]);

  // A digit picks a reason or a quick time: the focus follows the pick within its list (the ring
  // stayed on the first while another was ticked, and read as two choices).
  useEffect(() => {
    const at = document.activeElement;
    const group = at instanceof HTMLElement ? at.closest('fieldset.reasons') : null;
    if (!group || !formRef.current?.contains(group) || at?.getAttribute('aria-checked') === 'true') return;
    group.querySelector<HTMLElement>('[aria-checked="true"]')?.focus();
  }, [reason, upsellReason, callbackAt]);

  /** A reason is missing: said, and the focus goes to the reasons, where the digit keys pick one (in the note they were typed). */
  function missingReason(group: 'outcome' | 'upsell') {
    setProblem(t('card.pickReason'));
    formRef.current?.querySelector<HTMLElement>(`fieldset.reasons[data-group="${group}"] button`)?.focus();
  }

  function submit() {
    if (props.busy) return;
    const extra: OutcomeExtra = {};
    if (note.trim()) extra.note = note.trim();
    if (reasonList) {
      if (!reason) return missingReason('outcome');
      extra.reasonCode = reason;
    }
    if (editsDetails) {
      const c: Corrections = {};
      for (const f of TEXT_FIELDS) {
        const before = f === 'package' ? (line?.package ?? '') : order[f];
        if (fields[f].trim() !== before) c[f] = fields[f].trim();
      }
      const q = Number(quantity);
      if (!Number.isInteger(q) || q < 1) return setProblem(t('card.badQuantity'));
      if (line && q !== line.quantity) c.quantity = q;
      const fen = yuanToFen(amount);
      if (fen === null) return setProblem(t('card.badAmount'));
      if (fen !== order.amountFen) c.amountFen = fen;
      // A province is one of China's: a line typed into the wrong box ("IDD2026…") is not saved as one.
      if (c.province !== undefined && !isKnownProvince(c.province)) {
        setProblem(t('card.unknownProvince', { value: c.province }));
        formRef.current?.querySelector<HTMLElement>('input[name="province"]')?.focus();
        return;
      }
      if (Object.keys(c).length === 0 && !mayCorrect) return setProblem(t('card.nothingCorrected'));
      if (Object.keys(c).length > 0) extra.corrections = c;
    }
    if (requires.has('callbackAt')) {
      const at = parseCallbackText(callbackAt, new Date(), timeZone);
      if (!at) return setProblem(t('card.callbackUnreadable', { text: callbackAt.trim() }));
      if (at.getTime() <= Date.now()) return setProblem(t('card.callbackInFuture'));
      extra.callbackAt = at.toISOString();
    }
    if (requires.has('offer')) {
      if (!offer.offer) return setProblem(offer.problem ?? t('card.offerNeedsProduct'));
      extra.offer = offer.offer;
    }
    if (requires.has('station')) {
      if (!station.trim()) return setProblem(t('card.stationRequired'));
      extra.station = station.trim();
    }
    if (requires.has('compensationFen') || requires.has('refundFen')) {
      const fen = yuanToFen(money);
      if (fen === null) return setProblem(t('card.badAmount'));
      if (requires.has('compensationFen')) extra.compensationFen = fen;
      else extra.refundFen = fen;
    }
    if (also.length) extra.alsoOutcomes = ALSO_ON_REVISIT.filter((c) => also.includes(c));
    if (canUpsell && upsell === 'upsell_accepted') {
      if (!upsellOffer.offer) return setProblem(upsellOffer.problem ?? t('card.offerNeedsProduct'));
      extra.inCallUpsell = { outcome: 'upsell_accepted', offer: upsellOffer.offer };
    }
    if (canUpsell && upsell === 'upsell_declined') {
      if (!upsellReason) return missingReason('upsell');
      extra.inCallUpsell = { outcome: 'upsell_declined', reasonCode: upsellReason };
    }
    props.onSubmit(extra);
  }

  function onKeyDown(e: React.KeyboardEvent) {
    if (e.key === 'Escape') {
      e.preventDefault();
      props.onCancel();
      return;
    }
    if (e.key === 'Enter') {
      // Enter records — but never the Enter that finishes an IME composition.
      e.preventDefault();
      if (isSubmitEnter(e)) submit();
      return;
    }
    if (!isTyping(e.target) && presets.length && /^[0-9:：]$/.test(e.key)) {
      // A time typed from the quick picks ("1540"): a digit right after a pick, or one no pick has,
      // goes on into the time field (1540 became quick time 1, then quick time 4).
      const recent = lastPick.current && e.timeStamp - lastPick.current.at < TYPED_TIME_MS ? lastPick.current.key : null;
      const preset = recent === null ? presets[Number(e.key) - 1] : undefined;
      e.preventDefault();
      if (preset) {
        lastPick.current = { key: e.key, at: e.timeStamp };
        setCallbackAt(preset.value);
        return;
      }
      lastPick.current = null;
      setCallbackAt((recent ?? '') + e.key);
      formRef.current?.querySelector<HTMLInputElement>('input[name="callbackAt"]')?.focus();
      return;
    }
    if (!isTyping(e.target) && /^[0-9]$/.test(e.key)) {
      const list = reasonList ? reasons : upsell === 'upsell_declined' ? upsellReasons : null;
      const pick = list ? reasonForKey(list, e.key) : undefined;
      if (pick) {
        e.preventDefault();
        if (reasonList) setReason(pick.code);
        else setUpsellReason(pick.code);
      }
    }
  }

  const needsMoney = requires.has('compensationFen') || requires.has('refundFen');
  // The note takes the focus only when nothing else must be filled in (the amount did not get it,
  // so Enter recorded the preset amount unseen).
  const focusNote = !requires.has('corrections') && !requires.has('callbackAt') && !reasonList && !requires.has('offer') && !requires.has('station') && !needsMoney;
  return (
    <form
      ref={formRef}
      className="outcome-form"
      data-testid="outcome-form"
      onKeyDown={onKeyDown}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <div className="chosen">
        <kbd>{choice.key.toUpperCase()}</kbd> <strong>{choice.label}</strong>
      </div>
      {reasonList && <ReasonPicker reasons={reasons} value={reason} onChange={setReason} autoFocus label={t(`reasonLists.${reasonList}`)} group="outcome" />}
      {mayCorrect && (
        <label className="check">
          <input type="checkbox" name="changeDetails" checked={correcting} onChange={(e) => setCorrecting(e.target.checked)} />
          {t('card.changeDetails')}
        </label>
      )}
      {editsDetails && (
        <div className="corrections">
          {TEXT_FIELDS.map((f, i) => (
            <label key={f} className={f === 'address' ? 'wide' : ''}>
              {t(`fields.${f}`)}
              <input
                name={f}
                autoFocus={i === 0 && !mayCorrect}
                value={fields[f]}
                list={f === 'province' ? 'province-names' : undefined}
                onChange={(e) => setFields((x) => ({ ...x, [f]: e.target.value }))}
              />
            </label>
          ))}
          <label>
            {t('fields.quantity')}
            <input name="quantity" inputMode="numeric" value={quantity} onChange={(e) => setQuantity(e.target.value)} />
          </label>
          <label>
            {t('fields.amount')}
            <input name="amount" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />
          </label>
        </div>
      )}
      {requires.has('callbackAt') && (
        <fieldset className="reasons" role="radiogroup" aria-label={t('card.callbackQuick')} data-testid="callback-presets">
          <legend>{t('card.callbackQuick')}</legend>
          {presets.map((p, i) => (
            <button
              key={p.id}
              type="button"
              role="radio"
              // The focus sits on the ticked time (as on a reason), else on the first.
              autoFocus={presets.some((x) => x.value === callbackAt) ? callbackAt === p.value : i === 0}
              className={callbackAt === p.value ? 'selected' : ''}
              aria-checked={callbackAt === p.value}
              data-preset={p.id}
              onClick={() => setCallbackAt(p.value)}
            >
              <kbd>{i + 1}</kbd> {t(`card.callbackPreset.${p.id}`)} <span className="muted">{formatTime(p.at.toISOString(), i18n.language, timeZone)}</span>
            </button>
          ))}
        </fieldset>
      )}
      {requires.has('callbackAt') && (
        <label>
          {t('card.callbackAt')}
          <input name="callbackAt" value={callbackAt} placeholder={t('card.callbackPlaceholder')} autoComplete="off" onChange={(e) => setCallbackAt(e.target.value)} />
          <CallbackReading value={callbackAt} timeZone={timeZone} />
        </label>
      )}
      {requires.has('callbackAt') && <CallbackHoursHint value={callbackAt} timeZone={timeZone} hours={session.settings.callingHours} />}
      {requires.has('offer') && <OfferEditor card={card} offers={props.offers} autoFocus onChange={(o, p) => setOffer({ offer: o, problem: p })} />}
      {requires.has('station') && (
        <label>
          {t('card.station')}
          <input name="station" autoFocus maxLength={120} value={station} onChange={(e) => setStation(e.target.value)} />
        </label>
      )}
      {needsMoney && (
        <label>
          {requires.has('compensationFen') ? t('card.compensation') : t('card.refund')}
          {/* Selected on focus: the amount typed replaces the preset one. */}
          <input name="money" inputMode="decimal" autoFocus value={money} onFocus={(e) => e.target.select()} onChange={(e) => setMoney(e.target.value)} />
        </label>
      )}
      {canUpsell && (
        <fieldset className="in-call-upsell">
          <legend>{t('card.inCallUpsell')}</legend>
          <div className="row" role="radiogroup">
            {(['none', 'upsell_accepted', 'upsell_declined'] as const).map((u) => (
              <label key={u} className="check">
                <input type="radio" name="upsell" value={u} checked={upsell === u} onChange={() => setUpsell(u)} />
                {u === 'none' ? t('card.upsellNone') : t(`outcomes.${u}`)}
              </label>
            ))}
          </div>
          {upsell === 'upsell_accepted' && <OfferEditor card={card} offers={props.offers} onChange={(o, p) => setUpsellOffer({ offer: o, problem: p })} />}
          {upsell === 'upsell_declined' && (
            // Opened by choosing "declined": the focus goes to its reasons, so a digit picks one.
            <ReasonPicker reasons={upsellReasons} value={upsellReason} onChange={setUpsellReason} autoFocus label={t('reasonLists.upsellDecline')} group="upsell" />
          )}
        </fieldset>
      )}
      {alsoChoices.length > 0 && (
        <fieldset className="also-on-call" data-testid="also-on-call">
          <legend>{t('card.alsoOnCall')}</legend>
          <div className="row">
            {alsoChoices.map((c) => (
              <label key={c} className="check">
                <input
                  type="checkbox"
                  name="also"
                  value={c}
                  checked={also.includes(c)}
                  onChange={(e) => setAlso((now) => (e.target.checked ? [...now, c] : now.filter((x) => x !== c)))}
                />
                {t(`outcomes.${c}`)}
              </label>
            ))}
          </div>
        </fieldset>
      )}
      <label>
        <span>
          {t('card.note')} <kbd>Alt+N</kbd>
        </span>
        <input name="note" aria-keyshortcuts="Alt+N" autoFocus={focusNote && !props.byScript} maxLength={1000} placeholder={t('card.notePlaceholder')} value={note} onChange={(e) => setNote(e.target.value)} />
      </label>
      {problem && (
        <p className="problem" role="alert">
          {problem}
        </p>
      )}
      <div className="row">
        <button type="submit" className="primary" disabled={props.busy} autoFocus={focusNote && props.byScript}>
          {t('card.record')} <kbd>Enter</kbd>
        </button>
        <button type="button" onClick={props.onCancel}>
          {t('common.back')} <kbd>Esc</kbd>
        </button>
      </div>
    </form>
  );
}
