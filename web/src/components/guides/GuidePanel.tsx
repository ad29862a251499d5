'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useQuery } from 'urql';
import { Link } from '../../i18n/navigation';
import { ExchangeGuide } from './ExchangeGuide';
import { GuidePanelQuery } from './guide.fragment';
import { guideHref, guideLocale } from './sections';

/**
 * The chosen exchange's guide beside the Add New Exchange form, in the page's language, fetched when the exchange
 * is chosen (the guides are not in the page's JavaScript). Nothing for an exchange without a guide.
 */
export function GuidePanel({ exchange }: { exchange: { id: string; name: string } }) {
  const t = useTranslations('guides');
  const [{ data }] = useQuery({
    query: GuidePanelQuery,
    variables: { id: exchange.id, locale: guideLocale(useLocale()) },
  });
  const guide = data?.exchange?.id === exchange.id ? data.exchange.guide : null;
  if (!guide) return null;
  return (
    <aside className="card guide-panel" aria-labelledby="exchange-guide-title" data-guide={exchange.id}>
      <h2 id="exchange-guide-title">{t('panelTitle', { exchange: exchange.name })}</h2>
      <p>
        {/* a new tab: the form beside it keeps what was typed */}
        <Link href={guideHref(exchange.id)} target="_blank" rel="noopener">
          {t('openFull')} <span className="visually-hidden">{t('newTab')}</span>
        </Link>
      </p>
      <ExchangeGuide guide={guide} exchange={exchange.name} headingLevel={3} />
    </aside>
  );
}
