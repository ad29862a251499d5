import { getTranslations } from 'next-intl/server';
import { AuthForm } from '../../../../components/auth/AuthForm';
import { LocaleSwitcher } from '../../../../components/layout/LocaleSwitcher';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: 'auth' }))('signInTitle') };
}

export default function Page() {
  return (
    <main id="main" className="auth-page" tabIndex={-1}>
      <LocaleSwitcher />
      <AuthForm mode="sign-in" />
    </main>
  );
}
