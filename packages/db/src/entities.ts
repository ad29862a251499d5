import { ApiToken } from './entities/api-token.entity';
import { Balance } from './entities/balance.entity';
import { ConnectionEvent } from './entities/connection-event.entity';
import { ExchangeConnection } from './entities/exchange-connection.entity';
import { PortfolioSnapshot } from './entities/portfolio-snapshot.entity';
import { Session } from './entities/session.entity';
import { User } from './entities/user.entity';

export type { IApiToken } from './entities/api-token.entity';
export type { IBalance } from './entities/balance.entity';
export type { IConnectionEvent } from './entities/connection-event.entity';
export type { IExchangeConnection, SealedCredentials } from './entities/exchange-connection.entity';
export type { IPortfolioSnapshot } from './entities/portfolio-snapshot.entity';
export type { ISession } from './entities/session.entity';
export type { IUser } from './entities/user.entity';
export { ApiToken, Balance, ConnectionEvent, ExchangeConnection, PortfolioSnapshot, Session, User };

/** Explicit list: no folder globbing, which breaks in monorepos. */
export const entities = [
  User,
  Session,
  ApiToken,
  ExchangeConnection,
  Balance,
  ConnectionEvent,
  PortfolioSnapshot,
];
