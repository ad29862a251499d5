import { User } from '@keyport/db/entities';
import { builder } from '../../schema/builder';
import { UserRef } from './types';

builder.queryField('viewer', (t) =>
  t.field({
    type: UserRef,
    nullable: true,
    description: 'The signed-in user, or null.',
    resolve: (_root, _args, { em, viewer }) => (viewer ? em.findOne(User, { id: viewer.userId }) : null),
  }),
);
