import { parentPort, workerData } from 'node:worker_threads';
import { csvRows } from '../sheets/csv-sheet.js';
import { xlsxRows } from '../sheets/xlsx-sheet.js';
import { checkedBatches, type RowCheckSetup } from './import-rows.js';
import type { FromRowThread, ThreadSheet, ToRowThread } from './import-thread.js';

/**
 * The thread import-thread.ts starts: reads a sheet file's rows (CSV or a workbook's sheet) and checks them
 * (checkedBatches), posting each batch as it is ready, never more than `ahead` batches
 * before the ones the main thread has taken.
 */
const { sheet, setup, ahead } = workerData as { sheet: ThreadSheet; setup: RowCheckSetup; ahead: number };
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
  for await (const batch of checkedBatches('csv' in sheet ? csvRows(sheet.csv) : xlsxRows(sheet.xlsx), setup, { encodeNow: () => encode })) {
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
