import { useTranslations } from 'next-intl';

const IN_PROGRESS = new Set(['PENDING', 'VERIFYING']);
const RETRYING = new Set(['CLOCK_SKEW', 'RATE_LIMITED', 'EXCHANGE_UNAVAILABLE']);

export function statusTone(status: string): 'ok' | 'busy' | 'retry' | 'bad' {
  if (status === 'CONNECTED') return 'ok';
  if (IN_PROGRESS.has(status)) return 'busy';
  if (RETRYING.has(status)) return 'retry';
  return 'bad';
}

const ICONS = { ok: '✓', busy: '…', retry: '↻', bad: '✕' } as const;

/** Status as text with an icon; colour only repeats what the words already say. */
export function StatusBadge({ status }: { status: string }) {
  const t = useTranslations('status');
  const tone = statusTone(status);
  return (
    <span className={`badge status-${tone}`} data-status={status}>
      <span aria-hidden="true">{ICONS[tone]} </span>
      {t(status as never)}
    </span>
  );
}
