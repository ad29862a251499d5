import { REASON_CODES } from '@keyport/exchange/status';
import { leaves } from '@keyport/messages/leaves';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from './messages';

const { en, fr } = MESSAGES;

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\s*[},]/g)].map((m) => m[1]).sort();

describe('translations', () => {
  const english = leaves(en);
  const french = leaves(fr);

  it('has every English string in French, none empty, with the same placeholders', () => {
    expect([...french.keys()].sort()).toEqual([...english.keys()].sort());
    for (const [key, text] of english) {
      expect(text.trim(), key).not.toBe('');
      expect(french.get(key)?.trim(), key).not.toBe('');
      expect(placeholders(french.get(key) ?? ''), key).toEqual(placeholders(text));
    }
  });

  it('explains every status reason code the API can send, in both languages', () => {
    for (const code of REASON_CODES) {
      for (const tree of [en, fr]) {
        const reason = (tree.reasons as Record<string, { explanation: string; remedy: string }>)[code];
        expect(reason?.explanation, code).toBeTruthy();
        expect(reason?.remedy, code).toBeTruthy();
      }
    }
  });

  it('actually translates: French differs from English wherever words are involved', () => {
    const same = [...english].filter(([key, text]) => french.get(key) === text && /[a-z]{4}/.test(text));
    // names that are the same in both languages
    expect(
      same
        .map(([key]) => key)
        .filter(
          (key) =>
            !/^(meta\.title|nav\.brand|accountTypes\.(SPOT|OPTION)|list\.testnet|connection\.(testnet|total|actionsTitle)|connection\.transition|add\.searchPlaceholder)$/.test(
              key,
            ),
        ),
    ).toEqual([]);
  });
});
