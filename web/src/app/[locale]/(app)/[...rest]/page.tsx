import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: 'notFound' }))('title') };
}

/** Any address no page answers (/fr/nothing, /en/guides): the localized not-found, inside the app's header. */
export default function Unknown() {
  notFound();
}
