import { type Envelope, isEnvelope, openCredentials } from '@keyport/vault/envelope';
import type { JobsDeps } from '../deps';
import type { ConnectionWriter } from './connection-writer';

/** The connection's keys in memory for this job only, or null when they cannot be opened (logged, never shown). */
export function decrypt(deps: JobsDeps, writer: ConnectionWriter): Record<string, string> | null {
  const { connection } = writer;
  const envelope = connection.credentials;
  if (!isEnvelope(envelope)) return null;
  try {
    return openCredentials(deps.keyring, envelope as Envelope, {
      connectionId: connection.id,
      ownerId: connection.owner,
      version: connection.credentialVersion,
    });
  } catch (error) {
    deps.logger.error(
      { connectionId: connection.id, err: (error as Error).message },
      'credentials could not be opened',
    );
    return null;
  }
}
