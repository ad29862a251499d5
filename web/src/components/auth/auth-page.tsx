import { getTranslations } from 'next-intl/server';
import { redirect } from '../../i18n/navigation';
import { currentViewer } from '../../lib/viewer';
import { LocaleSwitcher } from '../layout/LocaleSwitcher';
import { AuthForm } from './AuthForm';

type Mode = 'sign-in' | 'sign-up';
const TITLES = { 'sign-in': 'signInTitle', 'sign-up': 'signUpTitle' } as const;

export async function authMetadata(params: Promise<{ locale: string }>, mode: Mode) {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: 'auth' }))(TITLES[mode]) };
}

/** Sign-in and sign-up: someone already signed in goes straight to their exchanges. */
export async function AuthPage({ params, mode }: { params: Promise<{ locale: string }>; mode: Mode }) {
  const { locale } = await params;
  if (await currentViewer()) redirect({ href: '/exchanges', locale });
  return (
    <main id="main" className="auth-page" tabIndex={-1}>
      <LocaleSwitcher />
      <AuthForm mode={mode} />
    </main>
  );
}
