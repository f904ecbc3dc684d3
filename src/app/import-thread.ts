import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { UnreadableSheet, type CsvSource } from '../sheets/csv-sheet.js';
import type { XlsxSource } from '../sheets/xlsx-sheet.js';
import type { CheckedBatch, RowCheckSetup } from './import-rows.js';

/**
 * A big sheet file's rows (CSV, or a workbook's sheet) checked on a thread of their own (import-thread-worker.ts) while this
 * one writes the batches already checked: reading and checking a row costs about what
 * writing it does, so the import takes the longer of the two instead of their sum. The
 * thread keeps at most `ahead` batches ready, so memory stays flat however long the sheet.
 */
export type FromRowThread = { type: 'batch'; batch: CheckedBatch } | { type: 'end' } | { type: 'error'; code?: string; message: string; stack?: string };
export type ToRowThread = { type: 'more' } | { type: 'encode'; encode: boolean };

/** A sheet file as the thread is told of it: plain data it reads the rows from itself. */
export type ThreadSheet = { csv: CsvSource } | { xlsx: XlsxSource };

const AHEAD = 3;

/**
 * Checking a row makes many short-lived objects; a young generation larger than V8's
 * default lets most of them die between collections instead of being copied
 * (bench/import.ts: a third of the thread's time went to collecting with the default).
 */
const YOUNG_GENERATION_MB = 64;

export interface ThreadBatches extends AsyncIterable<CheckedBatch> {
  /** Whether the thread should encode the leads it checks from now on: worth it only where they are new. */
  encodeAhead(encode: boolean): void;
}

export function checkedBatchesOnThread(sheet: ThreadSheet, setup: RowCheckSetup): ThreadBatches {
  const url = new URL(`./import-thread-worker${extensionOf(import.meta.url)}`, import.meta.url);
  const worker = startThread(url, { sheet, setup, ahead: AHEAD });
  return {
    encodeAhead: (encode) => worker.postMessage({ type: 'encode', encode } satisfies ToRowThread),
    [Symbol.asyncIterator]: () => batchesFrom(worker),
  };
}

async function* batchesFrom(worker: Worker): AsyncGenerator<CheckedBatch> {
  const queue: FromRowThread[] = [];
  let wake: (() => void) | undefined;
  const arrive = (message: FromRowThread) => {
    queue.push(message);
    wake?.();
  };
  worker.on('message', arrive);
  worker.on('error', (error) => arrive({ type: 'error', message: error.message, stack: error.stack }));
  worker.on('exit', (code) => arrive(code === 0 ? { type: 'end' } : { type: 'error', message: `the thread reading the sheet stopped (exit code ${code})` }));
  try {
    for (;;) {
      while (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      const message = queue.shift()!;
      if (message.type === 'end') return;
      if (message.type === 'error') throw threadError(message);
      worker.postMessage({ type: 'more' } satisfies ToRowThread);
      yield message.batch;
    }
  } finally {
    // The import may stop early (a strict check, an error while writing): the thread stops with it.
    await worker.terminate();
  }
}

/** The extension this module was loaded with: `.ts` from source (tsx, vitest), `.js` once compiled. */
function extensionOf(moduleUrl: string): string {
  return moduleUrl.endsWith('.ts') ? '.ts' : '.js';
}

/**
 * The thread, from compiled JavaScript as it is; from TypeScript source (tsx, vitest)
 * through tsx's loader, registered in the thread first: the flags tsx gives the process
 * do not hook a thread (privatenumber/tsx#354).
 */
function startThread(url: URL, workerData: unknown): Worker {
  const options = { workerData, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } };
  if (!url.pathname.endsWith('.ts')) return new Worker(url, options);
  // require.resolve finds the API's CommonJS build; the thread imports its ESM build beside it (tsx's package exports).
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const boot = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); })`;
  return new Worker(boot, { ...options, eval: true });
}

function threadError(message: Extract<FromRowThread, { type: 'error' }>): Error {
  if (message.code === 'unreadable_sheet') return new UnreadableSheet(message.message);
  const error = new Error(message.message);
  if (message.stack) error.stack = message.stack;
  return error;
}
