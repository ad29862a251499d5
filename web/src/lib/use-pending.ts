import { useCallback, useRef, useState } from 'react';

/**
 * One action at a time: `pending` from the click until the action settles, and a start meanwhile is
 * ignored (a double click or a second Enter sends nothing twice), whatever the action awaits in between.
 */
export function usePending(): [boolean, <T>(action: () => Promise<T>) => Promise<T | undefined>] {
  const running = useRef(false);
  const [pending, setPending] = useState(false);
  const start = useCallback(async <T>(action: () => Promise<T>) => {
    if (running.current) return undefined;
    running.current = true;
    setPending(true);
    try {
      return await action();
    } finally {
      running.current = false;
      setPending(false);
    }
  }, []);
  return [pending, start];
}
