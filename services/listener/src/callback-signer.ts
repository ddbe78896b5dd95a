import { Webhook } from 'standardwebhooks';

/**
 * Standard Webhooks headers (https://www.standardwebhooks.com): `webhook-id` (the same on every
 * retry, so receivers can deduplicate), `webhook-timestamp` (seconds, fresh on each attempt:
 * receivers reject timestamps older than a few minutes) and, with WEBHOOK_SECRET set,
 * `webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">`. Without a secret the
 * callbacks are sent unsigned (id and timestamp still there), which suits local setups only.
 */
export class CallbackSigner {
  private readonly webhook: Webhook | undefined;

  constructor(secret: string | undefined) {
    this.webhook = secret ? new Webhook(secret) : undefined;
  }

  get signs(): boolean {
    return this.webhook !== undefined;
  }

  headers(webhookId: string, payload: string, now = new Date()): Record<string, string> {
    const headers: Record<string, string> = {
      'webhook-id': webhookId,
      'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
    };
    if (this.webhook) headers['webhook-signature'] = this.webhook.sign(webhookId, now, payload);
    return headers;
  }
}
