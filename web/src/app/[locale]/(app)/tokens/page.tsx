import { getTranslations } from 'next-intl/server';
import { TokensView } from '../../../../components/tokens/TokensView';
import { ApiTokensQuery } from '../../../../components/tokens/tokens.queries';
import { serverQuery } from '../../../../lib/server-api';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: 'tokens' }))('title') };
}

export default async function TokensPage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: 'tokens' });
  const data = await serverQuery(ApiTokensQuery, {});
  return (
    <>
      <h1>{t('title')}</h1>
      <p className="muted">{t('intro')}</p>
      <TokensView initial={data.apiTokens} />
    </>
  );
}
