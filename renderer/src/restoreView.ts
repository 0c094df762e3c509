/**
 * Where the page was when the lead left it for an order, and putting it back: the window's scroll,
 * a scrolled box inside it (the calls list), and the element that had the focus. A screen draws its
 * lists after it opens (each loads on its own), so the view is put back as those parts appear, not
 * at once; the user's first key, click or wheel ends it (never pulled back under their hands).
 */

export interface ViewPlace {
  scrollY: number;
  /** A CSS selector of the element to focus again (a row, a button); null: none. */
  focus: string | null;
  /** A scrolled box inside the page (selector) and how far down it was. */
  box?: { selector: string; top: number };
}

/** The place of the page now, with the element to come back to. */
export function viewPlace(focus: string | null, boxSelector?: string): ViewPlace {
  const box = boxSelector ? document.querySelector(boxSelector) : null;
  return { scrollY: window.scrollY, focus, box: box && boxSelector ? { selector: boxSelector, top: box.scrollTop } : undefined };
}

/**
 * Puts the view back (its selectors are looked up inside `root`) as its parts are drawn. The window scrolls once the page is
 * tall enough (everything above that point is drawn); the focus goes back once its element exists,
 * with its box scrolled as it was. Returns a function that stops it (for an effect's cleanup).
 */
export function restoreView(place: ViewPlace, root: HTMLElement = document.body, giveUpMs = 5000): () => void {
  let scrolled = place.scrollY <= 0;
  let focused = !place.focus;
  const step = () => {
    if (!scrolled && document.documentElement.scrollHeight - window.innerHeight >= place.scrollY - 1) {
      window.scrollTo(0, place.scrollY);
      scrolled = true;
    }
    if (!focused && place.focus) {
      const el = root.querySelector<HTMLElement>(place.focus);
      if (el) {
        const box = place.box ? root.querySelector<HTMLElement>(place.box.selector) : null;
        if (box && place.box) box.scrollTop = place.box.top;
        el.focus({ preventScroll: true });
        // Kept in view, without moving what is already in place.
        const r = el.getBoundingClientRect();
        if (r.top < 0 || r.bottom > window.innerHeight) el.scrollIntoView({ block: 'nearest' });
        focused = true;
      }
    }
    if (scrolled && focused) stop();
  };
  const observer = new MutationObserver(step);
  const timer = window.setTimeout(() => stop(), giveUpMs);
  const userActs = () => stop();
  const events = ['keydown', 'pointerdown', 'wheel'] as const;
  function stop() {
    observer.disconnect();
    window.clearTimeout(timer);
    for (const e of events) window.removeEventListener(e, userActs, true);
  }
  observer.observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: ['aria-busy'] });
  for (const e of events) window.addEventListener(e, userActs, true);
  step();
  return stop;
}

/**
 * A selector for `el` by its position under `root` (`:scope > :nth-child(2) > …`): the same
 * element once the same view is drawn again. Null when `el` is not inside `root`.
 */
export function positionSelector(root: HTMLElement, el: Element | null): string | null {
  if (!el || !root.contains(el) || el === root) return null;
  const steps: string[] = [];
  for (let at: Element = el; at !== root; at = at.parentElement!) {
    steps.unshift(`:nth-child(${[...at.parentElement!.children].indexOf(at) + 1})`);
  }
  return `:scope > ${steps.join(' > ')}`;
}
