/**
 * The check of every Socket Mode envelope before @slack/socket-mode reads it
 * (https://docs.slack.dev/apis/events-api/using-socket-mode#events). SocketModeClient 3.1 trusts the
 * envelope's shape: an `events_api` envelope whose payload has no `event` made it throw a TypeError
 * (`payload.event.type`) inside its WebSocket message handler, which crashed the whole process. The
 * client's own handler is therefore put behind this one: an envelope of a type that carries a payload
 * must have an `envelope_id` and an object payload (an `events_api` one an `event` object with a `type`);
 * anything else is acknowledged when it has an id (so Slack does not redeliver it), logged once as a
 * warning, and dropped. The payload's own fields are checked later, as in HTTP mode (payloads.ts).
 */
import type { Logger as BoltLogger } from '@slack/bolt';
import * as z from 'zod';

/** The parts of SocketModeClient this guard uses. */
interface GuardedClient {
  onWebSocketMessage(data: unknown, isBinary: boolean): Promise<void>;
  send(envelopeId: string, body?: Record<string, unknown>): Promise<void>;
  listeners(event: 'ws_message'): Array<(...args: unknown[]) => unknown>;
  removeAllListeners(event: 'ws_message'): unknown;
  on(event: 'ws_message', listener: (data: unknown, isBinary: boolean) => void): unknown;
}

/** Envelope types that carry a payload and need an ack. */
const WITH_PAYLOAD = new Set(['events_api', 'slash_commands', 'interactive']);

const Envelope = z.looseObject({ type: z.string(), envelope_id: z.string().min(1), payload: z.looseObject({}) });
const EventsApi = z.looseObject({ payload: z.looseObject({ event: z.looseObject({ type: z.string().min(1) }) }) });

/** The verdict on one WebSocket text message: pass it to the client, or drop it (acking `ackId` if any). */
export type EnvelopeVerdict = { pass: true } | { pass: false; ackId?: string; problem: string };

/** Checks one message as received (text). Pure; never throws. */
export function checkEnvelope(text: string): EnvelopeVerdict {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { pass: false, problem: 'not JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { pass: false, problem: 'not an object' };
  const message = value as Record<string, unknown>;
  const ackId = typeof message.envelope_id === 'string' && message.envelope_id !== '' ? message.envelope_id : undefined;
  if (typeof message.type !== 'string') return { pass: false, ackId, problem: 'no type' };
  // hello, disconnect and what Slack adds later: the client handles or ignores them itself.
  if (!WITH_PAYLOAD.has(message.type)) return { pass: true };
  const envelope = Envelope.safeParse(message);
  if (!envelope.success) return { pass: false, ackId, problem: `${message.type} envelope: ${describe(envelope.error)}` };
  if (message.type === 'events_api') {
    const event = EventsApi.safeParse(message);
    if (!event.success) return { pass: false, ackId, problem: `events_api envelope: ${describe(event.error)}` };
  }
  return { pass: true };
}

function describe(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.map(String).join('.') || 'envelope'}: ${issue.message}`.slice(0, 160) : 'invalid';
}

/**
 * Puts {@link checkEnvelope} in front of the client's WebSocket message handler. `client` is the
 * receiver's SocketModeClient; its handler is the one it registered for `ws_message` in its constructor.
 */
export function guardEnvelopes(client: unknown, logger: BoltLogger): void {
  const c = client as GuardedClient;
  const original = c.listeners('ws_message');
  c.removeAllListeners('ws_message');
  c.on('ws_message', (data, isBinary) => {
    const text = isBinary ? undefined : typeof data === 'string' ? data : Buffer.from(data as ArrayBuffer).toString('utf8');
    const verdict = text === undefined ? ({ pass: true } as const) : checkEnvelope(text);
    if (verdict.pass) {
      for (const listener of original) void Promise.resolve(listener(data, isBinary)).catch((error: unknown) => logger.error('Socket Mode message handler failed', error));
      return;
    }
    logger.warn(`Ignored a malformed Socket Mode envelope: ${verdict.problem}`);
    if (verdict.ackId) void c.send(verdict.ackId).catch((error: unknown) => logger.warn('could not acknowledge a malformed envelope', error));
  });
}
