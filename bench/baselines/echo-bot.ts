/**
 * The Teams baseline of `npm run bench`: botbuilder's echo bot (the BotBuilder samples' 02.echo-bot) on
 * express, with CloudAdapter and no authentication (no MicrosoftAppId), replying through the same
 * connector stand-in the bot replies to. Built with the same esbuild settings as the server.
 *
 *   PORT=... node dist/echo-bot.js
 */
import express from 'express';
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication, MessageFactory } from 'botbuilder';

class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      const text = `Echo: ${context.activity.text}`;
      await context.sendActivity(MessageFactory.text(text, text));
      await next();
    });
  }
}

const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
adapter.onTurnError = async (_context, error) => {
  process.stderr.write(`echo bot turn failed: ${String(error)}\n`);
};
const bot = new EchoBot();
const app = express();
app.use(express.json());
app.post('/api/messages', async (req, res) => {
  await adapter.process(req, res, (context) => bot.run(context));
});
app.listen(Number(process.env.PORT), '127.0.0.1');
process.on('disconnect', () => process.exit(0));
// An exit on SIGTERM rather than the default kill, so that BENCH_NODE_ARGS=--cpu-prof writes the profile.
process.on('SIGTERM', () => process.exit(0));
