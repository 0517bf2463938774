import { describe, expect, it } from 'vitest';
import { LIMITS, chunkLines, fitLines, moreLabel, truncate } from './limits.js';

describe('LIMITS', () => {
  it("holds Block Kit's message limits", () => {
    expect(LIMITS.blocks).toBe(50);
    expect(LIMITS.sectionText).toBe(3000);
  });
});

describe('truncate', () => {
  it('keeps text that fits', () => {
    expect(truncate('short', 10)).toBe('short');
  });

  it('cuts longer text to the limit, ending in an ellipsis', () => {
    const out = truncate('a'.repeat(50), 10);
    expect(out).toHaveLength(10);
    expect(out.endsWith('…')).toBe(true);
  });

  it('never splits a surrogate pair', () => {
    const out = truncate(`${'a'.repeat(8)}😀😀😀`, 10);
    expect(out.length).toBeLessThanOrEqual(10);
    expect(out).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });
});

describe('chunkLines', () => {
  it('splits at line breaks so each chunk fits', () => {
    const text = Array.from({ length: 10 }, (_, i) => `line ${i} ${'x'.repeat(20)}`).join('\n');
    const chunks = chunkLines(text, 80);
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) expect(c.length).toBeLessThanOrEqual(80);
    expect(chunks.join('\n')).toBe(text);
  });

  it('cuts a single overlong line rather than exceed the limit', () => {
    const [chunk] = chunkLines('y'.repeat(5000), 3000);
    expect(chunk).toHaveLength(3000);
  });
});

describe('fitLines', () => {
  it('keeps whole lines within the budget and counts the non-empty lines left out', () => {
    const { kept, omitted } = fitLines('aaaa\nbbbb\ncccc\n\ndddd', 9);
    expect(kept).toBe('aaaa\nbbbb');
    expect(omitted).toBe(2);
  });
});

describe('moreLabel', () => {
  it('reads "…and N more"', () => {
    expect(moreLabel(37)).toBe('…and 37 more');
    expect(moreLabel(2, 'sources')).toBe('…and 2 more sources');
  });
});
