import { describe, expect, it } from 'vitest';
import { escapeMrkdwn, markdownToMrkdwn, markdownToPlain } from './escape.js';

describe('escapeMrkdwn', () => {
  it('escapes ampersands and angle brackets as entities', () => {
    expect(escapeMrkdwn('S3 & EC2 <b> > 1')).toBe('S3 &amp; EC2 &lt;b&gt; &gt; 1');
  });

  it('turns special mentions into inert text', () => {
    for (const live of ['<!here>', '<!channel>', '<!everyone>', '<@U123ABC>', '<!subteam^S123|@team>', '<#C123|general>']) {
      const out = escapeMrkdwn(`hey ${live} there`);
      expect(out).not.toMatch(/<[!@#]/);
      expect(out).toContain('&lt;');
    }
  });

  it('breaks bare @here, @channel and @everyone with an invisible word joiner', () => {
    expect(escapeMrkdwn('ping @here and @Channel, @everyone')).toBe('ping @\u2060here and @\u2060Channel, @\u2060everyone');
  });

  it('leaves ordinary text alone', () => {
    expect(escapeMrkdwn('Amazon EC2 Container Service (ECS)')).toBe('Amazon EC2 Container Service (ECS)');
  });
});

describe('markdownToMrkdwn', () => {
  it('turns **bold** into *bold* and "- " bullets into "• "', () => {
    expect(markdownToMrkdwn('**Yes.** Amazon Connect is in scope:\n- Amazon Connect\n- AWS Direct Connect')).toBe(
      '*Yes.* Amazon Connect is in scope:\n• Amazon Connect\n• AWS Direct Connect',
    );
  });

  it('escapes before converting, so user text cannot inject markup', () => {
    expect(markdownToMrkdwn('**<!channel>** & co')).toBe('*&lt;!channel&gt;* &amp; co');
  });
});

describe('markdownToPlain', () => {
  it('drops the bold markers for the notification text', () => {
    expect(markdownToPlain('**No.** Amazon SageMaker is not in scope.')).toBe('No. Amazon SageMaker is not in scope.');
  });
});
