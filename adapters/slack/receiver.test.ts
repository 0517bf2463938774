import { describe, expect, it } from 'vitest';
import { MAX_CLOCK_SKEW_S, timestampInWindow } from './receiver.js';

describe('the request timestamp window', () => {
  const now = 1_700_000_000_000;
  const s = now / 1000;

  it('accepts a timestamp within five minutes of now, either way', () => {
    for (const t of [s, s - MAX_CLOCK_SKEW_S, s + MAX_CLOCK_SKEW_S, s - 1, s + 1]) expect(timestampInWindow(String(t), now), String(t - s)).toBe(true);
  });

  it('refuses one more than five minutes old or more than five minutes ahead', () => {
    for (const t of [s - MAX_CLOCK_SKEW_S - 1, s + MAX_CLOCK_SKEW_S + 1, s + 99_999_999]) expect(timestampInWindow(String(t), now), String(t - s)).toBe(false);
  });

  it("leaves a missing or non-numeric header to Bolt's own check", () => {
    for (const header of [undefined, '', 'soon', ['1', '2']]) expect(timestampInWindow(header, now)).toBe(true);
  });
});
