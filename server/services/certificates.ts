/**
 * What the certificates say. A child gets one only if they arrived at the event (checked in
 * at the desk at least once): signing up is not taking part, and a member who never came gets
 * none. A team's certificate names the members who arrived. Awards appear only once the
 * category's results are final (shared/rules/certificates.ts); before that a certificate says
 * nothing of winning or not, so the organizer's page waits and a team's read is refused.
 */
import { and, eq, inArray, isNotNull } from "drizzle-orm";
import { resultsFinal } from "../../shared/rules/certificates";
import type { Db } from "../db/client";
import { awards, submissions } from "../db/schema";
import { AppError, notFound } from "../lib/problems";
import { ceremonyState } from "./ceremony";
import type { EventRow } from "./events";
import { loadTeams, type TeamWithMembers } from "./registration";
import { handedIn } from "./submissions";

export interface CertificateAward {
  place: number;
  prize: string;
  sponsor: string | null;
}

export interface TeamCertificates {
  team: TeamWithMembers;
  /** The members who took part, in sign-up order. */
  participants: TeamWithMembers["members"];
  projectTitle: string | null;
  /** Whether the team's category's results are final; awards are named only then. */
  final: boolean;
  award: CertificateAward | null;
}

/** Every team with at least one member who took part, or the one team asked for. */
export async function loadCertificates(
  db: Db,
  event: EventRow,
  teamId?: string,
): Promise<TeamCertificates[]> {
  return db.transaction(async (tx) => {
    const all = await loadTeams(tx, teamId ? { teamId } : { eventId: event.id });
    const teams = all.filter((t) => t.eventId === event.id);
    if (teams.length === 0) return [];
    const ids = teams.map((t) => t.id);
    const state = await ceremonyState(tx, event.id);
    const won = await tx
      .select({
        teamId: awards.teamId,
        place: awards.place,
        prize: awards.prizeTitle,
        sponsor: awards.sponsor,
      })
      .from(awards)
      .where(
        and(
          eq(awards.eventId, event.id),
          inArray(awards.teamId, ids),
          isNotNull(awards.revealedAt),
        ),
      );
    const titles = await tx
      .select({ teamId: submissions.teamId, title: submissions.title })
      .from(submissions)
      .where(and(inArray(submissions.teamId, ids), handedIn()));
    return teams.map((team) => {
      const final = resultsFinal(state, team.categoryId);
      const award = final ? won.find((a) => a.teamId === team.id) : undefined;
      return {
        team,
        participants: team.members.filter((m) => m.arrivedAt !== null),
        projectTitle: titles.find((s) => s.teamId === team.id)?.title ?? null,
        final,
        award: award ? { place: award.place, prize: award.prize, sponsor: award.sponsor } : null,
      };
    });
  });
}

/** A team's own certificates: refused until its category's results are final. */
export async function loadOwnCertificates(
  db: Db,
  event: EventRow,
  teamId: string,
): Promise<TeamCertificates> {
  const [mine] = await loadCertificates(db, event, teamId);
  if (!mine) throw notFound("team");
  if (!mine.final)
    throw new AppError(
      "ceremony-not-finished",
      "Your certificates are ready after the prize ceremony. Come back once it is over.",
    );
  return mine;
}
