import type { Orm } from '@keyport/db/orm';
import type { NonceSequencer } from '@keyport/exchange/nonce-sequencer';
import type { RequestThrottle } from '@keyport/exchange/request-throttle';
import type { RefreshBalancesPayload } from '@keyport/queue/refresh-balances';
import type { VerifyConnectionPayload } from '@keyport/queue/verify-connection';
import type { Keyring } from '@keyport/vault/keyring';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { JobsConfig } from './config';

/** What every processor works with; tests build their own. */
export interface JobsDeps {
  orm: Orm;
  /** With private keys: workers are the only processes that can open credentials. */
  keyring: Keyring;
  redis: Redis;
  publisher: Redis;
  verifyQueue: Queue<VerifyConnectionPayload>;
  refreshQueue: Queue<RefreshBalancesPayload>;
  logger: Logger;
  /** Every exchange request of this process waits its turn here, shared with the other workers. */
  budget: RequestThrottle;
  /** Kraken keys: one signed request at a time per key across workers, nonces only growing. */
  sequencer: NonceSequencer;
  config: Pick<
    JobsConfig,
    | 'REDIS_PREFIX'
    | 'urlOverrides'
    | 'EXCHANGE_TIMEOUT_MS'
    | 'VERIFY_CONCURRENCY'
    | 'RETRY_BASE_MS'
    | 'RETRY_MAX_MS'
    | 'RETRY_LATER_MS'
    | 'RECONCILE_INTERVAL_MS'
    | 'LOCK_DURATION_MS'
    | 'STALLED_INTERVAL_MS'
    | 'PRICE_REFRESH_MS'
    | 'BALANCE_REFRESH_MS'
    | 'PERMISSION_RECHECK_MS'
    | 'REFRESH_BATCH_SIZE'
    | 'EGRESS_IPS'
    | 'ALLOW_WITHDRAWAL_KEYS'
    | 'UNKNOWN_WITHDRAWAL_RIGHTS'
    | 'SNAPSHOT_INTERVAL_MS'
  >;
}
