import { describe, expect, it } from 'vitest';
import { cleanQuestion, tokenize } from './normalize.js';

describe('cleaning a question as chat clients send it', () => {
  it('drops typed emoji shortcodes, which carry no words', () => {
    expect(cleanQuestion('hi team :wave: is Amazon ECR covered? :+1:')).toBe('hi team is Amazon ECR covered?');
    expect(cleanQuestion('is S3 in scope :white_check_mark: or not?')).toBe('is S3 in scope or not?');
  });

  it('drops a mention typed as text, which only says whom the message is for', () => {
    expect(cleanQuestion('hey @compliance-bot you there?')).toBe('hey you there?');
    expect(cleanQuestion('@bot is S3 covered? email me at a@b.com')).toBe('is S3 covered? email me at a@b.com');
  });

  it('keeps colons that are not shortcodes: times, labels, region codes', () => {
    expect(cleanQuestion('meeting at 10:30: is S3 covered?')).toBe('meeting at 10:30: is S3 covered?');
    expect(cleanQuestion('Q3: is us-east-1: covered?')).toBe('Q3: is us-east-1: covered?');
  });
});

describe('tokenising a question', () => {
  it('marks the first token inside brackets, so that a gloss before a bracketed name is told from a second subject', () => {
    const tokens = tokenize(cleanQuestion('is the hardware security module (AWS CloudHSM) or [ECS] covered?'));
    expect(tokens.filter((t) => t.afterBracket).map((t) => t.norm)).toEqual(['aws', 'ecs']);
  });
});
