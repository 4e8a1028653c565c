import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { categories, criteria, events } from "./events";
import { judges } from "./judges";
import { teams } from "./teams";
import { users } from "./users";

/** A category whose teams may read their shared feedback, and since when. */
export const feedbackReleases = pgTable(
  "feedback_releases",
  {
    categoryId: uuid("category_id")
      .primaryKey()
      .references(() => categories.id, { onDelete: "cascade" }),
    eventId: uuid("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    releasedAt: timestamp("released_at", { withTimezone: true }).notNull(),
    releasedBy: uuid("released_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [index("feedback_releases_event_idx").on(t.eventId)],
);

/**
 * What an organizer changed about one judge's shared comment (overall when `criterionId` is
 * null) before teams read it: hidden, or reworded. The judge's own words stay on the score
 * card untouched. `version` goes up with every change, so two organizers editing at once
 * cannot overwrite each other unseen.
 */
export const commentModerations = pgTable(
  "comment_moderations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    eventId: uuid("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    teamId: uuid("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    judgeId: uuid("judge_id")
      .notNull()
      .references(() => judges.id, { onDelete: "cascade" }),
    criterionId: uuid("criterion_id").references(() => criteria.id, { onDelete: "cascade" }),
    hidden: boolean("hidden").notNull().default(false),
    /** The organizer's wording, shown instead of the judge's; null shows the judge's own. */
    text: text("text"),
    version: integer("version").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
    updatedBy: uuid("updated_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [
    uniqueIndex("comment_moderations_criterion_key")
      .on(t.judgeId, t.teamId, t.criterionId)
      .where(sql`${t.criterionId} IS NOT NULL`),
    uniqueIndex("comment_moderations_overall_key")
      .on(t.judgeId, t.teamId)
      .where(sql`${t.criterionId} IS NULL`),
    index("comment_moderations_event_idx").on(t.eventId),
  ],
);

/**
 * Append-only: every change an organizer made to a comment, with the judge's words at that
 * moment, what the team would read before and after (null: nothing, the comment hidden), who
 * and when.
 */
export const commentModerationLog = pgTable(
  "comment_moderation_log",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    eventId: uuid("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    teamId: uuid("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    judgeId: uuid("judge_id")
      .notNull()
      .references(() => judges.id, { onDelete: "cascade" }),
    criterionId: uuid("criterion_id").references(() => criteria.id, { onDelete: "cascade" }),
    /** hidden, shown, edited, restored (the judge's words back), withdrawn (hidden once released). */
    action: text("action").notNull(),
    judgeText: text("judge_text").notNull(),
    oldText: text("old_text"),
    newText: text("new_text"),
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
    at: timestamp("at", { withTimezone: true }).notNull(),
  },
  (t) => [index("comment_moderation_log_event_at_idx").on(t.eventId, t.at)],
);
