import type { EntityManager } from '@mikro-orm/core';
import { ConnectionEvent } from '../entities/connection-event.entity';
import type { IExchangeConnection } from '../entities/exchange-connection.entity';

export type ConnectionEventKind =
  | 'CREATED'
  | 'STATUS_CHANGED'
  | 'RENAMED'
  | 'CREDENTIALS_REPLACED'
  /** New keys for a working connection, kept aside until their check passes. */
  | 'KEYS_STAGED'
  /** Staged keys failed their check: erased, the working keys kept. */
  | 'REPLACEMENT_REFUSED'
  | 'VERIFICATION_REQUESTED'
  | 'ENVIRONMENT_CHANGED'
  | 'SECRET_ERASED'
  | 'DELETED';

export interface Actor {
  type: 'user' | 'system';
  id: string | null;
}

export const SYSTEM: Actor = { type: 'system', id: null };

export interface ConnectionChange {
  kind: ConnectionEventKind;
  actor: Actor;
  status?: string;
  reasonCode?: string | null;
  detail?: Record<string, string | number | boolean | null>;
}

/**
 * Applies a change to a connection and writes its audit event in the same unit of work, so the
 * trail can never disagree with the row. Returns false when a status change would change nothing.
 */
export function recordChange(
  em: EntityManager,
  connection: IExchangeConnection,
  change: ConnectionChange,
): boolean {
  const fromStatus = connection.status;
  const toStatus = change.status ?? fromStatus;
  const reasonCode = change.status ? (change.reasonCode ?? null) : connection.reasonCode;
  const statusChanged = toStatus !== fromStatus || reasonCode !== connection.reasonCode;
  if (change.kind === 'STATUS_CHANGED' && !statusChanged) return false;
  if (statusChanged) {
    connection.status = toStatus;
    connection.reasonCode = reasonCode;
    connection.statusChangedAt = new Date();
  }
  em.create(ConnectionEvent, {
    connection: connection.id,
    ownerId: connection.owner,
    kind: change.kind,
    fromStatus: statusChanged || change.kind === 'CREATED' ? fromStatus : null,
    toStatus: statusChanged || change.kind === 'CREATED' ? toStatus : null,
    reasonCode,
    actorType: change.actor.type,
    actorId: change.actor.id,
    credentialVersion: connection.credentialVersion,
    detail: change.detail ?? null,
  });
  return true;
}
