import { useTranslations } from 'next-intl';

export interface TypedError {
  code: string;
  field?: string | null;
  message: string;
}

const TRANSLATED = new Set([
  'DUPLICATE_LABEL',
  'DUPLICATE_KEY',
  'MISSING_CREDENTIAL',
  'UNKNOWN_EXCHANGE',
  'SANDBOX_UNAVAILABLE',
  'VALIDATION_FAILED',
  'NOT_FOUND',
  'LIMIT_REACHED',
]);

/** Words for a typed API error, in the reader's language; the field it concerns is named as on the form. */
export function useErrorText(): (error: TypedError) => string {
  const t = useTranslations('errors');
  const tFields = useTranslations('fields');
  return (error) => {
    if (!TRANSLATED.has(error.code)) return t('unexpected');
    const key = error.field?.startsWith('credentials.') ? error.field.slice('credentials.'.length) : null;
    const field = key ? tFields(`${key}.label` as never) : '';
    return (t as (key: string, values: Record<string, string>) => string)(error.code, {
      field,
      message: error.message,
    });
  };
}
