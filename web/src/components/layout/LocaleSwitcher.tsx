'use client';

import { useLocale, useTranslations } from 'next-intl';
import { Link, usePathname } from '../../i18n/navigation';
import { routing } from '../../i18n/routing';

const NAMES: Record<string, string> = { en: 'English', fr: 'Français' };

export function LocaleSwitcher() {
  const t = useTranslations('nav');
  const locale = useLocale();
  const pathname = usePathname();
  return (
    <nav aria-label={t('language')} className="locales">
      {routing.locales.map((other) =>
        other === locale ? (
          <span key={other} aria-current="true" lang={other}>
            {NAMES[other]}
          </span>
        ) : (
          <Link key={other} href={pathname} locale={other} lang={other} hrefLang={other}>
            {NAMES[other]}
          </Link>
        ),
      )}
    </nav>
  );
}
