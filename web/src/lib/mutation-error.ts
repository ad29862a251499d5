import { useTranslations } from 'next-intl';
import type { ErrorCode } from '../graphql/enums';

export interface TypedError {
  code: string;
  field?: string | null;
  message: string;
}

// where each code's words are: every code the schema has is listed (a new one fails typecheck until it is)
export const ERROR_TEXT_KEYS: Readonly<Record<ErrorCode, string>> = {
  DUPLICATE_LABEL: 'errors.DUPLICATE_LABEL',
  DUPLICATE_KEY: 'errors.DUPLICATE_KEY',
  MISSING_CREDENTIAL: 'errors.MISSING_CREDENTIAL',
  UNKNOWN_EXCHANGE: 'errors.UNKNOWN_EXCHANGE',
  SANDBOX_UNAVAILABLE: 'errors.SANDBOX_UNAVAILABLE',
  VALIDATION_FAILED: 'errors.VALIDATION_FAILED',
  NOT_FOUND: 'errors.NOT_FOUND',
  LIMIT_REACHED: 'errors.LIMIT_REACHED',
  EMAIL_TAKEN: 'auth.error.EMAIL_TAKEN',
  INVALID_LOGIN: 'auth.error.INVALID_LOGIN',
};

/** Words for a typed API error, in the reader's language; the field it concerns is named as on the form. */
export function useErrorText(): (error: TypedError) => string {
  const t = useTranslations();
  const tFields = useTranslations('fields');
  return (error) => {
    // a code from a newer API than this dashboard: said as unexpected, never shown raw
    if (!Object.hasOwn(ERROR_TEXT_KEYS, error.code)) return t('errors.unexpected');
    const key = error.field?.startsWith('credentials.') ? error.field.slice('credentials.'.length) : null;
    const field = key ? tFields(`${key}.label` as never) : '';
    return (t as (key: string, values: Record<string, string>) => string)(
      ERROR_TEXT_KEYS[error.code as ErrorCode],
      {
        field,
        message: error.message,
      },
    );
  };
}
