import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { webhookPayload } from '../../src/webhooks/webhook-payload.js';

const event = { action: 'signup', message: 'New user signed up: Ada', user: '{"id":"u1","name":"Ada"}' };

describe('webhookPayload', () => {
  it('gives chat services a message they show, as upstream does', () => {
    assert.deepEqual(webhookPayload('https://hooks.slack.com/services/x', 'Open WebUI', '0.6.40', event), {
      text: event.message,
    });
    assert.deepEqual(webhookPayload('https://chat.googleapis.com/v1/spaces/x', 'Open WebUI', '0.6.40', event), {
      text: event.message,
    });
    const long = { ...event, message: 'x'.repeat(2500) };
    const discord = webhookPayload('https://discord.com/api/webhooks/1/abc', 'Open WebUI', '0.6.40', long) as {
      content: string;
    };
    assert.equal(discord.content.length, 1980 + '... (truncated)'.length);
    const teams = webhookPayload('https://acme.webhook.office.com/webhookb2/x', 'Open WebUI', '0.6.40', event) as any;
    assert.equal(teams['@type'], 'MessageCard');
    assert.equal(teams.sections[0].activitySubtitle, 'Open WebUI (0.6.40) - signup');
    assert.deepEqual(teams.sections[0].facts, [
      { name: 'id', value: 'u1' },
      { name: 'name', value: 'Ada' },
    ]);
  });

  it('sends anything else the event itself', () => {
    assert.deepEqual(webhookPayload('https://example.com/hook', 'Open WebUI', '0.6.40', event), event);
    // A look-alike host is not Slack.
    assert.deepEqual(webhookPayload('https://hooks.slack.com.example.org/x', 'Open WebUI', '0.6.40', event), event);
  });
});
