import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from './net.js';

/**
 * A throwaway PostgreSQL cluster on 127.0.0.1 for the test run (Debian's server
 * package; initdb and pg_ctl). PostgreSQL refuses to run as root, so as root it runs
 * as the postgres user in a folder that user owns.
 */
export interface PostgresServer {
  url: string;
  stop(): void;
}

function binDirectory(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(path.join(root, v, 'bin', 'initdb'))) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!newest) {
    throw new Error('PostgreSQL server binaries not found under /usr/lib/postgresql: `apt-get install postgresql`, or set TEST_POSTGRES_URL to a server the tests may create databases on');
  }
  return path.join(root, newest, 'bin');
}


function runAsOwner(command: string[], asPostgres: boolean): void {
  if (!asPostgres) {
    execFileSync(command[0]!, command.slice(1), { stdio: 'pipe' });
    return;
  }
  const quoted = command.map((part) => `'${part.replace(/'/g, `'\\''`)}'`).join(' ');
  execFileSync('su', ['postgres', '-s', '/bin/sh', '-c', quoted], { stdio: 'pipe' });
}

export async function startPostgres(): Promise<PostgresServer> {
  const bin = binDirectory();
  const asPostgres = process.getuid?.() === 0;
  const dir = mkdtempSync(path.join(tmpdir(), 'leadops-pg-'));
  if (asPostgres) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  const data = path.join(dir, 'data');
  const port = await freePort();
  const stop = () => {
    try {
      runAsOwner([path.join(bin, 'pg_ctl'), '-D', data, '-m', 'immediate', 'stop'], asPostgres);
    } catch {
      // already stopped
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    runAsOwner([path.join(bin, 'initdb'), '-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8'], asPostgres);
    runAsOwner(
      [
        path.join(bin, 'pg_ctl'), '-D', data, '-l', path.join(dir, 'server.log'), '-w', 'start',
        '-o', `-k ${dir} -c listen_addresses=127.0.0.1 -p ${port} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300`,
      ],
      asPostgres,
    );
  } catch (error) {
    const detail = error instanceof Error && 'stderr' in error ? String((error as { stderr: Buffer }).stderr) : String(error);
    stop();
    throw new Error(`could not start a throwaway PostgreSQL: ${detail}`);
  }
  return { url: `postgresql://postgres@127.0.0.1:${port}/postgres`, stop };
}

/** A database of its own on a server the tests or a bench may create databases on, and the way to drop it (connections and all). */
export async function createScratchDatabase(serverUrl: string, name: string): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}
