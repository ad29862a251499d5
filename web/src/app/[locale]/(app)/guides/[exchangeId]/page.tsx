import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { cache } from 'react';
import { ExchangeGuide } from '../../../../../components/guides/ExchangeGuide';
import { GuidePageQuery } from '../../../../../components/guides/guide.fragment';
import { guideLocale } from '../../../../../components/guides/sections';
import { Link } from '../../../../../i18n/navigation';
import { serverQuery } from '../../../../../lib/server-api';

export const dynamic = 'force-dynamic';

type Params = Promise<{ locale: string; exchangeId: string }>;

// one API read per request, shared by the metadata and the page
const guidePage = cache((id: string, locale: string) =>
  serverQuery(GuidePageQuery, { id, locale: guideLocale(locale) }),
);

export async function generateMetadata({ params }: { params: Params }) {
  const { locale, exchangeId } = await params;
  const data = await guidePage(exchangeId, locale);
  if (!data.exchange?.guide) return { title: 'Keyport' };
  const t = await getTranslations({ locale, namespace: 'guides' });
  return { title: t('title', { exchange: data.exchange.name }) };
}

/** An exchange's API-key guide in full; a failure's remedy links to its sections (#checklist, #permissions …). */
export default async function GuidePage({ params }: { params: Params }) {
  const { locale, exchangeId } = await params;
  const data = await guidePage(exchangeId, locale);
  const exchange = data.exchange;
  if (!exchange?.guide) notFound();
  const t = await getTranslations({ locale, namespace: 'guides' });
  return (
    <article className="guide-page" aria-labelledby="guide-page-title">
      <p>
        <Link href="/exchanges/new">{t('backToAdd')}</Link>
      </p>
      <h1 id="guide-page-title">{t('title', { exchange: exchange.name })}</h1>
      <p>{t('intro', { exchange: exchange.name })}</p>
      <ExchangeGuide
        guide={exchange.guide}
        exchange={exchange.name}
        headingLevel={2}
        egressIps={data.egressIps}
      />
    </article>
  );
}
