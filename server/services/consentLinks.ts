/**
 * Guardians' consent links. A link goes to the guardian alone: by email when a mail server is
 * set up, otherwise as a letter the organizer prints from the outbox. Only the token's SHA-256
 * is kept on the member, so neither the team's pages nor a leaked database can show a working
 * link; sending a link again makes a new token, and the old link stops working.
 */
import { and, eq } from "drizzle-orm";
import { LIMITS } from "../../shared/limits";
import type { Db } from "../db/client";
import { members, teams } from "../db/schema";
import { AppError, notFound } from "../lib/problems";
import { hashToken, randomToken } from "../lib/tokens";
import type { Changes } from "../realtime/changes";
import { audit } from "./audit";
import type { EventRow } from "./events";
import { lockMember } from "./locks";
import { queueMail } from "./outbox";
import type { MemberRow, MemberWithSchool } from "./registration";
import { withSchoolName } from "./schools";

export const consentUrl = (baseUrl: string, token: string) => `${baseUrl}/consent/${token}`;

export interface ConsentToken {
  token: string;
  hash: string;
}

export function newConsentToken(): ConsentToken {
  const token = randomToken();
  return { token, hash: hashToken(token) };
}

/** Queues the guardian's consent email (or, without a mail server, letter) with this token. */
export async function queueConsentMail(
  db: Db,
  event: EventRow,
  teamName: string,
  member: MemberRow,
  token: string,
  baseUrl: string,
  now: Date,
): Promise<string | null> {
  if (!member.guardianEmail) return null;
  const link = consentUrl(baseUrl, token);
  return queueMail(db, {
    eventId: event.id,
    to: member.guardianEmail,
    subject: `Please give consent for ${member.firstName} to take part in ${event.name}`,
    body: [
      `Hello ${member.guardianName ?? ""},`,
      "",
      `${member.firstName} has been signed up to ${event.name} (${event.venue}) with the team "${teamName}".`,
      "Everyone under 18 needs a parent or guardian's consent to take part. Please answer here:",
      "",
      link,
      "",
      "The page explains what we collect, who sees it and how long we keep it.",
      "This link is for you alone: please don't pass it on.",
    ].join("\n"),
    consent: { memberId: member.id, tokenHash: hashToken(token), link },
    at: now,
  });
}

const minutes = (ms: number) => {
  const m = Math.max(1, Math.ceil(ms / 60_000));
  return `${m} minute${m === 1 ? "" : "s"}`;
};

/**
 * Sends a member's consent link again to the guardian's address, with a new token. For the
 * team, refused once the guardian has answered; an organizer may ask again after an answer
 * (a guardian who changed their mind), and the answer given stands until the new link records
 * another. At most once per `consentLinkResendMs`: the member row is locked, so two requests
 * at once send one link.
 */
export interface LinkAgain {
  event: EventRow;
  teamId: string;
  memberId: string;
  actorId: string;
  now: Date;
  baseUrl: string;
  /** An organizer asking again, whatever the guardian answered before. */
  reask: boolean;
  changes: Changes;
}

export async function resendConsentLink(
  db: Db,
  { event, teamId, memberId, actorId, now, baseUrl, reask, changes }: LinkAgain,
): Promise<{ member: MemberWithSchool; mailId: string }> {
  return db.transaction(async (tx) => {
    const [team] = await tx
      .select({ name: teams.name })
      .from(teams)
      .where(and(eq(teams.id, teamId), eq(teams.eventId, event.id)));
    if (!team) throw notFound("team");
    const member = await lockMember(tx, teamId, memberId);
    if (!member.consentLinkOpen && !reask) {
      throw new AppError(
        "consent-answered",
        `${member.firstName}'s guardian has already answered, so there is no link to send. To change the answer, speak to an organizer.`,
      );
    }
    if (!member.guardianEmail) {
      throw new AppError(
        "not-found",
        `There is no guardian email for ${member.firstName} any more, so there is nowhere to send a link.`,
      );
    }
    const wait = member.consentLinkAt
      ? member.consentLinkAt.getTime() + LIMITS.consentLinkResendMs - now.getTime()
      : 0;
    if (wait > 0) {
      throw new AppError(
        "rate-limited",
        `A link for ${member.firstName}'s guardian can be sent once every ${minutes(LIMITS.consentLinkResendMs)}. Try again in ${minutes(wait)}.`,
        undefined,
        { "Retry-After": String(Math.ceil(wait / 1000)) },
      );
    }
    const { token, hash } = newConsentToken();
    const [updated] = await tx
      .update(members)
      .set({ consentTokenHash: hash, consentLinkAt: now, consentLinkOpen: true })
      .where(eq(members.id, memberId))
      .returning();
    const mailId = await queueConsentMail(tx, event, team.name, updated!, token, baseUrl, now);
    await audit(tx, {
      eventId: event.id,
      actorId,
      action: "consent.link-sent-again",
      details: { teamId, memberId, answered: !member.consentLinkOpen },
    });
    changes.add({ kind: "team", eventId: event.id, teamId });
    changes.add({ kind: "outbox", eventId: event.id });
    return { member: await withSchoolName(tx, updated!), mailId: mailId! };
  });
}
