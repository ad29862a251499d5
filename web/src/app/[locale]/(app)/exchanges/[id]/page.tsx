import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { ConnectionView } from '../../../../../components/connections/ConnectionView';
import {
  ConnectionDetailFragment,
  ConnectionDetailQuery,
} from '../../../../../components/connections/connection-detail.fragment';
import { readFragment } from '../../../../../graphql/graphql';
import { serverQuery } from '../../../../../lib/server-api';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: { params: Promise<{ id: string; locale: string }> }) {
  const { id, locale } = await params;
  const data = await serverQuery(ConnectionDetailQuery, { id });
  const connection = data.exchangeConnection
    ? readFragment(ConnectionDetailFragment, data.exchangeConnection)
    : null;
  // a missing (or another's) connection is the not-found page, titled as such
  return {
    title: connection?.label ?? (await getTranslations({ locale, namespace: 'notFound' }))('title'),
  };
}

export default async function ConnectionPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const data = await serverQuery(ConnectionDetailQuery, { id });
  // a foreign id is exactly a missing one
  if (!data.exchangeConnection) notFound();
  return <ConnectionView initial={data.exchangeConnection} />;
}
