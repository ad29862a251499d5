'use client';

import { useTranslations } from 'next-intl';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../../graphql/graphql';
import { Link, useRouter } from '../../i18n/navigation';

const SignIn = graphql(`
  mutation SignIn($email: String!, $password: String!) {
    signIn(email: $email, password: $password) {
      __typename
      ... on Error {
        code
      }
    }
  }
`);

const SignUp = graphql(`
  mutation SignUp($email: String!, $password: String!) {
    signUp(email: $email, password: $password) {
      __typename
      ... on Error {
        code
      }
    }
  }
`);

const KNOWN_ERRORS = ['EMAIL_TAKEN', 'INVALID_LOGIN', 'VALIDATION_FAILED'] as const;

export function AuthForm({ mode }: { mode: 'sign-in' | 'sign-up' }) {
  const t = useTranslations('auth');
  const tErrors = useTranslations('errors');
  const tNav = useTranslations('nav');
  const router = useRouter();
  const [{ fetching: signingIn }, signIn] = useMutation(SignIn);
  const [{ fetching: signingUp }, signUp] = useMutation(SignUp);
  // a new object each time, so the same message said twice still takes the focus again
  const [error, setError] = useState<{ text: string } | null>(null);
  const errorRef = useRef<HTMLParagraphElement>(null);
  const ids = { email: useId(), password: useId(), hint: useId(), error: useId() };
  const busy = signingIn || signingUp;

  useEffect(() => {
    if (error) errorRef.current?.focus();
  }, [error]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const variables = {
      email: String(form.get('email') ?? '').trim(),
      password: String(form.get('password') ?? ''),
    };
    const result = mode === 'sign-in' ? await signIn(variables) : await signUp(variables);
    const payload = result.data ? ('signIn' in result.data ? result.data.signIn : result.data.signUp) : null;
    if (payload && !('code' in payload)) {
      router.replace('/exchanges');
      router.refresh();
      return;
    }
    const code = payload && 'code' in payload ? payload.code : null;
    const known = KNOWN_ERRORS.find((k) => k === code);
    const text = known
      ? t(`error.${known}`)
      : result.error?.networkError
        ? tErrors('unreachable')
        : tErrors('unexpected');
    setError({ text });
  }

  return (
    // POST even before hydration: a native GET submit would put the password in the URL
    <form
      method="post"
      className="card auth"
      onSubmit={submit}
      noValidate={false}
      aria-describedby={error ? ids.error : undefined}
    >
      <h1>{mode === 'sign-in' ? t('signInTitle') : t('signUpTitle')}</h1>
      {error ? (
        <p id={ids.error} className="alert error" role="alert" tabIndex={-1} ref={errorRef}>
          {error.text}
        </p>
      ) : null}
      <div className="field">
        <label htmlFor={ids.email}>{t('email')}</label>
        <input id={ids.email} name="email" type="email" autoComplete="email" required />
      </div>
      <div className="field">
        <label htmlFor={ids.password}>{t('password')}</label>
        <input
          id={ids.password}
          name="password"
          type="password"
          autoComplete={mode === 'sign-in' ? 'current-password' : 'new-password'}
          minLength={mode === 'sign-up' ? 10 : undefined}
          required
          aria-describedby={mode === 'sign-up' ? ids.hint : undefined}
        />
        {mode === 'sign-up' ? (
          <p id={ids.hint} className="hint">
            {t('passwordHint')}
          </p>
        ) : null}
      </div>
      <button type="submit" className="button primary" disabled={busy}>
        {busy ? t('working') : mode === 'sign-in' ? t('signInButton') : t('signUpButton')}
      </button>
      <p className="muted">
        {mode === 'sign-in' ? t('noAccount') : t('haveAccount')}{' '}
        <Link href={mode === 'sign-in' ? '/sign-up' : '/sign-in'}>
          {mode === 'sign-in' ? tNav('signUp') : tNav('signIn')}
        </Link>
      </p>
    </form>
  );
}
