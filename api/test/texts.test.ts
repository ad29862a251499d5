// Every code the API can send has its words in each language the dashboard speaks, filled with no ICU left over.
import { CONNECTION_STATUSES, REASON_CODES } from '@keyport/exchange/status';
import { LOCALES } from '@keyport/messages/say';
import { describe, expect, it } from 'vitest';
import {
  reasonExplanation,
  reasonRemedy,
  statusSentence,
  warningMessage,
} from '../src/modules/connections/connection-texts';
import { WARNING_CODES } from '../src/modules/connections/connection-warnings';

const filled = (text: string) => text.length > 10 && !/[{}]/.test(text);

describe('texts for people, per locale', () => {
  it.each(LOCALES)('%s: every reason, on Binance and elsewhere, with its remedy', (locale) => {
    for (const code of REASON_CODES) {
      for (const exchange of ['binance', 'okx', 'kraken', 'bitstamp']) {
        expect(filled(reasonExplanation(locale, code, exchange)), `${code} ${exchange}`).toBe(true);
        expect(filled(reasonRemedy(locale, code, exchange)), `${code} ${exchange}`).toBe(true);
      }
    }
  });

  it.each(LOCALES)('%s: every warning and every status sentence', (locale) => {
    const values = { days: 2, date: '2027-01-02', wallets: 'swap', labels: 'Main', was: '1', now: '2' };
    for (const code of WARNING_CODES) {
      for (const exchangeId of ['binance', 'okx']) {
        expect(filled(warningMessage(locale, { code, exchangeId, values, detail: null })), code).toBe(true);
      }
    }
    for (const status of CONNECTION_STATUSES)
      expect(filled(statusSentence(locale, status)), status).toBe(true);
  });

  it('names the exact withdrawal switch, in the reader’s language', () => {
    expect(reasonRemedy('en', 'WITHDRAWALS_ENABLED', 'kraken')).toContain('“Withdraw Funds”');
    expect(reasonRemedy('fr', 'WITHDRAWALS_ENABLED', 'kraken')).toMatch(/Sur Kraken.*« Withdraw Funds »/);
  });
});
