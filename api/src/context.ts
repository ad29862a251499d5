import type { Orm } from '@keyport/db/orm';
import type { RefreshBalancesPayload } from '@keyport/queue/refresh-balances';
import type { VerifyConnectionPayload } from '@keyport/queue/verify-connection';
import type { Keyring } from '@keyport/vault/keyring';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { RequestRateLimits } from './limits/request-rate';
import type { SignInGuard } from './limits/sign-in-guard';
import type { TokenScope } from './modules/tokens/token-scopes';
import type { TrustedProxies } from './transport/client-address';
import type { EventBus } from './transport/event-bus';
import type { RedisResync } from './transport/redis-resync';

/** Long-lived resources the api is built from; tests build their own. */
export interface ApiDeps {
  orm: Orm;
  /** Public keys only: the api can seal credentials but never open them. */
  keyring: Keyring;
  verifyQueue: Queue<VerifyConnectionPayload>;
  refreshQueue: Queue<RefreshBalancesPayload>;
  /** The cross-process events (connection and portfolio changes, revocations), typed and validated. */
  events: EventBus;
  redisPrefix: string;
  /** Plain Redis commands (cached spot tickers); not a subscriber connection. */
  cache: Redis;
  logger: Logger;
  sessionTtlDays: number;
  /** Where workers reach exchanges from (EGRESS_IPS), shown to users for their keys' IP whitelists. */
  egressIps?: readonly string[];
  cookieSecure: boolean;
  /** Requests per minute per token / user / anonymous IP, and failed sign-ins per email and IP. */
  limits: { requests: RequestRateLimits; signIn: SignInGuard };
  /** Proxies whose X-Forwarded-For is believed (TRUST_PROXY); from anyone else the socket's peer is the client. */
  trustProxy?: TrustedProxies;
  /** Live connections one user may hold (MAX_CONNECTIONS_PER_USER). */
  maxConnectionsPerUser: number;
  /** Tells open subscriptions when the Redis subscriber connection came back, so they re-send what they watch. */
  resync: RedisResync;
}

export interface Viewer {
  userId: string;
  /** The signed-in session, or null for an API token. */
  sessionId: string | null;
  /** The API token the request came with, or null for a session. */
  tokenId: string | null;
  /** What the token may do; null for a session, which may do everything. */
  scopes: ReadonlySet<TokenScope> | null;
  /** When the token stops working (its live views end then too); null: a session, or no expiry. */
  tokenExpiresAt?: Date | null;
  /** When the session ends (its live views end then too); null or absent for an API token. */
  sessionExpiresAt?: Date | null;
}

/** Per-operation context: a forked EntityManager, the viewer, and a way to set cookies on the response. */
export interface Context {
  deps: ApiDeps;
  em: ReturnType<Orm['em']['fork']>;
  viewer: Viewer | null;
  request: Request;
  /** Who is asking, for per-IP limits: the socket's peer, or what a trusted proxy says in X-Forwarded-For. */
  clientIp: string;
  setCookie(cookie: string): void;
}
