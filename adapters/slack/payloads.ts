/**
 * The boundary check for everything Slack sends: which kind of payload a verified body is, and whether the
 * fields that Bolt and our listeners rely on are there, validated once with zod before Bolt sees it. Bolt
 * trusts the JSON it is given: a `block_actions` payload with no `user` made it throw before any listener
 * (HTTP 500, then "not acknowledged within 3 seconds"), an `app_mention` with no `text` threw in the
 * listener, and one with no `channel` still posted a reply with no channel.
 *
 * Shapes follow Slack's references (https://docs.slack.dev/reference/events/app_mention,
 * https://docs.slack.dev/reference/events/message.im,
 * https://docs.slack.dev/interactivity/implementing-slash-commands#app_command_handling,
 * https://docs.slack.dev/reference/interaction-payloads/block_actions-payload). Objects are loose: Slack adds
 * fields over time, and they pass through untouched.
 */
import * as z from 'zod';
import { SHARE_ACTION_ID } from './blocks.js';

/**
 * What to do with a verified, parsed body:
 * - `dispatch`: hand it to Bolt;
 * - `ignore`: a well-formed callback no listener takes (e.g. `app_rate_limited`): acknowledge it;
 * - `not-slack`: no Slack payload at all (`{}`, `[]`, `{"event":"x"}`): HTTP answers 400;
 * - `malformed`: a Slack payload whose fields are wrong: acknowledge it (Slack would retry anything else)
 *   and ignore it, with a warning naming the field.
 */
export type SlackBodyVerdict = { kind: 'dispatch' } | { kind: 'ignore' } | { kind: 'not-slack' } | { kind: 'malformed'; payload: string; problem: string };

/** Interactive payload `type`s Bolt routes itself (besides `block_actions`). */
const BOLT_ROUTED_TYPES = new Set(['shortcut', 'message_action', 'view_submission', 'view_closed', 'block_suggestion', 'dialog_submission', 'interactive_message']);

const id = z.string().min(1);
const optionalString = z.string().optional();

/** An Events API callback: `event` is an object with a type (else it is no Slack payload). */
const EventEnvelope = z.looseObject({ event: z.looseObject({ type: id }) });

/** The event types a listener takes, with the fields it reads; Bolt reads `channel` and `item` of any event. */
const Events: Readonly<Record<string, z.ZodType>> = {
  app_mention: z.looseObject({
    channel: id,
    ts: id,
    text: z.string(),
    thread_ts: optionalString,
    user: optionalString,
    bot_id: optionalString,
    subtype: optionalString,
  }),
  // message.im; edits, deletions and other subtypes carry the same top-level fields and are skipped later.
  message: z.looseObject({
    channel: id,
    text: optionalString,
    thread_ts: optionalString,
    user: optionalString,
    bot_id: optionalString,
    subtype: optionalString,
    channel_type: optionalString,
  }),
};
const AnyEvent = z.looseObject({
  channel: z.union([z.string(), z.looseObject({})]).optional(),
  item: z.looseObject({}).optional(),
  // An id for most events, an object for user_change and team_join; `null` (seen on app_home_opened) made
  // Bolt throw before any listener (HTTP 500).
  user: z.union([z.string(), z.looseObject({})]).optional(),
});

/** A slash command (form fields, so strings); the listener reads `text`. */
const Command = z.looseObject({ command: z.string().regex(/^\//u), text: optionalString });

/**
 * Any interactive payload Bolt routes: Bolt reads `user` (id, team_id), `team`, `enterprise` and `channel`
 * of each before any listener runs.
 */
const Interactive = z.looseObject({
  user: z.looseObject({ id, team_id: optionalString }),
  team: z.looseObject({ id: optionalString }).nullable().optional(),
  enterprise: z.looseObject({ id: optionalString }).nullable().optional(),
  channel: z.looseObject({ id: optionalString }).optional(),
});
const BlockActions = z.looseObject({ actions: z.array(z.looseObject({ action_id: z.string() })) });
/** The share button's click: the listener answers through `response_url` with the question in `value`. */
const ShareClick = z.looseObject({ response_url: z.url({ protocol: /^https?$/u }), actions: z.array(z.looseObject({ value: optionalString })) });
const View = z.looseObject({ view: z.looseObject({}) });
/** A legacy attachment button click: Bolt routes it by its actions; without any, no listener acks it. */
const InteractiveMessage = z.looseObject({ actions: z.array(z.looseObject({})).min(1) });

/** Classifies and validates a verified, parsed request body. Pure; never throws. */
export function checkSlackBody(body: unknown): SlackBodyVerdict {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { kind: 'not-slack' };
  const b = body as Record<string, unknown>;

  if (b.event !== undefined) {
    const envelope = EventEnvelope.safeParse(b);
    if (!envelope.success) return { kind: 'not-slack' };
    const event = envelope.data.event;
    return check(`event ${event.type}`, event, [AnyEvent, Events[event.type]], 'event.');
  }
  if (b.command !== undefined) {
    if (typeof b.command !== 'string') return { kind: 'not-slack' };
    return check('slash command', b, [Command]);
  }
  if (b.actions !== undefined && !Array.isArray(b.actions)) return { kind: 'not-slack' };
  const type = typeof b.type === 'string' ? b.type : undefined;
  const interactive = Array.isArray(b.actions) || b.name !== undefined || (type !== undefined && (type === 'block_actions' || BOLT_ROUTED_TYPES.has(type)));
  if (interactive) {
    const schemas: z.ZodType[] = [Interactive];
    if (type === 'block_actions') schemas.push(BlockActions);
    if ((b.actions as Array<{ action_id?: unknown }> | undefined)?.some((a) => a?.action_id === SHARE_ACTION_ID)) schemas.push(ShareClick);
    if (type === 'view_submission' || type === 'view_closed') schemas.push(View);
    if (type === 'interactive_message') schemas.push(InteractiveMessage);
    return check(type ?? 'interactive payload', b, schemas);
  }
  return type !== undefined ? { kind: 'ignore' } : { kind: 'not-slack' };
}

/** Every schema must accept `value`; the first failure is reported with its path (never the value). */
function check(payload: string, value: unknown, schemas: ReadonlyArray<z.ZodType | undefined>, prefix = ''): SlackBodyVerdict {
  for (const schema of schemas) {
    const result = schema?.safeParse(value);
    if (result && !result.success) {
      const issue = result.error.issues[0]!;
      return { kind: 'malformed', payload: payload.slice(0, 60), problem: `${prefix}${issue.path.map(String).join('.')}: ${issue.message}`.slice(0, 160) };
    }
  }
  return { kind: 'dispatch' };
}
