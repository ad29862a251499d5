import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { ExchangeConnection } from './exchange-connection.entity';

/** Current holding of one asset in one account type of a connection; exact decimals as strings. */
export const Balance = defineEntity({
  name: 'Balance',
  tableName: 'balances',
  uniques: [{ properties: ['connection', 'accountType', 'asset'] }],
  properties: (p) => ({
    id: p.bigint('string').primary().autoincrement(),
    connection: p.manyToOne(ExchangeConnection).mapToPk().deleteRule('cascade'),
    accountType: p.string().length(16),
    asset: p.string().length(32),
    free: p.decimal('string').precision(38).scale(18),
    used: p.decimal('string').precision(38).scale(18),
    total: p.decimal('string').precision(38).scale(18),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  }),
});
export type IBalance = InferEntity<typeof Balance>;
