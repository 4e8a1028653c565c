/**
 * Written feedback for every team: the judges' comments marked "share with the team", shown
 * without the judges' names once the organizer releases the team's category after the
 * ceremony. Before that, an organizer may hide a comment or reword it (the judge's own words
 * stay on the score card, and every change is logged with who and when); once released, a
 * comment can still be withdrawn.
 */
import { and, asc, desc, eq, inArray, isNull } from "drizzle-orm";
import type {
  CommentModerationEntry,
  FeedbackCard,
  FeedbackComment,
  FeedbackOverview,
  TeamFeedback,
} from "../../shared/api";
import { LIMITS } from "../../shared/limits";
import type { CommentModeration } from "../../shared/schemas/feedback";
import type { Db } from "../db/client";
import {
  categories,
  commentModerationLog,
  commentModerations,
  criteria,
  criterionComments,
  events,
  feedbackReleases,
  judges,
  scoreCards,
  submissions,
  teams,
  users,
} from "../db/schema";
import { AppError, notFound, validationError } from "../lib/problems";
import { audit } from "./audit";
import { ceremonyState } from "./ceremony";
import { handedIn } from "./submissions";

interface Moderation {
  hidden: boolean;
  text: string | null;
  version: number;
  updatedAt: Date;
  updatedBy: string | null;
}

interface Comment {
  teamId: string;
  judgeId: string;
  judgeName: string;
  criterionId: string | null;
  criterionName: string | null;
  criterionPosition: number;
  /** The judge's own words. */
  text: string;
  shared: boolean;
  moderation: Moderation | null;
}

const keyOf = (c: { judgeId: string; teamId: string; criterionId: string | null }) =>
  `${c.judgeId}:${c.teamId}:${c.criterionId ?? "overall"}`;

/** What the team reads of a comment: the organizer's words if edited; null if it reads nothing. */
const readable = (c: Comment) =>
  c.shared && !c.moderation?.hidden ? (c.moderation?.text ?? c.text) : null;

/** Every comment of the event (or of one team), overall comments first, then by criterion. */
async function loadComments(db: Db, eventId: string, teamId?: string): Promise<Comment[]> {
  const [overall, perCriterion, moderations] = await Promise.all([
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
    db
      .select({
        judgeId: commentModerations.judgeId,
        teamId: commentModerations.teamId,
        criterionId: commentModerations.criterionId,
        hidden: commentModerations.hidden,
        text: commentModerations.text,
        version: commentModerations.version,
        updatedAt: commentModerations.updatedAt,
        updatedBy: users.name,
      })
      .from(commentModerations)
      .leftJoin(users, eq(users.id, commentModerations.updatedBy))
      .where(
        teamId
          ? and(eq(commentModerations.eventId, eventId), eq(commentModerations.teamId, teamId))
          : eq(commentModerations.eventId, eventId),
      ),
  ]);
  const moderationOf = new Map(moderations.map((m) => [keyOf(m), m]));
  const comments: Comment[] = [
    ...overall
      .filter((c): c is typeof c & { text: string } => Boolean(c.text))
      .map((c) => ({ ...c, criterionId: null, criterionName: null, criterionPosition: -1 })),
    ...perCriterion,
  ].map((c) => ({ ...c, moderation: moderationOf.get(keyOf(c)) ?? null }));
  return comments.sort(
    (a, b) =>
      a.judgeId.localeCompare(b.judgeId) ||
      a.criterionPosition - b.criterionPosition ||
      a.text.localeCompare(b.text),
  );
}

/**
 * The team's feedback. Until its category is released it holds nothing but the team's name;
 * after, only what it may read (shared, not hidden, in the organizer's words where edited),
 * grouped per judge under "Judge 1", "Judge 2"… in an order that says nothing about who they are.
 */
export async function teamFeedback(db: Db, teamId: string): Promise<TeamFeedback> {
  const [team] = await db
    .select({
      id: teams.id,
      name: teams.name,
      eventId: teams.eventId,
      categoryName: categories.name,
      releasedAt: feedbackReleases.releasedAt,
      eventName: events.name,
    })
    .from(teams)
    .innerJoin(categories, eq(categories.id, teams.categoryId))
    .innerJoin(events, eq(events.id, teams.eventId))
    .leftJoin(feedbackReleases, eq(feedbackReleases.categoryId, teams.categoryId))
    .where(eq(teams.id, teamId));
  if (!team) throw notFound("team");
  const [sub] = await db
    .select({ title: submissions.title })
    .from(submissions)
    .where(and(eq(submissions.teamId, teamId), handedIn()));
  const base = {
    releasedAt: team.releasedAt?.toISOString() ?? null,
    eventName: team.eventName,
    teamName: team.name,
    categoryName: team.categoryName,
    projectTitle: sub?.title ?? null,
  };
  if (!team.releasedAt) return { released: false, ...base, cards: [] };
  const cards: FeedbackCard[] = [];
  let judgeId: string | null = null;
  for (const c of await loadComments(db, team.eventId, teamId)) {
    const text = readable(c);
    if (text === null) continue;
    if (c.judgeId !== judgeId) {
      judgeId = c.judgeId;
      cards.push({ label: `Judge ${cards.length + 1}`, overall: null, criteria: [] });
    }
    const card = cards.at(-1)!;
    if (c.criterionId === null) card.overall = text;
    else
      card.criteria.push({
        criterionId: c.criterionId,
        criterionName: c.criterionName ?? "",
        text,
      });
  }
  return { released: true, ...base, cards };
}

function presentComment(c: Comment): FeedbackComment {
  return {
    judgeId: c.judgeId,
    judgeName: c.judgeName,
    criterionId: c.criterionId,
    criterionName: c.criterionName,
    text: c.moderation?.text ?? c.text,
    original: c.text,
    shared: c.shared,
    hidden: c.moderation?.hidden ?? false,
    edited: c.moderation?.text != null,
    version: c.moderation?.version ?? 0,
    changedBy: c.moderation?.updatedBy ?? null,
    changedAt: c.moderation?.updatedAt.toISOString() ?? null,
  };
}

/** Every team's comments for the organizer, per category, with judge names and releases. */
export async function feedbackOverview(db: Db, eventId: string): Promise<FeedbackOverview> {
  const [[event], categoryRows, teamRows, comments, ceremony] = await Promise.all([
    db.select().from(events).where(eq(events.id, eventId)),
    db
      .select({ id: categories.id, name: categories.name, releasedAt: feedbackReleases.releasedAt })
      .from(categories)
      .leftJoin(feedbackReleases, eq(feedbackReleases.categoryId, categories.id))
      .where(eq(categories.eventId, eventId))
      .orderBy(asc(categories.position), asc(categories.name)),
    db
      .select({ id: teams.id, name: teams.name, categoryId: teams.categoryId })
      .from(teams)
      .where(eq(teams.eventId, eventId))
      .orderBy(asc(teams.name)),
    loadComments(db, eventId),
    ceremonyState(db, eventId),
  ]);
  if (!event) throw notFound("event");
  return {
    locked: event.scoringLockedAt !== null,
    canRelease: ceremony.finished,
    categories: categoryRows.map((category) => ({
      categoryId: category.id,
      categoryName: category.name,
      releasedAt: category.releasedAt?.toISOString() ?? null,
      teams: teamRows
        .filter((t) => t.categoryId === category.id)
        .map((t) => ({
          teamId: t.id,
          teamName: t.name,
          comments: comments.filter((c) => c.teamId === t.id).map(presentComment),
        }))
        .filter((t) => t.comments.length > 0),
    })),
  };
}

/**
 * Lets the teams of one category (or of every category still held) read their feedback. Only
 * after the ceremony; releasing a category twice keeps its first release. Returns each
 * category's release.
 */
export async function releaseFeedback(
  db: Db,
  eventId: string,
  categoryId: string | undefined,
  actorId: string,
  now: Date,
): Promise<{ categoryId: string; releasedAt: Date }[]> {
  return db.transaction(async (tx) => {
    const [event] = await tx.select().from(events).where(eq(events.id, eventId)).for("update");
    if (!event) throw notFound("event");
    const eventCategories = await tx
      .select({ id: categories.id })
      .from(categories)
      .where(eq(categories.eventId, eventId));
    const chosen = categoryId
      ? eventCategories.filter((c) => c.id === categoryId)
      : eventCategories;
    if (categoryId && chosen.length === 0) throw notFound("category");
    if (!(await ceremonyState(tx, eventId)).finished) {
      throw new AppError(
        "ceremony-not-finished",
        "Feedback is released after the prize ceremony: reveal every award first.",
      );
    }
    const ids = chosen.map((c) => c.id);
    if (ids.length === 0) return [];
    const added = await tx
      .insert(feedbackReleases)
      .values(ids.map((id) => ({ categoryId: id, eventId, releasedAt: now, releasedBy: actorId })))
      .onConflictDoNothing()
      .returning({ categoryId: feedbackReleases.categoryId });
    for (const { categoryId: released } of added)
      await audit(tx, {
        eventId,
        actorId,
        action: "feedback.released",
        details: { categoryId: released },
      });
    return tx
      .select({ categoryId: feedbackReleases.categoryId, releasedAt: feedbackReleases.releasedAt })
      .from(feedbackReleases)
      .where(inArray(feedbackReleases.categoryId, ids));
  });
}

type Action = CommentModerationEntry["action"];

/**
 * An organizer hides, shows or rewords one shared comment. Only once scoring is locked, so a
 * judge cannot change a comment afterwards; rewording only until its category is released,
 * hiding (withdrawing) also after. The screen's `version` must be the stored one: of two
 * organizers changing a comment at once, the second is told and changes nothing.
 */
export async function moderateComment(
  db: Db,
  eventId: string,
  change: CommentModeration,
  actorId: string,
  now: Date,
): Promise<{ comment: FeedbackComment; releasedAt: Date | null }> {
  return db.transaction(async (tx) => {
    const [event] = await tx.select().from(events).where(eq(events.id, eventId));
    if (!event) throw notFound("event");
    if (!event.scoringLockedAt) {
      throw new AppError(
        "scoring-not-locked",
        "Comments can be changed once scoring is locked, so that a judge can't change them afterwards.",
      );
    }
    const [team] = await tx
      .select({
        name: teams.name,
        categoryName: categories.name,
        releasedAt: feedbackReleases.releasedAt,
      })
      .from(teams)
      .innerJoin(categories, eq(categories.id, teams.categoryId))
      .leftJoin(feedbackReleases, eq(feedbackReleases.categoryId, teams.categoryId))
      .where(and(eq(teams.id, change.teamId), eq(teams.eventId, eventId)));
    const comment = team
      ? (await loadComments(tx, eventId, change.teamId)).find(
          (c) => keyOf(c) === keyOf(change) && c.shared,
        )
      : undefined;
    if (!team || !comment) throw notFound("shared comment");
    const released = team.releasedAt;
    if (released && change.text !== undefined) {
      throw new AppError(
        "feedback-released",
        `Teams in ${team.categoryName} can already read this comment, so it can't be reworded now. You can withdraw it instead.`,
      );
    }
    if (change.text && change.criterionId && change.text.length > LIMITS.criterionCommentMax) {
      throw validationError([
        {
          path: "text",
          message: `Keep a criterion's comment under ${LIMITS.criterionCommentMax} characters.`,
        },
      ]);
    }
    const where = and(
      eq(commentModerations.judgeId, change.judgeId),
      eq(commentModerations.teamId, change.teamId),
      change.criterionId
        ? eq(commentModerations.criterionId, change.criterionId)
        : isNull(commentModerations.criterionId),
    );
    const [row] = await tx.select().from(commentModerations).where(where).for("update");
    const changed = () =>
      new AppError(
        "comment-changed",
        "Another organizer changed this comment a moment ago. Look at it again, then make your change.",
      );
    if ((row?.version ?? 0) !== change.version) throw changed();

    const before = { hidden: row?.hidden ?? false, text: row?.text ?? null };
    const after = {
      hidden: change.hidden ?? before.hidden,
      text:
        change.text === undefined
          ? before.text
          : change.text === null || change.text === comment.text
            ? null
            : change.text,
    };
    const actions: Action[] = [];
    if (after.hidden !== before.hidden)
      actions.push(after.hidden ? (released ? "withdrawn" : "hidden") : "shown");
    if (after.text !== before.text) actions.push(after.text === null ? "restored" : "edited");
    if (actions.length === 0)
      return { comment: presentComment(comment), releasedAt: released ?? null };

    const values = { ...after, version: change.version + 1, updatedAt: now, updatedBy: actorId };
    const [saved] = row
      ? await tx
          .update(commentModerations)
          .set(values)
          .where(
            and(eq(commentModerations.id, row.id), eq(commentModerations.version, row.version)),
          )
          .returning()
      : await tx
          .insert(commentModerations)
          .values({
            eventId,
            teamId: change.teamId,
            judgeId: change.judgeId,
            criterionId: change.criterionId,
            ...values,
          })
          .onConflictDoNothing()
          .returning();
    // Two first changes at once: the other one's row came first.
    if (!saved) throw changed();

    const readableText = (state: { hidden: boolean; text: string | null }) =>
      state.hidden ? null : (state.text ?? comment.text);
    let state = before;
    for (const action of actions) {
      const next =
        action === "edited" || action === "restored"
          ? { ...state, text: after.text }
          : { ...state, hidden: after.hidden };
      await tx.insert(commentModerationLog).values({
        eventId,
        teamId: change.teamId,
        judgeId: change.judgeId,
        criterionId: change.criterionId,
        action,
        judgeText: comment.text,
        oldText: readableText(state),
        newText: readableText(next),
        actorId,
        at: now,
      });
      state = next;
    }
    await audit(tx, {
      eventId,
      actorId,
      action: "feedback.comment-changed",
      details: {
        teamId: change.teamId,
        judgeId: change.judgeId,
        criterionId: change.criterionId,
        changes: actions,
      },
    });
    const [actor] = await tx.select({ name: users.name }).from(users).where(eq(users.id, actorId));
    return {
      comment: presentComment({
        ...comment,
        moderation: {
          ...after,
          version: saved.version,
          updatedAt: now,
          updatedBy: actor?.name ?? null,
        },
      }),
      releasedAt: released ?? null,
    };
  });
}

/** Every change organizers made to comments, newest first, with the judge's words. */
export async function moderationLog(db: Db, eventId: string): Promise<CommentModerationEntry[]> {
  const rows = await db
    .select({
      at: commentModerationLog.at,
      action: commentModerationLog.action,
      teamName: teams.name,
      judgeName: judges.name,
      criterionName: criteria.name,
      judgeText: commentModerationLog.judgeText,
      oldText: commentModerationLog.oldText,
      newText: commentModerationLog.newText,
      by: users.name,
    })
    .from(commentModerationLog)
    .innerJoin(teams, eq(teams.id, commentModerationLog.teamId))
    .innerJoin(judges, eq(judges.id, commentModerationLog.judgeId))
    .leftJoin(criteria, eq(criteria.id, commentModerationLog.criterionId))
    .leftJoin(users, eq(users.id, commentModerationLog.actorId))
    .where(eq(commentModerationLog.eventId, eventId))
    .orderBy(desc(commentModerationLog.at), desc(commentModerationLog.id));
  return rows.map((r) => ({ ...r, at: r.at.toISOString(), action: r.action as Action }));
}
