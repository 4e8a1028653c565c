/**
 * Who may do what. Deny by default: an action is allowed only when a rule here says so.
 * The organizing team is small and trusted with every event, so organizers manage all events.
 */
import type { SessionUser } from "../../shared/schemas/session";

export type Action =
  | "event:create"
  | "event:list"
  | "event:update"
  | "category:manage"
  | "prize:manage"
  | "judge:manage"
  | "school:manage"
  | "password:reset"
  | "team:list"
  | "team:check-in"
  | "team:edit"
  | "consent:record"
  | "outbox:read"
  | "team:self"
  | "clock:adjust"
  | "announcement:post"
  | "submission:list"
  | "submission:history"
  | "submission:withdraw"
  | "score:save"
  | "leaderboard:read"
  | "scoring:lock"
  | "ceremony:run"
  | "backup:export"
  | "event:purge"
  | "stage:run"
  | "feedback:release"
  | "settings:manage"
  | "badges:print"
  | "photo-list:read";

const rules: Record<Action, (user: SessionUser) => boolean> = {
  "event:create": (u) => u.role === "organizer",
  "event:list": (u) => u.role === "organizer",
  "event:update": (u) => u.role === "organizer",
  "category:manage": (u) => u.role === "organizer",
  "prize:manage": (u) => u.role === "organizer",
  "judge:manage": (u) => u.role === "organizer",
  "school:manage": (u) => u.role === "organizer",
  // Organizers make reset links for teams and judges who lost their password.
  "password:reset": (u) => u.role === "organizer",
  "team:list": (u) => u.role === "organizer",
  "team:check-in": (u) => u.role === "organizer",
  // Organizers correct any team or member at any time; a team edits its own members (below).
  "team:edit": (u) => u.role === "organizer",
  "consent:record": (u) => u.role === "organizer",
  "outbox:read": (u) => u.role === "organizer",
  // A team account manages its own team only; the route finds the team from the session.
  "team:self": (u) => u.role === "team",
  "clock:adjust": (u) => u.role === "organizer",
  "announcement:post": (u) => u.role === "organizer",
  // Judges see only the submissions of teams they may score; the route filters them.
  "submission:list": (u) => u.role === "organizer" || u.role === "judge",
  "submission:history": (u) => u.role === "organizer",
  "submission:withdraw": (u) => u.role === "organizer",
  "score:save": (u) => u.role === "judge",
  // Before results are published no one but organizers sees totals or rankings.
  "leaderboard:read": (u) => u.role === "organizer",
  "scoring:lock": (u) => u.role === "organizer",
  "ceremony:run": (u) => u.role === "organizer",
  "backup:export": (u) => u.role === "organizer",
  "event:purge": (u) => u.role === "organizer",
  "stage:run": (u) => u.role === "organizer",
  // Organizers read every comment (with judge names) before releasing the shared ones.
  "feedback:release": (u) => u.role === "organizer",
  "settings:manage": (u) => u.role === "organizer",
  // Badges and the photographer's list name children: organizers only.
  "badges:print": (u) => u.role === "organizer",
  "photo-list:read": (u) => u.role === "organizer",
};

export function can(user: SessionUser | null, action: Action): boolean {
  return user !== null && (rules[action]?.(user) ?? false);
}
