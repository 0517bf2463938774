import { describe, expect, it } from 'vitest';
import { isUserId, questionFromSlackText } from './mention.js';

describe('questionFromSlackText', () => {
  it('removes the bot mention at the start', () => {
    expect(questionFromSlackText('<@UBOT0001> is Connect in scope?')).toBe('is Connect in scope?');
  });

  it('removes the bot mention in the middle or at the end, with or without a label', () => {
    expect(questionFromSlackText('is S3 <@UBOT0001|compliance-bot> in scope?')).toBe('is S3 in scope?');
    expect(questionFromSlackText('is S3 in scope? <@UBOT0001>')).toBe('is S3 in scope?');
  });

  it("removes other people's mentions so they do not reach the matcher", () => {
    expect(questionFromSlackText('<@UBOT0001> <@U0OTHER01> asked: is <@W0GRID01> Athena covered?')).toBe('asked: is Athena covered?');
  });

  it('removes @here, @channel, @everyone and user group mentions', () => {
    expect(questionFromSlackText('<!channel> <@UBOT0001> is S3 in scope? <!here> <!everyone> <!subteam^S0TEAM|@sec>')).toBe('is S3 in scope?');
  });

  it('keeps channel names, link labels and date fallbacks readable', () => {
    expect(questionFromSlackText('see <#C0GENERAL1|general> and <https://aws.amazon.com/s3|S3> on <!date^1392734382^{date}|Feb 18, 2014>')).toBe(
      'see #general and S3 on Feb 18, 2014',
    );
    expect(questionFromSlackText('<https://example.com/x>')).toBe('https://example.com/x');
  });

  it("decodes Slack's entities back to the characters the user typed", () => {
    expect(questionFromSlackText('<@UBOT0001> are S3 &amp; Athena &lt;both&gt; covered?')).toBe('are S3 & Athena <both> covered?');
  });

  it('leaves an empty question when the message is only a mention', () => {
    expect(questionFromSlackText('  <@UBOT0001>  ')).toBe('');
  });
});

describe('isUserId', () => {
  it('accepts U and W IDs only', () => {
    expect(isUserId('U0ASKER01')).toBe(true);
    expect(isUserId('W0GRID01')).toBe(true);
    expect(isUserId('U1>')).toBe(false);
    expect(isUserId('<!channel>')).toBe(false);
  });
});
