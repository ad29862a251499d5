'use client';

import { useTranslations } from 'next-intl';
import { useLiveState } from '../../lib/live-status';

/**
 * Says whether statuses on screen are live; a broken link is shown, not hidden. Where no view holds a
 * live stream it says nothing, rather than "connecting" forever (the empty region stays, to announce later).
 */
export function LiveIndicator() {
  const t = useTranslations('live');
  const state = useLiveState();
  return (
    <output className={`live live-${state}`} aria-live="polite" data-live={state}>
      {state === 'idle' ? null : (
        <>
          <span aria-hidden="true">{state === 'live' ? '●' : '○'} </span>
          {t(state)}
        </>
      )}
    </output>
  );
}
