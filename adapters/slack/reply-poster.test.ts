import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { Agent } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ReplyPoster } from './reply-poster.js';
import { capturedLogger } from '../../tests/support/logs.js';

/** A Web API stand-in on 127.0.0.1 that takes every post and never answers. */
let hung: Server;
let apiUrl: string;
const held: Array<() => void> = [];

beforeEach(async () => {
  hung = createServer((_req, res) => held.push(() => res.destroy()));
  hung.listen(0, '127.0.0.1');
  await once(hung, 'listening');
  apiUrl = `http://127.0.0.1:${(hung.address() as { port: number }).port}/api/`;
});

afterEach(async () => {
  for (const release of held.splice(0)) release();
  hung.closeAllConnections();
  await new Promise((resolve) => hung.close(resolve));
});

const capturingLogger = () => capturedLogger('error');

describe('the reply queues', () => {
  it('hold at most maxPending replies in all channels; each one past it is logged as lost with its ids', async () => {
    const { logger, lines } = capturingLogger();
    const dispatcher = new Agent({ connections: 10 });
    const poster = new ReplyPoster({ apiUrl, token: 'xoxb-test', dispatcher, logger, maxPending: 3, maxRetries: 0 });
    const posts = Array.from({ length: 5 }, (_, i) => poster.post({ channel: `C${i}`, text: 'answer' }, { eventId: `Ev${i}` }));
    expect(poster.size).toBe(3);
    // The two past the bound resolve at once (never reject), logged with their ids.
    expect(await Promise.all(posts.slice(3))).toEqual([false, false]);
    await new Promise((resolve) => setImmediate(resolve));
    const lost = lines.filter((l) => String(l.msg).includes('the reply queues are full'));
    expect(lost.map((l) => l.eventId)).toEqual(['Ev3', 'Ev4']);
    expect(lost.map((l) => l.channel)).toEqual(['C3', 'C4']);
    // A slot frees when a reply settles: the hung posts fail when their connections close.
    await dispatcher.destroy();
    await Promise.all(posts.slice(0, 3));
    expect(poster.size).toBe(0);
    void poster.post({ channel: 'C9', text: 'answer' }, { eventId: 'Ev9' });
    expect(poster.size).toBe(1);
    await poster.drain(0);
  });
});
