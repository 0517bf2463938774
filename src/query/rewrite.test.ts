import { describe, expect, it } from 'vitest';
import { afterAskCue } from './rewrite.js';

describe('the one real question of a long message', () => {
  it('is a sentence of its own after the cue that hands it over', () => {
    expect(afterAskCue('legal is chasing me on the DPA, but the one thing I actually need from you is: is AWS Config in scope of the SOC 3? Thanks!')).toBe('legal is chasing me on the DPA, but. is AWS Config in scope of the SOC 3? Thanks!');
    expect(afterAskCue('for HIPAA, my question is: is S3 covered?')).toBe('for HIPAA. is S3 covered?');
    expect(afterAskCue('tl;dr: is S3 covered?')).toBe('is S3 covered?');
    expect(afterAskCue('long story short - is Athena covered?')).toBe('is Athena covered?');
  });

  it('leaves a message without a cue, or with nothing after it, as it is', () => {
    for (const q of ['is S3 covered?', 'what is the question is it', 'my question is:', 'the question is S3 covered?']) expect(afterAskCue(q), q).toBe(q);
  });
});
