import { index, integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { events } from "./events";

/**
 * A school taking part in an event, with the one name every screen prints. Members and the
 * schools judges declare point at it, so the single-school rule and conflicts of interest
 * compare ids, and a rename shows everywhere at once.
 */
export const schools = pgTable(
  "schools",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    eventId: uuid("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    /** The display name, as the organizer wants it printed. */
    name: text("name").notNull(),
    /** Bumped by every rename; a rename names the version it changes. */
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("schools_event_idx").on(t.eventId)],
);

/**
 * Every spelling a school is known by, as its normalized key (shared/rules/schools.ts). A typed
 * name whose key is here joins that school; a merge moves the merged school's keys to the one
 * that stays, so an old spelling still finds it.
 */
export const schoolKeys = pgTable(
  "school_keys",
  {
    eventId: uuid("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    schoolId: uuid("school_id")
      .notNull()
      .references(() => schools.id, { onDelete: "cascade" }),
  },
  (t) => [
    primaryKey({ name: "school_keys_pkey", columns: [t.eventId, t.key] }),
    index("school_keys_school_idx").on(t.schoolId),
  ],
);
