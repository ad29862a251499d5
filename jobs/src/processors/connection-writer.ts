import { ExchangeConnection, type IExchangeConnection } from '@keyport/db/entities';
import { type ConnectionChange, recordChange, SYSTEM } from '@keyport/db/record-change';
import { publishConnectionUpdated } from '@keyport/events/connection-events';
import type { EntityManager } from '@mikro-orm/core';
import type { JobsDeps } from '../deps';

/**
 * Writes what a job learnt about one connection, but only while the job is still about the current keys:
 * a deletion or a key replacement made meanwhile wins, and the job's late result is dropped.
 */
export class ConnectionWriter {
  constructor(
    private readonly deps: JobsDeps,
    private readonly em: EntityManager,
    readonly connection: IExchangeConnection,
  ) {}

  static async load(
    deps: JobsDeps,
    connectionId: string,
    credentialVersion: number,
  ): Promise<ConnectionWriter | null> {
    const em = deps.orm.em.fork();
    const connection = await em.findOne(ExchangeConnection, { id: connectionId });
    if (!connection || connection.deletedAt || connection.credentialVersion !== credentialVersion)
      return null;
    return new ConnectionWriter(deps, em, connection);
  }

  /** Re-reads the row; false when the connection was deleted or re-keyed since the job started. */
  async stillCurrent(): Promise<boolean> {
    const version = this.connection.credentialVersion;
    const fresh = await this.deps.orm.em
      .fork()
      .findOne(
        ExchangeConnection,
        { id: this.connection.id },
        { fields: ['deletedAt', 'credentialVersion'] },
      );
    return !!fresh && !fresh.deletedAt && fresh.credentialVersion === version;
  }

  async save(
    change?: Omit<ConnectionChange, 'actor'>,
    apply?: (connection: IExchangeConnection) => void,
  ): Promise<boolean> {
    if (!(await this.stillCurrent())) return false;
    apply?.(this.connection);
    if (change) recordChange(this.em, this.connection, { ...change, actor: SYSTEM });
    await this.em.flush();
    await this.publish();
    return true;
  }

  get entityManager(): EntityManager {
    return this.em;
  }

  private async publish(): Promise<void> {
    const { connection } = this;
    await publishConnectionUpdated(this.deps.publisher, this.deps.config.REDIS_PREFIX, {
      connectionId: connection.id,
      ownerId: connection.owner,
      status: connection.status,
      step: connection.progressStep ?? null,
      at: Date.now(),
    }).catch((error: Error) =>
      this.deps.logger.warn({ connectionId: connection.id, err: error.message }, 'publish failed'),
    );
  }
}
