import { getTranslations } from 'next-intl/server';
import { AddExchange } from '../../../../../components/add/AddExchange';
import { AddExchangeQuery } from '../../../../../components/add/exchange-choice.fragment';
import { serverQuery } from '../../../../../lib/server-api';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: 'add' }))('title') };
}

export default async function AddNewExchange({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: 'add' });
  const data = await serverQuery(AddExchangeQuery);
  return (
    <>
      <h1>{t('title')}</h1>
      <AddExchange exchanges={data.exchanges} egressIps={data.egressIps} />
    </>
  );
}
