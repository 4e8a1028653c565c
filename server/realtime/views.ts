// Versioned in-memory views of what every screen asks for: the event by its address, its
// clock, the public event page, the submission count, announcements, the stage and the
// ceremony. A socket's snapshot and the public reads come from here, so a handshake or a
// display's first call costs no database read in the common case, however many arrive at once.
//
// A view is dropped when the publisher hears of a change to it (from this instance or, through
// the PostgreSQL adapter, another one), and read again on next use; concurrent readers share
// one read. As a safety net for writes made behind the app's back (a restore, a hand-run SQL
// statement), a view is also read again once it is older than MAX_AGE_MS.
import type { CeremonyState, StageState } from "../../shared/api";
import type { Announcement } from "../../shared/events";
import type { ClockAdjustment } from "../../shared/rules/clock";
import type { Db } from "../db/client";
import { listAnnouncements } from "../services/announcements";
import { ceremonyState } from "../services/ceremony";
import { clockFor, loadAdjustments } from "../services/clock";
import {
  type EventDetail,
  type EventRow,
  findEvent,
  findEventById,
  loadEventDetail,
} from "../services/events";
import { loadStageInputs, type StageInputs, stageAt } from "../services/stage";
import { submissionCount } from "../services/submissions";
import type { ChangeKind } from "./changes";

const MAX_AGE_MS = 30_000;

interface Entry<T> {
  value: Promise<T>;
  at: number;
}

/** One cached value per key, read at most once at a time. */
class Cache<T> {
  private readonly entries = new Map<string, Entry<T>>();
  get(key: string, load: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit && Date.now() - hit.at < MAX_AGE_MS) return hit.value;
    const value = load();
    const entry = { value, at: Date.now() };
    this.entries.set(key, entry);
    // A failed read is not kept: the next caller tries again.
    value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    return value;
  }
  drop(key: string) {
    this.entries.delete(key);
  }
  clear() {
    this.entries.clear();
  }
}

export interface EventViews {
  /** The event at this address; throws not-found for an unknown one. */
  event(slug: string): Promise<EventRow>;
  eventById(eventId: string): Promise<EventRow>;
  adjustments(eventId: string): Promise<ClockAdjustment[]>;
  clock(eventId: string, now: Date): Promise<ReturnType<typeof clockFor>>;
  /** What GET /api/events/:slug shows, before the phase is worked out for `now`. */
  detail(eventId: string): Promise<EventDetail>;
  submissions(eventId: string): Promise<number>;
  announcements(eventId: string): Promise<Announcement[]>;
  stage(eventId: string, now: Date): Promise<StageState>;
  ceremony(eventId: string): Promise<CeremonyState>;
  /** Drops what a change of this kind makes stale. */
  invalidate(eventId: string, kind: ChangeKind): void;
  clear(): void;
}

export function createEventViews(db: Db): EventViews {
  const bySlug = new Cache<EventRow>();
  const slugOf = new Map<string, string>();
  const byId = new Cache<EventRow>();
  const adjustments = new Cache<ClockAdjustment[]>();
  const details = new Cache<EventDetail>();
  const counts = new Cache<number>();
  const notices = new Cache<Announcement[]>();
  const stages = new Cache<StageInputs>();
  const ceremonies = new Cache<CeremonyState>();

  const views: EventViews = {
    event(slug) {
      const key = slug.toLowerCase();
      return bySlug.get(key, async () => {
        const event = await findEvent(db, key);
        slugOf.set(event.id, key);
        return event;
      });
    },
    eventById(eventId) {
      return byId.get(eventId, () => findEventById(db, eventId));
    },
    adjustments(eventId) {
      return adjustments.get(eventId, () => loadAdjustments(db, eventId));
    },
    async clock(eventId, now) {
      const [event, adjusted] = await Promise.all([
        views.eventById(eventId),
        views.adjustments(eventId),
      ]);
      return clockFor(event, adjusted, now);
    },
    detail(eventId) {
      return details.get(eventId, async () => loadEventDetail(db, await views.eventById(eventId)));
    },
    submissions(eventId) {
      return counts.get(eventId, () => submissionCount(db, eventId));
    },
    announcements(eventId) {
      return notices.get(eventId, () => listAnnouncements(db, eventId));
    },
    async stage(eventId, now) {
      return stageAt(await stages.get(eventId, () => loadStageInputs(db, eventId)), now);
    },
    ceremony(eventId) {
      return ceremonies.get(eventId, () => ceremonyState(db, eventId));
    },
    invalidate(eventId, kind) {
      const dropEvent = () => {
        byId.drop(eventId);
        const slug = slugOf.get(eventId);
        if (slug) bySlug.drop(slug);
        details.drop(eventId);
      };
      switch (kind) {
        case "event":
          dropEvent();
          adjustments.drop(eventId);
          stages.drop(eventId);
          break;
        case "clock":
          dropEvent();
          adjustments.drop(eventId);
          break;
        case "judging":
        case "feedback":
          // The lock and the feedback release are on the events row.
          dropEvent();
          break;
        case "submissions":
          counts.drop(eventId);
          // The stage shows project titles.
          stages.drop(eventId);
          break;
        case "announcement":
        case "announcement-removed":
          notices.drop(eventId);
          break;
        case "stage":
          stages.drop(eventId);
          break;
        case "ceremony":
          ceremonies.drop(eventId);
          break;
      }
    },
    clear() {
      for (const cache of [bySlug, byId, adjustments, details, counts, notices, stages, ceremonies])
        cache.clear();
      slugOf.clear();
    },
  };
  return views;
}
