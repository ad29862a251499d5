// PGlite has one backend session that every socket connection shares. This queue runs one connection's
// messages at a time and gives each connection the search_path of the "database" it asked for: a
// connection to database X works in schema X when that schema exists. That is how test files get
// isolated databases (see @keyport/db/testing) on a server that can only hold one.
import type { PGlite } from '@electric-sql/pglite';
import {
  errorIn,
  isStartupMessage,
  messageType,
  SYNC_MESSAGE,
  simpleQuery,
  startupParameters,
} from './wire-protocol';

interface QueuedMessage {
  connectionId: number;
  message: Uint8Array;
  onData: (data: Uint8Array) => void;
  resolve: (bytes: number) => void;
  reject: (error: unknown) => void;
}

// After these the client waits for the server, so another connection may take the session.
const BATCH_ENDS = new Set(['S', 'Q', 'H', 'X', 'c', 'f']);
const DEFAULT_SEARCH_PATH = '"$user", public';

function quoteLiteral(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** Stands in for pglite-socket's QueryQueueManager: the methods its PGLiteSocketHandler calls. */
export class PgliteSessionQueue {
  readonly #db: PGlite;
  readonly #queue: QueuedMessage[] = [];
  readonly #databases = new Map<number, string>();
  #processing = false;
  /** Connection that must be served next: it is inside a transaction or an extended-query batch. */
  #owner: number | null = null;
  /** Connection whose search_path the session currently has. */
  #sessionConnection: number | null = null;
  /** Connection whose message runs right now, and whether it hung up meanwhile. */
  #running: { connectionId: number; closed: boolean } | null = null;

  constructor(db: PGlite) {
    this.#db = db;
  }

  enqueue(connectionId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ connectionId, message, onData, resolve, reject });
      void this.#process();
    });
  }

  clearQueueForHandler(connectionId: number): void {
    for (let i = this.#queue.length - 1; i >= 0; i--) {
      const item = this.#queue[i];
      if (item?.connectionId !== connectionId) continue;
      this.#queue.splice(i, 1);
      item.reject(new Error('connection closed'));
    }
    this.#databases.delete(connectionId);
  }

  /** Called when a connection goes away: undo what it left open so the session serves others again. */
  async clearTransactionIfNeeded(connectionId: number): Promise<void> {
    if (this.#running?.connectionId === connectionId) {
      // its last message is still running: #run releases the session once it ends
      this.#running.closed = true;
      return;
    }
    if (this.#owner !== connectionId) return;
    await this.#release();
    await this.#process();
  }

  async #process(): Promise<void> {
    if (this.#processing) return;
    this.#processing = true;
    try {
      for (let next = this.#takeNext(); next; next = this.#takeNext()) await this.#run(next);
    } finally {
      this.#processing = false;
    }
  }

  #takeNext(): QueuedMessage | undefined {
    if (this.#owner === null) return this.#queue.shift();
    const index = this.#queue.findIndex((item) => item.connectionId === this.#owner);
    return index === -1 ? undefined : this.#queue.splice(index, 1)[0];
  }

  async #run(item: QueuedMessage): Promise<void> {
    const { connectionId, message } = item;
    const running = { connectionId, closed: false };
    this.#running = running;
    try {
      let bytes = 0;
      await this.#db.runExclusive(async () => {
        if (isStartupMessage(message)) {
          this.#databases.set(connectionId, startupParameters(message).get('database') ?? 'postgres');
        } else if (this.#sessionConnection !== connectionId) {
          await this.#applySearchPath(connectionId);
        }
        await this.#db.execProtocolRawStream(message, {
          onRawData: (data) => {
            bytes += data.length;
            item.onData(data);
          },
        });
      });
      const midBatch = !isStartupMessage(message) && !BATCH_ENDS.has(messageType(message));
      this.#owner = this.#db.isInTransaction() || midBatch ? connectionId : null;
      item.resolve(bytes);
    } catch (error) {
      item.reject(error);
    } finally {
      this.#running = null;
    }
    if (running.closed && this.#owner === connectionId) await this.#release();
  }

  async #release(): Promise<void> {
    await this.#db.runExclusive(async () => {
      // Sync ends a half-sent extended-query batch; ROLLBACK ends an open transaction.
      await this.#runInternal(SYNC_MESSAGE);
      if (this.#db.isInTransaction()) await this.#runInternal(simpleQuery('rollback'));
    });
    this.#owner = null;
  }

  async #applySearchPath(connectionId: number): Promise<void> {
    const database = quoteLiteral(this.#databases.get(connectionId) ?? 'postgres');
    const schemaPath = `(select quote_ident(nspname) from pg_namespace where nspname = ${database})`;
    const sql = `select set_config('search_path', coalesce(${schemaPath}, ${quoteLiteral(DEFAULT_SEARCH_PATH)}), false)`;
    const problem = errorIn(await this.#runInternal(simpleQuery(sql)));
    if (problem) throw new Error(`embedded PostgreSQL: could not set search_path: ${problem}`);
    this.#sessionConnection = connectionId;
  }

  // Not execProtocolRaw: it writes to whatever output callback the last stream call installed, i.e.
  // into the previous connection's socket.
  async #runInternal(message: Uint8Array): Promise<Uint8Array> {
    const chunks: Uint8Array[] = [];
    await this.#db.execProtocolRawStream(message, { onRawData: (data) => void chunks.push(data.slice()) });
    return Buffer.concat(chunks);
  }
}
