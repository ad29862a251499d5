'use client';

import { useTranslations } from 'next-intl';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useClient, useMutation, useSubscription } from 'urql';
import { type FragmentOf, graphql, type ResultOf, readFragment } from '../../graphql/graphql';
import { Link } from '../../i18n/navigation';
import { freshest } from '../../lib/freshest';
import { useReconnects } from '../../lib/live-status';
import { type TypedError, useErrorText } from '../../lib/mutation-error';
import { usePending } from '../../lib/use-pending';
import { ReasonNotice } from '../connections/ReasonNotice';
import { GuidePanel } from '../guides/GuidePanel';
import { CredentialFields, type CredentialValues, trimmedCredentials } from './CredentialFields';
import {
  ConnectionProgressFragment,
  ConnectionProgressQuery,
  ConnectionProgressUpdated,
} from './connection-progress.fragment';
import { ExchangePicker } from './ExchangePicker';
import { ExchangeChoiceFragment } from './exchange-choice.fragment';
import { SecurityGuidance } from './SecurityGuidance';
import { isFinished, reachedStep, VerificationStepper } from './VerificationStepper';
import { defaultWallets, WalletChoice } from './WalletChoice';

const Connect = graphql(
  `
  mutation Connect($input: ConnectExchangeInput!) {
    connectExchange(input: $input) {
      __typename
      ... on Error { code field message }
      ... on MutationConnectExchangeSuccess { data { ...ConnectionProgress } }
    }
  }
`,
  [ConnectionProgressFragment],
);

const Replace = graphql(
  `
  mutation ReplaceKeysAfterFailure($id: ID!, $credentials: CredentialsInput!) {
    updateExchangeCredentials(id: $id, credentials: $credentials) {
      __typename
      ... on Error { code field message }
      ... on MutationUpdateExchangeCredentialsSuccess { data { ...ConnectionProgress } }
    }
  }
`,
  [ConnectionProgressFragment],
);

const Rename = graphql(`
  mutation RenameAfterFailure($id: ID!, $label: String!) {
    renameExchangeConnection(id: $id, label: $label) {
      __typename
      ... on Error { code field message }
    }
  }
`);

const Remove = graphql(`
  mutation RemoveAfterFailure($id: ID!) {
    deleteExchangeConnection(id: $id) {
      __typename
    }
  }
`);

type Choice = ResultOf<typeof ExchangeChoiceFragment>;
type Progress = ResultOf<typeof ConnectionProgressFragment>;

function typedError(payload: { __typename: string } & Partial<TypedError>): TypedError | null {
  return payload.code
    ? { code: payload.code, field: payload.field ?? null, message: payload.message ?? '' }
    : null;
}

/** Follows one connection's verification live; re-reads it once the stream is up, so no step is missed. */
function useProgress(id: string | null, initial: Progress | null) {
  const client = useClient();
  const reconnects = useReconnects();
  const [progress, setProgress] = useState<Progress | null>(initial);
  useEffect(
    () =>
      setProgress((current) =>
        initial ? freshest(current?.id === initial.id ? current : null, initial) : null,
      ),
    [initial],
  );
  useSubscription(
    { query: ConnectionProgressUpdated, variables: { id: id ?? '' }, pause: !id },
    (_prev, event) => {
      const next = readFragment(ConnectionProgressFragment, event.exchangeConnectionUpdated);
      setProgress((current) => freshest(current, next));
      return event;
    },
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-read after each save and each time the stream (re)connects
  useEffect(() => {
    if (!id) return;
    const timer = setTimeout(() => {
      void client
        .query(ConnectionProgressQuery, { id }, { requestPolicy: 'network-only' })
        .toPromise()
        .then((result) => {
          const connection = result.data?.exchangeConnection;
          if (connection) {
            const next = readFragment(ConnectionProgressFragment, connection);
            setProgress((current) => freshest(current, next));
          }
        });
    }, 300);
    return () => clearTimeout(timer);
  }, [id, initial, reconnects, client]);
  return progress;
}

export function AddExchange({
  exchanges,
  egressIps,
}: {
  exchanges: readonly FragmentOf<typeof ExchangeChoiceFragment>[];
  egressIps: readonly string[];
}) {
  const t = useTranslations('add');
  const tStatus = useTranslations('status');
  const errorText = useErrorText();
  const choices = exchanges.map((exchange) => readFragment(ExchangeChoiceFragment, exchange));
  const [exchange, setExchange] = useState<Choice | null>(null);
  const [label, setLabel] = useState('');
  const [sandbox, setSandbox] = useState(false);
  const [needsTrading, setNeedsTrading] = useState(false);
  const [wallets, setWallets] = useState<Choice['accountTypes'][number][]>([]);
  const [values, setValues] = useState<CredentialValues>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saved, setSaved] = useState<{ progress: Progress; exchangeId: string; sandbox: boolean } | null>(
    null,
  );
  const [reached, setReached] = useState(0);
  const progress = useProgress(saved?.progress.id ?? null, saved?.progress ?? null);
  const [{ fetching: connecting }, connect] = useMutation(Connect);
  const [{ fetching: replacing }, replace] = useMutation(Replace);
  const [, rename] = useMutation(Rename);
  const [, remove] = useMutation(Remove);
  const resultRef = useRef<HTMLHeadingElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const labelRef = useRef<HTMLInputElement>(null);
  const ids = {
    label: useId(),
    labelHint: useId(),
    sandbox: useId(),
    sandboxHint: useId(),
    trading: useId(),
    tradingHint: useId(),
    formError: useId(),
  };
  // the whole submit, rename and removal included: not only while one of its mutations runs
  const [submitting, whileSubmitting] = usePending();
  const busy = connecting || replacing || submitting;

  const finished = progress ? isFinished(progress.status) : false;
  const failed = finished && progress?.status !== 'CONNECTED';
  const retrying = failed && Boolean(progress?.statusReason?.retrying);

  useEffect(() => {
    if (progress) setReached((previous) => reachedStep(progress, previous));
  }, [progress]);

  // the form replaces the picker and the button that was pressed: focus goes to its first field, not <body>
  useEffect(() => {
    if (exchange) labelRef.current?.focus();
  }, [exchange]);

  // the outcome takes the focus, so keyboard and screen-reader users land on what happened
  // keyed on the status too: a failure can turn into a success without passing through "in progress"
  const outcome = finished ? progress?.status : null;
  useEffect(() => {
    if (outcome) resultRef.current?.focus();
  }, [outcome]);

  function choose(next: Choice | null) {
    setExchange(next);
    setValues({});
    setErrors({});
    setFormError(null);
    setSaved(null);
    setReached(0);
    setSandbox(false);
    setWallets(defaultWallets(next?.accountTypes ?? []));
  }

  function showErrors(error: TypedError) {
    const text = errorText(error);
    if (error.field) {
      setErrors({ [error.field]: text });
      requestAnimationFrame(() => {
        const name = error.field === 'label' ? 'label' : error.field?.replace('credentials.', '');
        formRef.current?.querySelector<HTMLElement>(`[name="${name}"]`)?.focus();
      });
    } else setFormError(text);
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void whileSubmitting(save);
  }

  async function save() {
    if (!exchange) return;
    setErrors({});
    setFormError(null);
    const credentials = trimmedCredentials(values, exchange.requiredCredentials);
    setValues(credentials);
    const cleanLabel = label.trim();
    const current = saved?.progress;
    // after a failure the keys are replaced in place; only a changed environment needs a new connection
    if (current && saved.exchangeId === exchange.id && saved.sandbox === sandbox) {
      if (cleanLabel !== current.label) {
        const renamed = await rename({ id: current.id, label: cleanLabel });
        const renameError = renamed.data ? typedError(renamed.data.renameExchangeConnection) : null;
        if (renameError) return showErrors(renameError);
      }
      const result = await replace({ id: current.id, credentials });
      const payload = result.data?.updateExchangeCredentials;
      if (!payload) return setFormError(errorText({ code: 'UNEXPECTED', message: '' }));
      if ('data' in payload) {
        setReached(0);
        setSaved({ ...saved, progress: readFragment(ConnectionProgressFragment, payload.data) });
      } else if (typedError(payload)) showErrors(typedError(payload) as TypedError);
      return;
    }
    if (current) await remove({ id: current.id });
    const result = await connect({
      input: {
        exchangeId: exchange.id,
        label: cleanLabel,
        credentials,
        sandbox,
        accountTypes: wallets,
        needsTrading,
      },
    });
    const payload = result.data?.connectExchange;
    if (!payload) {
      setFormError(
        errorText({ code: result.error?.networkError ? 'UNREACHABLE' : 'UNEXPECTED', message: '' }),
      );
      return;
    }
    if ('data' in payload) {
      setReached(0);
      setSaved({
        progress: readFragment(ConnectionProgressFragment, payload.data),
        exchangeId: exchange.id,
        sandbox,
      });
    } else if (typedError(payload)) showErrors(typedError(payload) as TypedError);
  }

  if (!exchange) return <ExchangePicker exchanges={choices} onChoose={choose} />;

  const formDisabled = busy || (Boolean(progress) && !finished) || progress?.status === 'CONNECTED';
  return (
    <div className="add-grid">
      <div>
        <form ref={formRef} method="post" className="card" onSubmit={submit} aria-labelledby="form-title">
          <h2 id="form-title">{t('formTitle', { exchange: exchange.name })}</h2>
          <button type="button" className="link-button" onClick={() => choose(null)} disabled={busy}>
            {t('change')}
          </button>
          {formError ? (
            <p id={ids.formError} className="alert error" role="alert">
              {formError}
            </p>
          ) : null}
          <fieldset disabled={formDisabled}>
            <div className="field">
              <label htmlFor={ids.label}>{t('label')}</label>
              <input
                ref={labelRef}
                id={ids.label}
                name="label"
                value={label}
                required
                maxLength={64}
                autoComplete="off"
                aria-describedby={`${ids.labelHint}${errors.label ? ` ${ids.label}-error` : ''}`}
                aria-invalid={errors.label ? true : undefined}
                onChange={(e) => setLabel(e.target.value)}
              />
              <p id={ids.labelHint} className="hint">
                {t('labelHint')}
              </p>
              {errors.label ? (
                <p id={`${ids.label}-error`} className="field-error">
                  {errors.label}
                </p>
              ) : null}
            </div>
            <CredentialFields
              fields={exchange.requiredCredentials}
              values={values}
              errors={errors}
              onChange={setValues}
            />
            <WalletChoice available={exchange.accountTypes} chosen={wallets} onChange={setWallets} />
            {exchange.hasTestnet ? (
              <div className="field checkbox">
                <input
                  id={ids.sandbox}
                  type="checkbox"
                  name="sandbox"
                  checked={sandbox}
                  aria-describedby={ids.sandboxHint}
                  onChange={(e) => setSandbox(e.target.checked)}
                />
                <label htmlFor={ids.sandbox}>{t('sandbox')}</label>
                <p id={ids.sandboxHint} className="hint">
                  {t('sandboxHint', { exchange: exchange.name })}
                </p>
              </div>
            ) : null}
            <div className="field checkbox">
              <input
                id={ids.trading}
                type="checkbox"
                name="needsTrading"
                checked={needsTrading}
                aria-describedby={ids.tradingHint}
                onChange={(e) => setNeedsTrading(e.target.checked)}
              />
              <label htmlFor={ids.trading}>{t('needsTrading')}</label>
              <p id={ids.tradingHint} className="hint">
                {t('needsTradingHint')}
              </p>
            </div>
            <button type="submit" className="button primary" aria-busy={busy}>
              {busy ? t('sending') : saved ? t('tryAgain') : t('connect')}
            </button>
          </fieldset>
        </form>

        {progress ? (
          <section className="card progress" aria-labelledby="progress-title">
            <h2 id="progress-title">{t('progressTitle', { exchange: exchange.name })}</h2>
            <VerificationStepper reached={reached} failed={failed} />
            <div aria-live="polite">
              {progress.status === 'CONNECTED' ? (
                <div className="result ok">
                  <h3 ref={resultRef} tabIndex={-1}>
                    {t('connectedTitle', { label: progress.label })}
                  </h3>
                  <p>{t('connectedBody')}</p>
                  <p className="actions">
                    <Link className="button primary" href={`/exchanges/${progress.id}`}>
                      {t('viewConnection')}
                    </Link>
                    <Link className="button" href="/exchanges">
                      {t('backToList')}
                    </Link>
                  </p>
                </div>
              ) : failed ? (
                <div className={`result ${retrying ? 'retry' : 'bad'}`}>
                  <h3 ref={resultRef} tabIndex={-1}>
                    {retrying
                      ? t('retryingTitle', { status: tStatus(progress.status as never) })
                      : t('failedTitle', { status: tStatus(progress.status as never) })}
                  </h3>
                  {progress.statusReason ? (
                    <ReasonNotice
                      code={progress.statusReason.code}
                      exchange={{ id: exchange.id, name: exchange.name }}
                      guideSection={progress.statusReason.guideSection}
                      guideInNewTab
                      headingLevel={3}
                    />
                  ) : null}
                  {!retrying ? <p className="muted">{t('fixAndRetry')}</p> : null}
                </div>
              ) : null}
            </div>
          </section>
        ) : null}
      </div>
      <div className="add-side">
        <SecurityGuidance egressIps={egressIps} exchange={exchange} />
        <GuidePanel key={exchange.id} exchange={{ id: exchange.id, name: exchange.name }} />
      </div>
    </div>
  );
}
