import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { criteria, events } from "./events";
import { judges } from "./judges";
import { teams } from "./teams";
import { users } from "./users";

export const assignmentSourceEnum = pgEnum("assignment_source", ["auto", "manual"]);

/**
 * Judging panels: the teams each judge scores, and nothing else. The app fills each checked-in
 * team's panel up to the event's judges per team ("auto"); the organizer can hand-pick a judge's
 * teams instead ("manual", and the judge is marked hand-picked). Never a team from a school
 * the judge declared (server/services/judging/panels.ts).
 */
export const judgeAssignments = pgTable(
  "judge_assignments",
  {
    judgeId: uuid("judge_id")
      .notNull()
      .references(() => judges.id, { onDelete: "cascade" }),
    teamId: uuid("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    source: assignmentSourceEnum("source").notNull().default("manual"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "judge_assignments_pkey", columns: [t.judgeId, t.teamId] }),
    index("judge_assignments_team_idx").on(t.teamId),
  ],
);

/** One row per judge, team and criterion: the database refuses a second. */
export const scores = pgTable(
  "scores",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    eventId: uuid("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    judgeId: uuid("judge_id")
      .notNull()
      .references(() => judges.id, { onDelete: "cascade" }),
    teamId: uuid("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    criterionId: uuid("criterion_id")
      .notNull()
      .references(() => criteria.id, { onDelete: "cascade" }),
    value: integer("value").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex("scores_judge_team_criterion_key").on(t.judgeId, t.teamId, t.criterionId),
    index("scores_event_idx").on(t.eventId),
    check("scores_value_non_negative", sql`${t.value} >= 0`),
  ],
);

/** A judge's card for a team: the overall comment and a version bumped on every save. */
export const scoreCards = pgTable(
  "score_cards",
  {
    judgeId: uuid("judge_id")
      .notNull()
      .references(() => judges.id, { onDelete: "cascade" }),
    teamId: uuid("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    eventId: uuid("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    comment: text("comment"),
    /** "Share with the team" (the default) or "organizers only". */
    commentShared: boolean("comment_shared").notNull().default(true),
    version: integer("version").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ name: "score_cards_pkey", columns: [t.judgeId, t.teamId] }),
    index("score_cards_event_idx").on(t.eventId),
  ],
);

/** Append-only: every change to a score or comment, with who, when, old and new. */
export const scoreLog = pgTable(
  "score_log",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    eventId: uuid("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    judgeId: uuid("judge_id")
      .notNull()
      .references(() => judges.id, { onDelete: "cascade" }),
    teamId: uuid("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    /** Null for a change of the overall comment. */
    criterionId: uuid("criterion_id").references(() => criteria.id, { onDelete: "cascade" }),
    oldValue: integer("old_value"),
    newValue: integer("new_value"),
    oldComment: text("old_comment"),
    newComment: text("new_comment"),
    /** Whether the comment was shared with the team, before and after (null: not a comment). */
    oldShared: boolean("old_shared"),
    newShared: boolean("new_shared"),
    at: timestamp("at", { withTimezone: true }).notNull(),
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [index("score_log_event_at_idx").on(t.eventId, t.at)],
);

/**
 * Answers already given to writes that carried an idempotency key, so a retry over bad
 * wifi gets the first answer and writes nothing. Keys are scoped to the user who sent them.
 */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    response: jsonb("response"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: "idempotency_keys_pkey", columns: [t.userId, t.key] })],
);
