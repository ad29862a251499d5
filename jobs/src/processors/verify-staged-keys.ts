import { duplicateOf } from '@keyport/db/connection-rows';
import { type ReasonCode, reasonSpec } from '@keyport/exchange/status';
import { type VerifyOutcome, verifyCredentials } from '@keyport/exchange/verify';
import type { VerifyConnectionPayload } from '@keyport/queue/verify-connection';
import type { Job } from 'bullmq';
import type { JobsDeps } from '../deps';
import { connectedColumns } from './connected-columns';
import { ConnectionWriter } from './connection-writer';
import type { ExchangeGate } from './exchange-gate';
import { exchangeInput } from './exchange-input';
import { decryptStaged } from './open-stored-credentials';
import { RetryableVerificationError } from './retryable-verification-error';
import type { VerifyResult } from './verify-connection';
import { warnUnreadable } from './warn-unreadable-wallets';

/**
 * Checks the keys a user staged to replace a working key. Passed: they become the connection's keys (version
 * + 1) with their permissions and balances, in one statement. Refused: they are erased and the reason kept
 * beside the working key, which never stopped being used.
 */
export async function verifyStagedKeys(
  job: Job<VerifyConnectionPayload>,
  stagedSerial: number,
  deps: JobsDeps,
  gate: ExchangeGate,
): Promise<VerifyResult> {
  const { connectionId, credentialVersion } = job.data;
  const writer = await ConnectionWriter.load(deps, connectionId, credentialVersion);
  const connection = writer?.connection;
  if (!writer || !connection?.stagedCredentials || connection.stagedSerial !== stagedSerial)
    return { outcome: 'skipped' };
  return gate(connection.exchangeId, () => checkStagedKeys(job, stagedSerial, deps, writer));
}

async function checkStagedKeys(
  job: Job<VerifyConnectionPayload>,
  stagedSerial: number,
  deps: JobsDeps,
  writer: ConnectionWriter,
): Promise<VerifyResult> {
  const { credentialVersion } = job.data;
  const { connection } = writer;

  const credentials = decryptStaged(deps, writer);
  const outcome: VerifyOutcome = credentials
    ? await verifyCredentials(exchangeInput(deps, connection, credentials))
    : { ok: false, reason: 'CREDENTIALS_UNREADABLE' };

  if (outcome.ok) {
    warnUnreadable(deps, connection.id, outcome.unreadableWallets);
    const saved = await writer
      .saveStaged(
        stagedSerial,
        {
          kind: 'CREDENTIALS_REPLACED',
          status: 'CONNECTED',
          reasonCode: null,
          detail: { credentialVersion: credentialVersion + 1, keyHint: connection.stagedKeyHint },
        },
        { ...connectedColumns(connection, outcome, new Date()), promoteStaged: true },
        outcome.balances,
        outcome.unreadableWallets.map((w) => w.wallet),
      )
      .catch((error: unknown) => {
        // another of the owner's connections took this key meanwhile: retrying would refuse it forever
        if (!(error instanceof Error) || duplicateOf(error) !== 'key') throw error;
        return 'taken' as const;
      });
    if (saved === 'taken') {
      deps.logger.warn(
        { connectionId: connection.id },
        'staged keys now used by another connection: refused',
      );
      return refuse(writer, stagedSerial, 'KEY_IN_USE');
    }
    if (saved) await writer.publishPortfolio();
    return { outcome: saved ? 'connected' : 'skipped' };
  }

  const reason: ReasonCode = outcome.reason;
  if (reasonSpec(reason).retryable) {
    // nothing to write while retrying: the working key carries on and the staged keys stay "being checked"
    if (job.attemptsMade + 1 < (job.opts.attempts ?? 1))
      throw new RetryableVerificationError(reason, outcome.retryAfterMs);
    // the exchange could not be asked (down, limiting): that says nothing against the keys, which are kept
    // and checked again later by the reconciler
    await writer.saveStaged(stagedSerial, undefined, {
      stagedRetryAt: new Date(Date.now() + deps.config.RETRY_LATER_MS),
    });
    return { outcome: 'retrying', reason };
  }
  return refuse(writer, stagedSerial, reason);
}

/** Erases the staged keys and keeps why, beside the working key. */
async function refuse(
  writer: ConnectionWriter,
  stagedSerial: number,
  reason: ReasonCode,
): Promise<VerifyResult> {
  await writer.saveStaged(
    stagedSerial,
    {
      kind: 'REPLACEMENT_REFUSED',
      eventReasonCode: reason,
      detail: { keyHint: writer.connection.stagedKeyHint },
    },
    {
      stagedCredentials: null,
      stagedCredentialKid: null,
      stagedKeyFingerprint: null,
      stagedReasonCode: reason,
      stagedRetryAt: null,
    },
  );
  return { outcome: 'failed', reason };
}
