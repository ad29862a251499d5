import { type IUser, User } from '@keyport/db/entities';
import { plainRows } from '@keyport/db/plain-rows';
import { runPrepared } from '@keyport/db/prepared';
import { builder } from '../../schema/builder';
import { UserRef } from './types';

builder.queryField('viewer', (t) =>
  t.field({
    type: UserRef,
    nullable: true,
    description: 'The signed-in user, or null.',
    // plain SQL: part of nearly every request a third party makes
    resolve: async (_root, _args, { em, viewer }) => {
      if (!viewer) return null;
      const {
        rows: [row],
      } = await runPrepared<Record<string, unknown>>(
        em,
        'select id, email, created_at from users where id = ?',
        [viewer.userId],
      );
      return row ? (plainRows<IUser>(em, User, [row])[0] ?? null) : null;
    },
  }),
);
