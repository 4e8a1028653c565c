import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { categories, events, prizes } from "./events";
import { teams } from "./teams";

/**
 * The ranking frozen when scoring was locked, with a SHA-256 of the scores it came from,
 * so anyone can check later that the results match the scores.
 */
export const eventResults = pgTable("event_results", {
  eventId: uuid("event_id")
    .primaryKey()
    .references(() => events.id, { onDelete: "cascade" }),
  leaderboard: jsonb("leaderboard").notNull(),
  scoresHash: text("scores_hash").notNull(),
  frozenAt: timestamp("frozen_at", { withTimezone: true }).notNull(),
  ceremonyStartedAt: timestamp("ceremony_started_at", { withTimezone: true }),
  /** The display shows a blank screen between awards while this is set. */
  blank: boolean("blank").notNull().default(false),
  ceremonyVersion: integer("ceremony_version").notNull().default(0),
});

/**
 * A prize matched to a place. `teamId` is null while the place is shared by several teams
 * (listed in `candidates`) and the organizer has not decided. `position` is the reveal order.
 */
export const awards = pgTable(
  "awards",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    eventId: uuid("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    categoryId: uuid("category_id")
      .notNull()
      .references(() => categories.id, { onDelete: "cascade" }),
    prizeId: uuid("prize_id").references(() => prizes.id, { onDelete: "set null" }),
    place: integer("place").notNull(),
    prizeTitle: text("prize_title").notNull(),
    sponsor: text("sponsor"),
    teamId: uuid("team_id").references(() => teams.id, { onDelete: "set null" }),
    candidates: jsonb("candidates").$type<string[]>().notNull().default([]),
    position: integer("position").notNull(),
    revealedAt: timestamp("revealed_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("awards_event_position_key").on(t.eventId, t.position),
    uniqueIndex("awards_category_place_key").on(t.categoryId, t.place),
    index("awards_event_idx").on(t.eventId),
  ],
);
