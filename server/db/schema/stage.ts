import {
  boolean,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { categories, criteria, events } from "./events";
import { judges } from "./judges";
import { teams } from "./teams";

/** Slot lengths of a category's presentations; a category without a row uses the defaults. */
export const presentationSettings = pgTable("presentation_settings", {
  categoryId: uuid("category_id")
    .primaryKey()
    .references(() => categories.id, { onDelete: "cascade" }),
  eventId: uuid("event_id")
    .notNull()
    .references(() => events.id, { onDelete: "cascade" }),
  talkSeconds: integer("talk_seconds").notNull(),
  questionsSeconds: integer("questions_seconds").notNull(),
});

/**
 * A team's place in its category's running order. Checked-in teams without a row follow the
 * ordered ones by name, so a team checking in late joins the end of the queue.
 */
export const presentationSlots = pgTable(
  "presentation_slots",
  {
    teamId: uuid("team_id")
      .primaryKey()
      .references(() => teams.id, { onDelete: "cascade" }),
    eventId: uuid("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    /** Not ready: passed over by "next team" until brought back. */
    skipped: boolean("skipped").notNull().default(false),
    /** When the team's talk started; "next team" goes to teams that have not presented. */
    presentedAt: timestamp("presented_at", { withTimezone: true }),
  },
  (t) => [index("presentation_slots_event_idx").on(t.eventId)],
);

export const stagePhaseEnum = pgEnum("stage_phase", ["idle", "ready", "talk", "questions"]);

/**
 * What is on stage, one row per event. Like the event clock it stores instants, not a
 * running timer, so a restart shows exactly the same stage timer.
 */
export const stages = pgTable("stages", {
  eventId: uuid("event_id")
    .primaryKey()
    .references(() => events.id, { onDelete: "cascade" }),
  phase: stagePhaseEnum("phase").notNull().default("idle"),
  categoryId: uuid("category_id").references(() => categories.id, { onDelete: "set null" }),
  teamId: uuid("team_id").references(() => teams.id, { onDelete: "set null" }),
  phaseStartedAt: timestamp("phase_started_at", { withTimezone: true }),
  version: integer("version").notNull().default(0),
});

/** A judge's comment on one criterion of a team's card, shared with the team or not. */
export const criterionComments = pgTable(
  "criterion_comments",
  {
    judgeId: uuid("judge_id")
      .notNull()
      .references(() => judges.id, { onDelete: "cascade" }),
    teamId: uuid("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    criterionId: uuid("criterion_id")
      .notNull()
      .references(() => criteria.id, { onDelete: "cascade" }),
    eventId: uuid("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    text: text("text").notNull(),
    shared: boolean("shared").notNull().default(true),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({
      name: "criterion_comments_pkey",
      columns: [t.judgeId, t.teamId, t.criterionId],
    }),
    index("criterion_comments_team_idx").on(t.teamId),
    index("criterion_comments_event_idx").on(t.eventId),
  ],
);
