import { index, integer, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { events } from "./events";
import { users } from "./users";

export const clockActionEnum = pgEnum("clock_action", [
  "pause",
  "resume",
  "extend",
  "start",
  "end",
]);

/** The persisted log the effective deadline is derived from; rows are only ever appended. */
export const clockAdjustments = pgTable(
  "clock_adjustments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    eventId: uuid("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    action: clockActionEnum("action").notNull(),
    minutes: integer("minutes"),
    at: timestamp("at", { withTimezone: true }).notNull(),
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [index("clock_adjustments_event_at_idx").on(t.eventId, t.at)],
);

/** Who an announcement is for: the whole hall, or the schools' teachers alone. */
export const announcementAudienceEnum = pgEnum("announcement_audience", ["everyone", "teachers"]);

export const announcements = pgTable(
  "announcements",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    eventId: uuid("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    text: text("text").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull(),
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
    audience: announcementAudienceEnum("audience").notNull().default("everyone"),
  },
  (t) => [index("announcements_event_at_idx").on(t.eventId, t.at)],
);
