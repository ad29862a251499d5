'use client';

import { useTranslations } from 'next-intl';

/** The API was unreachable or failed while rendering: say so, and offer a retry instead of a blank page. */
export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  const t = useTranslations('errors');
  return (
    <main id="main" className="card error-page">
      <p role="alert">{t('unreachable')}</p>
      <button type="button" className="button primary" onClick={() => reset()}>
        {t('retry')}
      </button>
    </main>
  );
}
