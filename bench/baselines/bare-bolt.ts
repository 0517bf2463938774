/**
 * The Slack baseline of `npm run bench`: the smallest fair Bolt app. It verifies signatures as every Bolt
 * app does, answers an app_mention with a one-line reply in the thread through `client.chat.postMessage`
 * (the same Web API stand-in the bot posts to), and acknowledges the slash command with a one-line
 * ephemeral reply. Built with the same esbuild settings as the server, so bundling costs both the same.
 *
 *   PORT=... SLACK_API_URL=http://127.0.0.1:.../api/ SLACK_SIGNING_SECRET=... node dist/bare-bolt.js
 */
import { App, LogLevel } from '@slack/bolt';

const app = new App({
  token: 'xoxb-bench-token',
  signingSecret: process.env.SLACK_SIGNING_SECRET!,
  clientOptions: { slackApiUrl: process.env.SLACK_API_URL! },
  logLevel: LogLevel.ERROR,
});

app.event('app_mention', async ({ event, client }) => {
  await client.chat.postMessage({ channel: event.channel, thread_ts: event.thread_ts ?? event.ts, text: 'Amazon Connect is in scope.' });
});

app.command('/compliance', async ({ ack }) => {
  await ack({ response_type: 'ephemeral', text: 'Amazon Connect is in scope.' });
});

await app.start({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.on('disconnect', () => process.exit(0));
// An exit on SIGTERM rather than the default kill, so that BENCH_NODE_ARGS=--cpu-prof writes the profile.
process.on('SIGTERM', () => process.exit(0));
