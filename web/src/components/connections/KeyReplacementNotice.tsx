import { useTranslations } from 'next-intl';
import type { GuideSectionName } from '../guides/sections';
import { ReasonNotice } from './ReasonNotice';

/** New keys sent for a working connection: being checked (the working key carries on), or refused and why. */
export function KeyReplacementNotice({
  replacement,
  exchange,
}: {
  replacement: {
    keyHint: string;
    state: string;
    reason: { code: string; guideSection: GuideSectionName | null } | null;
  };
  exchange: { id: string; name: string };
}) {
  const t = useTranslations('connection');
  if (replacement.state === 'CHECKING')
    return (
      <p className="alert info" data-replacement="CHECKING">
        {t('replacementChecking', { hint: replacement.keyHint })}
      </p>
    );
  return (
    <div className="alert warn" data-replacement="REFUSED">
      <p>{t('replacementRefused', { hint: replacement.keyHint })}</p>
      {replacement.reason ? (
        <ReasonNotice
          code={replacement.reason.code}
          exchange={exchange}
          guideSection={replacement.reason.guideSection}
        />
      ) : null}
    </div>
  );
}
