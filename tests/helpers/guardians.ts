/**
 * How a test reaches a guardian's consent link: the way a guardian does. With no mail server,
 * from the organizers' outbox (the letter they print); with one, from the email itself.
 * Teams never see a link, so tests must not look for one there.
 */

import type { Mail, Mailer } from "../../server/lib/mailer";
import type { OutboxView } from "../../shared/api";
import type { Client } from "./http";

export type OutboxMessage = OutboxView;

/** Every email of the event, newest first, as the organizer's outbox lists them. */
export async function outboxOf(organizer: Client, slug: string): Promise<OutboxMessage[]> {
  const res = await organizer.get<{ messages: OutboxMessage[] }>(`/api/events/${slug}/outbox`);
  if (res.status !== 200) throw new Error(`outbox: ${res.status}`);
  return res.body.messages;
}

/** The member's current consent link, as printed on the guardian's letter. */
export async function consentLinkFor(
  organizer: Client,
  slug: string,
  memberId: string,
): Promise<string> {
  const letter = (await outboxOf(organizer, slug)).find(
    (m) => m.consent?.memberId === memberId && m.status !== "replaced",
  );
  if (!letter?.consent) throw new Error(`no consent letter for member ${memberId}`);
  return letter.consent.link;
}

/** The token at the end of a consent link. */
export const tokenOf = (link: string) => link.split("/").pop()!;

/** A mailer that keeps what it sends, standing in for the SMTP server SMTP_URL names. */
export function capturingMailer(): Mailer & {
  sent: Mail[];
  /** The consent link in the newest email to this address. */
  linkTo(email: string): string;
  failNext(message: string): void;
} {
  const sent: Mail[] = [];
  let failure: string | null = null;
  return {
    enabled: true,
    sent,
    async send(mail) {
      if (failure) {
        const message = failure;
        failure = null;
        throw new Error(message);
      }
      sent.push(mail);
    },
    linkTo(email) {
      const mail = sent.findLast((m) => m.to === email);
      const link = mail?.text.match(/\S+\/consent\/[A-Za-z0-9_-]+/)?.[0];
      if (!link) throw new Error(`no consent email to ${email}`);
      return link;
    },
    failNext(message) {
      failure = message;
    },
  };
}
