import { describe, expect, it } from 'vitest';
import { importProgress, PROGRESS_LINE_ROWS, PROGRESS_MIN_ROWS } from '../../src/cli/import-progress.js';

/** A log or a pipe as stderr: no terminal, so lines rather than a bar. */
function log() {
  const lines: string[] = [];
  const stream = { isTTY: false, write: (text: string) => lines.push(text) } as unknown as NodeJS.WriteStream;
  return { stream, lines };
}

describe('the import progress on stderr', () => {
  it('says nothing of a small sheet', () => {
    const { stream, lines } = log();
    expect(importProgress(PROGRESS_MIN_ROWS - 1, stream)).toBeUndefined();
    expect(lines).toEqual([]);
  });

  it('writes a line every 10 000 rows where stderr is no terminal, and how it went at the end', () => {
    const { stream, lines } = log();
    const progress = importProgress(25_000, stream)!;
    for (let rows = 1000; rows <= 25_000; rows += 1000) progress.update(rows);
    progress.stop();
    expect(PROGRESS_LINE_ROWS).toBe(10_000);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^import: 10,000 of 25,000 rows, [\d,]+ rows\/s, about \d+ s left\n$/);
    expect(lines[1]).toMatch(/^import: 20,000 of 25,000 rows, /);
    expect(lines[2]).toMatch(/^import: 25,000 of 25,000 rows in [\d.]+ s, [\d,]+ rows\/s\n$/);
  });
});
