'use client';

import { useFormatter, useLocale, useTranslations } from 'next-intl';
import { type FormEvent, useCallback, useEffect, useId, useRef, useState } from 'react';
import { useClient, useMutation, useSubscription } from 'urql';
import { type FragmentOf, graphql, readFragment } from '../../graphql/graphql';
import { Link } from '../../i18n/navigation';
import { formatDecimal } from '../../lib/format-decimal';
import { freshest } from '../../lib/freshest';
import { useReconnects } from '../../lib/live-status';
import { type TypedError, useErrorText } from '../../lib/mutation-error';
import { usePending } from '../../lib/use-pending';
import { CredentialFields, type CredentialValues, trimmedCredentials } from '../add/CredentialFields';
import { TableScroll } from '../layout/TableScroll';
import { ConnectionWarnings } from './ConnectionWarnings';
import {
  ConnectionDetailFragment,
  ConnectionDetailQuery,
  ConnectionDetailUpdated,
} from './connection-detail.fragment';
import { KeyReplacementNotice } from './KeyReplacementNotice';
import { PermissionMatrix } from './PermissionMatrix';
import { ReasonNotice } from './ReasonNotice';
import { StatusBadge } from './StatusBadge';

const TestAgain = graphql(
  `
    mutation TestAgain($id: ID!) {
      verifyExchangeConnection(id: $id) {
        __typename
        ... on Error { code field message }
        ... on MutationVerifyExchangeConnectionSuccess { data { ...ConnectionDetail } }
      }
    }
  `,
  [ConnectionDetailFragment],
);

const SwitchEnvironment = graphql(
  `
    mutation SwitchEnvironment($id: ID!, $sandbox: Boolean!) {
      switchExchangeEnvironment(id: $id, sandbox: $sandbox) {
        __typename
        ... on Error { code field message }
        ... on MutationSwitchExchangeEnvironmentSuccess { data { ...ConnectionDetail } }
      }
    }
  `,
  [ConnectionDetailFragment],
);

const RenameConnection = graphql(
  `
    mutation RenameConnection($id: ID!, $label: String!) {
      renameExchangeConnection(id: $id, label: $label) {
        __typename
        ... on Error { code field message }
        ... on MutationRenameExchangeConnectionSuccess { data { ...ConnectionDetail } }
      }
    }
  `,
  [ConnectionDetailFragment],
);

const ReplaceKeys = graphql(
  `
    mutation ReplaceKeys($id: ID!, $credentials: CredentialsInput!) {
      updateExchangeCredentials(id: $id, credentials: $credentials) {
        __typename
        ... on Error { code field message }
        ... on MutationUpdateExchangeCredentialsSuccess { data { ...ConnectionDetail } }
      }
    }
  `,
  [ConnectionDetailFragment],
);

const DeleteConnection = graphql(
  `
    mutation DeleteConnection($id: ID!) {
      deleteExchangeConnection(id: $id) {
        __typename
        ... on Error { code field message }
        ... on MutationDeleteExchangeConnectionSuccess { data { ...ConnectionDetail } }
      }
    }
  `,
  [ConnectionDetailFragment],
);

type Detail = FragmentOf<typeof ConnectionDetailFragment>;
type Payload = { __typename: string; code?: string; field?: string | null; message?: string; data?: Detail };

function asError(payload: Payload | undefined): TypedError | null {
  if (!payload) return { code: 'UNEXPECTED', message: '' };
  return payload.code
    ? { code: payload.code, field: payload.field ?? null, message: payload.message ?? '' }
    : null;
}

const stamp = (detail: Detail) => readFragment(ConnectionDetailFragment, detail).updatedAt;

function useLiveDetail(initial: Detail) {
  const [detail, setLatest] = useState(initial);
  const setDetail = useCallback((next: Detail) => setLatest((current) => freshest(current, next, stamp)), []);
  const client = useClient();
  const reconnects = useReconnects();
  const id = readFragment(ConnectionDetailFragment, initial).id;
  useSubscription({ query: ConnectionDetailUpdated, variables: { id } }, (_prev, event) => {
    setDetail(event.exchangeConnectionUpdated);
    return event;
  });
  useEffect(() => {
    if (reconnects === 0) return;
    void client
      .query(ConnectionDetailQuery, { id }, { requestPolicy: 'network-only' })
      .toPromise()
      .then((result) => {
        if (result.data?.exchangeConnection) setDetail(result.data.exchangeConnection);
      });
  }, [reconnects, client, id, setDetail]);
  return [detail, setDetail] as const;
}

export function ConnectionView({ initial }: { initial: Detail }) {
  const t = useTranslations('connection');
  const tTypes = useTranslations('accountTypes');
  const tPermissions = useTranslations('permissions');
  const tStatus = useTranslations('status');
  const format = useFormatter();
  const locale = useLocale();
  const errorText = useErrorText();
  const [masked, setDetail] = useLiveDetail(initial);
  const c = readFragment(ConnectionDetailFragment, masked);
  const [panel, setPanel] = useState<'none' | 'rename' | 'replace' | 'delete'>('none');
  const [error, setError] = useState<TypedError | null>(null);
  const [newLabel, setNewLabel] = useState(c.label);
  const [keys, setKeys] = useState<CredentialValues>({});
  const [, testAgain] = useMutation(TestAgain);
  const [testing, whileTesting] = usePending();
  const [{ fetching: switching }, switchEnvironment] = useMutation(SwitchEnvironment);
  const [{ fetching: renaming }, rename] = useMutation(RenameConnection);
  const [{ fetching: replacing }, replaceKeys] = useMutation(ReplaceKeys);
  const [{ fetching: deleting }, remove] = useMutation(DeleteConnection);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const statusRef = useRef<HTMLHeadingElement>(null);
  const renameRef = useRef<HTMLInputElement>(null);
  const replaceRef = useRef<HTMLFormElement>(null);
  const ids = { label: useId() };
  const dateTime = (iso: string) =>
    format.dateTime(new Date(iso), { dateStyle: 'medium', timeStyle: 'medium' });

  // an opened form takes the focus at its first field, so typing goes where the reader asked
  useEffect(() => {
    if (panel === 'rename') renameRef.current?.focus();
    if (panel === 'replace') replaceRef.current?.querySelector<HTMLInputElement>('input')?.focus();
  }, [panel]);

  async function run(payload: Promise<{ data?: Record<string, Payload> }>, after?: () => void) {
    setError(null);
    const result = await payload;
    const value = result.data ? Object.values(result.data)[0] : undefined;
    const failure = asError(value);
    if (failure) return setError(failure);
    if (value?.data) setDetail(value.data);
    setPanel('none');
    after?.();
  }

  if (c.deletedAt) {
    return (
      <section aria-labelledby="deleted-title" className="card">
        <h1 id="deleted-title">{t('deletedTitle', { label: c.label })}</h1>
        <p>{t('deletedBody')}</p>
        <Link className="button primary" href="/exchanges">
          {t('backToList')}
        </Link>
      </section>
    );
  }

  const busy = testing || switching || renaming || replacing || deleting;
  const inProgress = c.status === 'PENDING' || c.status === 'VERIFYING';
  return (
    <>
      <p>
        <Link href="/exchanges">{t('backToList')}</Link>
      </p>
      <div className="page-head">
        <h1>{c.label}</h1>
        <StatusBadge status={c.status} />
      </div>

      {error ? (
        <p className="alert error" role="alert">
          {errorText(error)}
        </p>
      ) : null}

      <section className="card" aria-labelledby="status-title">
        <h2 id="status-title" ref={statusRef} tabIndex={-1}>
          {t('statusHeading', { status: tStatus(c.status as never) })}
        </h2>
        <div aria-live="polite">
          {c.statusReason ? (
            <ReasonNotice
              code={c.statusReason.code}
              exchange={{ id: c.exchangeId, name: c.exchange?.name ?? c.exchangeId }}
              clockOffsetMs={c.statusReason.clockOffsetMs}
              guideSection={c.statusReason.guideSection}
            />
          ) : null}
          {/* a key of the other environment: move the connection, keys and all, instead of re-adding it */}
          {c.statusReason?.code === 'WRONG_ENVIRONMENT' && (c.sandbox || c.exchange?.hasTestnet) ? (
            <p>
              <button
                type="button"
                className="button primary"
                disabled={busy || !c.hasCredentials}
                onClick={() =>
                  run(switchEnvironment({ id: c.id, sandbox: !c.sandbox }), () => statusRef.current?.focus())
                }
              >
                {switching ? t('testing') : c.sandbox ? t('switchToLive') : t('switchToTestnet')}
              </button>
            </p>
          ) : null}
          {c.retryAt && c.statusReason?.retrying ? (
            <p className="muted">{t('retryAt', { at: dateTime(c.retryAt) })}</p>
          ) : null}
          {!c.hasCredentials ? <p className="alert warn">{t('noKeys')}</p> : null}
          {c.keyReplacement ? (
            <KeyReplacementNotice
              replacement={c.keyReplacement}
              exchange={{ id: c.exchangeId, name: c.exchange?.name ?? c.exchangeId }}
            />
          ) : null}
          <ConnectionWarnings warnings={c.warnings} exchangeId={c.exchangeId} />
        </div>
      </section>

      <section className="card" aria-labelledby="actions-title">
        <h2 id="actions-title">{t('actionsTitle')}</h2>
        <div className="actions">
          <button
            type="button"
            className="button"
            disabled={busy || inProgress || !c.hasCredentials}
            aria-busy={testing || inProgress}
            onClick={() => whileTesting(() => run(testAgain({ id: c.id }), () => statusRef.current?.focus()))}
          >
            {/* from the click until the verification ends: the request, then the check it started */}
            {testing || inProgress ? t('testing') : t('testAgain')}
          </button>
          <button
            type="button"
            className="button"
            aria-expanded={panel === 'rename'}
            onClick={() => setPanel(panel === 'rename' ? 'none' : 'rename')}
          >
            {t('rename')}
          </button>
          <button
            type="button"
            className="button"
            aria-expanded={panel === 'replace'}
            onClick={() => setPanel(panel === 'replace' ? 'none' : 'replace')}
          >
            {t('replaceKeys')}
          </button>
          <button
            type="button"
            className="button danger"
            onClick={() => {
              setPanel('delete');
              dialogRef.current?.showModal();
            }}
          >
            {t('delete')}
          </button>
        </div>

        {panel === 'rename' ? (
          <form
            method="post"
            className="inline-form"
            onSubmit={(event: FormEvent) => {
              event.preventDefault();
              void run(rename({ id: c.id, label: newLabel.trim() }));
            }}
          >
            <div className="field">
              <label htmlFor={ids.label}>{t('newName')}</label>
              <input
                ref={renameRef}
                id={ids.label}
                value={newLabel}
                maxLength={64}
                required
                onChange={(e) => setNewLabel(e.target.value)}
              />
            </div>
            <button type="submit" className="button primary" disabled={busy}>
              {t('save')}
            </button>
            <button type="button" className="button" onClick={() => setPanel('none')}>
              {t('cancel')}
            </button>
          </form>
        ) : null}

        {panel === 'replace' && c.exchange ? (
          <form
            ref={replaceRef}
            method="post"
            className="inline-form"
            onSubmit={(event: FormEvent) => {
              event.preventDefault();
              const credentials = trimmedCredentials(keys, c.exchange?.requiredCredentials ?? []);
              void run(replaceKeys({ id: c.id, credentials }), () => {
                setKeys({});
                statusRef.current?.focus();
              });
            }}
          >
            <p>{t('replaceIntro')}</p>
            {/* a working key stays in use until the new one passes: say so, so nobody fears breaking it */}
            {c.status === 'CONNECTED' ? <p className="alert info">{t('replaceWarning')}</p> : null}
            <CredentialFields
              fields={c.exchange.requiredCredentials}
              values={keys}
              errors={error?.field ? { [error.field]: errorText(error) } : {}}
              onChange={setKeys}
            />
            <button type="submit" className="button primary" disabled={busy}>
              {t('replaceSubmit')}
            </button>
            <button type="button" className="button" onClick={() => setPanel('none')}>
              {t('cancel')}
            </button>
          </form>
        ) : null}

        <dialog ref={dialogRef} aria-labelledby="delete-title" onClose={() => setPanel('none')}>
          <h2 id="delete-title">{t('deleteTitle', { label: c.label })}</h2>
          <p>{t('deleteBody')}</p>
          <form method="dialog" className="actions">
            <button type="submit" className="button">
              {t('cancel')}
            </button>
            <button
              type="button"
              className="button danger"
              disabled={deleting}
              onClick={() => void run(remove({ id: c.id }), () => dialogRef.current?.close())}
            >
              {t('deleteConfirm')}
            </button>
          </form>
        </dialog>
      </section>

      <section className="card" aria-labelledby="details-title">
        <h2 id="details-title">{t('details')}</h2>
        <dl className="details">
          <dt>{t('exchange')}</dt>
          <dd>{c.exchange?.name ?? c.exchangeId}</dd>
          <dt>{t('key')}</dt>
          <dd>
            <code>{c.keyHint}</code> · {t('keyVersion')} {c.credentialVersion}
          </dd>
          <dt>{t('accountTypes')}</dt>
          <dd>{c.accountTypes.map((type) => tTypes(type)).join(', ')}</dd>
          <dt>{t('environment')}</dt>
          <dd>{c.sandbox ? t('testnet') : t('live')}</dd>
          <dt>{t('created')}</dt>
          <dd>
            <time dateTime={c.createdAt}>{dateTime(c.createdAt)}</time>
          </dd>
          <dt>{t('lastVerified')}</dt>
          <dd>
            {c.lastVerifiedAt ? (
              <time dateTime={c.lastVerifiedAt}>{dateTime(c.lastVerifiedAt)}</time>
            ) : (
              t('never')
            )}
          </dd>
        </dl>
      </section>

      <section className="card" aria-labelledby="permissions-title">
        <h2 id="permissions-title">{tPermissions('title')}</h2>
        <PermissionMatrix permissions={c.permissions} />
      </section>

      <section className="card" aria-labelledby="balances-title">
        <h2 id="balances-title">{t('balancesTitle')}</h2>
        {c.balances.length === 0 ? (
          <p className="muted">{t('noBalances')}</p>
        ) : (
          <TableScroll labelledBy="balances-title">
            <table className="balances">
              <thead>
                <tr>
                  <th scope="col">{t('asset')}</th>
                  <th scope="col">{t('account')}</th>
                  <th scope="col" className="num">
                    {t('free')}
                  </th>
                  <th scope="col" className="num">
                    {t('used')}
                  </th>
                  <th scope="col" className="num">
                    {t('total')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {c.balances.map((b) => (
                  <tr key={`${b.accountType}-${b.asset}`}>
                    <th scope="row">{b.asset}</th>
                    <td>{tTypes(b.accountType.toUpperCase() as never)}</td>
                    <td className="num">{formatDecimal(b.free, locale)}</td>
                    <td className="num">{formatDecimal(b.used, locale)}</td>
                    <td className="num">{formatDecimal(b.total, locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>

      <section className="card" aria-labelledby="history-title">
        <h2 id="history-title">{t('historyTitle')}</h2>
        {c.events.length === 0 ? (
          <p className="muted">{t('historyEmpty')}</p>
        ) : (
          <ol className="history">
            {c.events.map((event) => (
              <li key={event.id}>
                <time dateTime={event.createdAt}>{dateTime(event.createdAt)}</time>{' '}
                <strong>{t(`event.${event.kind}` as never)}</strong>
                {event.fromStatus && event.toStatus ? (
                  <>
                    {' '}
                    —{' '}
                    {t('transition', {
                      from: tStatus(event.fromStatus as never),
                      to: tStatus(event.toStatus as never),
                    })}
                  </>
                ) : null}{' '}
                <span className="muted">{t(`by.${event.actorType === 'user' ? 'user' : 'system'}`)}</span>
              </li>
            ))}
          </ol>
        )}
      </section>
    </>
  );
}
