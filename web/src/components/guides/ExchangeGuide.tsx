import { useFormatter, useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { type FragmentOf, readFragment } from '../../graphql/graphql';
import { ExchangeGuideFragment } from './guide.fragment';
import { type GuideSectionName, sectionAnchor } from './sections';

const TURN_CLASS = { ON: 'status-ok', OFF: 'status-bad', OPTIONAL: 'neutral' } as const;

/**
 * One exchange's API-key guide, a section per part (each anchored by its lower-case dashed name, so a failure's
 * remedy can link to it), the exchange's switch names as it writes them. Renders on the server (guide page) and
 * in the browser (beside the Add New Exchange form) alike.
 */
export function ExchangeGuide({
  guide: data,
  exchange,
  headingLevel,
  egressIps = [],
}: {
  guide: FragmentOf<typeof ExchangeGuideFragment>;
  exchange: string;
  /** The level of each section's heading: 2 on a guide page, 3 inside a panel titled by an h2. */
  headingLevel: 2 | 3;
  /** Keyport's addresses, listed in the IP whitelist section when given. */
  egressIps?: readonly string[];
}) {
  const t = useTranslations('guides');
  const format = useFormatter();
  const guide = readFragment(ExchangeGuideFragment, data);
  const Heading = headingLevel === 2 ? 'h2' : 'h3';

  const section = (name: GuideSectionName, body: ReactNode) => {
    const anchor = sectionAnchor(name);
    return (
      <section id={anchor} className="guide-section" aria-labelledby={`${anchor}-title`}>
        <Heading id={`${anchor}-title`}>{t(`sections.${name}` as never)}</Heading>
        {body}
      </section>
    );
  };

  return (
    <div className="guide" data-guide-locale={guide.locale === 'FR' ? 'fr' : 'en'}>
      <p className="muted">
        {t.rich('lastChecked', {
          date: format.dateTime(new Date(`${guide.lastChecked}T00:00:00Z`), {
            dateStyle: 'long',
            timeZone: 'UTC',
          }),
          time: (chunks) => <time dateTime={guide.lastChecked}>{chunks}</time>,
        })}
      </p>

      {section(
        'CREATE_KEY',
        <>
          <p>
            <span className="guide-label">{t('menuPath', { exchange })}</span> {guide.menuPath}
          </p>
          <ol className="guide-steps">
            {guide.steps.map((step) => (
              <li key={step}>{step}</li>
            ))}
          </ol>
        </>,
      )}

      {section(
        'PERMISSIONS',
        <>
          <p>{t('permissionsIntro', { exchange })}</p>
          <ul className="guide-permissions">
            {guide.permissions.map((permission) => (
              <li key={permission.name} data-turn={permission.turn}>
                <span className="guide-switch">{permission.name}</span>{' '}
                <span className={`badge ${TURN_CLASS[permission.turn]}`}>
                  {t(`turn.${permission.turn}` as never)}
                </span>
                <p className="guide-why">{permission.why}</p>
              </li>
            ))}
          </ul>
        </>,
      )}

      {section(
        'EXTRA_FIELD',
        <>
          {guide.extraFieldLabel ? (
            <p>
              <span className="guide-label">{t('extraFieldLabel', { exchange })}</span>{' '}
              <strong>{guide.extraFieldLabel}</strong>
            </p>
          ) : null}
          <p>{guide.extraField}</p>
        </>,
      )}

      {section(
        'IP_WHITELIST',
        <>
          <p>
            <span className="guide-label">{t('ipWhitelistField', { exchange })}</span>{' '}
            <strong>{guide.ipWhitelistField}</strong>
          </p>
          <p>{guide.ipWhitelist}</p>
          {egressIps.length > 0 ? (
            <>
              <p>{t('egressIps')}</p>
              <ul className="ips">
                {egressIps.map((ip) => (
                  <li key={ip}>
                    <code>{ip}</code>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </>,
      )}

      {section('EXPIRY', <p>{guide.expiry}</p>)}

      {section('FUTURES', <p>{guide.futures}</p>)}

      {section(
        'TESTNET',
        <>
          <p>{guide.testnet}</p>
          {guide.testnetAvailable && guide.testnetUrl ? (
            <p>
              <a href={guide.testnetUrl} rel="noopener noreferrer">
                {t('testnetLink', { exchange })}
              </a>
            </p>
          ) : null}
        </>,
      )}

      {section(
        'TRADE_CHECK',
        <>
          <p>
            <span className="guide-label">{t(`tradeCheckMode.${guide.tradeCheckMode}` as never)}</span>
            {guide.tradeCheckEndpoint ? (
              <>
                {' '}
                <code>{guide.tradeCheckEndpoint}</code>
              </>
            ) : null}
          </p>
          {guide.tradeCheckChecksPermission ? <p>{t('checksPermission', { exchange })}</p> : null}
          <p>{guide.tradeCheck}</p>
        </>,
      )}

      {section(
        'CHECKLIST',
        <ol className="guide-checklist">
          {guide.checklist.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ol>,
      )}

      <section className="guide-section" aria-labelledby="guide-sources-title">
        <Heading id="guide-sources-title">{t('sources')}</Heading>
        <ul className="guide-sources">
          {guide.sources.map((url) => (
            <li key={url}>
              <a href={url} rel="noopener noreferrer">
                {url.replace(/^https?:\/\//, '')}
              </a>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
