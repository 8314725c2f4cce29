import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { Role } from '@app/common';
import { EventType } from '@app/outbox';
import type { ReceivedMail } from './mailbox.js';
import type { TestApp } from './test-app.js';

/** A constant stand-in hash: seeded residents never sign in, and hashing 20,000 would take minutes. */
const SEEDED_PASSWORD_HASH = '$argon2id$v=19$m=19456,t=2,p=1$c2VlZGVkLXJlc2lkZW50$seeded';

/**
 * Inserts `count` active residents in one statement; every `emailEvery`-th has an email address
 * `<tag>-<n>@seed.test` (the others a phone only). Returns the email addresses.
 */
export async function seedResidents(
  db: DataSource,
  count: number,
  options: { tag: string; emailEvery: number; phonePrefix: string },
): Promise<string[]> {
  const rows = await db.query<{ email: string | null }[]>(
    `INSERT INTO users (email, phone, password_hash, display_name, roles)
     SELECT CASE WHEN i % $2 = 0 THEN $3 || '-' || i || '@seed.test' END,
            $4 || lpad(i::text, 8, '0'), $5, '居民' || i, ARRAY['resident']::user_role[]
     FROM generate_series(1, $1::int) AS i
     RETURNING email`,
    [count, options.emailEvery, options.tag, options.phonePrefix, SEEDED_PASSWORD_HASH],
  );
  return rows.flatMap((row) => (row.email ? [row.email] : []));
}

/**
 * The secretariat announces to every resident (POST /api/announcements); returns the outbox
 * event that the announcement's transaction wrote.
 */
export async function announceToResidents(
  api: TestApp,
  secretariatToken: string,
  title = '停水通知',
): Promise<string> {
  const answer = await api.post(
    '/api/announcements',
    { title, body: '明日 9:00–12:00 停水，请提前储水。', audience: [Role.Resident] },
    { token: secretariatToken },
  );
  if (answer.status !== 201) {
    throw new Error(`announcing failed: ${answer.status} ${JSON.stringify(answer.body)}`);
  }
  return eventIdOf(api.app.get(DataSource), answer.body.id as string);
}

/** The outbox event that announced `announcementId`. */
export async function eventIdOf(db: DataSource, announcementId: string): Promise<string> {
  const [row] = await db.query<{ id: string }[]>(
    `SELECT id FROM outbox_events WHERE type = $1 AND payload ->> 'announcementId' = $2`,
    [EventType.Announcement, announcementId],
  );
  if (!row) {
    throw new Error(`no outbox event for announcement ${announcementId}`);
  }
  return row.id;
}

export interface EventCounts {
  notifications: number;
  notifiedUsers: number;
  deliveries: number;
  deliveryKeys: number;
  sent: number;
  pending: number;
  failed: number;
}

/** Rows one event produced: duplicates show as a count above its distinct count. */
export async function countsOf(db: DataSource, eventId: string): Promise<EventCounts> {
  const [row] = await db.query<EventCounts[]>(
    `SELECT
       (SELECT count(*) FROM notifications WHERE event_id = $1)::int AS notifications,
       (SELECT count(DISTINCT user_id) FROM notifications WHERE event_id = $1)::int AS "notifiedUsers",
       (SELECT count(*) FROM deliveries WHERE event_id = $1)::int AS deliveries,
       (SELECT count(DISTINCT (user_id, channel)) FROM deliveries WHERE event_id = $1)::int AS "deliveryKeys",
       (SELECT count(*) FILTER (WHERE status = 'sent') FROM deliveries WHERE event_id = $1)::int AS sent,
       (SELECT count(*) FILTER (WHERE status = 'pending') FROM deliveries WHERE event_id = $1)::int AS pending,
       (SELECT count(*) FILTER (WHERE status = 'failed') FROM deliveries WHERE event_id = $1)::int AS failed`,
    [eventId],
  );
  return row;
}

/** Polls `read` until `done` holds or `timeoutMs` passes; returns the last value either way. */
export async function pollUntil<T>(
  read: () => Promise<T> | T,
  done: (value: T) => boolean,
  timeoutMs: number,
  intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) {
      return value;
    }
    await sleep(intervalMs);
  }
}

/** Received mails per recipient address. */
export function mailCounts(received: readonly ReceivedMail[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const mail of received) {
    for (const address of mail.to) {
      counts.set(address, (counts.get(address) ?? 0) + 1);
    }
  }
  return counts;
}

/** Of `addresses`, those that received a number of mails other than `expected`, with the number. */
export function mailCountsOtherThan(
  received: readonly ReceivedMail[],
  addresses: string[],
  expected: number,
): Record<string, number> {
  const counts = mailCounts(received);
  return Object.fromEntries(
    addresses
      .map((address) => [address, counts.get(address) ?? 0] as const)
      .filter(([, count]) => count !== expected),
  );
}
