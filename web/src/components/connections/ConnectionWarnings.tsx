'use client';

import { useTranslations } from 'next-intl';

export interface Warning {
  code: string;
  detail: string | null;
}

const KNOWN = new Set([
  'KEY_EXPIRES_SOON',
  'IP_UNRESTRICTED',
  'WALLETS_UNREADABLE',
  'SAME_ACCOUNT_AS_OTHER',
  'ACCOUNT_CHANGED',
  'FUTURES_NOT_ENABLED',
  'WITHDRAWALS_ENABLED',
]);

/** What may break this connection soon, each with what to do, in the reader's language. */
export function ConnectionWarnings({ warnings }: { warnings: readonly Warning[] }) {
  const t = useTranslations('warnings');
  const text = t as unknown as (key: string, values: Record<string, string | number>) => string;
  const shown = warnings.filter((w) => KNOWN.has(w.code));
  if (shown.length === 0) return null;
  return (
    <ul className="warnings" aria-label={t('title')}>
      {shown.map((w) => (
        <li key={w.code} className="alert warn">
          {text(w.code, {
            days: Number(w.detail ?? 0),
            wallets: w.detail ?? '',
            labels: w.detail ?? '',
            was: w.detail?.split(',')[0] ?? '',
            now: w.detail?.split(',')[1] ?? '',
          })}
        </li>
      ))}
    </ul>
  );
}
