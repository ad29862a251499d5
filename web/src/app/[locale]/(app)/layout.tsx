import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { LiveIndicator } from '../../../components/layout/LiveIndicator';
import { LocaleSwitcher } from '../../../components/layout/LocaleSwitcher';
import { SignOutButton } from '../../../components/layout/SignOutButton';
import { Link, redirect } from '../../../i18n/navigation';
import { currentViewer } from '../../../lib/viewer';

export const dynamic = 'force-dynamic';

/** The signed-in area: without a live session every page here sends to sign-in. */
export default async function AppLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ locale: string }>;
}) {
  const { locale } = await params;
  const viewer = await currentViewer();
  if (!viewer) redirect({ href: '/sign-in', locale });
  const t = await getTranslations({ locale, namespace: 'nav' });
  return (
    <>
      <header className="topbar">
        <Link href="/exchanges" className="brand">
          {t('brand')}
        </Link>
        <nav aria-label={t('mainNav')} className="mainnav">
          <Link href="/exchanges">{t('myExchanges')}</Link>
          <Link href="/portfolio">{t('portfolio')}</Link>
          <Link href="/exchanges/new">{t('addExchange')}</Link>
          <Link href="/tokens">{t('tokens')}</Link>
        </nav>
        <LiveIndicator />
        <LocaleSwitcher />
        <span className="muted viewer-email" title={viewer?.email}>
          {viewer?.email}
        </span>
        <SignOutButton />
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
