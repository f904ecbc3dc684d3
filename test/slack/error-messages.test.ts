import { describe, expect, it } from 'vitest';
import { ImportInterrupted } from '../../src/domain/errors.js';
import { errorMessage } from '../../src/slack/errors.js';

/** An import whose batch kept changing under it is told plainly, as a thing to run again, not as a crash. */
describe('an interrupted import in Slack', () => {
  it('says which leads were not written and what to do, in English and 中文, as an expected answer', () => {
    const en = errorMessage(new ImportInterrupted('20231001'), 'en');
    expect(en.expected).toBe(true);
    expect(en.message.text).toBe('The leads from *20231001* on kept changing while they were imported (someone working on them?): that part was not written. The rows before it are in; import the same sheet again to finish the rest.');
    expect(errorMessage(new ImportInterrupted('20231001'), 'zh').message.text).toContain('再导入同一张表即可完成剩下的部分');
  });
});
