import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  raw: string;
}

/**
 * A real SMTP server in the test process, on a free loopback port. It can refuse mail, as a
 * broken or strict server would, and hold new connections before their greeting: a sender
 * caught then has handed nothing over, so killing it mid-send loses a connection, never a
 * half-delivered message.
 */
export class Mailbox {
  readonly received: ReceivedMail[] = [];
  refusing = false;
  private server!: SMTPServer;
  private port = 0;
  private holding = false;
  private readonly held: Array<() => void> = [];

  static async start(): Promise<Mailbox> {
    const mailbox = new Mailbox();
    mailbox.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      disableReverseLookup: true,
      logger: false,
      onConnect: (_session, callback) => {
        if (mailbox.holding) {
          mailbox.held.push(() => callback());
          return;
        }
        callback();
      },
      onRcptTo: (_address, _session, callback) => {
        if (mailbox.refusing) {
          callback(Object.assign(new Error('550 mailbox unavailable'), { responseCode: 550 }));
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
    for (const greet of this.held.splice(0)) {
      greet();
    }
  }

  /** How many connections are waiting for their greeting. */
  get heldConnections(): number {
    return this.held.length;
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
