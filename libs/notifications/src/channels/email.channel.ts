import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool/index.js';
import { AppConfig } from '@app/config';
import type { Bilingual } from '../kinds/notification-kind.js';

export interface OutgoingMessage {
  title: Bilingual;
  body: Bilingual;
  link: string | null;
}

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/** Renders zh-CN first and English second, as plain text and as HTML. */
export function composeEmail(message: OutgoingMessage) {
  const paragraphs = [message.body.zh, message.body.en];
  return {
    subject: `${message.title.zh} / ${message.title.en}`,
    text: `${message.title.zh}\n\n${message.body.zh}\n\n——\n\n${message.title.en}\n\n${message.body.en}\n`,
    html:
      `<h2>${escapeHtml(message.title.zh)}</h2><p>${escapeHtml(paragraphs[0])}</p><hr>` +
      `<h2 lang="en">${escapeHtml(message.title.en)}</h2><p lang="en">${escapeHtml(paragraphs[1])}</p>`,
  };
}

/** Email over SMTP (SMTP_URL), through a small pool of connections. */
@Injectable()
export class EmailChannel implements OnModuleDestroy {
  private readonly transport: Transporter<SMTPPool.SentMessageInfo, SMTPPool.Options>;

  constructor(private readonly config: AppConfig) {
    const pool: SMTPPool.Options = {
      url: config.mail.smtpUrl,
      pool: true,
      maxConnections: 5,
      connectionTimeout: 10_000,
      socketTimeout: 20_000,
    };
    this.transport = nodemailer.createTransport(pool);
  }

  async send(to: string, message: OutgoingMessage): Promise<void> {
    await this.transport.sendMail({ from: this.config.mail.from, to, ...composeEmail(message) });
  }

  onModuleDestroy(): void {
    this.transport.close();
  }
}
