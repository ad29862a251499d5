import { redirect } from '../../i18n/navigation';
import { currentViewer } from '../../lib/viewer';

export const dynamic = 'force-dynamic';

export default async function Home({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  const viewer = await currentViewer();
  redirect({ href: viewer ? '/exchanges' : '/sign-in', locale });
}
