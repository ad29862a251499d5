import type { IUser } from '@keyport/db/entities';
import { builder } from '../../schema/builder';

export const UserRef = builder.objectRef<IUser>('User').implement({
  description: 'A signed-in person.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Identifies the user (a UUID).' }),
    email: t.exposeString('email', { description: 'The email address the user signs in with, lowercased.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When the user signed up.' }),
  }),
});
