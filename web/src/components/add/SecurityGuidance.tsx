'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';

/** What a safe key looks like, beside the form, with Keyport's IP addresses one click from the clipboard. */
export function SecurityGuidance({
  egressIps,
  exchange,
}: {
  egressIps: readonly string[];
  /** What Keyport can check on the chosen exchange (Exchange.support): its claims say no more than that. */
  exchange: { name: string; support: { withdrawalRights: boolean } };
}) {
  const t = useTranslations('add');
  const [copied, setCopied] = useState<string | null>(null);
  return (
    <aside className="card guidance" aria-labelledby="guide-title">
      <h2 id="guide-title">{t('guideTitle')}</h2>
      <ul>
        <li>{t('guideRead')}</li>
        <li>
          <strong>
            {exchange.support.withdrawalRights
              ? t('guideWithdraw')
              : t('guideWithdrawUnknown', { exchange: exchange.name })}
          </strong>
        </li>
        <li>
          {t('guideIp')}
          {egressIps.length > 0 ? (
            <ul className="ips">
              {egressIps.map((ip) => (
                <li key={ip}>
                  <code>{ip}</code>{' '}
                  <button
                    type="button"
                    className="link-button"
                    onClick={async () => {
                      await navigator.clipboard?.writeText(ip).catch(() => undefined);
                      setCopied(ip);
                    }}
                  >
                    {copied === ip ? t('copied') : t('copy', { ip })}
                  </button>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">{t('guideNoIps')}</p>
          )}
        </li>
        <li>{t('guideOnce')}</li>
        <li>{t('guideStored')}</li>
      </ul>
    </aside>
  );
}
