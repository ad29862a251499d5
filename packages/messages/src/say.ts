// The texts the API and the dashboard share (status reasons, warnings, status sentences), in ICU message format:
// the dashboard renders them with next-intl, the API with intl-messageformat, so both say the same words.
import { IntlMessageFormat } from 'intl-messageformat';
import en from '../messages/en.json' with { type: 'json' };
import fr from '../messages/fr.json' with { type: 'json' };
import type { MessageTree } from './leaves';

export const LOCALES = ['en', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];

export type SharedMessages = typeof en;
export const SHARED_MESSAGES: Readonly<Record<Locale, SharedMessages>> = { en, fr };

export type Values = Record<string, string | number>;

const compiled = new Map<string, IntlMessageFormat>();

function source(locale: Locale, key: string): string {
  let node: string | MessageTree | undefined = SHARED_MESSAGES[locale] as unknown as MessageTree;
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  if (typeof node !== 'string') throw new Error(`no ${locale} message ${key}`);
  return node;
}

/** The message `key` (dotted, e.g. `reasons.KEY_REJECTED.remedy`) in `locale`, with `values` filled in. */
export function say(locale: Locale, key: string, values: Values = {}): string {
  const id = `${locale}:${key}`;
  let format = compiled.get(id);
  if (!format) {
    format = new IntlMessageFormat(source(locale, key), locale);
    compiled.set(id, format);
  }
  return String(format.format(values));
}
