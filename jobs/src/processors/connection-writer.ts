import {
  type BalanceRow,
  loadWorkerConnection,
  type SystemChange,
  type WorkerColumns,
  type WorkerConnectionRow,
  writeWorkerChange,
} from '@keyport/db/connection-change-sql';
import { updateProgressStep } from '@keyport/db/connection-rows';
import { connectionUpdated, portfolioUpdated, publishEvents } from '@keyport/events/topics';
import type { EntityManager } from '@mikro-orm/core';
import type { JobsDeps } from '../deps';

/**
 * Writes what a job learnt about one connection, but only while the job is still about the current keys:
 * each write locks the row and checks the key version and deletion first, in the same statement, so a
 * deletion or key replacement made meanwhile wins and the late result is dropped.
 */
export class ConnectionWriter {
  private constructor(
    private readonly deps: JobsDeps,
    private readonly em: EntityManager,
    readonly connection: WorkerConnectionRow,
  ) {}

  static async load(
    deps: JobsDeps,
    connectionId: string,
    credentialVersion: number,
  ): Promise<ConnectionWriter | null> {
    const em = deps.orm.em.fork();
    const connection = await loadWorkerConnection(em, connectionId, credentialVersion);
    return connection ? new ConnectionWriter(deps, em, connection) : null;
  }

  /** A writer for a row already loaded (a refresh batch loads all its rows at once). */
  static of(deps: JobsDeps, em: EntityManager, connection: WorkerConnectionRow): ConnectionWriter {
    return new ConnectionWriter(deps, em, connection);
  }

  get entityManager(): EntityManager {
    return this.em;
  }

  /**
   * Applies, records and (with `balances`) replaces balances in one statement, then tells the owner.
   * Null when the connection moved on and nothing was written.
   */
  async save(
    change?: SystemChange | readonly SystemChange[],
    set: WorkerColumns = {},
    balances?: readonly BalanceRow[],
    keepWallets?: readonly string[],
  ): Promise<{ balancesChanged: boolean } | null> {
    return this.write(this.connection, change, set, balances, keepWallets);
  }

  /** As `save`, only while the connection's status is one of `statuses` (the status the job set out from). */
  async saveWhileStatusIn(
    statuses: readonly string[],
    change: SystemChange,
    set: WorkerColumns,
  ): Promise<{ balancesChanged: boolean } | null> {
    return this.write({ ...this.connection, whileStatusIn: statuses }, change, set);
  }

  /** As `save`, for the outcome of the staged keys' check: written only while they are still staged. */
  async saveStaged(
    stagedSerial: number,
    change: SystemChange | readonly SystemChange[] | undefined,
    set: WorkerColumns,
    balances?: readonly BalanceRow[],
    keepWallets?: readonly string[],
  ): Promise<{ balancesChanged: boolean } | null> {
    const target = { ...this.connection, whileStaged: stagedSerial };
    const saved = await this.write(target, change, set, balances, keepWallets);
    if (saved && set.promoteStaged) this.connection.credentialVersion += 1;
    return saved;
  }

  private async write(
    target: Parameters<typeof writeWorkerChange>[1],
    change: SystemChange | readonly SystemChange[] | undefined,
    set: WorkerColumns,
    balances?: readonly BalanceRow[],
    keepWallets?: readonly string[],
  ): Promise<{ balancesChanged: boolean } | null> {
    const saved = await writeWorkerChange(this.em, target, change, set, balances, keepWallets);
    if (!saved) return null;
    const { connection } = this;
    connection.status = saved.status;
    connection.reasonCode = saved.reasonCode;
    if (set.progressStep !== undefined) connection.progressStep = set.progressStep;
    if (set.permissions !== undefined) connection.permissions = set.permissions;
    if (set.exchangeAccountUid !== undefined) connection.exchangeAccountUid = set.exchangeAccountUid;
    if (set.credentials === null) connection.credentials = null;
    await this.publish();
    return { balancesChanged: saved.balancesChanged };
  }

  /**
   * Progress within a status (the stepper's "reading permissions"…): one conditional UPDATE, no audit
   * event goes with it. False when the connection moved on.
   */
  async saveStep(step: string): Promise<boolean> {
    const { connection } = this;
    if (!(await updateProgressStep(this.em, connection, step))) return false;
    connection.progressStep = step;
    await this.publish();
    return true;
  }

  /** Tells the owner's portfolio views that balances changed. */
  async publishPortfolio(): Promise<void> {
    await publishEvents(this.deps.publisher, this.deps.config.REDIS_PREFIX, 'portfolio-updated', [
      portfolioUpdated(this.connection.owner),
    ]).catch((error: Error) => this.deps.logger.warn({ err: error.message }, 'portfolio publish failed'));
  }

  private async publish(): Promise<void> {
    const { connection } = this;
    await publishEvents(this.deps.publisher, this.deps.config.REDIS_PREFIX, 'connection-updated', [
      connectionUpdated(connection),
    ]).catch((error: Error) =>
      this.deps.logger.warn({ connectionId: connection.id, err: error.message }, 'publish failed'),
    );
  }
}
