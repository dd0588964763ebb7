/** What happened, as upstream's webhooks carry it: `user` is the account as a JSON string. */
export interface WebhookEvent {
  action: string;
  message: string;
  user: string;
}

const DISCORD_MAX_CHARS = 2000;

/**
 * The body for a webhook URL, shaped as upstream sends it: chat services get a message they can
 * show (Slack and Google Chat `text`, Discord `content`, Teams a MessageCard), anything else the event.
 */
export function webhookPayload(url: string, appName: string, version: string, event: WebhookEvent): object {
  const { hostname, pathname } = new URL(url);
  const { message } = event;
  if (hostname === 'hooks.slack.com' || hostname === 'chat.googleapis.com') return { text: message };
  if (hostname === 'discord.com' && pathname.startsWith('/api/webhooks')) {
    const content =
      message.length < DISCORD_MAX_CHARS ? message : `${message.slice(0, DISCORD_MAX_CHARS - 20)}... (truncated)`;
    return { content };
  }
  if (hostname === 'webhook.office.com' || hostname.endsWith('.webhook.office.com')) {
    const user = JSON.parse(event.user) as Record<string, unknown>;
    const facts = Object.entries(user).map(([name, value]) => ({ name, value }));
    return {
      '@type': 'MessageCard',
      '@context': 'http://schema.org/extensions',
      themeColor: '0076D7',
      summary: message,
      sections: [
        {
          activityTitle: message,
          activitySubtitle: `${appName} (${version}) - ${event.action}`,
          facts,
          markdown: true,
        },
      ],
    };
  }
  return { ...event };
}
