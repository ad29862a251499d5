import { useTranslations } from 'next-intl';
import { Link } from '../../../i18n/navigation';

/** Inside the signed-in layout (its header and nav, and its <main>): an unknown page or another's connection. */
export default function AppNotFound() {
  const t = useTranslations('notFound');
  const tNav = useTranslations('nav');
  return (
    <section className="card" aria-labelledby="not-found-title">
      <h1 id="not-found-title">{t('title')}</h1>
      <p>{t('body')}</p>
      <Link href="/exchanges">{tNav('myExchanges')}</Link>
    </section>
  );
}
