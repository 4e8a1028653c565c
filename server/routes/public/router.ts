import { Router } from "express";
import type { CeremonyState } from "../../../shared/api";
import { computeClock } from "../../../shared/rules/clock";
import type { AppContext } from "../../context";
import { PreparedJson, sendPrepared } from "../../lib/preparedJson";
import { presentEvent } from "../../presenters/event";
import type { EventDetail } from "../../services/events";
import { param } from "../middleware";

/**
 * The public reads every screen makes first (the event page, the display, a phone opening the
 * app), under /api/events/:slug. Mounted before the session, body parsing and rate limits, which
 * they do not need, and answered from the versioned views (server/realtime/views.ts): no database
 * read, and each body written and compressed once per version of what it shows, so their cost
 * does not grow with the event or with the number of screens asking.
 */
export function publicReadsRouter(ctx: AppContext): Router {
  const router = Router({ mergeParams: true });

  // The event's body depends on the phase of the day too (what the page offers), so one per
  // phase of each version of the event.
  const events = new WeakMap<EventDetail, Map<string, PreparedJson>>();
  router.get("/", async (req, res) => {
    const event = await ctx.realtime.views.event(param(req, "slug"));
    const detail = await ctx.realtime.views.detail(event.id);
    const now = ctx.now();
    const phase = computeClock(detail.event, detail.adjustments, now).phase;
    let byPhase = events.get(detail);
    if (!byPhase) {
      byPhase = new Map();
      events.set(detail, byPhase);
    }
    let prepared = byPhase.get(phase);
    if (!prepared) {
      prepared = new PreparedJson({ event: presentEvent(detail, now) });
      byPhase.set(phase, prepared);
    }
    sendPrepared(req, res, prepared);
  });

  // The clock's remaining time changes every millisecond: worked out per request (it is small).
  router.get("/clock", async (req, res) => {
    const event = await ctx.realtime.views.event(param(req, "slug"));
    res.json(await ctx.realtime.views.clock(event.id, ctx.now()));
  });

  // Only what has been revealed; one body per version of the ceremony.
  const results = new WeakMap<CeremonyState, PreparedJson>();
  router.get("/results", async (req, res) => {
    const event = await ctx.realtime.views.event(param(req, "slug"));
    const state = await ctx.realtime.views.ceremony(event.id);
    let prepared = results.get(state);
    if (!prepared) {
      prepared = new PreparedJson({ awards: state.revealed, finished: state.finished });
      results.set(state, prepared);
    }
    sendPrepared(req, res, prepared);
  });

  return router;
}
