import { tradingRight, venueOf } from '@keyport/exchange/venue-of';
import { withdrawSwitch } from '@keyport/exchange/withdraw-switches';
import { useTranslations } from 'next-intl';
import { Link } from '../../i18n/navigation';
import { type GuideSectionName, guideHref } from '../guides/sections';

/**
 * Why a connection is in its status and what to do, in the reader's language (by stable reason code); a key
 * refused for withdrawals is told the exact switch to turn off on its exchange; where the exchange's guide covers
 * the failure, a link to that section of it.
 */
export function ReasonNotice({
  code,
  exchange,
  clockOffsetMs,
  headingLevel = 3,
  guideSection,
  guideInNewTab = false,
}: {
  code: string;
  exchange?: { id: string; name: string };
  /** CLOCK_SKEW: our clock minus the exchange's, as measured. */
  clockOffsetMs?: number | null;
  headingLevel?: 2 | 3;
  /** The part of the exchange's guide that helps (the API's `statusReason.guideSection`). */
  guideSection?: GuideSectionName | null;
  /** Open the guide in a new tab (beside a form that must keep what was typed). */
  guideInNewTab?: boolean;
}) {
  const t = useTranslations('reasons');
  const tGuides = useTranslations('guides');
  const tConnection = useTranslations('connection');
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const toggle = code === 'WITHDRAWALS_ENABLED' && exchange ? withdrawSwitch(exchange.id) : null;
  // some refusals read differently on one exchange (Binance's -2015): the messages select on its id
  const text = t as unknown as (key: string, values: Record<string, string>) => string;
  const venue = exchange
    ? { exchange: venueOf(exchange.id), right: tradingRight(exchange.id) }
    : { exchange: 'other', right: 'spotTrade' };
  return (
    <div className="reason" data-reason={code}>
      <p>{text(`${code}.explanation`, venue)}</p>
      {code === 'CLOCK_SKEW' && typeof clockOffsetMs === 'number' ? (
        <p data-clock-offset={clockOffsetMs}>
          {t(clockOffsetMs > 0 ? 'CLOCK_SKEW.measuredAhead' : 'CLOCK_SKEW.measuredBehind', {
            seconds: (Math.abs(clockOffsetMs) / 1000).toFixed(1),
          })}
        </p>
      ) : null}
      <Heading className="small-heading">{tConnection('whatToDo')}</Heading>
      <p className="remedy">
        {toggle && exchange
          ? t('WITHDRAWALS_ENABLED.remedyExact', { exchange: exchange.name, toggle })
          : text(`${code}.remedy`, venue)}
      </p>
      {guideSection && exchange ? (
        <p className="guide-link">
          <Link
            href={guideHref(exchange.id, guideSection)}
            {...(guideInNewTab ? { target: '_blank', rel: 'noopener' } : {})}
          >
            {tGuides('seeGuide', {
              exchange: exchange.name,
              section: tGuides(`sections.${guideSection}` as never),
            })}
            {guideInNewTab ? <span className="visually-hidden"> {tGuides('newTab')}</span> : null}
          </Link>
        </p>
      ) : null}
    </div>
  );
}
