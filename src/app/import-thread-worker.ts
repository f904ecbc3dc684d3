import { parentPort, workerData } from 'node:worker_threads';
import { csvRows, type CsvSource } from '../sheets/csv-sheet.js';
import { checkedBatches, type RowCheckSetup } from './import-rows.js';
import type { FromRowThread, ToRowThread } from './import-thread.js';

/**
 * The thread import-thread.ts starts: reads a CSV sheet's rows and checks them
 * (checkedBatches), posting each batch as it is ready, never more than `ahead` batches
 * before the ones the main thread has taken.
 */
const { source, setup, ahead } = workerData as { source: CsvSource; setup: RowCheckSetup; ahead: number };
const port = parentPort!;
let credit = ahead;
let encode = true;
let wake: (() => void) | undefined;
port.on('message', (message: ToRowThread) => {
  if (message.type === 'more') {
    credit += 1;
    wake?.();
  } else encode = message.encode;
});
const post = (message: FromRowThread) => port.postMessage(message);
try {
  for await (const batch of checkedBatches(csvRows(source), setup, { encodeNow: () => encode })) {
    while (credit === 0) await new Promise<void>((resolve) => (wake = resolve));
    credit -= 1;
    post({ type: 'batch', batch });
  }
  post({ type: 'end' });
} catch (error) {
  post({ type: 'error', code: (error as { code?: string }).code, message: (error as Error).message, stack: (error as Error).stack });
} finally {
  port.close();
}
