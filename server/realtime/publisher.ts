// One place maps what changed to who is told (STYLE.md 17). Services report changes; after the
// write commits, the caller hands them to publish(). For each change the publisher drops the
// views it makes stale and pushes the new state to the rooms that show it. With the PostgreSQL
// adapter, every change is also passed to the other instances, which do the same for their own
// sockets: pushes always go to this instance's sockets only (io.local), so each screen hears of
// each change once, from the instance it is connected to.
import { rooms } from "../../shared/events";
import { nextPhaseChange } from "../../shared/rules/clock";
import type { AppDeps } from "../context";
import { recordSavedCards } from "../services/judging";
import { schoolsOfTeam } from "../services/teachers";
import { type Change, ChangeSet, type Changes } from "./changes";
import type { IoServer } from "./io";
import type { JudgingFeed } from "./judgingFeed";
import type { EventViews } from "./views";

export interface Publisher {
  publish(changes: Change | readonly Change[]): void;
  /**
   * Runs a piece of work that reports its changes, and publishes them once it succeeded (the
   * work's transaction has committed by then). Nothing is published if it throws.
   */
  after<T>(work: (changes: Changes) => Promise<T>): Promise<T>;
  /** Handles a change another instance published. */
  receive(change: Change): void;
  /** A screen follows this event: make sure its next phase change will be pushed. */
  follow(eventId: string): void;
  /** Resolves once the pushes queued so far for an event went out (tests wait on it). */
  settled(eventId: string): Promise<void>;
  close(): void;
}

const MAX_DELAY_MS = 2 ** 31 - 1;

export function createPublisher(
  io: IoServer,
  deps: AppDeps,
  views: EventViews,
  feed: JudgingFeed,
  shared: boolean,
): Publisher {
  const local = (eventId: string) => io.local.to(rooms.event(eventId));
  const judges = (eventId: string) => io.local.to(rooms.judges(eventId));
  /** The submission count last pushed per event. */
  const counted = new Map<string, number>();
  const warn = (what: string) => (error: unknown) =>
    deps.logger.warn({ err: error }, `push failed: ${what}`);

  // Phases change on their own at planned instants (hacking starts, the deadline passes). One
  // timer per followed event pushes the new clock then, so screens need not poll. The timer
  // only nudges: the clock itself is always derived from the event and its adjustments.
  const phaseTimers = new Map<string, NodeJS.Timeout>();
  async function schedulePhaseChange(eventId: string): Promise<void> {
    clearTimeout(phaseTimers.get(eventId));
    phaseTimers.delete(eventId);
    const [event, adjustments] = await Promise.all([
      views.eventById(eventId),
      views.adjustments(eventId),
    ]);
    const now = deps.now();
    const next = nextPhaseChange(event, adjustments, now);
    if (!next) return;
    const delay = Math.min(MAX_DELAY_MS, next.getTime() - now.getTime() + 20);
    const timer = setTimeout(() => {
      phaseTimers.delete(eventId);
      if (io.of("/").adapter.rooms.get(rooms.event(eventId))?.size) void pushClock(eventId);
    }, delay);
    timer.unref();
    phaseTimers.set(eventId, timer);
  }

  async function pushClock(eventId: string) {
    local(eventId).emit("clock", await views.clock(eventId, deps.now()));
    await schedulePhaseChange(eventId);
  }

  async function pushStage(eventId: string) {
    local(eventId).emit("stage", await views.stage(eventId, deps.now()));
  }

  /** Pushes for one change, once its views were dropped. */
  async function push(change: Change): Promise<void> {
    const { eventId } = change;
    switch (change.kind) {
      case "event":
        await pushClock(eventId);
        await pushStage(eventId);
        break;
      case "clock":
        await pushClock(eventId);
        break;
      case "judging":
        await feed.update(eventId, change.saved?.after.key);
        // Anything but a judge's own save may change what judges see (panels, the lock) and
        // the organizers' list of judges (an invite, an edit of any field).
        if (!change.saved) {
          judges(eventId).emit("assignments:changed");
          io.local.to(rooms.organizers(eventId)).emit("judges:changed");
        }
        break;
      case "submissions": {
        // The count moves with a team's first project only; a second save changes the titles.
        const count = await views.submissions(eventId);
        if (counted.get(eventId) !== count) local(eventId).emit("submissions:count", { count });
        counted.set(eventId, count);
        await pushStage(eventId);
        // A judge's list shows each team's project.
        judges(eventId).emit("assignments:changed");
        break;
      }
      case "announcement": {
        const { audience, ...announcement } = change.announcement;
        // Teachers' news goes to their room and the organizers' alone: never to the hall.
        if (audience === "teachers")
          io.local
            .to([rooms.teachers(eventId), rooms.organizers(eventId)])
            .emit("teachers:announcement", announcement);
        else local(eventId).emit("announcement", announcement);
        break;
      }
      case "announcement-removed":
        if (change.audience === "teachers")
          io.local
            .to([rooms.teachers(eventId), rooms.organizers(eventId)])
            .emit("teachers:announcement:removed", { id: change.id });
        else local(eventId).emit("announcement:removed", { id: change.id });
        break;
      case "stage":
        await pushStage(eventId);
        break;
      case "ceremony":
        if (change.reveal) local(eventId).emit("ceremony:reveal", change.reveal);
        else local(eventId).emit("ceremony:state", await views.ceremony(eventId));
        break;
      case "feedback":
        local(eventId).emit("feedback:released", { releasedAt: change.releasedAt });
        break;
      case "outbox":
        io.local.to(rooms.organizers(eventId)).emit("outbox:changed");
        break;
      case "schools":
        io.local.to(rooms.organizers(eventId)).emit("schools:changed");
        break;
      case "teachers":
        io.local.to(rooms.organizers(eventId)).emit("teachers:changed");
        break;
      case "account":
        for (const session of change.sessions)
          io.local.to(rooms.session(session)).emit("account:changed");
        break;
      case "team":
        // The team's own pages, and the organizers' list of teams.
        io.local.to(rooms.team(change.teamId)).emit("team:changed", { teamId: change.teamId });
        io.local.to(rooms.organizers(eventId)).emit("teams:changed", { teamId: change.teamId });
        // The teachers of the team's schools, so a guardian's answer reaches them at once.
        for (const schoolId of await schoolsOfTeam(deps.db, change.teamId))
          io.local.to(rooms.school(schoolId)).emit("team:changed", { teamId: change.teamId });
        break;
    }
  }

  // Pushes of one event go out in the order of their changes: one that must read a view first
  // (the stage, the count) is never overtaken by a later one that need not.
  const queues = new Map<string, Promise<void>>();
  function handle(change: Change, remote: boolean) {
    const { eventId } = change;
    views.invalidate(eventId, change.kind);
    // Reads between now and the queued update below see the change (read your own writes).
    if (change.kind === "judging") feed.stale(eventId);
    // This instance's own saves are already in its cached state.
    if (remote && change.kind === "judging" && change.saved)
      recordSavedCards(deps.db, eventId, change.saved);
    const next = (queues.get(eventId) ?? Promise.resolve())
      .then(() => push(change))
      .catch(warn(change.kind));
    queues.set(eventId, next);
    void next.then(() => {
      if (queues.get(eventId) === next) queues.delete(eventId);
    });
  }

  const published = new WeakSet<object>();
  const publisher: Publisher = {
    publish(changes) {
      const list = Array.isArray(changes) ? changes : [changes as Change];
      // One refresh per event and kind is enough, except for messages that carry something.
      const seen = new Set<string>();
      for (const change of list) {
        // Saves written in one statement share one record: the first of them tells everyone.
        if (change.kind === "judging" && change.saved) {
          if (published.has(change.saved)) continue;
          published.add(change.saved);
        }
        const carries =
          change.kind === "announcement" ||
          change.kind === "announcement-removed" ||
          change.kind === "account" ||
          (change.kind === "judging" && change.saved) ||
          (change.kind === "ceremony" && change.reveal);
        // Each team's change is its own: its teachers and its own pages differ.
        const key = `${change.kind}:${change.eventId}${change.kind === "team" ? `:${change.teamId}` : ""}`;
        if (!carries && seen.has(key)) continue;
        seen.add(key);
        handle(change, false);
        if (shared) io.serverSideEmit("change", change);
      }
    },
    async after(work) {
      const changes = new ChangeSet();
      const result = await work(changes);
      publisher.publish(changes.list);
      return result;
    },
    receive(change) {
      handle(change, true);
    },
    follow(eventId) {
      if (!phaseTimers.has(eventId)) schedulePhaseChange(eventId).catch(warn("phase timer"));
    },
    settled(eventId) {
      return queues.get(eventId) ?? Promise.resolve();
    },
    close() {
      for (const timer of phaseTimers.values()) clearTimeout(timer);
      phaseTimers.clear();
    },
  };
  return publisher;
}
