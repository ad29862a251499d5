import { hasConnectedBefore, wasSecretErased } from '@keyport/db/connection-change-sql';
import {
  IN_PROGRESS_STATUSES,
  isKeyRefused,
  RETRYING_STATUSES,
  type ReasonCode,
  reasonSpec,
} from '@keyport/exchange/status';
import { type VerifyOutcome, verifyCredentials } from '@keyport/exchange/verify';
import {
  type VerifyConnectionPayload,
  VerifyConnectionPayloadSchema,
} from '@keyport/queue/verify-connection';
import type { Job } from 'bullmq';
import type { JobsDeps } from '../deps';
import { connectedColumns } from './connected-columns';
import { ConnectionWriter } from './connection-writer';
import { type ExchangeGate, openGate } from './exchange-gate';
import { exchangeInput } from './exchange-input';
import { decrypt } from './open-stored-credentials';
import { refusal } from './refusal-write';
import { RetryableVerificationError } from './retryable-verification-error';
import { verifyStagedKeys } from './verify-staged-keys';
import { warnUnreadable } from './warn-unreadable-wallets';

export type VerifyResult = { outcome: 'skipped' | 'connected' | 'failed' | 'retrying'; reason?: ReasonCode };

function workedBefore(writer: ConnectionWriter): Promise<boolean> {
  return hasConnectedBefore(writer.entityManager, writer.connection);
}

/** Statuses a verification job may set out from: waiting for it, or retried by it. */
const AWAITING_VERIFICATION: readonly string[] = [...IN_PROGRESS_STATUSES, ...RETRYING_STATUSES];

/**
 * A connection still waiting with no keys left (a worker died between an older release's erasure and its final
 * status) ends in the outcome it was on its way to, never back in the queue.
 */
async function settleKeyless(writer: ConnectionWriter): Promise<VerifyResult> {
  const erased = await wasSecretErased(writer.entityManager, writer.connection);
  const reason: ReasonCode = erased ? 'WITHDRAWALS_ENABLED' : 'CREDENTIALS_UNREADABLE';
  const saved = await writer.saveWhileStatusIn(
    AWAITING_VERIFICATION,
    { kind: 'STATUS_CHANGED', status: reasonSpec(reason).status, reasonCode: reason },
    { progressStep: 'DONE', retryAt: null },
  );
  return saved ? { outcome: 'failed', reason } : { outcome: 'skipped' };
}

/**
 * Verifies one connection's current keys: decrypt in memory, ask the exchange through ccxt, store the
 * outcome, its audit event and balances, and tell the owner live at every step. Idempotent per key version.
 */
export async function verifyConnection(
  job: Job<VerifyConnectionPayload>,
  deps: JobsDeps,
  gate: ExchangeGate = openGate,
): Promise<VerifyResult> {
  const payload = VerifyConnectionPayloadSchema.parse(job.data);
  if (payload.stagedSerial) return verifyStagedKeys(job, payload.stagedSerial, deps, gate);
  const writer = await ConnectionWriter.load(deps, payload.connectionId, payload.credentialVersion);
  // a job run again after its outcome committed (stalled, retried, a twin) has nothing left to do
  if (!writer || !AWAITING_VERIFICATION.includes(writer.connection.status)) return { outcome: 'skipped' };
  if (!writer.connection.credentials) return settleKeyless(writer);
  return gate(writer.connection.exchangeId, () => checkStoredKeys(job, deps, writer));
}

async function checkStoredKeys(
  job: Job<VerifyConnectionPayload>,
  deps: JobsDeps,
  writer: ConnectionWriter,
): Promise<VerifyResult> {
  const { connection } = writer;

  const started = await writer.saveWhileStatusIn(
    AWAITING_VERIFICATION,
    { kind: 'STATUS_CHANGED', status: 'VERIFYING', reasonCode: null },
    { progressStep: 'CHECKING_CREDENTIALS', retryAt: null },
  );
  if (!started) return { outcome: 'skipped' };

  const credentials = decrypt(deps, writer);
  const outcome: VerifyOutcome = credentials
    ? await verifyCredentials({
        ...exchangeInput(deps, connection, credentials),
        onStep: async (step) => {
          if (step === connection.progressStep) return;
          await writer.saveStep(step);
        },
      })
    : { ok: false, reason: 'CREDENTIALS_UNREADABLE' };

  if (outcome.ok) {
    warnUnreadable(deps, connection.id, outcome.unreadableWallets);
    const saved = await writer.save(
      { kind: 'STATUS_CHANGED', status: 'CONNECTED', reasonCode: null },
      connectedColumns(connection, outcome, new Date()),
      outcome.balances,
      outcome.unreadableWallets.map((w) => w.wallet),
    );
    if (saved) await writer.publishPortfolio();
    return { outcome: saved ? 'connected' : 'skipped' };
  }

  let reason: ReasonCode = outcome.reason;
  // a key that was accepted before and is now refused has expired or been revoked, not mistyped
  if (isKeyRefused(reason) && (await workedBefore(writer))) reason = 'KEY_EXPIRED';
  const spec = reasonSpec(reason);
  const attempts = job.opts.attempts ?? 1;
  const willRetry = spec.retryable && job.attemptsMade + 1 < attempts;

  const retryIn = willRetry
    ? (outcome.retryAfterMs ?? deps.config.RETRY_BASE_MS)
    : deps.config.RETRY_LATER_MS;
  const { changes, erased } = refusal(reason);
  await writer.save(changes, {
    ...erased,
    progressStep: willRetry ? null : 'DONE',
    permissions: outcome.permissions ?? connection.permissions ?? null,
    clockOffsetMs: outcome.clockOffsetMs ?? null,
    ...(outcome.tradeCheck ? { tradeCheck: outcome.tradeCheck } : {}),
    retryAt: spec.retryable ? new Date(Date.now() + retryIn) : null,
  });
  if (willRetry) throw new RetryableVerificationError(reason, outcome.retryAfterMs);
  return { outcome: 'failed', reason };
}
