/** Keyboard helpers: shortcuts never fire while typing, and Enter never fires mid-IME composition. */
export function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  return el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable;
}

/** True for a plain Enter that should submit: not while a CJK IME is composing a word. */
export function isSubmitEnter(e: KeyboardEvent | React.KeyboardEvent): boolean {
  const native = 'nativeEvent' in e ? e.nativeEvent : e;
  // keyCode 229 is what some browsers report for keys consumed by an IME.
  return e.key === 'Enter' && !native.isComposing && native.keyCode !== 229 && !e.shiftKey;
}

/**
 * A keydown handler for an in-page question or small form: Esc closes it alone, and the drawer,
 * dialog or screen around it (whose own Esc would close more) never sees the key.
 */
export function escapeHere(close: () => void): (e: React.KeyboardEvent) => void {
  return (e) => {
    if (e.key !== 'Escape') return;
    e.preventDefault();
    e.stopPropagation();
    close();
  };
}
