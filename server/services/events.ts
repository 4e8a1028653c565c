import { asc, desc, eq, inArray } from "drizzle-orm";
import { type ClockAdjustment, timesInOrder } from "../../shared/rules/clock";
import type { EventCreate, EventUpdate } from "../../shared/schemas/event";
import type { Db } from "../db/client";
import { categories, criteria, events, prizes } from "../db/schema";
import { AppError, notFound, validationError } from "../lib/problems";
import { audit } from "./audit";
import { loadAdjustments } from "./clock";

export type EventRow = typeof events.$inferSelect;
export type CategoryRow = typeof categories.$inferSelect;
export type CriterionRow = typeof criteria.$inferSelect;
export type PrizeRow = typeof prizes.$inferSelect;

export interface EventDetail {
  event: EventRow;
  adjustments: ClockAdjustment[];
  categories: (CategoryRow & { criteria: CriterionRow[] })[];
  prizes: PrizeRow[];
}

function isUniqueViolation(error: unknown, constraint: string): boolean {
  const e = error as {
    code?: string;
    constraint_name?: string;
    constraint?: string;
    cause?: unknown;
  };
  if (e?.code === "23505") return (e.constraint_name ?? e.constraint) === constraint;
  return e?.cause ? isUniqueViolation(e.cause, constraint) : false;
}

export { isUniqueViolation };

export function isForeignKeyViolation(error: unknown): boolean {
  const e = error as { code?: string; cause?: unknown };
  if (e?.code === "23503") return true;
  return e?.cause ? isForeignKeyViolation(e.cause) : false;
}

// Any slug an event can have (shared/schemas/event.ts) has this shape; a string without it
// names no event and is not sent to the database.
const SLUG_SHAPE = /^[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$/;

export async function findEvent(db: Db, slug: string): Promise<EventRow> {
  if (slug.length > 100 || !SLUG_SHAPE.test(slug)) throw notFound("event");
  const [event] = await db.select().from(events).where(eq(events.slug, slug.toLowerCase()));
  if (!event) throw notFound("event");
  return event;
}

export async function findEventById(db: Db, id: string): Promise<EventRow> {
  const [event] = await db.select().from(events).where(eq(events.id, id));
  if (!event) throw notFound("event");
  return event;
}

export async function listEvents(db: Db): Promise<EventRow[]> {
  return db.select().from(events).orderBy(desc(events.startsAt));
}

/** The event's categories in their order, each with its criteria in theirs. */
export async function loadCategories(
  db: Db,
  eventId: string,
): Promise<(CategoryRow & { criteria: CriterionRow[] })[]> {
  const cats = await db
    .select()
    .from(categories)
    .where(eq(categories.eventId, eventId))
    .orderBy(asc(categories.position), asc(categories.name));
  const crits = cats.length
    ? await db
        .select()
        .from(criteria)
        .where(
          inArray(
            criteria.categoryId,
            cats.map((c) => c.id),
          ),
        )
        .orderBy(asc(criteria.position))
    : [];
  return cats.map((c) => ({ ...c, criteria: crits.filter((k) => k.categoryId === c.id) }));
}

export async function loadEventDetail(db: Db, event: EventRow): Promise<EventDetail> {
  const eventCategories = await loadCategories(db, event.id);
  const eventPrizes = await db
    .select()
    .from(prizes)
    .where(eq(prizes.eventId, event.id))
    .orderBy(asc(prizes.place));
  return {
    event,
    adjustments: await loadAdjustments(db, event.id),
    categories: eventCategories,
    prizes: eventPrizes,
  };
}

export async function createEvent(db: Db, input: EventCreate, actorId: string): Promise<EventRow> {
  try {
    return await db.transaction(async (tx) => {
      const [event] = await tx.insert(events).values(input).returning();
      await audit(tx, {
        eventId: event!.id,
        actorId,
        action: "event.created",
        details: { slug: input.slug },
      });
      return event!;
    });
  } catch (error) {
    if (isUniqueViolation(error, "events_slug_key")) {
      throw new AppError(
        "slug-taken",
        `Another event already uses the web address "${input.slug}".`,
        [{ path: "slug", message: "This web address is taken. Choose another." }],
      );
    }
    throw error;
  }
}

/** Edits an event; the merged times must still be in order. Changing times bumps the clock version. */
export async function updateEvent(
  db: Db,
  slug: string,
  input: EventUpdate,
  actorId: string,
): Promise<EventRow> {
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(events).where(eq(events.slug, slug)).for("update");
    if (!current) throw notFound("event");
    const merged = { ...current, ...input };
    const problems = timesInOrder(merged);
    if (problems.length)
      throw validationError(problems.map((p) => ({ path: p.path, message: p.message })));
    const timesChanged = (
      [
        "registrationOpensAt",
        "registrationClosesAt",
        "startsAt",
        "submissionsCloseAt",
        "endsAt",
      ] as const
    ).some((k) => input[k] !== undefined && input[k].getTime() !== current[k].getTime());
    const [event] = await tx
      .update(events)
      .set({
        ...input,
        clockVersion: timesChanged ? current.clockVersion + 1 : current.clockVersion,
      })
      .where(eq(events.id, current.id))
      .returning();
    await audit(tx, {
      eventId: current.id,
      actorId,
      action: "event.updated",
      details: { fields: Object.keys(input) },
    });
    return event!;
  });
}
