/**
 * A message in a Teams personal chat, shaped as Teams sends it (fake ids), for tests that only need the bot
 * to answer one. https://learn.microsoft.com/microsoftteams/platform/bots/how-to/conversations/conversation-basics
 */
export function personalMessage(serviceUrl: string, text: string, id: string) {
  return {
    type: 'message',
    id,
    timestamp: '2024-05-02T09:00:00.000Z',
    serviceUrl,
    channelId: 'msteams',
    from: { id: '29:1fake-user-id', name: 'Alex Example' },
    conversation: { conversationType: 'personal', tenantId: '00000000-0000-4000-8000-00000000feed', id: 'a:1fake-personal-conversation-id' },
    recipient: { id: '28:00000000-0000-4000-8000-0000000000b0', name: 'Compliance Bot' },
    textFormat: 'plain',
    text,
  };
}
