'use client';

import { useTranslations } from 'next-intl';
import { useId, useState } from 'react';

export interface CredentialFieldSpec {
  key: string;
  masked: boolean;
  multiline: boolean;
}

export type CredentialValues = Record<string, string>;

/** Trims what was pasted: a stray space or newline around a key is the most common reason it fails. */
export function trimmedCredentials(
  values: CredentialValues,
  fields: readonly CredentialFieldSpec[],
): CredentialValues {
  return Object.fromEntries(fields.map((field) => [field.key, (values[field.key] ?? '').trim()]));
}

function CredentialField({
  field,
  value,
  error,
  onChange,
}: {
  field: CredentialFieldSpec;
  value: string;
  error?: string;
  onChange: (value: string) => void;
}) {
  const t = useTranslations('fields');
  const id = useId();
  const [shown, setShown] = useState(false);
  const label = t(`${field.key}.label` as never);
  const describedBy = `${id}-hint${error ? ` ${id}-error` : ''}`;
  const common = {
    id,
    name: field.key,
    value,
    required: true,
    autoComplete: 'off',
    spellCheck: false,
    'aria-describedby': describedBy,
    'aria-invalid': error ? true : undefined,
    onChange: (event: { target: { value: string } }) => onChange(event.target.value),
    onBlur: () => onChange(value.trim()),
  } as const;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className="with-toggle">
        {field.multiline && (!field.masked || shown) ? (
          <textarea {...common} rows={4} />
        ) : (
          <input {...common} type={field.masked && !shown ? 'password' : 'text'} data-lpignore="true" />
        )}
        {field.masked ? (
          <button type="button" className="link-button" aria-pressed={shown} onClick={() => setShown(!shown)}>
            {shown ? t('hide') : t('show')}
            <span className="visually-hidden"> {label}</span>
          </button>
        ) : null}
      </div>
      <p id={`${id}-hint`} className="hint">
        {t(`${field.key}.hint` as never)}
      </p>
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** The exchange's own credential form: its fields, its names, secrets masked. */
export function CredentialFields({
  fields,
  values,
  errors,
  onChange,
}: {
  fields: readonly CredentialFieldSpec[];
  values: CredentialValues;
  errors: Record<string, string>;
  onChange: (values: CredentialValues) => void;
}) {
  return (
    <>
      {fields.map((field) => (
        <CredentialField
          key={field.key}
          field={field}
          value={values[field.key] ?? ''}
          error={errors[`credentials.${field.key}`]}
          onChange={(value) => onChange({ ...values, [field.key]: value })}
        />
      ))}
    </>
  );
}
