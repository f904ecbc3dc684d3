import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import type BetterSqlite3 from 'better-sqlite3';
import type {
  IsolationLevel,
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
  SqlQuery,
  Transaction,
} from '@prisma/driver-adapter-utils';

/**
 * Prisma's better-sqlite3 adapter runs everything on one connection and only makes
 * transactions wait for each other. A query outside a transaction therefore runs inside
 * whichever transaction is open at that moment: it reads that transaction's uncommitted
 * rows, and a write of its own is undone if that transaction rolls back. This wrapper
 * makes every statement outside a transaction wait until no transaction is open, which
 * is what a second SQLite connection would have done.
 */
class Lock {
  #tail: Promise<void> = Promise.resolve();
  #holders = 0;

  /** Whether a statement asking now has to wait for another (an open transaction). */
  get held(): boolean {
    return this.#holders > 0;
  }

  acquire(): Promise<() => void> {
    let release!: () => void;
    this.#holders++;
    const released = new Promise<void>((resolve) => (release = () => {
      this.#holders--;
      resolve();
    }));
    const acquired = this.#tail.then(() => release);
    this.#tail = this.#tail.then(() => released);
    return acquired;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await work();
    } finally {
      release();
    }
  }
}

function releasingOnEnd(transaction: Transaction, release: () => void): Transaction {
  let done = false;
  const end = () => {
    if (!done) {
      done = true;
      release();
    }
  };
  return new Proxy(transaction, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (property === 'commit' || property === 'rollback') {
        return async () => {
          try {
            await (value as () => Promise<void>).call(target);
          } finally {
            end();
          }
        };
      }
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

export interface SqliteAdapterOptions {
  /**
   * Called when a statement outside a transaction has to wait for an open one: the
   * moment the isolation above is at work, which its tests wait for instead of a timer.
   */
  onStatementWaits?: () => void;
}

class SerializedSqliteAdapter implements SqlDriverAdapter {
  readonly #inner: SqlDriverAdapter;
  readonly #lock = new Lock();
  readonly #options: SqliteAdapterOptions;
  readonly provider: SqlDriverAdapter['provider'];
  readonly adapterName: string;
  readonly getConnectionInfo?: SqlDriverAdapter['getConnectionInfo'];

  constructor(inner: SqlDriverAdapter, options: SqliteAdapterOptions = {}) {
    this.#inner = inner;
    this.#options = options;
    this.provider = inner.provider;
    this.adapterName = inner.adapterName;
    if (inner.getConnectionInfo) this.getConnectionInfo = () => inner.getConnectionInfo!();
  }

  #serialized<T>(work: () => Promise<T>): Promise<T> {
    if (this.#lock.held) this.#options.onStatementWaits?.();
    return this.#lock.run(work);
  }

  queryRaw(query: SqlQuery) {
    return this.#serialized(() => this.#inner.queryRaw(query));
  }

  executeRaw(query: SqlQuery) {
    return this.#serialized(() => this.#inner.executeRaw(query));
  }

  executeScript(script: string) {
    return this.#lock.run(() => this.#inner.executeScript(script));
  }

  async startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
    const release = await this.#lock.acquire();
    try {
      const transaction = await this.#inner.startTransaction(isolationLevel);
      // Prisma's adapter keeps its better-sqlite3 connection as `client` (dist/index.mjs, BetterSQLite3Queryable).
      this.#open = (transaction as unknown as { client?: BetterSqlite3.Database }).client;
      return releasingOnEnd(transaction, () => {
        this.#open = undefined;
        release();
      });
    } catch (error) {
      release();
      throw error;
    }
  }

  #open: BetterSqlite3.Database | undefined;

  /**
   * The connection of the transaction open now, for the one writer that needs more than
   * Prisma's raw queries give (a bulk import, store/lead-import.ts): statements on it run
   * inside that transaction, and nothing else runs meanwhile (the lock above).
   */
  get openTransaction(): BetterSqlite3.Database | undefined {
    return this.#open;
  }

  dispose() {
    return this.#inner.dispose();
  }
}

/**
 * WAL lets readers of other processes (a CLI report, a backup) run beside the bot, and
 * synchronous=NORMAL, safe under WAL, saves an fsync per commit: about half the cost of
 * a `/lead advance` (bench/commands.ts).
 */
const CONNECTION_PRAGMAS = 'PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;';

export class SqliteAdapterFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = 'sqlite' as const;
  readonly adapterName: string;
  readonly #inner: PrismaBetterSqlite3;

  constructor(url: string, private readonly options: SqliteAdapterOptions = {}) {
    // A busy timeout lets a writer in another process wait for the lock instead of failing at once.
    this.#inner = new PrismaBetterSqlite3({ url, timeout: 5000 });
    this.adapterName = this.#inner.adapterName;
  }

  async connect(): Promise<SqlDriverAdapter> {
    const adapter = await this.#inner.connect();
    await adapter.executeScript(CONNECTION_PRAGMAS);
    this.connected = new SerializedSqliteAdapter(adapter, this.options);
    return this.connected;
  }

  /** The adapter the client connected through: its open transaction's connection is there. */
  connected: SerializedSqliteAdapter | undefined;

  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    return new SerializedSqliteAdapter(await this.#inner.connectToShadowDb());
  }
}
