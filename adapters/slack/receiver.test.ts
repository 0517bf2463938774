import { describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES, MAX_CLOCK_SKEW_S, refuseByHeaders, timestampInWindow } from './receiver.js';

describe('the request timestamp window', () => {
  const now = 1_700_000_000_000;
  const s = now / 1000;

  it('accepts a timestamp within five minutes of now, either way', () => {
    for (const t of [s, s - MAX_CLOCK_SKEW_S, s + MAX_CLOCK_SKEW_S, s - 1, s + 1]) expect(timestampInWindow(String(t), now), String(t - s)).toBe(true);
  });

  it('refuses one more than five minutes old or more than five minutes ahead', () => {
    for (const t of [s - MAX_CLOCK_SKEW_S - 1, s + MAX_CLOCK_SKEW_S + 1, s + 99_999_999]) expect(timestampInWindow(String(t), now), String(t - s)).toBe(false);
  });

  it('refuses anything but plain decimal digits, even when Number() would read it as now', () => {
    const cases = [undefined, '', 'soon', ['1', '2'], `${s}.0`, `+${s}`, `0x${s.toString(16)}`, `${s / 1e9}e9`, ` ${s}`, `${s} `, '-1', '1'.repeat(20)];
    for (const header of cases) expect(timestampInWindow(header, now), String(header)).toBe(false);
  });
});

describe('the header check before the body is read', () => {
  const now = 1_700_000_000_000;
  const good = { 'x-slack-signature': `v0=${'a'.repeat(64)}`, 'x-slack-request-timestamp': String(now / 1000) };

  it('lets well-formed headers through to the signature check', () => {
    expect(refuseByHeaders(good, now)).toBeUndefined();
    expect(refuseByHeaders({ ...good, 'content-length': String(MAX_BODY_BYTES) }, now)).toBeUndefined();
  });

  it('refuses a missing or malformed signature or timestamp with 401', () => {
    const cases: Array<Record<string, string | undefined>> = [
      { ...good, 'x-slack-signature': undefined },
      { ...good, 'x-slack-signature': 'v0=' },
      { ...good, 'x-slack-signature': `v1=${'a'.repeat(64)}` },
      { ...good, 'x-slack-signature': `v0=${'A'.repeat(64)}x` },
      { ...good, 'x-slack-request-timestamp': undefined },
      { ...good, 'x-slack-request-timestamp': `${now / 1000}.0` },
      { ...good, 'x-slack-request-timestamp': `1.79e9` },
    ];
    for (const headers of cases) expect(refuseByHeaders(headers, now)?.status, JSON.stringify(headers)).toBe(401);
  });

  it('refuses a declared body over 1 MB with 413', () => {
    expect(refuseByHeaders({ ...good, 'content-length': String(MAX_BODY_BYTES + 1) }, now)).toMatchObject({ status: 413 });
  });
});
