import { describe, expect, it } from 'vitest';
import { change, computeFunnel } from '../../src/domain/funnel.js';

describe('the funnel of a period', () => {
  it('names Contacted→Discovery the bottleneck when it loses 40% (DOMAIN.md\'s example)', () => {
    const funnel = computeFunnel({ ACQUIRED: 100, CONTACTED: 80, DISCOVERY: 48, PROPOSAL: 40, NEGOTIATION: 32, WON: 24 });
    const discovery = funnel.steps.find((step) => step.stage === 'DISCOVERY')!;
    expect(discovery.conversionFromPrevious).toBeCloseTo(0.6);
    expect(discovery.dropOff).toBeCloseTo(0.4);
    expect(funnel.bottleneck).toBe('DISCOVERY');
    expect(funnel.conversionRate).toBeCloseTo(0.24);
  });

  it('computes each step from the one before and from the leads acquired', () => {
    const funnel = computeFunnel({ ACQUIRED: 200, CONTACTED: 150, DISCOVERY: 120, PROPOSAL: 60, NEGOTIATION: 45, WON: 30 });
    expect(funnel.steps.map((step) => step.dropOff === undefined ? undefined : Number(step.dropOff.toFixed(4)))).toEqual([undefined, 0.25, 0.2, 0.5, 0.25, 0.3333]);
    expect(funnel.steps.map((step) => step.shareOfAcquired)).toEqual([1, 0.75, 0.6, 0.3, 0.225, 0.15]);
    expect(funnel.bottleneck).toBe('PROPOSAL');
  });

  it('takes the earlier step on a tie', () => {
    expect(computeFunnel({ ACQUIRED: 100, CONTACTED: 50, DISCOVERY: 25, PROPOSAL: 25, NEGOTIATION: 25, WON: 25 }).bottleneck).toBe('CONTACTED');
  });

  it('has no bottleneck and no rates for an empty period, and no division by zero after an empty stage', () => {
    const empty = computeFunnel({ ACQUIRED: 0, CONTACTED: 0, DISCOVERY: 0, PROPOSAL: 0, NEGOTIATION: 0, WON: 0 });
    expect(empty.bottleneck).toBeUndefined();
    expect(empty.conversionRate).toBe(0);
    const stalled = computeFunnel({ ACQUIRED: 10, CONTACTED: 0, DISCOVERY: 0, PROPOSAL: 0, NEGOTIATION: 0, WON: 0 });
    expect(stalled.bottleneck).toBe('CONTACTED');
    expect(stalled.steps[2]!.dropOff).toBeUndefined();
  });

  it('says how a number changed on last week, and when it cannot', () => {
    expect(change(12, 10)).toBeCloseTo(0.2);
    expect(change(5, 10)).toBeCloseTo(-0.5);
    expect(change(0, 0)).toBe(0);
    expect(change(3, 0)).toBeUndefined();
  });
});
