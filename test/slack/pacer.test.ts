import { describe, expect, it } from 'vitest';
import { ChannelPacer } from '../../src/slack/pacer.js';

describe('posting digests within Slack\'s rate limit', () => {
  it('spaces posts to one channel about a second apart, and not posts to different channels', async () => {
    const slept: number[] = [];
    const pacer = new ChannelPacer(1000, async (ms) => void slept.push(ms));
    await pacer.wait('C1');
    await pacer.wait('C2');
    await pacer.wait('C1');
    expect(slept).toHaveLength(1);
    expect(slept[0]).toBeGreaterThan(900);
  });
});
