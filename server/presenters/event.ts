import type { CategoryView, EventSummary, EventView, PrizeView } from "../../shared/api";
import { type ClockAdjustment, computeClock } from "../../shared/rules/clock";
import type {
  CategoryRow,
  CriterionRow,
  EventDetail,
  EventRow,
  PrizeRow,
} from "../services/events";
import { purgeDueAt } from "../services/purge";

/** The public view of an event: no personal data, safe for anyone and the display. */
export function presentEvent(detail: EventDetail, now: Date): EventView {
  const { event } = detail;
  return {
    id: event.id,
    slug: event.slug,
    name: event.name,
    venue: event.venue,
    timezone: event.timezone,
    registrationOpensAt: event.registrationOpensAt.toISOString(),
    registrationClosesAt: event.registrationClosesAt.toISOString(),
    startsAt: event.startsAt.toISOString(),
    submissionsCloseAt: event.submissionsCloseAt.toISOString(),
    endsAt: event.endsAt.toISOString(),
    maxTeamSize: event.maxTeamSize,
    maxAge: event.maxAge,
    contact: { email: event.contactEmail, phone: event.contactPhone },
    phase: computeClock(event, detail.adjustments, now).phase,
    categories: detail.categories.map(presentCategory),
    prizes: detail.prizes.map(presentPrize),
  };
}

export function presentEventSummary(
  event: EventRow,
  adjustments: readonly ClockAdjustment[],
  now: Date,
): EventSummary {
  return {
    id: event.id,
    slug: event.slug,
    name: event.name,
    venue: event.venue,
    timezone: event.timezone,
    startsAt: event.startsAt.toISOString(),
    phase: computeClock(event, adjustments, now).phase,
    purgeDueAt: purgeDueAt(event).toISOString(),
    purgedAt: event.purgedAt?.toISOString() ?? null,
  };
}

export function presentCategory(
  category: CategoryRow & { criteria: CriterionRow[] },
): CategoryView {
  return {
    id: category.id,
    name: category.name,
    description: category.description,
    singleSchool: category.singleSchool,
    tieBreakCriterion: category.tieBreakCriterion,
    version: category.version,
    criteria: category.criteria.map((c) => ({
      id: c.id,
      name: c.name,
      description: c.description,
      weight: c.weight,
      maxScore: c.maxScore,
    })),
  };
}

export function presentPrize(prize: PrizeRow): PrizeView {
  return {
    id: prize.id,
    categoryId: prize.categoryId,
    place: prize.place,
    title: prize.title,
    sponsor: prize.sponsor,
    version: prize.version,
  };
}
