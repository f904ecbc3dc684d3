import type { Db } from './database.js';

/** The source channels the team has used, up to 100; with `key`, only that one (to check a pick). */
export async function usedSourceChannels(db: Db, workspaceId: string, key?: string): Promise<Array<{ key: string; label: string }>> {
  return db.tag.findMany({
    where: { workspaceId, kind: 'SOURCE_CHANNEL', ...(key ? { key } : {}) },
    select: { key: true, label: true },
    take: 100,
  });
}
