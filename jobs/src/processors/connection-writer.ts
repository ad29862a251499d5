import { findConnectionById, updateProgressStep } from '@keyport/db/connection-rows';
import { Balance, type IExchangeConnection } from '@keyport/db/entities';
import { type ConnectionChange, recordChange, SYSTEM } from '@keyport/db/record-change';
import { publishConnectionUpdated } from '@keyport/events/connection-events';
import type { BalanceLine } from '@keyport/exchange/verify';
import type { EntityManager } from '@mikro-orm/core';
import type { JobsDeps } from '../deps';

/**
 * Writes what a job learnt about one connection, but only while the job is still about the current keys:
 * each write locks the row and checks the key version and deletion first, in the same transaction, so a
 * deletion or key replacement made meanwhile wins and the late result is dropped.
 */
export class ConnectionWriter {
  private constructor(
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
    const connection = await findConnectionById(em, connectionId);
    if (!connection || connection.deletedAt || connection.credentialVersion !== credentialVersion)
      return null;
    return new ConnectionWriter(deps, em, connection);
  }

  get entityManager(): EntityManager {
    return this.em;
  }

  /** Applies and flushes in one transaction, then tells the owner; false when the connection moved on. */
  async save(
    change?: Omit<ConnectionChange, 'actor'>,
    apply?: (connection: IExchangeConnection) => void,
    balances?: BalanceLine[],
  ): Promise<boolean> {
    await this.em.begin();
    try {
      if (!(await this.lockIfCurrent())) {
        await this.em.rollback();
        return false;
      }
      if (balances) await this.stageBalances(balances);
      apply?.(this.connection);
      if (change) recordChange(this.em, this.connection, { ...change, actor: SYSTEM });
      await this.em.commit();
    } catch (error) {
      await this.em.rollback().catch(() => undefined);
      throw error;
    }
    await this.publish();
    return true;
  }

  /**
   * Progress within a status (the stepper's "reading permissions"…): one conditional UPDATE, no transaction,
   * since no audit event goes with it. False when the connection moved on.
   */
  async saveStep(step: NonNullable<IExchangeConnection['progressStep']>): Promise<boolean> {
    const { connection } = this;
    if (!(await updateProgressStep(this.em, connection, step))) return false;
    // the managed entity follows, so the next status save starts from what the row holds
    connection.progressStep = step;
    await this.publish();
    return true;
  }

  private async lockIfCurrent(): Promise<boolean> {
    const rows = await this.em
      .getConnection()
      .execute<{ credential_version: number; deleted_at: Date | null }[]>(
        'select credential_version, deleted_at from exchange_connections where id = ? for update',
        [this.connection.id],
        'all',
        this.em.getTransactionContext(),
      );
    const row = rows[0];
    return !!row && !row.deleted_at && row.credential_version === this.connection.credentialVersion;
  }

  /** Diffs stored balances against fresh ones, so they change in the same transaction as the status. */
  private async stageBalances(lines: BalanceLine[]): Promise<void> {
    const existing = await this.em.find(Balance, { connection: this.connection.id });
    const byKey = new Map(existing.map((row) => [`${row.accountType}\u0000${row.asset}`, row]));
    for (const line of lines) {
      const key = `${line.accountType}\u0000${line.asset}`;
      const row = byKey.get(key);
      byKey.delete(key);
      if (row) Object.assign(row, { free: line.free, used: line.used, total: line.total });
      else this.em.create(Balance, { connection: this.connection.id, ...line });
    }
    for (const gone of byKey.values()) this.em.remove(gone);
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
