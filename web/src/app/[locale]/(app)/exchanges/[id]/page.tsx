import { notFound } from 'next/navigation';
import { ConnectionView } from '../../../../../components/connections/ConnectionView';
import {
  ConnectionDetailFragment,
  ConnectionDetailQuery,
} from '../../../../../components/connections/connection-detail.fragment';
import { readFragment } from '../../../../../graphql/graphql';
import { serverQuery } from '../../../../../lib/server-api';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const data = await serverQuery(ConnectionDetailQuery, { id });
  const connection = data.exchangeConnection
    ? readFragment(ConnectionDetailFragment, data.exchangeConnection)
    : null;
  return { title: connection?.label ?? 'Keyport' };
}

export default async function ConnectionPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const data = await serverQuery(ConnectionDetailQuery, { id });
  // a foreign id is exactly a missing one
  if (!data.exchangeConnection) notFound();
  return <ConnectionView initial={data.exchangeConnection} />;
}
