import { hasConnectedBefore } from '@keyport/db/connection-change-sql';
import { isKeyRefused, type ReasonCode, reasonSpec } from '@keyport/exchange/status';
import { type VerifyOutcome, verifyCredentials } from '@keyport/exchange/verify';
import {
  type VerifyConnectionPayload,
  VerifyConnectionPayloadSchema,
} from '@keyport/queue/verify-connection';
import type { Job } from 'bullmq';
import type { JobsDeps } from '../deps';
import { connectedColumns } from './connected-columns';
import { ConnectionWriter } from './connection-writer';
import { eraseUnsafeKey } from './erase-unsafe-key';
import { exchangeInput } from './exchange-input';
import { decrypt } from './open-stored-credentials';
import { RetryableVerificationError } from './retryable-verification-error';
import { verifyStagedKeys } from './verify-staged-keys';
import { warnUnreadable } from './warn-unreadable-wallets';

export type VerifyResult = { outcome: 'skipped' | 'connected' | 'failed' | 'retrying'; reason?: ReasonCode };

function workedBefore(writer: ConnectionWriter): Promise<boolean> {
  return hasConnectedBefore(writer.entityManager, writer.connection);
}

/**
 * Verifies one connection's current keys: decrypt in memory, ask the exchange through ccxt, store the
 * outcome, its audit event and balances, and tell the owner live at every step. Idempotent per key version.
 */
export async function verifyConnection(
  job: Job<VerifyConnectionPayload>,
  deps: JobsDeps,
): Promise<VerifyResult> {
  const payload = VerifyConnectionPayloadSchema.parse(job.data);
  if (payload.stagedSerial) return verifyStagedKeys(job, payload.stagedSerial, deps);
  const writer = await ConnectionWriter.load(deps, payload.connectionId, payload.credentialVersion);
  if (!writer?.connection.credentials) return { outcome: 'skipped' };
  const { connection } = writer;

  const started = await writer.save(
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

  if (reason === 'WITHDRAWALS_ENABLED') await eraseUnsafeKey(writer, reason);
  const retryIn = willRetry
    ? (outcome.retryAfterMs ?? deps.config.RETRY_BASE_MS)
    : deps.config.RETRY_LATER_MS;
  await writer.save(
    { kind: 'STATUS_CHANGED', status: spec.status, reasonCode: reason },
    {
      progressStep: willRetry ? null : 'DONE',
      permissions: outcome.permissions ?? connection.permissions ?? null,
      clockOffsetMs: outcome.clockOffsetMs ?? null,
      ...(outcome.tradeCheck ? { tradeCheck: outcome.tradeCheck } : {}),
      retryAt: spec.retryable ? new Date(Date.now() + retryIn) : null,
    },
  );
  if (willRetry) throw new RetryableVerificationError(reason, outcome.retryAfterMs);
  return { outcome: 'failed', reason };
}
