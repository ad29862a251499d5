import { builder } from '../../schema/builder';
import { resultDescriptions } from '../../schema/error-types';
import { EmailTakenError, InvalidLoginError, ValidationError } from '../../schema/errors';
import { type SignedIn, signIn, signOut, signUp } from './account.service';
import { clearedSessionCookie, sessionCookie } from './session-token';
import { UserRef } from './types';

const AuthPayload = builder.objectRef<SignedIn>('AuthPayload').implement({
  description: 'A new session. Its token is set as an HttpOnly cookie, never returned in the body.',
  fields: (t) => ({
    user: t.field({
      type: UserRef,
      description: 'The user now signed in.',
      resolve: (payload) => payload.user,
    }),
    expiresAt: t.expose('expiresAt', {
      type: 'DateTime',
      description: 'When the session ends, unless signed out before: then sign in again.',
    }),
  }),
});

const credentialsArgs = (
  t: Parameters<Parameters<typeof builder.mutationField>[1]>[0],
  password: string,
) => ({
  email: t.arg.string({ description: 'The email address; surrounding spaces and letter case are ignored.' }),
  password: t.arg.string({ description: password }),
});

builder.mutationField('signUp', (t) =>
  t.field({
    type: AuthPayload,
    description: 'Creates an account and signs it in: the session token is set as an HttpOnly cookie.',
    errors: {
      types: [ValidationError, EmailTakenError],
      ...resultDescriptions('signUp', 'The new account’s session.'),
    },
    args: credentialsArgs(t, 'The password to choose: 10 to 256 characters.'),
    resolve: async (_root, { email, password }, { em, deps, setCookie }) => {
      const signedIn = await signUp(em, email, password, deps.sessionTtlDays);
      setCookie(sessionCookie(signedIn.token, deps.sessionTtlDays * 86_400, deps.cookieSecure));
      return signedIn;
    },
  }),
);

builder.mutationField('signIn', (t) =>
  t.field({
    type: AuthPayload,
    description:
      'Opens a session, set as an HttpOnly cookie. After repeated failures for an email or from an IP, refused for a while with RATE_LIMITED.',
    errors: { types: [InvalidLoginError], ...resultDescriptions('signIn', 'The new session.') },
    args: credentialsArgs(t, 'The account’s password.'),
    resolve: async (_root, { email, password }, { em, deps, setCookie, clientIp }) => {
      await deps.limits.signIn.check(email, clientIp);
      const signedIn = await signIn(em, email, password, deps.sessionTtlDays).catch(
        async (error: unknown) => {
          if (error instanceof InvalidLoginError) await deps.limits.signIn.failed(email, clientIp);
          throw error;
        },
      );
      await deps.limits.signIn.succeeded(email);
      setCookie(sessionCookie(signedIn.token, deps.sessionTtlDays * 86_400, deps.cookieSecure));
      return signedIn;
    },
  }),
);

builder.mutationField('signOut', (t) =>
  t.boolean({
    description: 'Revokes the current session everywhere it is used, and ends its open subscriptions.',
    authScopes: { session: true },
    resolve: async (_root, _args, { em, viewer, deps, setCookie }) => {
      if (viewer) await signOut(em, deps, viewer);
      setCookie(clearedSessionCookie(deps.cookieSecure));
      return true;
    },
  }),
);
