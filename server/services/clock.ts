import { asc, desc, eq } from "drizzle-orm";
import type { Clock } from "../../shared/api";
import { type ClockAdjustment, clockActionProblem, computeClock } from "../../shared/rules/clock";
import type { ClockAction } from "../../shared/schemas/clock";
import type { Db } from "../db/client";
import { clockAdjustments, events, users } from "../db/schema";
import { AppError, notFound } from "../lib/problems";
import { audit } from "./audit";
import type { EventRow } from "./events";

export async function loadAdjustments(db: Db, eventId: string): Promise<ClockAdjustment[]> {
  const rows = await db
    .select()
    .from(clockAdjustments)
    .where(eq(clockAdjustments.eventId, eventId))
    .orderBy(asc(clockAdjustments.at));
  return rows.map((r) =>
    r.action === "extend"
      ? { action: "extend", at: r.at, minutes: r.minutes ?? 0 }
      : { action: r.action, at: r.at },
  );
}

/** The clock object of docs/design.md section 4 (HTTP API), as seen at `now`. */
export function clockFor(
  event: EventRow,
  adjustments: readonly ClockAdjustment[],
  now: Date,
): Clock {
  const state = computeClock(event, adjustments, now);
  return {
    serverTime: now.toISOString(),
    phase: state.phase,
    startsAt: event.startsAt.toISOString(),
    submissionsCloseAt: state.deadline.toISOString(),
    endsAt: state.endsAt.toISOString(),
    paused: state.paused,
    target: state.target ? state.target.toISOString() : null,
    remainingMs: state.remainingMs,
    version: event.clockVersion,
  };
}

export async function loadClock(db: Db, event: EventRow, now: Date): Promise<Clock> {
  return clockFor(event, await loadAdjustments(db, event.id), now);
}

/**
 * Pauses, resumes, extends, starts or ends the hacking clock. The event row is locked so that
 * two organizers pressing "pause" together record one pause; every change bumps the version.
 * Starting now moves the event's start time to now (registration must have closed); ending
 * now closes submissions at once.
 */
export async function adjustClock(
  db: Db,
  eventId: string,
  input: ClockAction,
  actorId: string,
  now: Date,
): Promise<{ event: EventRow; clock: Clock }> {
  return db.transaction(async (tx) => {
    const [event] = await tx.select().from(events).where(eq(events.id, eventId)).for("update");
    if (!event) throw notFound("event");
    const adjustments = await loadAdjustments(tx, event.id);
    const problem = clockActionProblem(input.action, computeClock(event, adjustments, now));
    if (problem) throw new AppError("invalid-clock-action", problem);
    await tx.insert(clockAdjustments).values({
      eventId: event.id,
      action: input.action,
      minutes: input.action === "extend" ? input.minutes! : null,
      at: now,
      actorId,
    });
    const [updated] = await tx
      .update(events)
      .set({
        clockVersion: event.clockVersion + 1,
        ...(input.action === "start" ? { startsAt: now } : {}),
      })
      .where(eq(events.id, event.id))
      .returning();
    await audit(tx, {
      eventId: event.id,
      actorId,
      action: `clock.${input.action}`,
      details:
        input.action === "extend"
          ? { minutes: input.minutes }
          : input.action === "start"
            ? { plannedStart: event.startsAt.toISOString() }
            : {},
    });
    const next: ClockAdjustment =
      input.action === "extend"
        ? { action: "extend", at: now, minutes: input.minutes! }
        : { action: input.action, at: now };
    return { event: updated!, clock: clockFor(updated!, [...adjustments, next], now) };
  });
}

/** The adjustment history for the organizer's clock page, newest first. */
export async function clockHistory(db: Db, eventId: string) {
  const rows = await db
    .select({
      id: clockAdjustments.id,
      action: clockAdjustments.action,
      minutes: clockAdjustments.minutes,
      at: clockAdjustments.at,
      by: users.name,
    })
    .from(clockAdjustments)
    .leftJoin(users, eq(users.id, clockAdjustments.actorId))
    .where(eq(clockAdjustments.eventId, eventId))
    .orderBy(desc(clockAdjustments.at));
  return rows.map((r) => ({ ...r, at: r.at.toISOString(), by: r.by ?? "an organizer" }));
}
