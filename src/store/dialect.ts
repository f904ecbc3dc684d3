import { Prisma } from '../generated/sqlite/client.js';
import type { Provider } from './schema-source.js';

/**
 * The few places where SQLite and PostgreSQL speak different SQL: date arithmetic and
 * the greatest of several values. Column names are ours (never user input).
 */
export function daysBetween(provider: Provider, from: string, to: string): Prisma.Sql {
  return provider === 'postgresql'
    ? Prisma.raw(`EXTRACT(EPOCH FROM ("${to}" - "${from}")) / 86400.0`)
    : Prisma.raw(`(julianday("${to}") - julianday("${from}"))`);
}

/** GREATEST in PostgreSQL, the scalar MAX in SQLite; both over non-NULL expressions. */
export function greatest(provider: Provider, expressions: string[]): Prisma.Sql {
  return Prisma.raw(`${provider === 'postgresql' ? 'GREATEST' : 'MAX'}(${expressions.join(', ')})`);
}
