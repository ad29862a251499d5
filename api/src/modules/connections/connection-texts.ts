// Reason, warning and status texts in the asked language, from the messages the dashboard renders too.
import { findExchange } from '@keyport/exchange/catalogue';
import type { ConnectionStatus, ReasonCode } from '@keyport/exchange/status';
import { tradingRight, venueOf } from '@keyport/exchange/venue-of';
import { withdrawSwitch } from '@keyport/exchange/withdraw-switches';
import { type Locale, say } from '@keyport/messages/say';
import type { ConnectionWarning } from './connection-warnings';

/** What happened; some refusals read differently on one exchange (Binance's -2015). */
export function reasonExplanation(locale: Locale, code: ReasonCode, exchangeId: string): string {
  return say(locale, `reasons.${code}.explanation`, { exchange: venueOf(exchangeId) });
}

/** What to do; a key refused for withdrawals is told the exact switch its exchange calls it by. */
export function reasonRemedy(locale: Locale, code: ReasonCode, exchangeId: string): string {
  const toggle = code === 'WITHDRAWALS_ENABLED' ? withdrawSwitch(exchangeId) : null;
  if (toggle) {
    const exchange = findExchange(exchangeId)?.name ?? exchangeId;
    return say(locale, 'reasons.WITHDRAWALS_ENABLED.remedyExact', { exchange, toggle });
  }
  return say(locale, `reasons.${code}.remedy`, {
    exchange: venueOf(exchangeId),
    right: tradingRight(exchangeId),
  });
}

export function statusSentence(locale: Locale, status: ConnectionStatus): string {
  return say(locale, `statusSentences.${status}`);
}

export function warningMessage(locale: Locale, warning: ConnectionWarning): string {
  // the date is left out where the warning has none (the messages say `none`)
  return say(locale, `warnings.${warning.code}`, {
    date: 'none',
    ...warning.values,
    // the messages select on the venue: Binance's rules hold on its futures clients too
    exchange: venueOf(warning.exchangeId),
  });
}
