import { useCallback, useRef } from 'react';

/**
 * Only the answer to the latest request is applied: a list reloaded as the user types, or counters
 * asked again after each record, may be answered out of order, and an older answer arriving last
 * must not replace the newer one on screen.
 */
export function useLatestAnswer(): <T>(request: Promise<T>, apply: (value: T) => void, failed: (e: unknown) => void) => Promise<void> {
  const asked = useRef(0);
  return useCallback(async (request, apply, failed) => {
    const mine = ++asked.current;
    try {
      const value = await request;
      if (mine === asked.current) apply(value);
    } catch (e) {
      if (mine === asked.current) failed(e);
    }
  }, []);
}
