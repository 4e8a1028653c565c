/**
 * Written feedback for every team: the judges' comments marked "share with the team", shown
 * without the judges' names once the organizer releases them after the ceremony.
 */
import { and, asc, eq } from "drizzle-orm";
import type { FeedbackCard, FeedbackOverview, TeamFeedback } from "../../shared/api";
import type { Db } from "../db/client";
import {
  categories,
  criteria,
  criterionComments,
  events,
  judges,
  scoreCards,
  submissions,
  teams,
} from "../db/schema";
import { AppError, notFound } from "../lib/problems";
import { audit } from "./audit";
import { ceremonyState } from "./ceremony";

interface Comment {
  teamId: string;
  judgeId: string;
  judgeName: string;
  criterionId: string | null;
  criterionName: string | null;
  criterionPosition: number;
  text: string;
  shared: boolean;
}

/** Every comment of the event (or of one team), overall comments first, then by criterion. */
async function loadComments(db: Db, eventId: string, teamId?: string): Promise<Comment[]> {
  const [overall, perCriterion] = await Promise.all([
    db
      .select({
        teamId: scoreCards.teamId,
        judgeId: scoreCards.judgeId,
        judgeName: judges.name,
        text: scoreCards.comment,
        shared: scoreCards.commentShared,
      })
      .from(scoreCards)
      .innerJoin(judges, eq(judges.id, scoreCards.judgeId))
      .where(
        teamId
          ? and(eq(scoreCards.eventId, eventId), eq(scoreCards.teamId, teamId))
          : eq(scoreCards.eventId, eventId),
      ),
    db
      .select({
        teamId: criterionComments.teamId,
        judgeId: criterionComments.judgeId,
        judgeName: judges.name,
        criterionId: criterionComments.criterionId,
        criterionName: criteria.name,
        criterionPosition: criteria.position,
        text: criterionComments.text,
        shared: criterionComments.shared,
      })
      .from(criterionComments)
      .innerJoin(judges, eq(judges.id, criterionComments.judgeId))
      .innerJoin(criteria, eq(criteria.id, criterionComments.criterionId))
      .where(
        teamId
          ? and(eq(criterionComments.eventId, eventId), eq(criterionComments.teamId, teamId))
          : eq(criterionComments.eventId, eventId),
      ),
  ]);
  const comments: Comment[] = [
    ...overall
      .filter((c): c is typeof c & { text: string } => Boolean(c.text))
      .map((c) => ({ ...c, criterionId: null, criterionName: null, criterionPosition: -1 })),
    ...perCriterion,
  ];
  return comments.sort(
    (a, b) =>
      a.judgeId.localeCompare(b.judgeId) ||
      a.criterionPosition - b.criterionPosition ||
      a.text.localeCompare(b.text),
  );
}

/**
 * The team's feedback. Before release it holds nothing but the team's name; after, only the
 * shared comments, grouped per judge under "Judge 1", "Judge 2"… in an order that says
 * nothing about who they are.
 */
export async function teamFeedback(db: Db, teamId: string): Promise<TeamFeedback> {
  const [team] = await db
    .select({
      id: teams.id,
      name: teams.name,
      eventId: teams.eventId,
      categoryName: categories.name,
      releasedAt: events.feedbackReleasedAt,
      eventName: events.name,
    })
    .from(teams)
    .innerJoin(categories, eq(categories.id, teams.categoryId))
    .innerJoin(events, eq(events.id, teams.eventId))
    .where(eq(teams.id, teamId));
  if (!team) throw notFound("team");
  const [sub] = await db
    .select({ title: submissions.title })
    .from(submissions)
    .where(eq(submissions.teamId, teamId));
  const base = {
    releasedAt: team.releasedAt?.toISOString() ?? null,
    eventName: team.eventName,
    teamName: team.name,
    categoryName: team.categoryName,
    projectTitle: sub?.title ?? null,
  };
  if (!team.releasedAt) return { released: false, ...base, cards: [] };
  const shared = (await loadComments(db, team.eventId, teamId)).filter((c) => c.shared);
  const cards: FeedbackCard[] = [];
  let judgeId: string | null = null;
  for (const c of shared) {
    if (c.judgeId !== judgeId) {
      judgeId = c.judgeId;
      cards.push({ label: `Judge ${cards.length + 1}`, overall: null, criteria: [] });
    }
    const card = cards.at(-1)!;
    if (c.criterionId === null) card.overall = c.text;
    else
      card.criteria.push({
        criterionId: c.criterionId,
        criterionName: c.criterionName ?? "",
        text: c.text,
      });
  }
  return { released: true, ...base, cards };
}

/** Every team's comments for the organizer, with judge names and the organizers-only ones. */
export async function feedbackOverview(db: Db, eventId: string): Promise<FeedbackOverview> {
  const [[event], teamRows, comments, ceremony] = await Promise.all([
    db.select().from(events).where(eq(events.id, eventId)),
    db
      .select({ id: teams.id, name: teams.name, categoryName: categories.name })
      .from(teams)
      .innerJoin(categories, eq(categories.id, teams.categoryId))
      .where(eq(teams.eventId, eventId))
      .orderBy(asc(categories.position), asc(teams.name)),
    loadComments(db, eventId),
    ceremonyState(db, eventId),
  ]);
  if (!event) throw notFound("event");
  return {
    releasedAt: event.feedbackReleasedAt?.toISOString() ?? null,
    canRelease: ceremony.finished,
    teams: teamRows
      .map((t) => ({
        teamId: t.id,
        teamName: t.name,
        categoryName: t.categoryName,
        comments: comments
          .filter((c) => c.teamId === t.id)
          .map((c) => ({
            judgeId: c.judgeId,
            judgeName: c.judgeName,
            criterionId: c.criterionId,
            criterionName: c.criterionName,
            text: c.text,
            shared: c.shared,
          })),
      }))
      .filter((t) => t.comments.length > 0),
  };
}

/** Lets every team read its shared feedback. Only after the ceremony; releasing twice is harmless. */
export async function releaseFeedback(
  db: Db,
  eventId: string,
  actorId: string,
  now: Date,
): Promise<Date> {
  return db.transaction(async (tx) => {
    const [event] = await tx.select().from(events).where(eq(events.id, eventId)).for("update");
    if (!event) throw notFound("event");
    if (event.feedbackReleasedAt) return event.feedbackReleasedAt;
    if (!(await ceremonyState(tx, eventId)).finished) {
      throw new AppError(
        "ceremony-not-finished",
        "Feedback is released after the prize ceremony: reveal every award first.",
      );
    }
    await tx.update(events).set({ feedbackReleasedAt: now }).where(eq(events.id, eventId));
    await audit(tx, { eventId, actorId, action: "feedback.released" });
    return now;
  });
}
