import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { SMTPServer } from 'smtp-server';
import type { ReceivedMail } from './mailbox.js';

/**
 * A real SMTP server in the test process that can hold every new connection before its
 * greeting. A sender caught then has handed nothing over yet: killing it mid-send loses the
 * connection, never a half-delivered message, so what the mailbox counts was accepted exactly
 * once per successful SMTP transaction.
 */
export class GatedMailbox {
  readonly received: ReceivedMail[] = [];
  private server!: SMTPServer;
  private port = 0;
  private holding = false;
  private readonly waiting: Array<() => void> = [];

  static async start(): Promise<GatedMailbox> {
    const mailbox = new GatedMailbox();
    mailbox.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      disableReverseLookup: true,
      logger: false,
      onConnect: (_session, callback) => {
        if (mailbox.holding) {
          mailbox.waiting.push(() => callback());
          return;
        }
        callback();
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          mailbox.received.push({
            to: session.envelope.rcptTo.map((recipient) => recipient.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        });
      },
    });
    // A sender killed while its connection is held resets the socket: not the test's concern.
    mailbox.server.on('error', () => undefined);
    await new Promise<void>((resolve) => mailbox.server.listen(0, '127.0.0.1', resolve));
    mailbox.port = (mailbox.server.server.address() as AddressInfo).port;
    return mailbox;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** Connections opened from now on wait before the greeting until `release()`. */
  hold(): void {
    this.holding = true;
  }

  /** Greets every held connection (those whose client has gone are silently skipped). */
  release(): void {
    this.holding = false;
    for (const greet of this.waiting.splice(0)) {
      greet();
    }
  }

  /** How many connections are waiting for their greeting. */
  get heldConnections(): number {
    return this.waiting.length;
  }

  to(address: string): ReceivedMail[] {
    return this.received.filter((mail) => mail.to.includes(address));
  }

  /** Waits, for a bounded time, until `count` mails have arrived in all. */
  async waitFor(count: number, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.received.length < count) {
      if (Date.now() > deadline) {
        throw new Error(`expected ${count} mails, got ${this.received.length} in ${timeoutMs} ms`);
      }
      await sleep(50);
    }
  }

  stop(): Promise<void> {
    this.release();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
