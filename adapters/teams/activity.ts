/**
 * The boundary check for `POST /api/messages`: the fields of a Bot Framework activity that this bot and
 * botbuilder rely on, validated once with zod before `adapter.process` sees the activity. botbuilder
 * itself trusts the JSON it is given, so a malformed activity used to crash inside the turn (a TypeError
 * logged at error level, sometimes even an apology card sent). Field names follow the Bot Framework
 * Activity schema (https://github.com/microsoft/botframework-sdk/blob/main/specs/botframework-activity/botframework-activity.md)
 * and what Teams sends (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/conversations/conversation-basics).
 *
 * Objects are loose: everything else an activity carries (channelData, attachments, ...) passes through
 * untouched, since botbuilder and Teams add fields over time.
 */
import * as z from 'zod';

/** A channel account (`from`, `recipient`, a member): an id, and a display name when present. */
const Account = z.looseObject({ id: z.string().min(1), name: z.string().optional() });

/**
 * Every activity: a type, and where a reply would go. The Activity schema requires `from`, `conversation`
 * and `serviceUrl` of channels; botbuilder reads them for every turn (the conversation reference), and the
 * bot reads `recipient` to know its own id.
 */
const Common = z.looseObject({
  type: z.string().min(1),
  id: z.string().optional(),
  channelId: z.string().optional(),
  serviceUrl: z.string().min(1),
  // botbuilder copies locale into every reply and reads conversationType for Teams routing: strings only.
  locale: z.string().optional(),
  replyToId: z.string().optional(),
  conversation: z.looseObject({ id: z.string().min(1), conversationType: z.string().optional(), tenantId: z.string().optional() }),
  from: Account,
  recipient: Account,
});

/** What each activity type the bot handles adds to {@link Common}. Other types need only the common fields. */
const ByType: Readonly<Record<string, z.ZodType>> = {
  // bot.ts and mention.ts read text and entities (mentions); files.ts reads attachments (a questionnaire sent as a
  // file: contentType, name, content.downloadUrl). An `attachments` that was no list crashed the turn (break-it round 6).
  message: z.looseObject({
    text: z.string().optional(),
    entities: z.array(z.looseObject({ type: z.string().optional() })).optional(),
    attachments: z.array(z.looseObject({ contentType: z.string().optional(), name: z.string().optional(), contentUrl: z.string().optional() })).optional(),
  }),
  // bot.ts greets when its own id is among membersAdded.
  conversationUpdate: z.looseObject({ membersAdded: z.array(Account).optional() }),
};

/** A validated activity: the fields above typed, everything else as received. */
export type CheckedActivity = z.infer<typeof Common> & Record<string, unknown>;

/** The verdict on a request body: the activity, or the first problem as a short phrase for the log and the 400. */
export type ActivityVerdict = { ok: true; activity: CheckedActivity } | { ok: false; problem: string };

/** Validates a parsed request body as an activity. Pure; never throws. */
export function checkActivity(body: unknown): ActivityVerdict {
  const common = Common.safeParse(body);
  if (!common.success) return { ok: false, problem: describe(common.error) };
  const extra = ByType[common.data.type];
  if (extra) {
    const specific = extra.safeParse(body);
    if (!specific.success) return { ok: false, problem: describe(specific.error) };
  }
  return { ok: true, activity: common.data as CheckedActivity };
}

/** "conversation.id: expected string, received undefined": the path and zod's message, never the value. */
function describe(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid activity';
  const path = issue.path.length > 0 ? issue.path.map(String).join('.') : 'activity';
  return `${path}: ${issue.message}`.slice(0, 160);
}
