'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useMutation } from 'urql';
import { type FragmentOf, readFragment } from '../../graphql/graphql';
import { type TypedError, useErrorText } from '../../lib/mutation-error';
import { TableScroll } from '../layout/TableScroll';
import { parseAllowedIps } from './allowed-ips';
import { type TokenField, tokenRefusal } from './token-refusal';
import { ApiTokenFields, CreateApiToken, RevokeApiToken } from './tokens.queries';

const SCOPES = ['CONNECTIONS_READ', 'CONNECTIONS_WRITE', 'PORTFOLIO_READ'] as const;
type Scope = (typeof SCOPES)[number];
type Token = FragmentOf<typeof ApiTokenFields>;
// the form control each refusable field is, by its name attribute
const INPUT_NAME: Record<TokenField, string> = {
  name: 'name',
  scopes: 'scopes',
  expiresAt: 'expires',
  allowedIps: 'allowedIps',
};

/** The user's API tokens: make one (shown once), see what each may do and when it was last used, revoke. */
export function TokensView({ initial }: { initial: readonly Token[] }) {
  const t = useTranslations('tokens');
  const format = useFormatter();
  const errorText = useErrorText();
  const [tokens, setTokens] = useState(initial.map((token) => readFragment(ApiTokenFields, token)));
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<Set<Scope>>(new Set(['CONNECTIONS_READ']));
  const [expires, setExpires] = useState('');
  const [allowedIps, setAllowedIps] = useState('');
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const [copied, setCopied] = useState(false);
  // a refusal in our words: at its field when it concerns one, else above the button
  const [problem, setProblem] = useState<{ field: TokenField | null; text: string } | null>(null);
  const [{ fetching: creating }, create] = useMutation(CreateApiToken);
  const [, revoke] = useMutation(RevokeApiToken);
  const shownRef = useRef<HTMLHeadingElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const ids = {
    name: useId(),
    expires: useId(),
    scopes: useId(),
    allowedIps: useId(),
    allowedIpsHint: useId(),
    allowedIpsError: useId(),
    nameError: useId(),
    scopesError: useId(),
    expiresError: useId(),
  };
  const fieldError = (field: TokenField) => (problem?.field === field ? problem.text : null);
  const describedBy = (...parts: (string | false | null)[]) => parts.filter(Boolean).join(' ') || undefined;
  function refuse(error: TypedError) {
    const refusal = tokenRefusal(error);
    const field = refusal?.field ?? null;
    setProblem({ field, text: refusal ? t(refusal.key) : errorText(error) });
    if (field) {
      requestAnimationFrame(() =>
        formRef.current?.querySelector<HTMLElement>(`[name="${INPUT_NAME[field]}"]`)?.focus(),
      );
    }
  }
  const date = (iso: string | null) => (iso ? format.dateTime(new Date(iso), { dateStyle: 'medium' }) : '—');

  async function submit(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    const result = await create({
      input: {
        name,
        scopes: [...scopes],
        expiresAt: expires ? new Date(`${expires}T23:59:59`).toISOString() : null,
        allowedIps: parseAllowedIps(allowedIps),
      },
    });
    const payload = result.data?.createApiToken;
    if (!payload || !('data' in payload)) {
      const failure = payload && 'code' in payload ? payload : null;
      refuse({
        code: failure?.code ?? 'UNEXPECTED',
        field: failure?.field ?? null,
        message: failure?.message ?? '',
      });
      return;
    }
    const token = readFragment(ApiTokenFields, payload.data.apiToken);
    setTokens((list) => [token, ...list]);
    setCreated({ name: token.name, token: payload.data.token });
    setCopied(false);
    setName('');
    setAllowedIps('');
  }

  // the one time the token is shown: take the reader there once it is on the page
  useEffect(() => {
    if (created) shownRef.current?.focus();
  }, [created]);

  async function revokeToken(id: string, tokenName: string) {
    if (!window.confirm(t('revokeConfirm', { name: tokenName }))) return;
    const result = await revoke({ id });
    const payload = result.data?.revokeApiToken;
    if (payload && 'data' in payload) setTokens((list) => list.filter((token) => token.id !== id));
    else refuse({ code: payload && 'code' in payload ? payload.code : 'UNEXPECTED', message: '' });
  }

  function toggle(scope: Scope, on: boolean) {
    setScopes((current) => {
      const next = new Set(current);
      if (on) next.add(scope);
      else next.delete(scope);
      return next;
    });
  }

  return (
    <>
      {created ? (
        <section className="card" aria-labelledby="token-shown">
          <h2 id="token-shown" ref={shownRef} tabIndex={-1}>
            {t('createdTitle', { name: created.name })}
          </h2>
          <p className="alert warn">{t('shownOnce')}</p>
          <p>
            <code className="token-value" data-token>
              {created.token}
            </code>
          </p>
          <button
            type="button"
            className="button"
            onClick={() => {
              void navigator.clipboard?.writeText(created.token).then(() => setCopied(true));
            }}
          >
            {copied ? t('copied') : t('copy')}
          </button>{' '}
          <button type="button" className="button" onClick={() => setCreated(null)}>
            {t('done')}
          </button>
        </section>
      ) : null}

      <section className="card" aria-labelledby="token-new">
        <h2 id="token-new">{t('newTitle')}</h2>
        <form ref={formRef} onSubmit={submit} noValidate>
          <div className="field">
            <label htmlFor={ids.name}>{t('name')}</label>
            <input
              id={ids.name}
              name="name"
              value={name}
              maxLength={64}
              required
              aria-invalid={fieldError('name') ? true : undefined}
              aria-describedby={describedBy(fieldError('name') !== null && ids.nameError)}
              onChange={(e) => setName(e.target.value)}
            />
            {fieldError('name') ? (
              <p id={ids.nameError} className="field-error">
                {fieldError('name')}
              </p>
            ) : null}
          </div>
          <fieldset
            className="field wallets"
            aria-describedby={describedBy(ids.scopes, fieldError('scopes') !== null && ids.scopesError)}
          >
            <legend>{t('scopes')}</legend>
            <p id={ids.scopes} className="hint">
              {t('scopesHint')}
            </p>
            {SCOPES.map((scope) => (
              <label key={scope} className="wallet">
                <input
                  type="checkbox"
                  name="scopes"
                  value={scope}
                  checked={scopes.has(scope)}
                  onChange={(e) => toggle(scope, e.target.checked)}
                />{' '}
                {t(`scope.${scope}` as never)}
              </label>
            ))}
            {fieldError('scopes') ? (
              <p id={ids.scopesError} className="field-error">
                {fieldError('scopes')}
              </p>
            ) : null}
          </fieldset>
          <div className="field">
            <label htmlFor={ids.expires}>{t('expires')}</label>
            <input
              id={ids.expires}
              type="date"
              name="expires"
              value={expires}
              aria-invalid={fieldError('expiresAt') ? true : undefined}
              aria-describedby={describedBy(fieldError('expiresAt') !== null && ids.expiresError)}
              onChange={(e) => setExpires(e.target.value)}
            />
            {fieldError('expiresAt') ? (
              <p id={ids.expiresError} className="field-error">
                {fieldError('expiresAt')}
              </p>
            ) : null}
          </div>
          <div className="field">
            <label htmlFor={ids.allowedIps}>{t('allowedIps')}</label>
            <textarea
              id={ids.allowedIps}
              name="allowedIps"
              rows={3}
              value={allowedIps}
              autoComplete="off"
              spellCheck={false}
              aria-describedby={describedBy(
                ids.allowedIpsHint,
                fieldError('allowedIps') !== null && ids.allowedIpsError,
              )}
              aria-invalid={fieldError('allowedIps') ? true : undefined}
              onChange={(e) => setAllowedIps(e.target.value)}
            />
            <p id={ids.allowedIpsHint} className="hint">
              {t('allowedIpsHint')}
            </p>
            {fieldError('allowedIps') ? (
              <p id={ids.allowedIpsError} className="field-error">
                {fieldError('allowedIps')}
              </p>
            ) : null}
          </div>
          {problem && !problem.field ? (
            <p className="alert error" role="alert">
              {problem.text}
            </p>
          ) : null}
          <button type="submit" className="button primary" disabled={creating}>
            {creating ? t('creating') : t('create')}
          </button>
        </form>
      </section>

      <section className="card" aria-labelledby="token-list">
        <h2 id="token-list">{t('listTitle')}</h2>
        {tokens.length === 0 ? (
          <p className="muted">{t('none')}</p>
        ) : (
          <TableScroll labelledBy="token-list">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('name')}</th>
                  <th scope="col">{t('prefix')}</th>
                  <th scope="col">{t('scopes')}</th>
                  <th scope="col">{t('created')}</th>
                  <th scope="col">{t('lastUsed')}</th>
                  <th scope="col">{t('expires')}</th>
                  <th scope="col">{t('allowedIpsColumn')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {tokens.map((token) => (
                  <tr key={token.id}>
                    <th scope="row">{token.name}</th>
                    <td>
                      <code>{token.prefix}…</code>
                    </td>
                    <td>{token.scopes.map((scope) => t(`scope.${scope}` as never)).join(', ')}</td>
                    <td>{date(token.createdAt)}</td>
                    <td>{token.lastUsedAt ? date(token.lastUsedAt) : t('never')}</td>
                    <td>{token.expiresAt ? date(token.expiresAt) : t('noExpiry')}</td>
                    <td>
                      {token.allowedIps
                        ? token.allowedIps.map((ip, i) => (
                            <span key={ip}>
                              {i > 0 ? ', ' : null}
                              <code>{ip}</code>
                            </span>
                          ))
                        : t('anyAddress')}
                    </td>
                    <td>
                      <button
                        type="button"
                        className="button danger"
                        onClick={() => void revokeToken(token.id, token.name)}
                      >
                        {t('revoke')}
                        <span className="visually-hidden"> {token.name}</span>
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>
    </>
  );
}
