/**
 * The row locks that changes to a team take. Each locks one row `FOR UPDATE` for the rest of the
 * transaction, so two changes to the same row wait for each other; the caller decides the order
 * (the team before its member, as check-in does) and says why where it matters.
 */
import { and, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { members, teams } from "../db/schema";
import { notFound } from "../lib/problems";
import type { MemberRow, TeamRow } from "./registration";

/** Locks one of the event's teams; not-found when it is missing or another event's. */
export async function lockTeam(tx: Db, eventId: string, teamId: string): Promise<TeamRow> {
  const [team] = await tx
    .select()
    .from(teams)
    .where(and(eq(teams.id, teamId), eq(teams.eventId, eventId)))
    .for("update");
  if (!team) throw notFound("team");
  return team;
}

/** Locks a member of the team; not-found when they are not one of its members. */
export async function lockMember(tx: Db, teamId: string, memberId: string): Promise<MemberRow> {
  const [member] = await tx
    .select()
    .from(members)
    .where(and(eq(members.id, memberId), eq(members.teamId, teamId)))
    .for("update");
  if (!member) throw notFound("member");
  return member;
}
