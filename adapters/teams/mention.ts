/**
 * Turning the text of a Teams message into the question it asks.
 *
 * In a channel or group chat Teams puts the bot's @mention into `text` as `<at>Bot name</at>` and adds a
 * `mention` entity whose `mentioned.id` is the bot's id (the activity's `recipient.id`) and whose `text`
 * is that same `<at>…</at>` string (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/conversations/channel-and-group-conversations#retrieve-mentions).
 * Clients differ in the details: line breaks around or inside the tag, or an entity with no `text`.
 * botbuilder's `TurnContext.removeRecipientMention` replaces only the first exact match and breaks on an
 * entity without text, hence this module.
 */

/** The parts of a Bot Framework activity this module reads. */
export interface MessageLike {
  text?: string | null;
  entities?: ReadonlyArray<{ type?: string; [key: string]: unknown }> | null;
  recipient?: { id?: string; name?: string } | null;
}

interface MentionEntity {
  text?: string;
  mentioned?: { id?: string; name?: string };
}

const AT_TAG = /<at\b[^>]*>([\s\S]*?)<\/at>/giu;

/** Lower case with white space collapsed, for comparing names. */
const norm = (s: string) => s.replace(/\s+/gu, ' ').trim().toLowerCase();

/** A few HTML entities Teams uses in message text (formatted messages arrive as HTML). */
const ENTITIES: Readonly<Record<string, string>> = { nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'" };

/**
 * The question in a message: the text without the bot's own mention(s), other people's `<at>` tags reduced
 * to their names, HTML tags dropped, entities decoded and white space collapsed. Empty when nothing is left.
 */
export function questionFromMessage(activity: MessageLike): string {
  let text = typeof activity.text === 'string' ? activity.text : '';
  const botId = activity.recipient?.id;
  const botMentions: MentionEntity[] = (activity.entities ?? [])
    .filter((e) => typeof e?.type === 'string' && e.type.toLowerCase() === 'mention')
    .map((e) => e as MentionEntity)
    .filter((m) => botId !== undefined && m.mentioned?.id === botId);

  if (botMentions.length > 0) {
    // Names the bot may be shown as inside <at>…</at>: each entity's tag content, its mentioned name,
    // and the recipient name.
    const names = new Set<string>();
    for (const m of botMentions) {
      if (typeof m.text === 'string') {
        const inner = /<at\b[^>]*>([\s\S]*?)<\/at>/iu.exec(m.text)?.[1] ?? m.text;
        if (norm(inner)) names.add(norm(inner));
      }
      if (typeof m.mentioned?.name === 'string' && norm(m.mentioned.name)) names.add(norm(m.mentioned.name));
    }
    if (activity.recipient?.name && norm(activity.recipient.name)) names.add(norm(activity.recipient.name));
    text = text.replace(AT_TAG, (tag, inner: string) => (names.has(norm(inner)) ? ' ' : tag));
    // Some clients send a multi-word name as separate tags ("<at>Compliance</at> <at>Bot</at>"):
    // drop a run of adjacent tags that together spell a bot name.
    text = text.replace(/(?:<at\b[^>]*>[\s\S]*?<\/at>\s*){2,}/giu, (run) => {
      const joined = Array.from(run.matchAll(AT_TAG), (m) => m[1] ?? '').join(' ');
      return names.has(norm(joined)) ? ' ' : run;
    });
  }

  return text
    .replace(AT_TAG, (_tag, inner: string) => ` ${inner} `)
    .replace(/<\/?[a-z][^>]*>/giu, ' ')
    .replace(/&(nbsp|amp|lt|gt|quot|apos|#39);/giu, (_m, name: string) => ENTITIES[name.toLowerCase()] ?? ' ')
    .replace(/\s+/gu, ' ')
    .trim();
}
