import type { IUser } from '@keyport/db/entities';
import { builder } from '../../schema/builder';

export const UserRef = builder.objectRef<IUser>('User').implement({
  description: 'A signed-in person.',
  fields: (t) => ({
    id: t.exposeID('id'),
    email: t.exposeString('email'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});
