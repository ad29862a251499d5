import type { SystemChange, WorkerColumns } from '@keyport/db/connection-change-sql';
import { type ReasonCode, reasonSpec } from '@keyport/exchange/status';

/**
 * Refuse and forget at once: a key that can move funds must not stay in our vault. The erasure, its audit event
 * and the refusal's status are one write, so a worker killed in between cannot leave a keyless connection waiting.
 */
export function refusal(reason: ReasonCode): {
  changes: SystemChange[];
  erased: Pick<WorkerColumns, 'credentials' | 'credentialKid'>;
} {
  const status: SystemChange = {
    kind: 'STATUS_CHANGED',
    status: reasonSpec(reason).status,
    reasonCode: reason,
  };
  // a key that can move funds, or one this deployment will not hold unchecked, leaves with its secret
  if (reason !== 'WITHDRAWALS_ENABLED' && reason !== 'WITHDRAWAL_RIGHTS_UNKNOWN')
    return { changes: [status], erased: {} };
  return {
    changes: [{ kind: 'SECRET_ERASED', detail: { because: reason } }, status],
    erased: { credentials: null, credentialKid: null },
  };
}
