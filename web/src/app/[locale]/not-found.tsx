import { useTranslations } from 'next-intl';
import { Link } from '../../i18n/navigation';

export default function NotFound() {
  const t = useTranslations('notFound');
  const tNav = useTranslations('nav');
  return (
    <main id="main" className="card">
      <h1>{t('title')}</h1>
      <p>{t('body')}</p>
      <Link href="/exchanges">{tNav('myExchanges')}</Link>
    </main>
  );
}
