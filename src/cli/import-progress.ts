import { performance } from 'node:perf_hooks';
import cliProgress from 'cli-progress';

/**
 * How far `leadops import` has got, on stderr so stdout stays the report: a bar (rows,
 * rows/s, ETA) where stderr is a terminal, and a line every PROGRESS_LINE_ROWS rows where
 * it is a log or a pipe. A sheet that fits in a couple of batches shows nothing.
 */

/** Below this many rows an import is over before a bar says anything. */
export const PROGRESS_MIN_ROWS = 5000;
export const PROGRESS_LINE_ROWS = 10_000;

export interface ImportProgressBar {
  update(rows: number): void;
  /** The closing line: how long it took and how fast. */
  stop(): void;
}

export function importProgress(total: number, stream: NodeJS.WriteStream = process.stderr): ImportProgressBar | undefined {
  if (total < PROGRESS_MIN_ROWS) return undefined;
  const started = performance.now();
  const rate = (rows: number) => Math.round(rows / Math.max((performance.now() - started) / 1000, 0.001));
  let done = 0;
  const closing = () => `${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} rows in ${((performance.now() - started) / 1000).toFixed(1)} s, ${rate(done).toLocaleString('en-US')} rows/s`;
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      { stream, format: 'import |{bar}| {percentage}% | {value}/{total} rows | {speed} rows/s | ETA {eta_formatted}', hideCursor: true, etaBuffer: 20, clearOnComplete: true },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0, { speed: 0 });
    return {
      update(rows) {
        done = rows;
        bar.update(rows, { speed: rate(rows).toLocaleString('en-US') });
      },
      stop() {
        bar.stop();
        stream.write(`${closing()}\n`);
      },
    };
  }
  let next = PROGRESS_LINE_ROWS;
  return {
    update(rows) {
      done = rows;
      if (rows < next || rows >= total) return;
      next = (Math.floor(rows / PROGRESS_LINE_ROWS) + 1) * PROGRESS_LINE_ROWS;
      const left = ((total - rows) / rate(rows)).toFixed(0);
      stream.write(`import: ${rows.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} rows, ${rate(rows).toLocaleString('en-US')} rows/s, about ${left} s left\n`);
    },
    stop() {
      stream.write(`import: ${closing()}\n`);
    },
  };
}
