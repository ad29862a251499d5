import { defineEntity, type InferEntity } from '@mikro-orm/core';

/** A person who signs in to Keyport; owns sessions and exchange connections. */
export const User = defineEntity({
  name: 'User',
  tableName: 'users',
  properties: (p) => ({
    id: p.uuid().primary(),
    email: p.string().length(254).unique(),
    passwordHash: p.text().hidden(),
    createdAt: p.datetime().onCreate(() => new Date()),
  }),
});
export type IUser = InferEntity<typeof User>;
