import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../support/databases.js';

const pause = () => new Promise((resolve) => setTimeout(resolve, 50));

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
  beforeAll(async () => {
    database = await freshDatabase('sqlite');
  });
  afterAll(() => database?.drop());

  it('does not read rows a transaction has not committed', async () => {
    const held = heldTransaction(database);
    await held.running;
    // Prisma's queries start when awaited: start this one now and give it time to run.
    const count = database.db.workspace.count({ where: { id: 'TUNCOMMITTED' } }).then((n) => n);
    await pause();
    held.release();
    expect(await held.transaction).toBe('roll back');
    expect(await count).toBe(0);
  });

  it('keeps a write made while another transaction rolls back', async () => {
    const held = heldTransaction(database);
    await held.running;
    const write = database.db.workspace.create({ data: { id: 'TKEPT' } }).then((row) => row);
    await pause();
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
