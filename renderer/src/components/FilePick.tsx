import { useRef, type ReactNode } from 'react';

/**
 * "Choose a file…" as a real button. The usual label around a file input is reachable only while
 * the input stays in the tab order: once hidden with `hidden` (display: none), Tab skipped it and
 * screen readers saw no button at all. Here the button takes focus (with the focus ring every
 * button has), Enter or Space opens the file dialog, and the hidden input only receives the file.
 * Tests reach the input by its test id (setInputFiles), or the button by its role.
 */
export function FilePick({
  children,
  accept,
  onFile,
  busy = false,
  className,
  testId,
  describedBy,
}: {
  /** The button's words. */
  children: ReactNode;
  /** The file types offered, as an input's accept. */
  accept: string;
  onFile(file: File): void;
  /** While a file is being read: the button stays focusable (focus is not lost) but does nothing. */
  busy?: boolean;
  className?: string;
  /** data-testid of the file input. */
  testId?: string;
  /** id of a hint that says what file to pick. */
  describedBy?: string;
}) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button
        type="button"
        className={[className, busy ? 'disabled' : ''].filter(Boolean).join(' ') || undefined}
        aria-disabled={busy || undefined}
        aria-busy={busy || undefined}
        aria-describedby={describedBy}
        onClick={() => {
          if (!busy) input.current?.click();
        }}
      >
        {children}
      </button>
      <input
        ref={input}
        type="file"
        accept={accept}
        hidden
        tabIndex={-1}
        data-testid={testId}
        onChange={(e) => {
          const file = e.target.files?.[0];
          // Cleared at once: picking the same file again (after fixing it) must fire again.
          e.target.value = '';
          if (file) onFile(file);
        }}
      />
    </>
  );
}
