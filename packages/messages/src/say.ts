// The texts the API and the dashboard share (status reasons, warnings, status sentences), in ICU message format:
// the dashboard renders them with next-intl, the API with intl-messageformat, so both say the same words.
import { IntlMessageFormat } from 'intl-messageformat';
import en from '../messages/en.json' with { type: 'json' };
import fr from '../messages/fr.json' with { type: 'json' };

export const LOCALES = ['en', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];

export type SharedMessages = typeof en;
export const SHARED_MESSAGES: Readonly<Record<Locale, SharedMessages>> = { en, fr };

type Tree = { readonly [key: string]: string | Tree };
export type Values = Record<string, string | number>;

const compiled = new Map<string, IntlMessageFormat>();

function source(locale: Locale, key: string): string {
  let node: string | Tree | undefined = SHARED_MESSAGES[locale] as unknown as Tree;
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

/** Whether the shared messages hold `key` in `locale`. */
export function hasMessage(locale: Locale, key: string): boolean {
  try {
    source(locale, key);
    return true;
  } catch {
    return false;
  }
}
