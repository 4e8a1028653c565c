import { and, asc, count, desc, eq, isNotNull, isNull, max } from "drizzle-orm";
import { computeClock } from "../../shared/rules/clock";
import type { SubmissionSave } from "../../shared/schemas/submission";
import type { Db } from "../db/client";
import { events, submissions, submissionVersions, teams } from "../db/schema";
import { AppError, notFound } from "../lib/problems";
import type { Changes } from "../realtime/changes";
import { audit } from "./audit";
import { loadAdjustments } from "./clock";
import type { EventRow } from "./events";
import { lockTeam } from "./locks";

export type SubmissionRow = typeof submissions.$inferSelect;

/**
 * Saves a team's submission as a new version. Refused unless the team is checked in and the
 * server's clock is between the start of hacking and the effective deadline (after pauses and
 * extensions). The team row is locked so two saves at once get versions n and n+1.
 */
export interface SubmissionSaving {
  event: EventRow;
  teamId: string;
  input: SubmissionSave;
  actorId: string;
  now: Date;
  changes: Changes;
}

export async function saveSubmission(
  db: Db,
  { event, teamId, input, actorId, now, changes }: SubmissionSaving,
): Promise<{ submission: SubmissionRow; first: boolean }> {
  return db.transaction(async (tx) => {
    const [team] = await tx.select().from(teams).where(eq(teams.id, teamId)).for("update");
    if (!team) throw notFound("team");
    if (!team.checkedInAt) {
      throw new AppError(
        "not-checked-in",
        "Your team has not been checked in yet. Find an organizer at the help desk, then submit.",
      );
    }
    const clock = computeClock(event, await loadAdjustments(tx, event.id), now);
    if (now < event.startsAt) {
      throw new AppError("submissions-not-open", "Submissions open when hacking starts.");
    }
    if (now >= clock.deadline) {
      throw new AppError(
        "deadline-passed",
        "The submission deadline has passed, so the project can no longer be changed. Your last saved version is kept.",
      );
    }
    const [current] = await tx.select().from(submissions).where(eq(submissions.teamId, teamId));
    const fields = {
      title: input.title,
      summary: input.summary,
      repoUrl: input.repoUrl ?? null,
      demoUrl: input.demoUrl ?? null,
      videoUrl: input.videoUrl ?? null,
      builtWith: input.builtWith,
    };
    // Numbers are never reused: a withdrawn version keeps its number in the history.
    const [last] = current
      ? await tx
          .select({ n: max(submissionVersions.version) })
          .from(submissionVersions)
          .where(eq(submissionVersions.submissionId, current.id))
      : [];
    const version = Math.max(current?.version ?? 0, last?.n ?? 0) + 1;
    const [saved] = current
      ? await tx
          .update(submissions)
          .set({ ...fields, version, updatedAt: now, withdrawnAt: null })
          .where(eq(submissions.id, current.id))
          .returning()
      : await tx
          .insert(submissions)
          .values({ ...fields, eventId: event.id, teamId, version, createdAt: now, updatedAt: now })
          .returning();
    await tx
      .insert(submissionVersions)
      .values({ ...fields, submissionId: saved!.id, version, savedAt: now, savedBy: actorId });
    await audit(tx, {
      eventId: event.id,
      actorId,
      action: "submission.saved",
      details: { teamId, version },
    });
    changes.add({ kind: "submissions", eventId: event.id });
    changes.add({ kind: "team", eventId: event.id, teamId });
    return { submission: saved!, first: !current || current.withdrawnAt !== null };
  });
}

/** Only a project handed in counts: a row whose every version was withdrawn is not one. */
export const handedIn = () => isNull(submissions.withdrawnAt);

/** The team's project as it counts now, or null when nothing (or nothing left) is handed in. */
export async function findSubmission(db: Db, teamId: string): Promise<SubmissionRow | null> {
  const [row] = await db
    .select()
    .from(submissions)
    .where(and(eq(submissions.teamId, teamId), handedIn()));
  return row ?? null;
}

export async function submissionCount(db: Db, eventId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(submissions)
    .where(and(eq(submissions.eventId, eventId), handedIn()));
  return Number(row?.n ?? 0);
}

export async function listVersions(db: Db, event: EventRow, teamId: string) {
  const [sub] = await db
    .select({ id: submissions.id })
    .from(submissions)
    .where(and(eq(submissions.teamId, teamId), eq(submissions.eventId, event.id)));
  if (!sub) throw notFound("submission");
  return db
    .select()
    .from(submissionVersions)
    .where(eq(submissionVersions.submissionId, sub.id))
    .orderBy(desc(submissionVersions.version));
}

export interface SubmissionListing {
  submission: SubmissionRow;
  teamName: string;
  categoryId: string;
}

/** Every submission of the event with its team, and the checked-in teams that have none. */
export async function listSubmissions(db: Db, eventId: string) {
  const rows = await db
    .select({ submission: submissions, teamName: teams.name, categoryId: teams.categoryId })
    .from(submissions)
    .innerJoin(teams, eq(teams.id, submissions.teamId))
    .where(and(eq(submissions.eventId, eventId), handedIn()))
    .orderBy(asc(teams.name));
  const checkedIn = await db
    .select({ id: teams.id, name: teams.name, categoryId: teams.categoryId })
    .from(teams)
    .where(and(eq(teams.eventId, eventId), isNotNull(teams.checkedInAt)))
    .orderBy(asc(teams.name));
  const submitted = new Set(rows.map((r) => r.submission.teamId));
  return { submissions: rows, missing: checkedIn.filter((t) => !submitted.has(t.id)) };
}

export interface Withdrawal {
  event: EventRow;
  teamId: string;
  /** The version the organizer saw counting; a newer save or withdrawal makes it stale. */
  version: number;
  actorId: string;
  now: Date;
  changes: Changes;
}

/**
 * Takes the version that counts out of judging (a project handed in by mistake, or breaking
 * the rules). The newest version not withdrawn counts instead; with none left the team counts
 * as not having handed anything in until it saves again. Every version stays in the history.
 * Refused once scoring is locked, since the results are then final.
 */
export async function withdrawSubmission(
  db: Db,
  { event, teamId, version, actorId, now, changes }: Withdrawal,
): Promise<SubmissionRow | null> {
  return db.transaction(async (tx) => {
    // Saves lock the team row too, so a save and a withdrawal never interleave.
    await lockTeam(tx, event.id, teamId);
    const [current] = await tx
      .select({ scoringLockedAt: events.scoringLockedAt })
      .from(events)
      .where(eq(events.id, event.id));
    if (current?.scoringLockedAt) {
      throw new AppError(
        "scoring-locked",
        "Scoring is locked, so the projects judged can no longer change.",
      );
    }
    const [sub] = await tx
      .select()
      .from(submissions)
      .where(and(eq(submissions.teamId, teamId), handedIn()));
    if (!sub) throw new AppError("not-found", "This team has no project handed in to withdraw.");
    if (sub.version !== version) {
      throw new AppError(
        "submission-changed",
        `Version ${version} is not the one that counts any more: version ${sub.version} is. Look at the versions again before withdrawing.`,
      );
    }
    await tx
      .update(submissionVersions)
      .set({ withdrawnAt: now, withdrawnBy: actorId })
      .where(
        and(eq(submissionVersions.submissionId, sub.id), eq(submissionVersions.version, version)),
      );
    const [previous] = await tx
      .select()
      .from(submissionVersions)
      .where(
        and(eq(submissionVersions.submissionId, sub.id), isNull(submissionVersions.withdrawnAt)),
      )
      .orderBy(desc(submissionVersions.version))
      .limit(1);
    const [after] = previous
      ? await tx
          .update(submissions)
          .set({
            version: previous.version,
            title: previous.title,
            summary: previous.summary,
            repoUrl: previous.repoUrl,
            demoUrl: previous.demoUrl,
            videoUrl: previous.videoUrl,
            builtWith: previous.builtWith,
            updatedAt: previous.savedAt,
          })
          .where(eq(submissions.id, sub.id))
          .returning()
      : await tx
          .update(submissions)
          .set({ withdrawnAt: now })
          .where(eq(submissions.id, sub.id))
          .returning();
    await audit(tx, {
      eventId: event.id,
      actorId,
      action: "submission.withdrawn",
      details: { teamId, version, counts: previous?.version ?? null },
    });
    changes.add({ kind: "submissions", eventId: event.id });
    changes.add({ kind: "team", eventId: event.id, teamId });
    return previous ? after! : null;
  });
}
