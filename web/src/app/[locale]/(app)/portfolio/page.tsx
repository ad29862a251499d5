import { getTranslations } from 'next-intl/server';
import { PortfolioView } from '../../../../components/portfolio/PortfolioView';
import { PortfolioQuery } from '../../../../components/portfolio/portfolio.fragment';
import { serverQuery } from '../../../../lib/server-api';

export const dynamic = 'force-dynamic';

const QUOTES = ['USD', 'EUR', 'BTC'] as const;
type Quote = (typeof QUOTES)[number];

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: 'portfolio' }))('title') };
}

export default async function PortfolioPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: string }>;
  searchParams: Promise<{ quote?: string }>;
}) {
  const { locale } = await params;
  const asked = (await searchParams).quote?.toUpperCase();
  const quote: Quote = QUOTES.find((q) => q === asked) ?? 'USD';
  const t = await getTranslations({ locale, namespace: 'portfolio' });
  const data = await serverQuery(PortfolioQuery, { quote });
  return (
    <>
      <h1>{t('title')}</h1>
      <p className="muted">{t('intro')}</p>
      <PortfolioView key={quote} initial={data.portfolio} quote={quote} />
    </>
  );
}
