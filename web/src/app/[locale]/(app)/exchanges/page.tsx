import { getTranslations } from 'next-intl/server';
import { ConnectionList } from '../../../../components/connections/ConnectionList';
import { ConnectionsQuery } from '../../../../components/connections/connection-row.fragment';
import { Link } from '../../../../i18n/navigation';
import { serverQuery } from '../../../../lib/server-api';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: 'list' }))('title') };
}

export default async function MyExchanges({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: 'list' });
  const tNav = await getTranslations({ locale, namespace: 'nav' });
  const data = await serverQuery(ConnectionsQuery);
  return (
    <>
      <div className="page-head">
        <h1>{t('title')}</h1>
        <Link className="button primary" href="/exchanges/new">
          {tNav('addExchange')}
        </Link>
      </div>
      <p className="muted">{t('intro')}</p>
      <ConnectionList initial={data.exchangeConnections} />
    </>
  );
}
