import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TestAdapter, TurnContext, type Activity } from 'botbuilder';
import { OneTypingIndicator } from './typing.js';

/** A message turn on botbuilder's TestAdapter, whose `sendActivities` records what the bot sent. */
function turn(adapter: TestAdapter, sent: Partial<Activity>[], type = 'message'): TurnContext {
  const context = new TurnContext(adapter, {
    type,
    text: 'is S3 in scope?',
    channelId: 'msteams',
    serviceUrl: 'http://127.0.0.1:1/',
    conversation: { id: 'a:conversation', isGroup: false, conversationType: 'personal', name: '' },
    from: { id: '29:user', name: 'User' },
    recipient: { id: '28:bot', name: 'Bot' },
  } as Activity);
  adapter.sendActivities = async (_context, activities) => {
    sent.push(...activities);
    return activities.map(() => ({ id: 'x' }));
  };
  return context;
}

/** A turn body that finishes when told to. */
function pending(): { next: () => Promise<void>; finish: () => void } {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return { next: () => done, finish };
}

describe('the typing indicator', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('is sent once for a slow message turn, however long it runs', async () => {
    const sent: Partial<Activity>[] = [];
    const typing = new OneTypingIndicator({ delayMs: 500, maxInFlight: 4 });
    const body = pending();
    const running = typing.onTurn(turn(new TestAdapter(), sent), body.next);
    await vi.advanceTimersByTimeAsync(10_000);
    body.finish();
    await running;
    expect(sent.map((a) => a.type)).toEqual(['typing']);
    expect(sent[0]?.conversation?.id).toBe('a:conversation');
    expect(typing.running).toBe(0);
  });

  it('is not sent once the turn has started sending its answer, however slow the connector is to take it', async () => {
    const sent: Partial<Activity>[] = [];
    const typing = new OneTypingIndicator({ delayMs: 500, maxInFlight: 4 });
    const adapter = new TestAdapter();
    const context = turn(adapter, sent);
    // The connector takes 2 s to answer the reply.
    const record = adapter.sendActivities;
    adapter.sendActivities = async (c, activities) => {
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      return record(c, activities);
    };
    const running = typing.onTurn(context, async () => {
      await new Promise((resolve) => setTimeout(resolve, 100));
      await context.sendActivity('the answer');
    });
    await vi.advanceTimersByTimeAsync(5_000);
    await running;
    expect(sent.map((a) => a.type)).toEqual(['message']);
  });

  it('is not sent for a turn that ends within the delay, nor for other activities', async () => {
    const sent: Partial<Activity>[] = [];
    const typing = new OneTypingIndicator({ delayMs: 500, maxInFlight: 4 });
    const quick = pending();
    const a = typing.onTurn(turn(new TestAdapter(), sent), quick.next);
    await vi.advanceTimersByTimeAsync(100);
    quick.finish();
    await a;
    const update = pending();
    const b = typing.onTurn(turn(new TestAdapter(), sent, 'conversationUpdate'), update.next);
    await vi.advanceTimersByTimeAsync(10_000);
    update.finish();
    await b;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(sent).toEqual([]);
  });

  it('is not sent while more turns than maxInFlight are running (overload)', async () => {
    const sent: Partial<Activity>[] = [];
    const typing = new OneTypingIndicator({ delayMs: 500, maxInFlight: 2 });
    const bodies = [pending(), pending(), pending()];
    const turns = bodies.map((b) => typing.onTurn(turn(new TestAdapter(), sent), b.next));
    expect(typing.running).toBe(3);
    await vi.advanceTimersByTimeAsync(10_000);
    for (const b of bodies) b.finish();
    await Promise.all(turns);
    expect(sent).toEqual([]);
  });

  it('reports a failed send and lets the turn go on', async () => {
    const errors: unknown[] = [];
    const typing = new OneTypingIndicator({ delayMs: 500, maxInFlight: 4, onError: (e) => errors.push(e) });
    const adapter = new TestAdapter();
    const context = turn(adapter, []);
    adapter.sendActivities = async () => {
      throw new Error('connector refused');
    };
    const body = pending();
    const running = typing.onTurn(context, body.next);
    await vi.advanceTimersByTimeAsync(1_000);
    body.finish();
    await running;
    expect(errors).toHaveLength(1);
  });
});
