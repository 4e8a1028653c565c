import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

export const events = pgTable(
  "events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    venue: text("venue").notNull(),
    timezone: text("timezone").notNull(),
    registrationOpensAt: timestamp("registration_opens_at", { withTimezone: true }).notNull(),
    registrationClosesAt: timestamp("registration_closes_at", { withTimezone: true }).notNull(),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    submissionsCloseAt: timestamp("submissions_close_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    maxTeamSize: integer("max_team_size").notNull().default(4),
    maxAge: integer("max_age").notNull().default(18),
    /** How guardians reach the organizers, shown on the consent page: an email, a phone, or both. */
    contactEmail: text("contact_email"),
    contactPhone: text("contact_phone"),
    /** How many judges the app puts on each checked-in team's panel. */
    judgesPerTeam: integer("judges_per_team").notNull().default(3),
    /** Bumped on every change that alters the clock, so clients can drop stale pushes. */
    clockVersion: integer("clock_version").notNull().default(1),
    /**
     * Moves on with any change to what the judging views are made of (scores, panels, judges,
     * check-ins, the rubric, the lock, the panel size), whoever writes it: triggers of
     * migrations 0011 and 0019 bump it for rows of other tables, and a score save (once for all
     * its rows), the lock and a new panel size bump it themselves. The leaderboard and the
     * progress grid carry it as their version, and the cached judging state
     * (server/services/judging/state.ts) is keyed by it.
     */
    scoresVersion: integer("scores_version").notNull().default(0),
    scoringLockedAt: timestamp("scoring_locked_at", { withTimezone: true }),
    /** When the children's personal data was deleted by the retention purge. */
    purgedAt: timestamp("purged_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("events_slug_key").on(t.slug),
    check("events_judges_per_team_range", sql`${t.judgesPerTeam} BETWEEN 1 AND 10`),
    check(
      "events_times_in_order",
      sql`${t.registrationOpensAt} < ${t.registrationClosesAt} AND ${t.registrationClosesAt} <= ${t.startsAt} AND ${t.startsAt} < ${t.submissionsCloseAt} AND ${t.submissionsCloseAt} <= ${t.endsAt}`,
    ),
  ],
);

export const categories = pgTable(
  "categories",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    eventId: uuid("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    description: text("description"),
    singleSchool: boolean("single_school").notNull(),
    tieBreakCriterion: text("tie_break_criterion"),
    /** Rank by each judge's z-score normalization instead of the raw mean (set before the lock). */
    normalizedRanking: boolean("normalized_ranking").notNull().default(false),
    position: integer("position").notNull().default(0),
    /** Bumped by every edit of the category or its criteria; an edit names the version it changes. */
    version: integer("version").notNull().default(1),
  },
  (t) => [
    index("categories_event_idx").on(t.eventId),
    uniqueIndex("categories_event_name_key").on(t.eventId, sql`lower(${t.name})`),
  ],
);

export const criteria = pgTable(
  "criteria",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    categoryId: uuid("category_id")
      .notNull()
      .references(() => categories.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    description: text("description"),
    weight: integer("weight").notNull(),
    maxScore: integer("max_score").notNull(),
    position: integer("position").notNull(),
  },
  (t) => [
    index("criteria_category_idx").on(t.categoryId),
    check("criteria_weight_positive", sql`${t.weight} > 0`),
    check("criteria_max_score_positive", sql`${t.maxScore} > 0`),
  ],
);

export const prizes = pgTable(
  "prizes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    eventId: uuid("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    categoryId: uuid("category_id")
      .notNull()
      .references(() => categories.id, { onDelete: "cascade" }),
    place: integer("place").notNull(),
    title: text("title").notNull(),
    sponsor: text("sponsor"),
    /** Bumped by every edit; an edit names the version it changes. */
    version: integer("version").notNull().default(1),
  },
  (t) => [
    uniqueIndex("prizes_category_place_key").on(t.categoryId, t.place),
    index("prizes_event_idx").on(t.eventId),
  ],
);
