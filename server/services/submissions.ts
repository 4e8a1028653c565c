import { and, asc, count, desc, eq, isNotNull } from "drizzle-orm";
import { computeClock } from "../../shared/rules/clock";
import type { SubmissionSave } from "../../shared/schemas/submission";
import type { Db } from "../db/client";
import { submissions, submissionVersions, teams } from "../db/schema";
import { AppError, notFound } from "../lib/problems";
import type { Changes } from "../realtime/changes";
import { audit } from "./audit";
import { loadAdjustments } from "./clock";
import type { EventRow } from "./events";

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
    const version = (current?.version ?? 0) + 1;
    const [saved] = current
      ? await tx
          .update(submissions)
          .set({ ...fields, version, updatedAt: now })
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
    return { submission: saved!, first: !current };
  });
}

export async function findSubmission(db: Db, teamId: string): Promise<SubmissionRow | null> {
  const [row] = await db.select().from(submissions).where(eq(submissions.teamId, teamId));
  return row ?? null;
}

export async function submissionCount(db: Db, eventId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(submissions)
    .where(eq(submissions.eventId, eventId));
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
    .where(eq(submissions.eventId, eventId))
    .orderBy(asc(teams.name));
  const checkedIn = await db
    .select({ id: teams.id, name: teams.name, categoryId: teams.categoryId })
    .from(teams)
    .where(and(eq(teams.eventId, eventId), isNotNull(teams.checkedInAt)))
    .orderBy(asc(teams.name));
  const submitted = new Set(rows.map((r) => r.submission.teamId));
  return { submissions: rows, missing: checkedIn.filter((t) => !submitted.has(t.id)) };
}
