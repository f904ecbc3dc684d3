import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../support/databases.js';

/** A transaction that holds until `release` is called, then rolls back. */
function heldTransaction(database: TestDatabase) {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let started!: () => void;
  const running = new Promise<void>((resolve) => (started = resolve));
  const transaction = database.db
    .$transaction(async (tx) => {
      await tx.workspace.create({ data: { id: 'TUNCOMMITTED' } });
      started();
      await held;
      throw new Error('roll back');
    })
    .catch((error: Error) => error.message);
  return { running, release, transaction };
}

describe('SQLite: statements outside a transaction are isolated from one in progress', () => {
  let database: TestDatabase;
  /** Resolves when the next statement has reached SQLite and waits for the open transaction. */
  let statementWaits: () => Promise<void>;
  let waited: () => void = () => {};
  beforeAll(async () => {
    database = await freshDatabase('sqlite', { sqlite: { onStatementWaits: () => waited() } });
    statementWaits = () => new Promise<void>((resolve) => (waited = resolve));
  });
  afterAll(() => database?.drop());

  it('does not read rows a transaction has not committed', async () => {
    const held = heldTransaction(database);
    await held.running;
    // Prisma's queries start when awaited: start this one now, and release the transaction
    // only once it is known to be waiting for it (without the isolation it never waits).
    const waiting = statementWaits();
    const count = database.db.workspace.count({ where: { id: 'TUNCOMMITTED' } }).then((n) => n);
    await waiting;
    held.release();
    expect(await held.transaction).toBe('roll back');
    expect(await count).toBe(0);
  });

  it('keeps a write made while another transaction rolls back', async () => {
    const held = heldTransaction(database);
    await held.running;
    const waiting = statementWaits();
    const write = database.db.workspace.create({ data: { id: 'TKEPT' } }).then((row) => row);
    await waiting;
    held.release();
    await held.transaction;
    await write;
    expect(await database.db.workspace.findMany({ select: { id: true } })).toEqual([{ id: 'TKEPT' }]);
  });

  it('runs in WAL mode', async () => {
    const [row] = await database.db.$queryRawUnsafe<Array<{ journal_mode: string }>>('PRAGMA journal_mode');
    expect(row!.journal_mode).toBe('wal');
  });
});
