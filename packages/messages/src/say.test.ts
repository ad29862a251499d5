import { REASON_CODES } from '@keyport/exchange/status';
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { leaves, type MessageTree } from './leaves';
import { LOCALES, SHARED_MESSAGES, say } from './say';

const arguments_ = (text: string) =>
  [...new Set([...text.matchAll(/\{(\w+)\s*[},]/g)].map((m) => m[1]))].sort();

describe('shared messages', () => {
  const english = leaves(SHARED_MESSAGES.en as unknown as MessageTree);
  const french = leaves(SHARED_MESSAGES.fr as unknown as MessageTree);

  it('holds every English text in French, with the same arguments, each valid ICU', () => {
    expect([...french.keys()].sort()).toEqual([...english.keys()].sort());
    for (const [key, text] of english) {
      const translated = french.get(key) ?? '';
      expect(arguments_(translated), key).toEqual(arguments_(text));
      for (const [locale, message] of [
        ['en', text],
        ['fr', translated],
      ] as const) {
        expect(() => new IntlMessageFormat(message, locale), `${locale} ${key}`).not.toThrow();
      }
    }
  });

  it('explains every status reason code, with its remedy, in both languages', () => {
    for (const locale of LOCALES) {
      for (const code of REASON_CODES) {
        expect(say(locale, `reasons.${code}.explanation`, { exchange: 'other' }), code).not.toBe('');
        expect(
          say(locale, `reasons.${code}.remedy`, { exchange: 'other', right: 'spotTrade' }),
          code,
        ).not.toBe('');
      }
    }
  });

  it('gives Binance’s -2015 its three causes, and every other exchange the plain refusal', () => {
    expect(say('en', 'reasons.KEY_REJECTED.explanation', { exchange: 'binance' })).toMatch(/-2015.*three/);
    expect(say('fr', 'reasons.KEY_REJECTED.remedy', { exchange: 'binance' })).toMatch(/Activer la lecture/);
    expect(say('en', 'reasons.KEY_REJECTED.remedy', { exchange: 'okx' })).not.toMatch(/Enable Reading/);
  });

  it('fills plurals and optional parts per language', () => {
    const values = { exchange: 'kraken', days: 1, date: '2027-01-02' };
    expect(say('en', 'warnings.KEY_EXPIRES_SOON', values)).toContain('in 1 day, on 2027-01-02:');
    expect(say('fr', 'warnings.KEY_EXPIRES_SOON', { ...values, days: 3, date: 'none' })).toContain(
      'dans 3 jours :',
    );
  });

  it('refuses a key it does not hold instead of printing it', () => {
    expect(() => say('fr', 'reasons.NOPE.remedy')).toThrow(/no fr message/);
  });
});
