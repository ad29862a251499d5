import { type IUser, Session, User } from '@keyport/db/entities';
import type { EntityManager } from '@mikro-orm/core';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { hash, verify } from '@node-rs/argon2';
import { z } from 'zod';
import type { ApiDeps, Viewer } from '../../context';
import { EmailTakenError, InvalidLoginError, ValidationError } from '../../schema/errors';
import { announceSignOut } from '../tokens/until-revoked';
import { hashToken, newSessionToken } from './session-token';

const EmailSchema = z.email({ error: 'Enter a valid email address.' }).max(254);
const PasswordSchema = z
  .string()
  .min(10, { error: 'Use at least 10 characters.' })
  .max(256, { error: 'Use at most 256 characters.' });

// verified against when the email is unknown, so a wrong email costs as long as a wrong password
const DUMMY_HASH = await hash('keyport-timing-equaliser');

function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown, field: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new ValidationError(result.error.issues[0]?.message ?? 'Invalid value.', field);
  return result.data;
}

export interface SignedIn {
  user: IUser;
  token: string;
  expiresAt: Date;
}

async function openSession(em: EntityManager, user: IUser, ttlDays: number): Promise<SignedIn> {
  const token = newSessionToken();
  const expiresAt = new Date(Date.now() + ttlDays * 86_400_000);
  em.create(Session, { id: crypto.randomUUID(), user: user.id, tokenHash: hashToken(token), expiresAt });
  await em.flush();
  return { user, token, expiresAt };
}

export async function signUp(
  em: EntityManager,
  email: string,
  password: string,
  ttlDays: number,
): Promise<SignedIn> {
  const normalizedEmail = parseOrThrow(EmailSchema, email.trim().toLowerCase(), 'email');
  const validPassword = parseOrThrow(PasswordSchema, password, 'password');
  const user = em.create(User, {
    id: crypto.randomUUID(),
    email: normalizedEmail,
    passwordHash: await hash(validPassword),
  });
  try {
    await em.flush();
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw new EmailTakenError();
    throw error;
  }
  return openSession(em, user, ttlDays);
}

export async function signIn(
  em: EntityManager,
  email: string,
  password: string,
  ttlDays: number,
): Promise<SignedIn> {
  const user = await em.findOne(User, { email: email.trim().toLowerCase() }, { populate: ['passwordHash'] });
  const valid = await verify(user?.passwordHash ?? DUMMY_HASH, password);
  if (!user || !valid) throw new InvalidLoginError();
  return openSession(em, user, ttlDays);
}

/** Revokes the viewer's session and ends its open subscriptions on every api instance. */
export async function signOut(em: EntityManager, deps: ApiDeps, viewer: Viewer): Promise<void> {
  if (!viewer.sessionId) return;
  await em.nativeUpdate(Session, { id: viewer.sessionId, revokedAt: null }, { revokedAt: new Date() });
  announceSignOut(deps, viewer.sessionId);
}
