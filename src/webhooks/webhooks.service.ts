import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import type { AppConfig } from '../config/app-config.js';
import { InjectConfig } from '../config/config.module.js';
import { errorText } from '../common/errors.js';
import { configuredAddressRule, fetchPublicUrl } from '../common/outbound/fetch-public-url.js';
import { DomainEvent, type DomainEventPayloads } from '../events/domain-events.js';
import { SettingsService } from '../settings/settings.service.js';
import { type WebhookEvent, webhookPayload } from './webhook-payload.js';

const WEBHOOK_TIMEOUT_MS = 10_000;
const MAX_ANSWER_BYTES = 64 * 1024;

/**
 * The admins' webhook (WEBHOOK_URL, changed from Admin → Settings → General): told when someone
 * signs up. The URL is fetched under the outbound rules for user-given URLs (public addresses only,
 * checked on every redirect); a failure is logged and never holds up what triggered it.
 */
@Injectable()
export class WebhooksService {
  private readonly logger = new Logger(WebhooksService.name);

  constructor(
    private readonly settings: SettingsService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  url(): { url: string } {
    return { url: this.settings.get().webhookUrl };
  }

  async setUrl(url: string): Promise<{ url: string }> {
    await this.settings.update({ webhookUrl: url.trim() });
    return this.url();
  }

  @OnEvent(DomainEvent.UserSignedUp)
  onUserSignedUp({ user }: DomainEventPayloads[typeof DomainEvent.UserSignedUp]): void {
    const message = `New user signed up: ${user.name}`;
    void this.post({ action: 'signup', message, user: JSON.stringify(user) });
  }

  /** Resolves whatever happens: a webhook's failure is the admins' to see in the log. */
  async post(event: WebhookEvent): Promise<boolean> {
    const url = this.settings.get().webhookUrl;
    if (!url) return false;
    try {
      const answer = await fetchPublicUrl(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(webhookPayload(url, this.config.webuiName, this.config.version, event)),
        maxBytes: MAX_ANSWER_BYTES,
        timeoutMs: WEBHOOK_TIMEOUT_MS,
        maxRedirects: 0,
        ...configuredAddressRule(this.config),
      });
      if (answer.status >= 400) throw new Error(`it answered ${answer.status}`);
      return true;
    } catch (error) {
      this.logger.warn(`The webhook (${event.action}) failed: ${errorText(error)}`);
      return false;
    }
  }
}
