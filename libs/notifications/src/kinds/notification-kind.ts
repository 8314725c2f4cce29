import type { EntityManager } from 'typeorm';
import type { OutboxPayload } from '@app/outbox';

export interface Bilingual {
  zh: string;
  en: string;
}

export interface RenderedMessage {
  title: Bilingual;
  body: Bilingual;
  link: string | null;
}

/** A SQL condition on the `users` table aliased `u`, with its positional parameters. */
export interface RecipientQuery {
  where: string;
  params: unknown[];
}

/** Everything the fan-out needs to know about one kind of notification. */
export interface NotificationKind {
  kind: string;
  /** How the kind is named on the preferences page. */
  label: Bilingual;
  /** Outside channels for users who have not chosen. The in-app inbox always receives. */
  defaults: { email: boolean; webhook: boolean };
  recipients(payload: OutboxPayload): RecipientQuery;
  /** Renders the message once per event, loading what it needs by the payload's ids. */
  render(payload: OutboxPayload, manager: EntityManager): Promise<RenderedMessage>;
}
