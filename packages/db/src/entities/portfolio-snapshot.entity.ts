import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { User } from './user.entity';

/** A point of a user's portfolio history: the valued total in each quote at one moment. */
export const PortfolioSnapshot = defineEntity({
  name: 'PortfolioSnapshot',
  tableName: 'portfolio_snapshots',
  indexes: [{ properties: ['owner', 'takenAt'] }],
  properties: (p) => ({
    id: p.bigint('string').primary().autoincrement(),
    owner: p.manyToOne(User).mapToPk().deleteRule('cascade'),
    takenAt: p.datetime(),
    valueUsd: p.decimal('string').precision(38).scale(8).nullable(),
    valueEur: p.decimal('string').precision(38).scale(8).nullable(),
    valueBtc: p.decimal('string').precision(38).scale(18).nullable(),
    /** False when some held asset had no price: the total leaves it out. */
    complete: p.boolean(),
  }),
});
export type IPortfolioSnapshot = InferEntity<typeof PortfolioSnapshot>;
