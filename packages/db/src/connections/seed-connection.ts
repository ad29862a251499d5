// Test seed: an owner and one PENDING Binance connection, written through the ORM as the api would.

import { ExchangeConnection, type IExchangeConnection, User } from '../entities';
import type { Orm } from '../orm';

export async function seedConnection(
  orm: Orm,
  label: string,
  overrides: Partial<Pick<IExchangeConnection, 'credentials' | 'credentialKid' | 'credentialVersion'>> = {},
) {
  const em = orm.em.fork();
  const owner = em.create(User, {
    id: crypto.randomUUID(),
    email: `${label}@example.test`,
    passwordHash: 'x',
  });
  const connection = em.create(ExchangeConnection, {
    id: crypto.randomUUID(),
    owner: owner.id,
    exchangeId: 'binance',
    label,
    accountTypes: ['spot'],
    status: 'PENDING',
    keyHint: 'abcd…wxyz',
    ...overrides,
  });
  await em.flush();
  return { owner, connection };
}
