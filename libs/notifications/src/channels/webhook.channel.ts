import { createHmac } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '@app/config';
import type { OutgoingMessage } from './email.channel.js';

export interface WebhookRecipient {
  userId: string;
  phone: string | null;
  email: string | null;
}

export const SIGNATURE_HEADER = 'x-minsheng-signature';
export const TIMESTAMP_HEADER = 'x-minsheng-timestamp';

/** `sha256=` and the hex HMAC-SHA256 of `<timestamp>.<body>` under the shared secret. */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * POSTs a signed JSON payload to the district's gateway (an SMS gateway, a DingTalk/浙政钉
 * bot …), which verifies the signature and the timestamp before acting.
 */
@Injectable()
export class WebhookChannel {
  constructor(private readonly config: AppConfig) {}

  get enabled(): boolean {
    return this.config.webhook !== null;
  }

  async send(deliveryId: string, recipient: WebhookRecipient, message: OutgoingMessage) {
    const webhook = this.config.webhook;
    if (!webhook) {
      throw new Error('the webhook channel is not configured (NOTIFY_WEBHOOK_URL)');
    }
    const body = JSON.stringify({ deliveryId, recipient, ...message });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const response = await fetch(webhook.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [TIMESTAMP_HEADER]: timestamp,
        [SIGNATURE_HEADER]: signWebhook(webhook.secret, timestamp, body),
      },
      body,
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) {
      throw new Error(`the gateway answered ${response.status}`);
    }
  }
}
